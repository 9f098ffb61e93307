// The estimator's downloads: the result as CSV (UTF-8 with BOM, for spreadsheet programs) or as JSON with its profile.

import { cnyFromFen, fenOf, wanFromFen } from "./money.js";
import { citedClause, departmentsOf } from "./next-steps.js";
import { REASONS, STRINGS } from "./strings.js";
import { LANG, bilingual, el, text } from "./ui.js";

/** `view` is {data, fields}: inputs.json and the form's fields (the CSV lists what was filled in). */
/** @typedef {{ data: InputsData, fields: Map<string, import("./fields.js").Field> }} ResultView */
/** @param {"csv" | "json"} format @param {PageProfile | null} profile @param {EstimateResult} result @param {ResultView} view */
export function downloadResult(format, profile, result, view) {
  const name = `${text("fileName")}.${format}`;
  const blob = format === "json"
    ? new Blob([JSON.stringify({ profile, result }, null, 2)], { type: "application/json" })
    : new Blob(["\ufeff" + resultCsv(result, view)], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

/** Whether a field is part of what was given: filled in, or the source of another policy's amount that is filled in
 * (its empty value is a city policy, which the amount needs to be read). */
/** @param {import("./fields.js").Field} field @param {Map<string, import("./fields.js").Field>} fields */
export function isGiven(field, fields) {
  if (field.raw !== "") return true;
  return field.group === "other-source" && (fields.get(`other:${field.ruleId}`)?.raw ?? "") !== "";
}

/** What was filled in, as [label, value] rows (a dropdown's chosen label, not its id). */
/** @param {Map<string, import("./fields.js").Field>} fields */
export function givenRows(fields) {
  /** @type {string[][]} */
  const rows = [];
  for (const field of fields.values()) {
    if (!isGiven(field, fields)) continue;
    const control = field.control;
    const shown = control.tagName === "SELECT" ? /** @type {HTMLSelectElement} */ (control).options[/** @type {HTMLSelectElement} */ (control).selectedIndex].text : field.raw;
    rows.push([field.label ?? field.key, shown]);
  }
  return rows;
}

/** One row per line (with its department and the clauses as cited), the totals, then the inputs, one per row. */
/** @param {EstimateResult} result @param {ResultView} view */
export function resultCsv(result, view) {
  /** @param {unknown} value */
  const cell = (value) => {
    const textValue = String(value ?? "");
    return /[",\n\r]/.test(textValue) ? `"${textValue.replace(/"/g, '""')}"` : textValue;
  };
  /** @type {Record<string, string>} */
  const kindLabel = { exact: text("kindExact"), maximum: text("kindMaximum"), unquantified: text("kindUnquantified") };
  /** @type {(string | number)[][]} */
  const rows = [STRINGS.csvHeader[LANG]];
  for (const line of result.lines) {
    const reductions = (line.reductions || []).filter((reduction) => fenOf(reduction.amount_cny) !== 0n);
    const reduced = reductions.reduce((sum, reduction) => sum + fenOf(reduction.amount_cny), 0n);
    rows.push([line.article, line.rule, line.item_label ? `${line.title} · ${line.item_label}` : line.title, kindLabel[line.kind_of_amount] ?? line.kind_of_amount,
      line.amount_cny ?? "", line.amount_wan ?? "", reductions.length ? cnyFromFen(reduced) : "",
      reductions.map((reduction) => `${reduction.text} (${reduction.amount_cny})`).join("; "),
      // The clauses this line's computation cited (clauses_applied), not every clause of the article.
      (line.clauses_applied ?? [line.clause ?? (line.clauses || [])[0]]).filter(Boolean).map((clause) => citedClause(/** @type {string} */ (clause)))
        .join(LANG === "zh" ? "；" : "; "),
      departmentsOf(line.article, view.data)]);
  }
  rows.push(["", "", text("csvBefore"), "", result.totals.before_cross_cutting_cny, "", "", "", "", ""]);
  // 附则五 once, at the total (the lines keep their own amounts): the lines' amounts − this row = the total.
  const yearly = result.yearly_cap;
  if (yearly && fenOf(yearly.reduction_cny) !== 0n) {
    const fen = fenOf(yearly.reduction_cny);
    rows.push(["", "", bilingual(REASONS.yearly_cap), "", cnyFromFen(-fen), wanFromFen(-fen), cnyFromFen(fen), String(yearly.text ?? ""),
      citedClause(yearly.clause), ""]);
  }
  rows.push(["", "", text("csvTotal"), kindLabel[result.total_kind_of_amount] ?? "", result.total_cny, result.total_wan, "", "", "", ""]);
  rows.push(["", "", text("csvYear"), "", result.year ?? "", "", "", "", "", ""]);
  rows.push([]);
  rows.push(STRINGS.csvInputsHeader[LANG]);
  rows.push(...givenRows(view.fields));
  return rows.map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}
