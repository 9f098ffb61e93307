// Drawing the engine's result: the total, the estimator's reduction summary, one line per rule with its reductions
// and steps, the notes/warnings/assumptions, and (print only) the values given. Engine text goes in as text.
// `view` is {article, data, fields}: the page's article (null for the estimator), inputs.json, the form's fields.

import { clauseLink } from "./clauses.js";
import { findArticle } from "./form.js";
import { cnyFromFen, displayFen, fenOf } from "./money.js";
import { nextSteps } from "./next-steps.js";
import { REASONS } from "./strings.js";
import { LANG, bilingual, el, text } from "./ui.js";
import { nearMissesNode, whyNotNode } from "./why-not.js";

// Reductions made by the Supplementary Provisions after each article's own amount (the engine's reduction reasons);
// the others (ceilings, progressive top-up, thresholds) are already inside the articles' amounts.
const CROSS_CUTTING_REASONS = new Set(["exclusion", "comprehensive_support", "take_higher", "yearly_cap"]);

/** The nodes that show a valid result. */
export function renderResult(result, view) {
  const isEstimator = view.article === null;
  const parts = [];
  const lines = result.lines || [];
  if (isEstimator) parts.push(renderPrintHeader(view.data));
  if (!lines.length) {
    parts.push(el("p", { class: "pc-placeholder" }, text("resultNoLines")));
  } else {
    // "up to CNY 0" says nothing: a ceiling that came to nothing is just nothing.
    const maximum = result.total_kind_of_amount === "maximum" && fenOf(result.total_cny) !== 0n;
    parts.push(el("div", { class: "pc-summary" },
      el("p", { class: "pc-total-label" }, isEstimator ? text("totalCompany") : text("total")),
      el("p", { class: "pc-total", "data-total-cny": result.total_cny },
        maximum ? el("span", { class: "pc-up-to" }, `${text("upTo")} `) : "", result.total_display),
      el("p", { class: "pc-total-kind" }, maximum ? text("totalIsMaximum") : text("totalIsExact"))));
    if (isEstimator) parts.push(renderTotals(result));
    parts.push(el("ol", { class: "pc-lines" }, lines.map((line) => renderLine(line, view))));
    if (isEstimator) parts.push(nearMissesNode(result, (articleId) => numeral(view.data, articleId)));
  }
  const lists = [["notes", result.notes], ["warnings", result.warnings], ["assumptions", result.assumptions]];
  for (const [key, items] of lists) {
    if (!items || !items.length) continue;
    parts.push(el("div", { class: `pc-${key}` }, el("p", { class: "pc-list-title" }, text(key)),
      el("ul", {}, items.map((item) => el("li", {}, String(item.text ?? ""),
        item.clause ? [" ", clauseLink(item.clause, view.article)] : "")))));
  }
  if (isEstimator) parts.push(renderGiven(view.fields));
  parts.push(el("p", { class: "pc-disclaimer" }, text("disclaimer")));
  return parts;
}

/** Print only: what this is, when it was printed, and under which policy. */
function renderPrintHeader(data) {
  const today = new Date();
  const date = [today.getFullYear(), today.getMonth() + 1, today.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
  return el("div", { class: "pc-print-header" },
    el("p", { class: "pc-print-title" }, text("printTitle")),
    data.document ? el("p", {}, text("printPolicy", { title: bilingual(data.document.title) })) : "",
    el("p", {}, text("printDate", { date })));
}

/** Print only: what was filled in, as label and value, so the printout records the profile next to its result. */
function renderGiven(fields) {
  const rows = [];
  for (const field of fields.values()) {
    if (field.raw === "") continue;
    const control = field.control;
    const shown = control.tagName === "SELECT" ? control.options[control.selectedIndex].text : field.raw;
    rows.push(el("tr", {}, el("th", { scope: "row" }, control.labels[0] ? control.labels[0].textContent : field.key), el("td", {}, shown)));
  }
  return el("div", { class: "pc-given" }, el("p", { class: "pc-list-title" }, text("given")),
    el("table", { class: "pc-given-table" }, el("tbody", {}, rows)));
}

/** Company total from the articles' own amounts to the final figure: each cross-cutting reduction, summed. */
function renderTotals(result) {
  const totals = result.totals;
  const counted = result.lines.filter((line) => line.counts_toward_company_total);
  const sums = (reasons) => {
    const byReason = new Map();
    for (const line of counted) {
      for (const reduction of line.reductions || []) {
        const fen = fenOf(reduction.amount_cny);
        if (fen === 0n || !reasons(reduction.reason)) continue;
        byReason.set(reduction.reason, (byReason.get(reduction.reason) || 0n) + fen);
      }
    }
    return byReason;
  };
  const reasonLabel = (reason) => bilingual(REASONS[reason] || { zh: reason, en: reason });
  const rows = [el("tr", { class: "pc-before" }, el("th", { scope: "row" }, text("beforeCross")),
    el("td", { "data-cny": totals.before_cross_cutting_cny }, displayFen(fenOf(totals.before_cross_cutting_cny))))];
  for (const [reason, fen] of sums((reason) => CROSS_CUTTING_REASONS.has(reason))) {
    rows.push(el("tr", { class: "pc-reduction-row", "data-reason": reason },
      el("th", { scope: "row" }, reasonLabel(reason)),
      el("td", { "data-cny": cnyFromFen(fen) }, `− ${displayFen(fen)}`)));
  }
  rows.push(el("tr", { class: "pc-after" }, el("th", { scope: "row" }, text("totalCompany")),
    el("td", { "data-cny": result.total_cny }, result.total_display)));
  if (fenOf(totals.individual_awards_cny) !== 0n) {
    rows.push(el("tr", { class: "pc-individual" }, el("th", { scope: "row" }, text("individualTotal")),
      el("td", { "data-cny": totals.individual_awards_cny }, displayFen(fenOf(totals.individual_awards_cny)))));
  }
  const within = [...sums((reason) => !CROSS_CUTTING_REASONS.has(reason))]
    .map(([reason, fen]) => `${reasonLabel(reason)} − ${displayFen(fen)}`);
  return el("div", { class: "pc-totals-box" },
    el("table", { class: "pc-totals" },
      el("caption", {}, text("reductionSummary")),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, text("reasonColumn")), el("th", { scope: "col" }, text("amountColumn")))),
      el("tbody", {}, rows)),
    within.length ? el("p", { class: "pc-within" }, text("withinArticles"), " ", within.join(LANG === "zh" ? "；" : "; ")) : "");
}

function numeral(data, articleId) {
  const article = findArticle(data, articleId);
  return article ? article.numeral : String(articleId);
}

function renderLine(line, view) {
  const kind = line.kind_of_amount;
  const badgeKey = kind === "exact" ? "kindExact" : kind === "maximum" ? "kindMaximum" : "kindUnquantified";
  const articleLabel = view.article === null || line.article !== view.article
    ? el("span", { class: "pc-line-article" }, text("articleShort", { numeral: numeral(view.data, line.article), id: line.article }))
    : "";
  const upTo = kind === "maximum" && line.amount_cny !== null && fenOf(line.amount_cny) !== 0n;
  const amount = kind === "unquantified"
    ? el("span", { class: "pc-amount pc-amount-unquantified" }, String(line.amount_display))
    : el("span", { class: "pc-amount" }, upTo ? `${text("upTo")} ` : "", String(line.amount_display));
  const reductions = (line.reductions || []).filter((reduction) => fenOf(reduction.amount_cny) !== 0n);
  return el("li", {
    class: `pc-line pc-line-${kind}`, "data-rule": line.rule, "data-article": line.article,
    "data-amount-cny": line.amount_cny ?? "", "data-kind": kind,
  },
  el("div", { class: "pc-line-head" },
    articleLabel, el("span", { class: "pc-line-title" }, String(line.title), line.item_label ? el("span", { class: "pc-line-item" }, ` · ${line.item_label}`) : ""),
    el("span", { class: `pc-badge pc-badge-${kind}` }, text(badgeKey)), amount),
  whyNotNode(line, view.article),
  reductions.length ? el("ul", { class: "pc-reductions", "aria-label": text("reductions") },
    reductions.map((reduction) => el("li", { "data-reason": reduction.reason },
      `− ${displayFen(fenOf(reduction.amount_cny))}${LANG === "zh" ? "：" : ": "}${reduction.text}`,
      reduction.clause ? [" ", clauseLink(reduction.clause, view.article)] : ""))) : "",
  nextSteps(line, view.data),
  el("details", { class: "pc-steps" }, el("summary", {}, text("steps")),
    el("ol", {}, (line.explanation || []).map((step) => el("li", {}, String(step.text),
      step.clause ? [" ", clauseLink(step.clause, view.article)] : "")))));
}
