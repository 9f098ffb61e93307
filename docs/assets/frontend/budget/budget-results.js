// The budget page's results, drawn from the batch's records and summary (calculator/_batch.py): the totals (with a
// change: beside today's, the difference and how many companies gain or lose), a table by article, the distribution
// of the companies' gains, the companies (sortable, a page at a time) and the rows that failed, with their reasons.
// Amounts stay exact: the engine's strings, summed as fen (money.js). Text from the file only ever goes into text
// nodes.

import { displayFen, fenOf } from "../calculator/money.js";
import { LANG, el, groupedDigits } from "../calculator/ui.js";

const PAGE_ROWS = 50;
const BINS = 8;

/** An amount with its sign: "+837.38万元", "CNY +8,373,800" (displayFen writes "CNY -8,373,800"). */
/** @param {bigint} fen */
function signed(fen) {
  if (fen <= 0n) return displayFen(fen);
  const shown = displayFen(fen);
  return shown.startsWith("CNY ") ? `CNY +${shown.slice(4)}` : `+${shown}`;
}

/** @param {"td" | "th" | "dd"} tag @param {bigint} fen @param {import("../calculator/ui.js").Attributes} [attributes] */
function amountCell(tag, fen, attributes = {}) {
  return el(tag, { class: "budget-amount", ...attributes }, displayFen(fen));
}

/** A figure in yuan (a Number, used for bins only: the amounts shown are the exact fen). */
/** @param {bigint} fen */
function yuan(fen) {
  return Number(fen) / 100;
}

/** A "nice" bin width in yuan (1, 2 or 5 times a power of ten) that splits `span` into at most BINS bins. */
/** @param {number} span */
function binWidth(span) {
  const raw = span / BINS;
  const power = 10 ** Math.floor(Math.log10(raw));
  return [1, 2, 5, 10].map((step) => step * power).find((width) => width * BINS >= span) ?? 10 * power;
}

export class BudgetResults {
  /** @param {HTMLElement} root @param {BudgetSay} say @param {{ articles: Record<string, string>, articleLabels: Record<string, string> }} links */
  constructor(root, say, { articles, articleLabels }) {
    this.root = root;
    this.say = say;
    this.articles = articles; // article id -> href of its page
    this.articleLabels = articleLabels;
    /** @type {BudgetCompany[]} */
    this.companies = [];
    /** @type {BatchRecord[]} */
    this.failed = [];
    /** @type {{ key: BudgetSortKey, descending: boolean }} */
    this.sort = { key: "total", descending: true };
    this.shown = PAGE_ROWS;
    this.failedShown = PAGE_ROWS;
  }

  /** @param {string} message */
  clear(message) {
    this.root.replaceChildren(el("p", { class: "budget-results-empty" }, message));
  }

  /** A new batch's records will come (`take`), the last results stay shown until `show`. */
  begin() {
    /** @type {{ companies: BudgetCompany[], failed: BatchRecord[] }} */
    this.pending = { companies: [], failed: [] };
  }

  /** Records as they arrive from the worker: their amounts are read now, so that `show` has only to sort and draw. */
  /** @param {BatchRecord[]} records */
  take(records) {
    for (const record of records) {
      if (!record.valid) {
        this.pending.failed.push(record);
        continue;
      }
      const company = /** @type {BudgetCompany} reformTotal and delta are set below when the batch has a change */ ({ record, total: fenOf(record.total_cny) });
      if (record.reform_total_cny !== undefined) {
        company.reformTotal = fenOf(record.reform_total_cny);
        company.delta = fenOf(record.delta_cny);
      }
      this.pending.companies.push(company);
    }
  }

  /**
   * Draws the results of the records taken since `begin`. `summary`: the batch's summary, `source`: what was read
   * ({label, synthetic}), `changes`: the change described, one string each (empty without a change).
   */
  /** @param {{ summary: BatchSummary, source: BudgetSource, changes: string[], onDownload: (kind: "csv" | "json") => void }} shown */
  show({ summary, source, changes, onDownload }) {
    const reform = summary.reform ?? null;
    /** @type {BudgetReform | null} */
    this.reform = reform;
    ({ companies: this.companies, failed: this.failed } = this.pending);
    this.sort = reform ? { key: "delta", descending: true } : { key: "total", descending: true };
    this.shown = PAGE_ROWS;
    this.failedShown = PAGE_ROWS;
    const parts = [
      el("p", { class: "budget-source" }, this.say(source.synthetic ? "source_synthetic" : "source_file", {
        name: source.label, companies: summary.companies, valid: summary.valid, failed: summary.failed })),
      this.totals(summary, reform, changes),
      el("h3", { id: "by-article" }, this.say("by_article_title")),
      this.byArticle(summary, reform),
    ];
    if (reform) parts.push(el("h3", { id: "gains" }, this.say("gains_title")), this.gains());
    parts.push(el("h3", { id: "by-company" }, this.say("companies_title")));
    /** @type {HTMLDivElement} */
    this.companiesBox = el("div", { class: "budget-companies" });
    parts.push(this.companiesBox);
    if (this.failed.length) {
      parts.push(el("h3", { id: "failed" }, this.say("failed_title", { count: this.failed.length })));
      /** @type {HTMLDivElement} */
      this.failedBox = el("div", { class: "budget-failed" });
      parts.push(this.failedBox);
    }
    parts.push(el("h3", { id: "downloads" }, this.say("downloads_title")), this.downloads(onDownload));
    this.root.replaceChildren(...parts);
    this.drawCompanies();
    if (this.failed.length) this.drawFailed();
  }

  /** @param {BatchSummary} summary @param {BudgetReform | null} reform @param {string[]} changes */
  totals(summary, reform, changes) {
    const total = fenOf(summary.total_cny);
    /** @param {string} label @param {string} value @param {import("../calculator/ui.js").Attributes} [attributes] @param {string | null} [note] */
    const item = (label, value, attributes = {}, note = null) => el("div", { class: "budget-total-item" },
      el("dt", {}, label), el("dd", { class: "budget-amount", ...attributes }, value), note && el("dd", { class: "budget-total-note" }, note));
    const list = el("dl", { class: "budget-totals" },
      item(this.say(reform ? "total_today" : "total"), displayFen(total), { class: "budget-total budget-amount", "data-total-cny": summary.total_cny },
        this.say("yearly_cap_note", { amount: displayFen(fenOf(summary.yearly_cap_reduction_cny)) })));
    /** @type {HTMLElement[]} */
    const box = [list];
    if (reform) {
      const reformTotal = fenOf(reform.total_cny);
      const delta = fenOf(reform.delta_cny);
      list.append(
        item(this.say("total_reform"), displayFen(reformTotal), { class: "budget-reform-total budget-amount", "data-reform-total-cny": reform.total_cny }),
        item(this.say("delta"), signed(delta), { class: "budget-delta budget-amount", "data-delta-cny": reform.delta_cny },
          total > 0n ? this.say("delta_share", { percent: (Number((delta * 10000n) / total) / 100).toFixed(2) }) : null),
        item(this.say("gain_lose"), this.say("gain_lose_value", { gain: reform.gain, lose: reform.lose, same: reform.same }),
          { class: "budget-gain-lose", "data-gain": reform.gain, "data-lose": reform.lose, "data-same": reform.same }));
      box.unshift(el("div", { class: "budget-changes-applied" }, el("p", {}, this.say("changes_applied")),
        el("ul", {}, changes.map((change) => el("li", {}, change)))));
    }
    return el("div", { class: "budget-totals-box" }, box);
  }

  /** @param {BatchSummary} summary @param {BudgetReform | null} reform */
  byArticle(summary, reform) {
    const ids = new Set([...Object.keys(summary.by_article), ...Object.keys(reform?.by_article ?? {})]);
    const articles = [...ids].sort((a, b) => Number(a) - Number(b));
    const head = [this.say("col_article"), this.say(reform ? "col_today" : "col_amount")];
    if (reform) head.push(this.say("col_reform"), this.say("col_delta"));
    /** @param {Node} label @param {bigint} today @param {bigint} changed @param {import("../calculator/ui.js").Attributes} [attributes] */
    const row = (label, today, changed, attributes = {}) => {
      const cells = [label, amountCell("td", today)];
      if (reform) cells.push(amountCell("td", changed), el("td", { class: "budget-amount" }, signed(changed - today)));
      return el("tr", attributes, cells);
    };
    const body = articles.map((id) => {
      const today = summary.by_article[id] ? fenOf(summary.by_article[id]) : 0n;
      const changed = reform?.by_article[id] ? fenOf(reform.by_article[id]) : 0n;
      const label = this.articles[id]
        ? el("th", { scope: "row" }, el("a", { href: this.articles[id] }, this.articleLabels[id] ?? id))
        : el("th", { scope: "row" }, id);
      return row(label, today, changed, { "data-article": id });
    });
    const capToday = -fenOf(summary.yearly_cap_reduction_cny);
    const capChanged = reform ? -fenOf(reform.yearly_cap_reduction_cny) : 0n;
    const foot = [
      row(el("th", { scope: "row" }, this.say("yearly_cap_row")), capToday, capChanged),
      row(el("th", { scope: "row" }, this.say("total_row")), fenOf(summary.total_cny), reform ? fenOf(reform.total_cny) : 0n,
        { class: "budget-total-row" }),
    ];
    return el("div", { class: "budget-table-box", tabindex: "0", role: "region", "aria-labelledby": "by-article" },
      el("table", { class: "budget-table budget-by-article" },
        el("thead", {}, el("tr", {}, head.map((text, index) => el("th", { scope: "col", class: index ? "budget-amount" : null }, text)))),
        el("tbody", {}, body), el("tfoot", {}, foot)));
  }

  /** How the companies' totals move under the change: companies per range of gain (those unchanged counted apart). */
  gains() {
    const moved = this.companies.filter((company) => company.delta !== 0n);
    const unchanged = this.companies.length - moved.length;
    const note = el("p", { class: "budget-help" }, this.say("gains_note", { same: unchanged }));
    if (!moved.length) return el("div", { class: "budget-gains" }, el("p", {}, this.say("gains_none")), note);
    const values = moved.map((company) => yuan(company.delta));
    let low = Math.min(0, ...values);
    let high = Math.max(0, ...values);
    const width = binWidth(Math.max(high - low, 1));
    low = Math.floor(low / width) * width;
    high = Math.ceil(high / width) * width;
    const count = Math.max(1, Math.round((high - low) / width));
    const bins = Array.from({ length: count }, (_, index) => ({ from: low + index * width, to: low + (index + 1) * width, companies: 0 }));
    for (const value of values) {
      // A gain exactly on an edge goes to the bin above zero's side: (0, w] for gains, [-w, 0) for losses.
      let index = value > 0 ? Math.ceil((value - low) / width) - 1 : Math.floor((value - low) / width);
      index = Math.max(0, Math.min(count - 1, index));
      bins[index].companies += 1;
    }
    const most = Math.max(...bins.map((bin) => bin.companies));
    // The edges without "CNY " in English (the column's heading says it): a narrow screen keeps a range on two lines.
    /** @param {number} yuanValue */
    const edge = (yuanValue) => signed(BigInt(Math.round(yuanValue * 100))).replace(/^CNY /, "");
    const rows = bins.map((bin) => {
      /** @type {HTMLSpanElement | null} */
      let bar = null;
      if (bin.companies) {
        bar = el("span", { class: `budget-bar${bin.to <= 0 ? " budget-bar--loss" : ""}`, "aria-hidden": "true" });
        bar.style.width = `${(100 * bin.companies) / most}%`;
      }
      const range = this.say("gains_range", { from: edge(bin.from), to: edge(bin.to) });
      return el("tr", {}, el("th", { scope: "row" }, range),
        el("td", { class: "budget-bar-cell" }, bar), el("td", { class: "budget-amount" }, groupedDigits(String(bin.companies))));
    });
    return el("div", { class: "budget-gains" },
      el("div", { class: "budget-table-box", tabindex: "0", role: "region", "aria-labelledby": "gains" },
        el("table", { class: "budget-table budget-histogram" },
          el("thead", {}, el("tr", {}, el("th", { scope: "col" }, this.say("col_gain_range")),
            el("th", { scope: "col" }, el("span", { class: "budget-visually-hidden" }, this.say("col_bar"))),
            el("th", { scope: "col", class: "budget-amount" }, this.say("col_companies")))),
          el("tbody", {}, rows))),
      note);
  }

  columns() {
    /** @type {[BudgetSortKey, string][]} */
    const columns = [["row", this.say("col_row")], ["firm", this.say("col_firm")],
                     ["total", this.say(this.reform ? "col_today" : "col_amount")]];
    if (this.reform) columns.push(["reformTotal", this.say("col_reform")], ["delta", this.say("col_delta")]);
    return columns;
  }

  sorted() {
    const { key, descending } = this.sort;
    const direction = descending ? -1 : 1;
    /** @type {(a: BudgetCompany, b: BudgetCompany) => number} */
    const compare = key === "firm"
      ? (a, b) => a.record.firm.localeCompare(b.record.firm, LANG === "zh" ? "zh-Hans-CN" : "en")
      : key === "row" ? (a, b) => a.record.row - b.record.row
        : (a, b) => (a[key] < b[key] ? -1 : a[key] > b[key] ? 1 : 0);
    return [...this.companies].sort((a, b) => direction * compare(a, b) || a.record.row - b.record.row);
  }

  /** @param {BudgetSortKey | null} [focusKey] */
  drawCompanies(focusKey = null) {
    const head = this.columns().map(([key, label]) => {
      const current = this.sort.key === key;
      const button = el("button", { type: "button", class: "budget-sort", "data-sort": key }, label,
        el("span", { class: "budget-sort-mark", "aria-hidden": "true" }, current ? (this.sort.descending ? " ▼" : " ▲") : ""));
      button.addEventListener("click", () => {
        this.sort = { key, descending: current ? !this.sort.descending : key !== "firm" && key !== "row" };
        this.shown = PAGE_ROWS;
        this.drawCompanies(key);
      });
      return el("th", { scope: "col", class: key === "row" || key === "firm" ? null : "budget-amount",
                        "aria-sort": current ? (this.sort.descending ? "descending" : "ascending") : null }, button);
    });
    const rows = this.sorted().slice(0, this.shown).map(({ record, total, reformTotal, delta }) => {
      const cells = [el("td", {}, String(record.row)), el("th", { scope: "row", class: "budget-firm" }, record.firm),
                     amountCell("td", total, { "data-cny": record.total_cny })];
      if (this.reform) cells.push(amountCell("td", reformTotal), el("td", { class: "budget-amount", "data-cny": record.delta_cny }, signed(delta)));
      return el("tr", {}, cells);
    });
    const shown = Math.min(this.shown, this.companies.length);
    const more = this.companies.length > shown
      ? el("button", { type: "button", class: "md-button budget-more" }, this.say("show_more", { count: Math.min(PAGE_ROWS, this.companies.length - shown) }))
      : null;
    more?.addEventListener("click", () => {
      this.shown += PAGE_ROWS;
      this.drawCompanies();
      // Focus stays where the reader was: on the button, or (all shown) on the table's box.
      /** @type {HTMLElement} */ (this.companiesBox.querySelector(".budget-more") ?? this.companiesBox.querySelector(".budget-table-box")).focus();
    });
    this.companiesBox.replaceChildren(
      el("p", { class: "budget-help", id: "budget-companies-caption" }, this.say("companies_caption", { shown, count: this.companies.length })),
      el("div", { class: "budget-table-box", tabindex: "0", role: "region", "aria-labelledby": "by-company" },
        el("table", { class: "budget-table budget-company-table", "aria-describedby": "budget-companies-caption" },
          el("thead", {}, el("tr", {}, head)), el("tbody", {}, rows))),
      // Only when there are more rows to show: replaceChildren would put a null in as the text "null".
      ...(more ? [more] : []));
    if (focusKey) /** @type {HTMLElement | null} */ (this.companiesBox.querySelector(`button[data-sort="${focusKey}"]`))?.focus();
  }

  drawFailed() {
    /** @type {HTMLTableRowElement[]} */
    const rows = [];
    for (const record of this.failed.slice(0, this.failedShown)) {
      for (const error of record.errors) {
        rows.push(el("tr", {}, el("td", {}, String(record.row)), el("td", { class: "budget-firm" }, record.firm),
          el("td", { class: "budget-column" }, error.field || "—"), el("td", {}, error[LANG] ?? error.zh)));
      }
    }
    const shown = Math.min(this.failedShown, this.failed.length);
    const more = this.failed.length > shown
      ? el("button", { type: "button", class: "md-button budget-more" }, this.say("show_more", { count: Math.min(PAGE_ROWS, this.failed.length - shown) }))
      : null;
    more?.addEventListener("click", () => {
      this.failedShown += PAGE_ROWS;
      this.drawFailed();
      /** @type {HTMLElement} */ (this.failedBox.querySelector(".budget-more") ?? this.failedBox.querySelector(".budget-table-box")).focus();
    });
    this.failedBox.replaceChildren(
      el("p", { class: "budget-help" }, this.say("failed_help")),
      el("div", { class: "budget-table-box", tabindex: "0", role: "region", "aria-labelledby": "failed" },
        el("table", { class: "budget-table budget-failed-table" },
          el("thead", {}, el("tr", {}, [this.say("col_row"), this.say("col_firm"), this.say("col_column"), this.say("col_reason")]
            .map((text) => el("th", { scope: "col" }, text)))),
          el("tbody", {}, rows))),
      ...(more ? [more] : []));
  }

  /** @param {(kind: "csv" | "json") => void} onDownload */
  downloads(onDownload) {
    const csv = el("button", { type: "button", class: "md-button budget-download-csv" }, this.say("download_csv"));
    const json = el("button", { type: "button", class: "md-button budget-download-json" }, this.say("download_json"));
    csv.addEventListener("click", () => onDownload("csv"));
    json.addEventListener("click", () => onDownload("json"));
    return el("div", { class: "budget-downloads" }, el("p", { class: "budget-download-buttons" }, csv, " ", json),
      el("p", { class: "budget-help" }, this.say("downloads_help")));
  }
}
