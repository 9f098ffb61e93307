// "Why not, shown": a line that pays 0 or less than its cap says why next to its amount, with the gap, from the
// engine's why_not[] {reason, clause, gap_cny, text} (calculator/README.md); the estimator lists these near misses in
// their own section. Engine text is inserted as text.

import { clauseLink } from "./clauses.js";
import { fenOf } from "./money.js";
import { LANG, el, nextId, text } from "./ui.js";

/** The reasons a line pays less than it could: the engine's why_not, or (older engine) its zero-amount reductions. */
/** @param {ResultLine} line @returns {WhyNot[]} */
export function whyNotReasons(line) {
  if (Array.isArray(line.why_not)) return line.why_not;
  if (line.amount_cny === null || line.amount_cny === undefined || fenOf(line.amount_cny) !== 0n) return [];
  return (line.reductions || []).filter((reduction) => fenOf(reduction.amount_cny) === 0n)
    .map((reduction) => ({ reason: reduction.reason, clause: reduction.clause, gap_cny: null, text: reduction.text }));
}

/** @param {WhyNot} reason @param {number | null} pageArticle */
function reasonItem(reason, pageArticle) {
  // The engine's text already says the gap ("…，相差20万元"); gap_cny stays on the item for scripts and tests.
  return el("li", { "data-reason": reason.reason, "data-gap-cny": reason.gap_cny ?? "" },
    String(reason.text ?? ""), reason.clause ? [" ", clauseLink(reason.clause, pageArticle)] : "");
}

/** The why-not list shown under a line's amount, or "" when the line pays all it can. A line that 附则 leaves nothing
 * of (`blocked`: another year, before the policy date, exclusion, comprehensive support) gives only that reason. */
/** @param {ResultLine} line @param {number | null} pageArticle */
export function whyNotNode(line, pageArticle) {
  const reasons = whyNotReasons(line);
  if (!reasons.length) return "";
  return el("div", { class: `pc-why-not${line.blocked ? " pc-why-not-blocked" : ""}` },
    el("span", { class: "pc-why-not-label" }, text(line.blocked ? "blockedLabel" : "whyNotLabel")),
    el("ul", {}, reasons.map((reason) => reasonItem(reason, pageArticle))));
}

/** Whether a line is a near miss: it pays 0 or less than its cap for a reason more figures could change. Never a line
 * that 附则 leaves nothing of, nor any line of a company that cannot receive these awards (result.eligible false). */
/** @param {ResultLine} line @param {EstimateResult} result */
export function isNearMiss(line, result) {
  if (result.eligible === false || line.blocked) return false;
  return whyNotReasons(line).length > 0;
}

/** The estimator's near misses: every line that pays 0 or less than its cap, with why and how close. */
/** @param {EstimateResult} result @param {(article: number) => string} numeral */
export function nearMissesNode(result, numeral) {
  const lines = (result.lines || []).filter((line) => isNearMiss(line, result));
  if (!lines.length) return "";
  const titleId = `pc-near-misses-${nextId()}`;
  return el("section", { class: "pc-near-misses", "aria-labelledby": titleId },
    el("h3", { id: titleId, class: "pc-list-title" }, text("nearMissesTitle")),
    el("p", { class: "pc-near-misses-intro" }, text("nearMissesIntro")),
    el("ul", {}, lines.map((line) => el("li", { "data-rule": line.rule },
      el("span", { class: "pc-near-miss-head" },
        `${text("articleShort", { numeral: numeral(line.article), id: line.article })} ${line.title}`,
        line.item_label ? ` · ${line.item_label}` : "", `${LANG === "zh" ? "：" : ": "}${line.amount_display}`),
      el("ul", {}, whyNotReasons(line).map((reason) => reasonItem(reason, null)))))));
}
