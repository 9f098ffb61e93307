// Drawing the engine's result: the total, the estimator's reduction summary, one line per rule with its reductions
// and steps, the notes/warnings/assumptions, and (print only) the values given. Engine text goes in as text.
// `view` is {article, data, fields}: the page's article (null for the estimator), inputs.json, the form's fields.

import { clauseLink } from "./clauses.js";
import { focusField } from "./error-summary.js";
import { isGiven } from "./export.js";
import { findArticle } from "./form.js";
import { cnyFromFen, displayFen, fenOf } from "./money.js";
import { nextSteps } from "./next-steps.js";
import { REASONS } from "./strings.js";
import { LANG, bilingual, el, text } from "./ui.js";
import { nearMissesNode, whyNotNode } from "./why-not.js";

// What comes off a line after its article's own amount (`computed_cny`) is the stages' reductions, which the engine
// appends after the kind's own (ceilings, progressive top-up, thresholds, 第十九条's per-issue and yearly ceilings, all
// already inside `computed_cny`): another year, before the policy date, exclusion, comprehensive support, take the
// higher (第十九条: the part of a city subsidy beyond what its combined cap deducted, "already_received"), an award's
// own ceiling per company and year (第二十三条). They are the last reductions of the line whose sum is computed −
// amount. 附则五 is on no line: one deduction from the company total (result.yearly_cap). Shown in this order:
/** @typedef {{ article: number | null, data: InputsData, fields: Map<string, import("./fields.js").Field> }} RenderView */
const STAGE_ORDER = ["other_year", "before_policy_date", "exclusion", "comprehensive_support", "take_higher", "already_received",
  "yearly_cap_per_rule"];

/** The nodes that show a valid result. */
/** @param {EstimateResult} result @param {RenderView} view */
export function renderResult(result, view) {
  const isEstimator = view.article === null;
  /** @type {(Node | string)[]} */
  const parts = [];
  const lines = result.lines || [];
  if (isEstimator) parts.push(renderPrintHeader(view.data));
  if (!lines.length) {
    parts.push(el("p", { class: "pc-placeholder" }, text("resultNoLines")));
  } else {
    parts.push(ineligibleNode(result, view.article));
    // "up to CNY 0" says nothing: a ceiling that came to nothing is just nothing.
    const maximum = result.total_kind_of_amount === "maximum" && fenOf(result.total_cny) !== 0n;
    parts.push(el("div", { class: "pc-summary" },
      el("p", { class: "pc-total-label" }, isEstimator ? text("totalCompany") : text("total")),
      el("p", { class: "pc-total", "data-total-cny": result.total_cny },
        maximum ? el("span", { class: "pc-up-to" }, `${text("upTo")} `) : "", result.total_display),
      el("p", { class: "pc-total-kind" }, maximum ? text("totalIsMaximum") : text("totalIsExact")),
      yearNode(result, isEstimator),
      // The widget has no totals table: 附则五's one deduction is said under the total (the lines keep their amounts).
      !isEstimator && result.yearly_cap && result.yearly_cap.applied
        ? el("p", { class: "pc-yearly-cap", "data-cny": result.yearly_cap.reduction_cny }, String(result.yearly_cap.text ?? ""),
          " ", clauseLink(result.yearly_cap.clause, view.article))
        : ""));
    if (isEstimator) parts.push(renderTotals(result));
    parts.push(el("ol", { class: "pc-lines" }, lines.map((line) => renderLine(line, view))));
    if (isEstimator) parts.push(nearMissesNode(result, (articleId) => numeral(view.data, articleId)));
  }
  /** @type {["notes" | "warnings" | "assumptions", CitedText[]][]} */
  const lists = [["notes", result.notes], ["warnings", result.warnings], ["assumptions", result.assumptions]];
  for (const [key, items] of lists) {
    if (!items || !items.length) continue;
    parts.push(el("div", { class: `pc-${key}` }, el("p", { class: "pc-list-title" }, text(key)),
      el("ul", {}, items.map((item) => el("li", {}, String(item.text ?? ""),
        item.clause ? [" ", clauseLink(item.clause, view.article)] : "", askFor(item, view.fields))))));
  }
  if (isEstimator) parts.push(renderGiven(view.fields));
  parts.push(el("p", { class: "pc-disclaimer" }, text("disclaimer")));
  return parts;
}

// A warning that an input is missing where it matters (the engine's `asks`) asks for it, with a link to its field on
// this form (issue 24). The fiscal contribution's link says what it is for.
/** @type {Record<string, import("./strings.js").StringKey>} */
const ASK_TEXT = { fiscal_contribution: "askFiscalContribution" };

/** @param {CitedText & { asks?: string[] }} warning @param {Map<string, import("./fields.js").FormField>} fields */
function askFor(warning, fields) {
  return (warning.asks ?? []).flatMap((input) => {
    const field = fields.get(input);
    if (!field) return [];
    const label = ASK_TEXT[input] ? text(ASK_TEXT[input]) : text("askField", { label: field.label });
    const link = el("a", { href: `#${field.control.id}`, class: "pc-ask-field", "data-ask": input }, label);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      focusField(field.control);
    });
    return [" ", link];
  });
}

/** Print only: what this is, when it was printed, and under which policy. */
/** @param {InputsData} data */
function renderPrintHeader(data) {
  const today = new Date();
  const date = [today.getFullYear(), today.getMonth() + 1, today.getDate()].map((n) => String(n).padStart(2, "0")).join("-");
  return el("div", { class: "pc-print-header" },
    el("p", { class: "pc-print-title" }, text("printTitle")),
    data.document ? el("p", {}, text("printPolicy", { title: bilingual(data.document.title) })) : "",
    el("p", {}, text("printDate", { date })));
}

/** Print only: what was filled in, as label and value, so the printout records the profile next to its result. */
/** @param {Map<string, import("./fields.js").Field>} fields */
function renderGiven(fields) {
  /** @type {HTMLTableRowElement[]} */
  const rows = [];
  for (const field of fields.values()) {
    if (!isGiven(field, fields)) continue;
    // A field's control is never a hidden input: it has its labels.
    const control = /** @type {import("./fields.js").Control & { labels: NodeListOf<HTMLLabelElement> }} */ (field.control);
    const shown = control.tagName === "SELECT" ? /** @type {HTMLSelectElement} */ (control).options[/** @type {HTMLSelectElement} */ (control).selectedIndex].text : field.raw;
    rows.push(el("tr", {}, el("th", { scope: "row" }, control.labels[0] ? control.labels[0].textContent : field.key), el("td", {}, shown)));
  }
  return el("div", { class: "pc-given" }, el("p", { class: "pc-list-title" }, text("given")),
    el("table", { class: "pc-given-table" }, el("tbody", {}, rows)));
}

/** The year the estimate is for and how it was chosen (result.year, result.year_source); the estimator says so also
 * when no date gives one, an article widget only when there is one. */
/** @param {EstimateResult} result @param {boolean} always */
export function yearNode(result, always) {
  if (result.year === null || result.year === undefined) {
    return always ? el("p", { class: "pc-year", "data-year": "" }, text("yearNone")) : "";
  }
  const others = (result.lines || []).some((line) => (line.why_not || []).some((reason) => reason.reason === "other_year"));
  const how = text(`yearHow_${result.year_source || "year"}`);
  return el("p", { class: "pc-year", "data-year": String(result.year), "data-year-source": result.year_source ?? "" },
    text("yearLine", { year: result.year, how }), others ? [LANG === "zh" ? "。" : ". ", text("yearOthers")] : "");
}

/** An excluded company (附则二、三, result.eligible false): the reasons, once each, before anything else. */
/** @param {EstimateResult} result @param {number | null} pageArticle */
function ineligibleNode(result, pageArticle) {
  if (result.eligible !== false) return "";
  /** @type {Map<string, WhyNot>} */
  const reasons = new Map();
  for (const line of result.lines || []) {
    for (const reason of line.why_not || []) {
      if (reason.reason === "excluded" && !reasons.has(reason.text)) reasons.set(reason.text, reason);
    }
  }
  if (!reasons.size) return "";
  return el("div", { class: "pc-ineligible", role: "note" },
    el("p", { class: "pc-list-title" }, text("ineligibleTitle")),
    el("ul", {}, [...reasons.values()].map((reason) => el("li", { "data-reason": reason.reason }, String(reason.text ?? ""),
      reason.clause ? [" ", clauseLink(reason.clause, pageArticle)] : ""))));
}

/**
 * The deductions from the articles' own amounts (computed_cny, summed: before_cross_cutting_cny) to the company total,
 * by reason, in fen: each line's stage reductions (their sum is that line's computed − amount), then 附则五 once, from
 * result.yearly_cap. before − these = total_cny, always. Also the kind's own reductions, already inside the amounts.
 */
/** @param {EstimateResult} result */
export function totalsBreakdown(result) {
  /** @type {Map<string, bigint>} */
  const stage = new Map();
  /** @type {Map<string, bigint>} */
  const within = new Map();
  /** @param {Map<string, bigint>} map @param {string} reason @param {bigint} fen */
  const add = (map, reason, fen) => { if (fen !== 0n) map.set(reason, (map.get(reason) || 0n) + fen); };
  for (const line of (result.lines || []).filter((entry) => entry.counts_toward_company_total)) {
    if (line.computed_cny === null || line.amount_cny === null) continue;
    const reductions = (line.reductions || []).filter((reduction) => fenOf(reduction.amount_cny) !== 0n);
    const afterComputed = fenOf(line.computed_cny) - fenOf(line.amount_cny);
    // The shortest tail of the reductions that sums to computed − amount (each is > 0, so there is at most one).
    let split = reductions.length;
    for (let sum = 0n; split > 0 && sum < afterComputed; split -= 1) sum += fenOf(reductions[split - 1].amount_cny);
    const tail = reductions.slice(split);
    const tailSum = tail.reduce((sum, reduction) => sum + fenOf(reduction.amount_cny), 0n);
    if (tailSum === afterComputed) {
      for (const reduction of tail) add(stage, reduction.reason, fenOf(reduction.amount_cny));
      for (const reduction of reductions.slice(0, split)) add(within, reduction.reason, fenOf(reduction.amount_cny));
    } else { // not the engine's shape: the difference still shows, under a name of its own
      add(stage, "other_stage", afterComputed);
      for (const reduction of reductions) add(within, reduction.reason, fenOf(reduction.amount_cny));
    }
  }
  /** @param {string} reason */
  const order = (reason) => (STAGE_ORDER.includes(reason) ? STAGE_ORDER.indexOf(reason) : STAGE_ORDER.length);
  /** @type {{ reason: string, fen: bigint, clause?: string }[]} */
  const rows = [...stage].sort(([a], [b]) => order(a) - order(b)).map(([reason, fen]) => ({ reason, fen }));
  const yearly = result.yearly_cap && result.yearly_cap.reduction_cny ? fenOf(result.yearly_cap.reduction_cny)
    : fenOf(result.totals.yearly_cap_reduction_cny ?? "0.00");
  if (yearly !== 0n) rows.push({ reason: "yearly_cap", fen: yearly, clause: result.yearly_cap?.clause ?? "s5-1" });
  return { rows, within };
}

/** Company total from the articles' own amounts to the final figure: each deduction by reason, 附则五 once. */
/** @param {EstimateResult} result */
function renderTotals(result) {
  const totals = result.totals;
  const { rows: deductions, within: withinSums } = totalsBreakdown(result);
  /** @param {string} reason */
  const reasonLabel = (reason) => (reason === "other_stage" ? text("otherStageReductions") : bilingual(REASONS[reason] || { zh: reason, en: reason }));
  const rows = [el("tr", { class: "pc-before" }, el("th", { scope: "row" }, text("beforeCross")),
    el("td", { "data-cny": totals.before_cross_cutting_cny }, displayFen(fenOf(totals.before_cross_cutting_cny))))];
  for (const { reason, fen, clause } of deductions) {
    rows.push(el("tr", { class: "pc-reduction-row", "data-reason": reason },
      el("th", { scope: "row" }, reasonLabel(reason), clause ? [" ", clauseLink(clause, null)] : ""),
      el("td", { "data-cny": cnyFromFen(fen) }, `− ${displayFen(fen)}`)));
  }
  rows.push(el("tr", { class: "pc-after" }, el("th", { scope: "row" }, text("totalCompany")),
    el("td", { "data-cny": result.total_cny }, result.total_display)));
  if (fenOf(totals.individual_awards_cny) !== 0n) {
    rows.push(el("tr", { class: "pc-individual" }, el("th", { scope: "row" }, text("individualTotal")),
      el("td", { "data-cny": totals.individual_awards_cny }, displayFen(fenOf(totals.individual_awards_cny)))));
  }
  const within = [...withinSums].map(([reason, fen]) => `${reasonLabel(reason)} − ${displayFen(fen)}`);
  return el("div", { class: "pc-totals-box" },
    el("table", { class: "pc-totals" },
      el("caption", {}, text("reductionSummary")),
      el("thead", {}, el("tr", {}, el("th", { scope: "col" }, text("reasonColumn")), el("th", { scope: "col" }, text("amountColumn")))),
      el("tbody", {}, rows)),
    within.length ? el("p", { class: "pc-within" }, text("withinArticles"), " ", within.join(LANG === "zh" ? "；" : "; ")) : "");
}

/** @param {InputsData} data @param {number} articleId */
function numeral(data, articleId) {
  const article = findArticle(data, articleId);
  return article ? article.numeral : String(articleId);
}

/** @param {ResultLine} line @param {RenderView} view */
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
    class: `pc-line pc-line-${kind}${line.blocked ? " pc-line-blocked" : ""}`, "data-rule": line.rule, "data-article": line.article,
    "data-amount-cny": line.amount_cny ?? "", "data-kind": kind, "data-clause": line.clause ?? "",
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
