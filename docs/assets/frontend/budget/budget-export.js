// The budget page's downloads: the batch's results as CSV (one company a row, for a spreadsheet) and as JSON (exactly
// `python -m calculator batch FILE --json`: {companies: [...], summary: {...}}). Made in the page from what the
// worker returned; nothing is sent anywhere.
//
// A spreadsheet runs a cell that starts with = + - @ (or a tab or carriage return before them) as a formula, and a
// file's firm names and texts come from whoever wrote the file: every such cell is written with a leading apostrophe,
// which shows it as text. Plain numbers (a negative difference, "-1200.00") are left as they are.

const FORMULA_START = /^[=+\-@\t\r]/;
const PLAIN_NUMBER = /^[+-]?\d+(\.\d+)?$/;

/** A cell a spreadsheet would run as a formula, made inert (a leading apostrophe); others unchanged. */
/** @param {unknown} value */
export function inertCell(value) {
  const text = value === null || value === undefined ? "" : String(value);
  return FORMULA_START.test(text) && !PLAIN_NUMBER.test(text) ? `'${text}` : text;
}

/** @param {unknown} value */
function csvCell(value) {
  const text = inertCell(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** The results as CSV text (with a byte-order mark, so that Excel reads it as UTF-8). `lang` picks the error texts. */
/** @param {BatchRecord[]} records @param {{ reform: Reform | null, lang: Lang }} options */
export function resultsCsv(records, { reform, lang }) {
  const header = ["row", "firm", "valid", "total_cny"];
  if (reform) header.push("reform_total_cny", "delta_cny");
  header.push("awards", "errors");
  const lines = [header.join(",")];
  for (const record of records) {
    const awards = record.lines.filter((line) => line.counted && line.amount_cny !== null)
      .map((line) => `${line.rule}${line.item ? `[${line.item}]` : ""}: ${line.amount_cny}`).join("; ");
    const errors = record.errors.map((error) => `${error.field || "-"}: ${error[lang] ?? error.zh}`).join("; ");
    const cells = [record.row, record.firm, record.valid ? "true" : "false", record.total_cny ?? ""];
    if (reform) cells.push(record.reform_total_cny ?? "", record.delta_cny ?? "");
    cells.push(awards, errors);
    lines.push(cells.map(csvCell).join(","));
  }
  return `\ufeff${lines.join("\r\n")}\r\n`;
}

/** The results as JSON text, in the shape the command line prints. */
/** @param {BatchRecord[]} records @param {BatchSummary} summary */
export function resultsJson(records, summary) {
  return `${JSON.stringify({ companies: records, summary }, null, 1)}\n`;
}

/** Offers `text` as a file to save (an object URL, released once the download has started). */
/** @param {string} text @param {string} fileName @param {string} type */
export function download(text, fileName, type) {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
