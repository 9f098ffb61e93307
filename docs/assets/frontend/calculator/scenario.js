// Estimator comparison: "Keep as scenario A" freezes the current result; every later result is scenario B, shown
// side by side with A: the company total, each article's amount (its lines' own amounts) and 附则五's yearly cap as one
// deduction of its own (it is on the total, not on any line), with the difference. Amounts are summed in fen from the
// engine's strings (money.js), never in floating point. Scenario A is kept as those figures (fen), so that the language
// switch can carry it to the other language's estimator (carry-state.js): the figures do not depend on the language.

import { displayFen, fenOf } from "./money.js";
import { REASONS } from "./strings.js";
import { bilingual, el, nextId, text } from "./ui.js";

/** Article id -> fen of the lines counted toward the company total (unquantified lines count as 0). */
/** @param {EstimateResult} result */
export function perArticle(result) {
  /** @type {Map<number, bigint>} */
  const sums = new Map();
  for (const line of result.lines || []) {
    if (!line.counts_toward_company_total || line.amount_cny === null || line.amount_cny === undefined) continue;
    sums.set(line.article, (sums.get(line.article) || 0n) + fenOf(line.amount_cny));
  }
  return sums;
}

/** 附则五's one deduction from the company total, in fen (0 when it does not bite): not on any article's lines. */
/** @param {EstimateResult} result */
export function yearlyCapFen(result) {
  const cut = result.yearly_cap ? result.yearly_cap.reduction_cny : result.totals?.yearly_cap_reduction_cny;
  return cut ? fenOf(cut) : 0n;
}

/** @typedef {{ total: bigint, articles: Map<number, bigint>, cap: bigint }} ScenarioFigures */

/**
 * The figures the comparison shows of one result: total, each article, the yearly cap's deduction (fen).
 * @param {EstimateResult} result
 * @returns {ScenarioFigures}
 */
function figuresOf(result) {
  return { total: fenOf(result.total_cny), articles: perArticle(result), cap: yearlyCapFen(result) };
}

const FEN = /^-?\d{1,20}$/;

/**
 * Figures as carried in a link ({total, articles: [[id, fen]], cap}, fen as strings), or null when they are not.
 * @param {any} carried from a link: anything, checked here
 * @returns {ScenarioFigures | null}
 */
function carriedFigures(carried) {
  if (!carried || typeof carried !== "object" || !FEN.test(carried.total) || !FEN.test(carried.cap)
    || !Array.isArray(carried.articles) || carried.articles.length > 100) return null;
  /** @type {Map<number, bigint>} */
  const articles = new Map();
  for (const entry of carried.articles) {
    if (!Array.isArray(entry) || !Number.isInteger(entry[0]) || !FEN.test(entry[1])) return null;
    articles.set(entry[0], BigInt(entry[1]));
  }
  return { total: BigInt(carried.total), articles, cap: BigInt(carried.cap) };
}

/** @param {bigint} fen */
function signed(fen) {
  if (fen === 0n) return text("scenarioSame");
  return `${fen > 0n ? "+" : "−"} ${displayFen(fen > 0n ? fen : -fen)}`;
}

/** A deduction shows as "− 5万元" (a minus sign and a space, as the totals table writes it). */
/** @param {bigint} fen */
function shown(fen) {
  return fen < 0n ? `− ${displayFen(-fen)}` : displayFen(fen);
}

/** @param {string} label @param {bigint} a @param {bigint} b @param {import("./ui.js").Attributes} [attributes] */
function row(label, a, b, attributes = {}) {
  const difference = b - a;
  return el("tr", { ...attributes, "data-a-cny": String(a), "data-b-cny": String(b), "data-difference-fen": String(difference) },
    el("th", { scope: "row" }, label),
    el("td", {}, shown(a)), el("td", {}, shown(b)),
    el("td", { class: difference > 0n ? "pc-up" : difference < 0n ? "pc-down" : null }, signed(difference)));
}

export class ScenarioComparison {
  /** @param {(article: number) => string} numeral */
  constructor(numeral) {
    this.numeral = numeral; // article id -> its Chinese numeral, for the row labels
    /** @type {ScenarioFigures | null} */
    this.scenarioA = null; // the kept result's figures (figuresOf)
    /** @type {EstimateResult | null} */
    this.current = null;
    this.keepButton = el("button", { type: "button", class: "md-button pc-keep-a", disabled: true }, text("scenarioKeep"));
    this.keepButton.addEventListener("click", () => this.keep());
    this.dropButton = el("button", { type: "button", class: "md-button pc-drop-a", hidden: true }, text("scenarioDrop"));
    this.dropButton.addEventListener("click", () => this.drop());
    this.titleId = `pc-compare-${nextId()}`;
    this.node = el("section", { class: "pc-compare", hidden: true, "aria-labelledby": this.titleId });
  }

  /** A new result (null when there is none, or it is invalid): it is scenario B from now on. */
  /** @param {EstimateResult | null} result */
  update(result) {
    this.current = result && result.valid ? result : null;
    this.keepButton.disabled = !this.current;
    this.render();
  }

  keep() {
    if (this.current) this.keepFigures(figuresOf(this.current));
  }

  /** @param {ScenarioFigures} figures */
  keepFigures(figures) {
    this.scenarioA = figures;
    this.dropButton.hidden = false;
    this.keepButton.textContent = text("scenarioKeepAgain");
    this.render();
  }

  /** Scenario A as figures that carry in a link (fen as strings), or null when none is kept. */
  carried() {
    const a = this.scenarioA;
    return a && { total: String(a.total), articles: [...a.articles].map(([id, fen]) => [id, String(fen)]), cap: String(a.cap) };
  }

  /** Keeps the scenario A another page carried (carried()); anything else is ignored. */
  /** @param {unknown} carried */
  restore(carried) {
    const figures = carriedFigures(carried);
    if (figures) this.keepFigures(figures);
  }

  drop() {
    this.scenarioA = null;
    this.dropButton.hidden = true;
    this.keepButton.textContent = text("scenarioKeep");
    this.render();
  }

  render() {
    const a = this.scenarioA;
    this.node.hidden = !a;
    if (!a) {
      this.node.replaceChildren();
      return;
    }
    const b = this.current;
    const heading = el("h3", { id: this.titleId, class: "pc-list-title" }, text("scenarioTitle"));
    if (!b) {
      this.node.replaceChildren(heading, el("p", { class: "pc-placeholder" }, text("scenarioNoB")));
      return;
    }
    const figuresB = figuresOf(b);
    const articlesA = a.articles;
    const articlesB = figuresB.articles;
    const ids = [...new Set([...articlesA.keys(), ...articlesB.keys()])].sort((x, y) => x - y);
    const rows = [row(text("totalCompany"), a.total, figuresB.total, { class: "pc-compare-total" })];
    for (const id of ids) {
      rows.push(row(text("articleShort", { numeral: this.numeral(id), id }), articlesA.get(id) || 0n, articlesB.get(id) || 0n,
        { "data-article": id }));
    }
    // The articles' amounts less 附则五's one deduction (if it bites in either) make the company total.
    const capA = a.cap;
    const capB = figuresB.cap;
    if (capA !== 0n || capB !== 0n) {
      rows.push(row(bilingual(REASONS.yearly_cap), -capA, -capB, { class: "pc-compare-yearly-cap", "data-reason": "yearly_cap" }));
    }
    this.node.replaceChildren(heading,
      el("p", { class: "pc-compare-intro" }, text("scenarioIntro")),
      el("div", { class: "pc-compare-scroll", tabindex: "0", role: "region", "aria-label": text("scenarioTitle") }, el("table", { class: "pc-compare-table" },
        el("caption", { class: "pc-sr-only" }, text("scenarioTitle")),
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, text("scenarioItem")), el("th", { scope: "col" }, text("scenarioA")),
          el("th", { scope: "col" }, text("scenarioB")), el("th", { scope: "col" }, text("scenarioDifference")))),
        el("tbody", {}, rows))));
  }
}
