// Links from results to the clauses they cite: on the same page as an anchor, otherwise to the page of the article
// or of the provision of the Supplementary Provisions, in this language.

import { LANG, LANG_ROOT, el, text } from "./ui.js";

/** @param {string} clauseId */
function clauseLabel(clauseId) {
  const kind = clauseId[0];
  const number = clauseId.slice(1);
  if (kind === "a") return number;
  if (kind === "s") return (LANG === "zh" ? "附则" : "S") + number;
  return clauseId;
}

/** @param {string} clauseId @param {number | null} pageArticle */
function clauseHref(clauseId, pageArticle) {
  const article = /^a(\d+)-\d+$/.exec(clauseId);
  if (article) {
    if (pageArticle !== null && Number(article[1]) === pageArticle) return `#${clauseId}`;
    return new URL(`articles/${article[1]}/#${clauseId}`, LANG_ROOT).href;
  }
  const provision = /^s(\d+)-\d+$/.exec(clauseId);
  if (provision) return new URL(`supplementary/${provision[1]}/#${clauseId}`, LANG_ROOT).href;
  return null;
}

/** A link (or, for a clause without a page, a label) to `clauseId`; `pageArticle` is this page's article or null. */
/** @param {string} clauseId @param {number | null} pageArticle */
export function clauseLink(clauseId, pageArticle) {
  const href = clauseHref(clauseId, pageArticle);
  const label = text("clause", { label: clauseLabel(clauseId) });
  return href ? el("a", { class: "pc-clause", href }, label) : el("span", { class: "pc-clause" }, label);
}
