// The estimator's downloads: the result as CSV (UTF-8 with BOM, for spreadsheet programs) or as JSON with its profile.

import { cnyFromFen, fenOf } from "./money.js";
import { STRINGS } from "./strings.js";
import { LANG, el, text } from "./ui.js";

export function downloadResult(format, profile, result) {
  const name = `${text("fileName")}.${format}`;
  const blob = format === "json"
    ? new Blob([JSON.stringify({ profile, result }, null, 2)], { type: "application/json" })
    : new Blob(["\ufeff" + resultCsv(result)], { type: "text/csv;charset=utf-8" });
  const url = URL.createObjectURL(blob);
  const link = el("a", { href: url, download: name, hidden: true });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}

export function resultCsv(result) {
  const cell = (value) => {
    const textValue = String(value ?? "");
    return /[",\n\r]/.test(textValue) ? `"${textValue.replace(/"/g, '""')}"` : textValue;
  };
  const kindLabel = { exact: text("kindExact"), maximum: text("kindMaximum"), unquantified: text("kindUnquantified") };
  const rows = [STRINGS.csvHeader[LANG]];
  for (const line of result.lines) {
    const reductions = (line.reductions || []).filter((reduction) => fenOf(reduction.amount_cny) !== 0n);
    const reduced = reductions.reduce((sum, reduction) => sum + fenOf(reduction.amount_cny), 0n);
    rows.push([line.article, line.rule, line.title, kindLabel[line.kind_of_amount] ?? line.kind_of_amount,
      line.amount_cny ?? "", line.amount_wan ?? "", reductions.length ? cnyFromFen(reduced) : "",
      reductions.map((reduction) => `${reduction.text} (${reduction.amount_cny})`).join("; "),
      (line.clauses || []).join(" ")]);
  }
  rows.push(["", "", text("csvBefore"), "", result.totals.before_cross_cutting_cny, "", "", "", ""]);
  rows.push(["", "", text("csvTotal"), kindLabel[result.total_kind_of_amount] ?? "", result.total_cny, result.total_wan, "", "", ""]);
  return rows.map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
}
