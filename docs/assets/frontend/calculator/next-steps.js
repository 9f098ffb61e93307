// Next steps under each result line: the department responsible for the article (policy.yaml `departments`), the
// clause to cite, as the pages' citations cite it ("第三条第二句（本站按句编号：3-2）": the policy does not number the
// sentences of an article, so the citation says the numbering is this site's; site_build/citations.py), the article's
// line on the "how to apply" page (附则（一）: each department's own implementing measures; apply/#article-N), and the
// methodology's list of departments by article (whom to ask). Nothing the policy does not say: no addresses,
// deadlines or procedures.

import { LANG, LANG_ROOT, el, text } from "./ui.js";

const DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];

/** 1..99 in Chinese numerals, as the policy numbers its articles (and this site their sentences): 2 -> 二, 12 -> 十二. */
/** @param {number} n */
export function chineseNumber(n) {
  if (n < 10) return DIGITS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? "" : DIGITS[tens]}十${ones ? DIGITS[ones] : ""}`;
}

/** "a3-2" -> zh "第三条第二句（本站按句编号：3-2）", en "Article 3, sentence 2 (this site's numbering: 3-2)";
 *  "s5-1" -> "附则（五）第一句（本站按句编号：附则5-1）", "Provision 5, sentence 1 (this site's numbering: S5-1)". */
/** @param {string} clauseId @param {Lang} [lang] */
export function citedClause(clauseId, lang = LANG) {
  const article = /^a(\d+)-(\d+)$/.exec(clauseId);
  if (article) {
    const [, number, sentence] = article.map(Number);
    return lang === "zh"
      ? `第${chineseNumber(number)}条第${chineseNumber(sentence)}句（本站按句编号：${number}-${sentence}）`
      : `Article ${number}, sentence ${sentence} (this site's numbering: ${number}-${sentence})`;
  }
  const provision = /^s(\d+)-(\d+)$/.exec(clauseId);
  if (provision) {
    const [, number, sentence] = provision.map(Number);
    return lang === "zh"
      ? `附则（${chineseNumber(number)}）第${chineseNumber(sentence)}句（本站按句编号：附则${number}-${sentence}）`
      : `Provision ${number}, sentence ${sentence} (this site's numbering: S${number}-${sentence})`;
  }
  return clauseId;
}

/** The departments responsible for an article, in the page language, joined. */
/** @param {number} articleId @param {InputsData} data @param {Lang} [lang] */
export function departmentsOf(articleId, data, lang = LANG) {
  const article = data.articles.find((entry) => entry.id === articleId);
  const separator = lang === "zh" ? "、" : "; ";
  return (article?.departments || []).map((department) => department[lang] ?? department.zh).join(separator);
}

export const CONTACTS_URL = () => new URL("methodology/#ask", LANG_ROOT).href;
export const APPLY_URL = (/** @type {number} */ articleId) => new URL(`apply/#article-${articleId}`, LANG_ROOT).href;

/** The "next steps" line of one result line: department · clause · whom to ask. */
/** @param {ResultLine} line @param {InputsData} data */
export function nextSteps(line, data) {
  const departments = departmentsOf(line.article, data);
  // The clause of the branch that fired (第三条 a key-industry project: 3-2), not the article's first clause.
  const clause = line.clause ?? (line.clauses || [])[0];
  const separator = () => el("span", { class: "pc-next-sep", "aria-hidden": "true" }, " · ");
  return el("p", { class: "pc-next" },
    el("span", { class: "pc-next-title" }, `${text("nextSteps")}${LANG === "zh" ? "：" : ": "}`),
    departments ? [el("span", { class: "pc-next-department" }, text("nextDepartment", { departments })), separator()] : "",
    clause ? [el("span", { class: "pc-next-clause" }, text("nextClause", { clause: citedClause(clause) })), separator()] : "",
    el("a", { href: APPLY_URL(line.article), class: "pc-next-apply" }, text("nextApply")), separator(),
    el("a", { href: CONTACTS_URL(), class: "pc-next-contacts" }, text("nextContacts")));
}
