// What-if charts in an article widget: for each rule with a numeric base, the award against that input from 0 to
// past the cap (threshold, cap and milestones marked, the reader's value with its award); for a level rule, the ladder
// with the reader's level. The sample values come from inputs.json (`what_if`, scripts/what_if.py); every amount is the
// engine's own line (amount_cny) for the reader's profile with that one value changed, so the chart's point for the
// reader's value is the amount the result shows. With several items only the first changes, and for a list input
// (第十九条 bonds) only its first entry: the others stay as entered, and the legend says so. When every point is 0
// the chart is not drawn: it says what to enter instead (a precondition) or why nothing changes it.
// Drawn as SVG here (no library, no inline style), with the same points in a table for screen readers.

import { displayFen, fenOf } from "./money.js";
import { readMoney } from "./typed-money.js";
import { LANG, bilingual, el, groupedDigits, nextId, text } from "./ui.js";

/** @typedef {import("../worker/engine.js").Engine} Engine */
/** @typedef {{ cny: string, line: ResultLine | null }} ChartAmount The engine's amount for one point, and its line */
/** @typedef {{ x: string, cny: string }} CurvePoint */
/** @typedef {{ level: string, cny: string, current: boolean, name: string, amountShort: string, label: string, amountText: string }} LadderRow */
const SVG_NS = "http://www.w3.org/2000/svg";
// The drawing's width follows the figure's (320–640 px) so that its 12–13 px text stays that size on a phone.
const MAX_WIDTH = 640;
const MIN_WIDTH = 320;
const HEIGHT = 260;
const PAD = { left: 58, right: 18, top: 34, bottom: 44 };
// A ladder's rows, in its drawing's units: the level's name, then its bar below it, then a gap before the next row.
const LADDER_TOP = 8;
const LADDER_NAME_HEIGHT = 18;
const LADDER_BAR_HEIGHT = 18;
const LADDER_ROW_HEIGHT = LADDER_NAME_HEIGHT + LADDER_BAR_HEIGHT + 12;

/** A ladder drawing's height in its own units, for `levels` rows. @param {number} levels */
function ladderHeight(levels) {
  return LADDER_TOP + levels * LADDER_ROW_HEIGHT;
}

/** @param {string} tag @param {import("./ui.js").Attributes} [attributes] @param {(import("./ui.js").Child | import("./ui.js").Child[])[]} children */
function svg(tag, attributes = {}, ...children) {
  const node = document.createElementNS(SVG_NS, tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value !== null && value !== undefined) node.setAttribute(name, String(value));
  }
  for (const child of children.flat()) {
    if (child !== null && child !== undefined && child !== false) node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

/** "1,234.5" / "１２３４" / " 5 000 " as typed -> "1234.5", or null when it is not a plain non-negative number. */
/** @param {unknown} raw */
export function plainNumber(raw) {
  if (raw === null || raw === undefined) return null;
  const ascii = String(raw).replace(/[\uFF10-\uFF19\uFF0E]/g, (char) => String.fromCharCode(char.charCodeAt(0) - 0xFEE0))
    .replace(/[,，\s\u3000]/g, "");
  return /^\d+(\.\d+)?$/.test(ascii) ? ascii.replace(/^0+(?=\d)/, "") : null;
}

/** The reader's value of a chart's input as a plain decimal (money as people write it: "800万", "8,000,000"), or null. */
/** @param {unknown} raw @param {InputSpec} spec */
function readerValue(raw, spec) {
  if (raw === null || raw === undefined) return null;
  if (spec.unit !== "yuan") return plainNumber(raw);
  const reading = readMoney(String(raw));
  if (reading.status !== "amount") return null;
  const cents = reading.fen % 100n;
  return cents ? `${reading.fen / 100n}.${String(cents).padStart(2, "0")}` : String(reading.fen / 100n);
}

/** Yuan as a plain decimal string -> fen (BigInt), rounding half up past the fen. */
/** @param {string} plain */
function fenOfPlain(plain) {
  const [whole, fraction = ""] = plain.split(".");
  const padded = (fraction + "000").slice(0, 3);
  let fen = BigInt(whole) * 100n + BigInt(padded.slice(0, 2));
  if (Number(padded[2]) >= 5) fen += 1n;
  return fen;
}

/** @param {string} plain */
function wanNumber(plain) {
  return Number(plain) / 10000;
}

/** @param {number} value */
function compactWan(value) {
  const rounded = Math.round(value * 100) / 100;
  return groupedDigits(String(Math.trunc(rounded))) + (rounded % 1 ? String(rounded % 1).slice(1, 4) : "");
}

/** How the chart's input value reads: money in the engine's display form, area in mu. */
/** @param {string} plain @param {InputSpec} spec */
function inputDisplay(plain, spec) {
  if (spec.unit === "yuan") return displayFen(fenOfPlain(plain));
  const [whole, fraction] = plain.split(".");
  const number = groupedDigits(whole) + (fraction ? `.${fraction}` : "");
  return `${number} ${bilingual(spec.unit_label ?? { zh: "", en: "" })}`.trim();
}

/** @param {number} value */
function trimmed(value) {
  return String(Math.round(value * 100) / 100);
}

/** A short axis/label form of a yuan amount: zh 200万元, 1.5亿元; en CNY 2m, CNY 1.5bn, CNY 300k. */
/** @param {number} yuan */
function shortMoney(yuan) {
  if (LANG === "zh") return yuan >= 1e8 ? `${trimmed(yuan / 1e8)}亿元` : `${groupedDigits(trimmed(yuan / 1e4))}万元`;
  if (yuan >= 1e9) return `CNY ${trimmed(yuan / 1e9)}bn`;
  if (yuan >= 1e6) return `CNY ${trimmed(yuan / 1e6)}m`;
  if (yuan >= 1e3) return `CNY ${trimmed(yuan / 1e3)}k`;
  return `CNY ${trimmed(yuan)}`;
}

/** @param {number} value @param {InputSpec} spec */
function tickLabel(value, spec) {
  if (value === 0) return "0";
  return spec.unit === "yuan" ? shortMoney(value) : `${compactWan(value)} ${bilingual(spec.unit_label ?? "")}`.trim();
}

// ---- the engine's amounts ----------------------------------------------------------------------------------------

/** The entries of a list input as the profile holds it (typed text, one per line or `;`, or a list). */
/** @param {unknown} raw @returns {unknown[]} */
function listEntries(raw) {
  if (Array.isArray(raw)) return raw;
  if (typeof raw !== "string") return [];
  return raw.split(/[\n;；]+/).filter((entry) => entry.trim());
}

/** Where the chart's input sits in the reader's profile: the rule's first item (rows.js), else `facts`. */
/** @param {PageProfile} profile @param {string} ruleId @returns {Record<string, ProfileValue>} */
function holderOf(profile, ruleId) {
  const items = profile.items && profile.items[ruleId];
  return items ? items[0] || {} : profile.facts || {};
}

/**
 * The reader's profile with `inputId` set to `value`, everything else as entered: with several items (rows.js) the
 * first one changes and the others stay; for a list input (第十九条 bonds, `perItem`) the first entry changes and the
 * other entries stay. The line this gives is the one the result shows for the reader's own value.
 */
/** @param {PageProfile} profile @param {string} inputId @param {string} value @param {boolean | undefined} perItem @param {string} ruleId @returns {PageProfile} */
function profileWith(profile, inputId, value, perItem, ruleId) {
  const changed = JSON.parse(JSON.stringify(profile));
  const items = changed.items && changed.items[ruleId];
  const holder = items ? (items[0] ??= {}) : (changed.facts ??= {});
  holder[inputId] = perItem ? [value, ...listEntries(holder[inputId]).slice(1)] : value;
  return changed;
}

/** The engine's line for the rule's first item under `profile`: {cny, line} (cny "0.00" when there is none), or null
 * when the profile is refused. The amount is the line's own (amount_cny), as the result shows it. */
/** @param {Engine} engine @param {PageProfile} profile @param {string} ruleId @returns {Promise<ChartAmount | null>} */
async function amountAt(engine, profile, ruleId) {
  const result = await engine.estimate(profile, LANG);
  if (!result.valid) return null;
  const line = (result.lines || []).find((entry) => entry.rule === ruleId && !entry.item)
    ?? (result.lines || []).find((entry) => entry.rule === ruleId);
  const cny = line && line.amount_cny !== null && line.amount_cny !== undefined ? line.amount_cny : "0.00";
  return { cny, line: line ?? null };
}

/**
 * When every point is 0 (nothing the chart varies changes that), what to do instead of a flat line: set a
 * precondition the reader has not (第十九条: 募集资金50%以上用于本区), or the engine's reason (an exclusion, another
 * year, another policy paying more).
 */
/** @param {RuleSpec} rule @param {InputsData} data @param {PageProfile} profile @param {string} inputLabel @param {(ResultLine | null)[]} lines */
function flatMessage(rule, data, profile, inputLabel, lines) {
  const given = { ...(profile.company || {}), ...(profile.facts || {}), ...holderOf(profile, rule.id) };
  for (const [inputs, needed] of /** @type {[string[], boolean][]} */ ([[rule.requires || [], true], [rule.requires_not || [], false]])) {
    for (const inputId of inputs) {
      const spec = data.inputs[inputId];
      const value = inputId in given ? given[inputId] : spec?.default;
      if (spec && value !== needed) {
        return text("chartFlatRequires", { label: bilingual(spec.label), value: text(needed ? "yes" : "no"), input: inputLabel });
      }
    }
  }
  const reasons = lines.flatMap((line) => (line ? line.why_not || [] : []));
  const reason = reasons.find((entry) => entry.reason !== "below_threshold" && entry.reason !== "zero_base") ?? reasons[0];
  return text("chartFlat", { input: inputLabel, reason: reason ? String(reason.text) : "" }).replace(/[：:]\s*$/, "");
}

// ---- drawing ------------------------------------------------------------------------------------------------------

/** @param {number} domainMax @param {number} rangeFrom @param {number} rangeTo @returns {(value: number) => number} */
function scale(domainMax, rangeFrom, rangeTo) {
  const span = domainMax > 0 ? domainMax : 1;
  return (value) => rangeFrom + (value / span) * (rangeTo - rangeFrom);
}

/** @param {{ points: CurvePoint[], marks: { mark: string, x: string, text: string }[], current: CurvePoint | null | undefined, xMax: number, yTop: number, spec: InputSpec, label: { xAxis: string, yAxis: string, point: string }, width: number }} chart */
function curveSvg({ points, marks, current, xMax, yTop, spec, label, width }) {
  // Room on the left for the longest amount tick ("CNY 2.1m", "300万元") at about 7.5 px a character.
  const left = Math.max(PAD.left, 10 + 7.5 * [0.5, 1].reduce((most, fraction) => Math.max(most, shortMoney(yTop * fraction).length + (LANG === "zh" ? 2 : 0)), 0));
  const x = scale(xMax, left, width - PAD.right);
  const y = scale(yTop * 1.1, HEIGHT - PAD.bottom, PAD.top);
  const path = points.map((point, index) => `${index ? "L" : "M"}${x(Number(point.x)).toFixed(1)},${y(wanNumber(point.cny) * 10000).toFixed(1)}`).join(" ");
  const parts = [
    svg("line", { class: "pc-chart-axis", x1: left, y1: HEIGHT - PAD.bottom, x2: width - PAD.right, y2: HEIGHT - PAD.bottom }),
    svg("line", { class: "pc-chart-axis", x1: left, y1: PAD.top, x2: left, y2: HEIGHT - PAD.bottom }),
  ];
  for (const fraction of [0, 0.5, 1]) {
    const value = xMax * fraction;
    parts.push(svg("text", { class: "pc-chart-tick", x: x(value), y: HEIGHT - PAD.bottom + 16, "text-anchor": fraction === 1 ? "end" : fraction ? "middle" : "start" }, tickLabel(value, spec)));
    const amount = yTop * fraction;
    if (fraction) parts.push(svg("line", { class: "pc-chart-grid", x1: left, y1: y(amount), x2: width - PAD.right, y2: y(amount) }));
    parts.push(svg("text", { class: "pc-chart-tick", x: left - 6, y: y(amount) + 4, "text-anchor": "end" }, amount ? shortMoney(amount) : "0"));
  }
  parts.push(svg("text", { class: "pc-chart-axis-title", x: (left + width - PAD.right) / 2, y: HEIGHT - 6, "text-anchor": "middle" }, label.xAxis));
  parts.push(svg("text", { class: "pc-chart-axis-title", x: 4, y: 14 }, label.yAxis));
  marks.forEach((mark, index) => {
    const at = x(Number(mark.x));
    const right = at > width * 0.7;
    parts.push(svg("line", { class: `pc-chart-mark pc-chart-mark-${mark.mark}`, x1: at, y1: PAD.top, x2: at, y2: HEIGHT - PAD.bottom }));
    parts.push(svg("text", { class: "pc-chart-mark-label", x: at + (right ? -4 : 4), y: PAD.top + 12 + (index % 3) * 15, "text-anchor": right ? "end" : "start" }, mark.text));
  });
  parts.push(svg("path", { class: "pc-chart-line", d: path }));
  if (current) {
    const cx = x(Number(current.x));
    const cy = y(wanNumber(current.cny) * 10000);
    const right = cx > width * 0.7;
    parts.push(svg("circle", { class: "pc-chart-point", cx: cx.toFixed(1), cy: cy.toFixed(1), r: 5, "data-x": current.x, "data-cny": current.cny }));
    parts.push(svg("text", { class: "pc-chart-point-label", x: cx + (right ? -8 : 8), y: cy - 8, "text-anchor": right ? "end" : "start" }, label.point));
  }
  return parts;
}

/** `label` cut with "…" to about `room` px of 13 px text (CJK characters count double); the full text is in the table. */
/** @param {string} label @param {number} room */
function fitted(label, room) {
  let used = 0;
  for (let index = 0; index < label.length; index += 1) {
    used += label.charCodeAt(index) > 0x2E7F ? 13 : 7.2;
    if (used > room) return `${label.slice(0, Math.max(index - 1, 1))}…`;
  }
  return label;
}

/** @param {{ rows: LadderRow[], yMax: number, width: number }} chart */
function ladderSvg({ rows, yMax, width }) {
  // One row per level: its name above, a bar as long as its amount, the amount after the bar.
  const left = 12;
  const height = ladderHeight(rows.length);
  const x = scale(yMax, left, width - 150);
  const parts = [svg("line", { class: "pc-chart-axis", x1: left, y1: 4, x2: left, y2: height })];
  rows.forEach((row, index) => {
    const top = LADDER_TOP + index * LADDER_ROW_HEIGHT;
    const barWidth = Math.max(x(wanNumber(row.cny) * 10000) - left, 1);
    parts.push(svg("text", { class: `pc-chart-bar-name${row.current ? " pc-chart-bar-name-current" : ""}`, x: left + 4, y: top + 12 },
      fitted(`${row.current ? "▶ " : ""}${row.name}`, width - 24)));
    parts.push(svg("rect", { class: `pc-chart-bar${row.current ? " pc-chart-bar-current" : ""}`, x: left, y: top + LADDER_NAME_HEIGHT, width: barWidth.toFixed(1), height: LADDER_BAR_HEIGHT, "data-level": row.level, "data-cny": row.cny }));
    parts.push(svg("text", { class: "pc-chart-bar-label", x: left + barWidth + 6, y: top + LADDER_NAME_HEIGHT + LADDER_BAR_HEIGHT - 4 }, row.amountShort));
  });
  return { parts, height };
}

/** The chart's points as a table for screen readers. Visually hidden in a box of its own: a table does not shrink to
 * the 1 px of .pc-sr-only (it keeps its content's width), and was widening the page on a phone. */
/** @param {string} caption @param {string[]} headers @param {{ x?: string, level?: string, cny: string, current: boolean, label: string, amountText: string }[]} rows */
function dataTable(caption, headers, rows) {
  return el("div", { class: "pc-sr-only" }, el("table", { class: "pc-chart-table" },
    el("caption", {}, caption),
    el("thead", {}, el("tr", {}, headers.map((header) => el("th", { scope: "col" }, header)))),
    el("tbody", {}, rows.map((row) => el("tr", { "data-x": row.x ?? row.level, "data-cny": row.cny, class: row.current ? "pc-chart-row-current" : null },
      el("th", { scope: "row" }, row.label), el("td", {}, row.amountText))))));
}

// ---- one chart per rule -------------------------------------------------------------------------------------------

class WhatIfChart {
  /** @param {RuleSpec} rule @param {WhatIfSpec} spec @param {InputsData} data */
  constructor(rule, spec, data) {
    this.rule = rule;
    this.spec = spec;
    this.data = data;
    this.input = data.inputs[spec.input];
    this.variantInput = spec.variant_input ? data.inputs[spec.variant_input] : null;
    const titleId = `pc-chart-${nextId()}`;
    this.figure = el("figure", { class: "pc-chart", "data-rule": rule.id, "data-chart": spec.type, "aria-labelledby": titleId });
    this.caption = el("figcaption", { id: titleId, class: "pc-chart-title" }, text("chartTitle", { title: bilingual(rule.title) }));
    this.body = el("div", { class: "pc-chart-body" }, el("p", { class: "pc-chart-waiting" }, text("chartWaiting")));
    this.figure.append(this.caption, this.body);
  }

  width() {
    return Math.round(Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, this.figure.clientWidth || MAX_WIDTH)));
  }

  /**
   * Until the first drawing, the body keeps the room its graphic will take (drawn 100% wide, at the drawing's aspect
   * ratio), so that what follows the calculator does not jump down under the reader's eyes or finger when Python is
   * ready and the chart is drawn (200-320 px on a phone). The legend under the graphic is text whose length depends
   * on the result: only it still moves what follows.
   */
  reserveSpace() {
    if (this.figure.dataset.state) return; // drawn already
    const shownWidth = this.body.clientWidth;
    if (!shownWidth) return; // not laid out (hidden): nothing to keep
    const height = this.spec.type === "ladder" ? ladderHeight(/** @type {string[]} */ (this.spec.levels).length) : HEIGHT;
    this.body.style.minHeight = `${(height * shownWidth) / this.width()}px`;
  }

  /** No drawing is coming (the engine failed, or could not give this chart's points): neither room nor promise. */
  abandon() {
    this.releaseSpace();
    if (!this.figure.dataset.state) this.body.replaceChildren();
  }

  releaseSpace() {
    this.body.style.minHeight = "";
  }

  /** @param {Engine} engine @param {PageProfile} profile */
  async update(engine, profile) {
    const drawn = this.spec.type === "ladder" ? await this.ladder(engine, profile) : await this.curve(engine, profile);
    if (drawn) {
      this.body.replaceChildren(...drawn);
      this.releaseSpace();
    } else this.abandon();
    this.figure.dataset.state = !drawn ? "stale" : drawn[0].classList.contains("pc-chart-empty") ? "empty" : "drawn";
    return Boolean(drawn);
  }

  /** @param {Engine} engine @param {PageProfile} profile */
  async curve(engine, profile) {
    const spec = this.spec;
    const variants = spec.variants;
    const holder = holderOf(profile, this.rule.id);
    const chosen = this.variantInput ? (holder[this.variantInput.id] ?? (profile.facts || {})[this.variantInput.id] ?? this.variantInput.default) : null;
    const variant = variants[/** @type {string} */ (chosen)] ?? variants[Object.keys(variants)[0]];
    const given = holder[spec.input];
    const entries = spec.per_item ? listEntries(given) : [];
    const currentX = readerValue(spec.per_item ? entries[0] : given, this.input);
    const samples = [...variant.samples];
    if (spec.linear && currentX !== null && Number(currentX) * 1.25 > Number(samples[samples.length - 1])) {
      samples[samples.length - 1] = String(Math.ceil(Number(currentX) * 1.25));
    }
    const xs = [...new Set([...samples, ...(currentX !== null ? [currentX] : [])])].sort((a, b) => Number(a) - Number(b));
    const amounts = /** @type {ChartAmount[]} none null once checked below */ (await Promise.all(xs.map((value) => amountAt(engine, profileWith(profile, spec.input, value, spec.per_item, this.rule.id), this.rule.id))));
    if (amounts.some((amount) => amount === null)) return null;
    const inputLabel = bilingual(this.input.label);
    if (amounts.every((amount) => fenOf(amount.cny) === 0n)) {
      return this.flat(profile, inputLabel, amounts);
    }
    const points = xs.map((value, index) => ({ x: value, cny: amounts[index].cny }));
    const xMax = Math.max(Number(samples[samples.length - 1]), currentX !== null ? Number(currentX) : 0);
    const top = points.reduce((max, point) => (fenOf(point.cny) > max ? fenOf(point.cny) : max), 0n);
    const yTop = Math.max(Number(top) / 100, 1);
    const current = currentX !== null ? points.find((point) => point.x === currentX) : null;
    // The point's label is the engine's amount as the result writes it, never a rounded one.
    const label = { xAxis: inputLabel.replace(/\s*[（(][^）)]*[）)]\s*$/, ""), yAxis: text("chartAwardAxis"),
      point: current ? displayFen(fenOf(current.cny)) : "" };
    const marksText = variant.marks.map((mark) => text(`chartMark_${mark.mark}`, { value: inputDisplay(mark.x, this.input) }));
    const marks = variant.marks.map((mark) => ({ ...mark,
      text: text(`chartMarkShort_${mark.mark}`, { value: tickLabel(Number(mark.x), this.input) }) }));
    const summary = [
      text("chartCurveSummary", { input: inputLabel, to: inputDisplay(String(xMax), this.input) }),
      ...marksText,
      current ? text("chartCurrent", { value: inputDisplay(current.x, this.input), amount: displayFen(fenOf(current.cny)) }) : "",
      this.varied(profile, entries),
    ].filter(Boolean).join(LANG === "zh" ? "；" : "; ");
    const width = this.width();
    const graphic = svg("svg", { class: "pc-chart-svg", role: "img", "aria-label": summary, viewBox: `0 0 ${width} ${HEIGHT}`, preserveAspectRatio: "xMidYMid meet", focusable: "false" },
      curveSvg({ points, marks, current, xMax, yTop, spec: this.input, label, width }));
    const rows = points.map((point) => ({ x: point.x, cny: point.cny, current: current === point,
      label: inputDisplay(point.x, this.input) + (current === point ? ` ${text("chartYours")}` : ""),
      amountText: displayFen(fenOf(point.cny)) }));
    const legend = el("p", { class: "pc-chart-legend" }, summary);
    return [graphic, legend, dataTable(text("chartTableCaption", { title: bilingual(this.rule.title) }),
      [inputLabel, text("chartAwardColumn")], rows)];
  }

  /** What the chart changes, when that is not simply the one value typed: the first of several issues or items. */
  /** @param {PageProfile} profile @param {unknown[]} entries */
  varied(profile, entries) {
    if (entries.length > 1) return text("chartFirstIssue", { others: entries.length - 1 });
    const items = (profile.items || {})[this.rule.id];
    if (items && items.length > 1 && this.rule.repeatable) return text("chartFirstItem", { item: bilingual(this.rule.repeatable.item) });
    return "";
  }

  /** Every point is 0: no flat line, but what to enter (or why nothing can change it). */
  /** @param {PageProfile} profile @param {string} inputLabel @param {ChartAmount[]} amounts */
  flat(profile, inputLabel, amounts) {
    const message = flatMessage(this.rule, this.data, profile, inputLabel, amounts.map((amount) => amount.line));
    return [el("p", { class: "pc-chart-empty" }, message)];
  }

  /** @param {Engine} engine @param {PageProfile} profile */
  async ladder(engine, profile) {
    const spec = /** @type {WhatIfSpec & { levels: string[] }} a ladder's */ (this.spec);
    const chosen = holderOf(profile, this.rule.id)[spec.input] ?? null;
    const found = /** @type {ChartAmount[]} none null once checked below */ (await Promise.all(spec.levels.map((level) => amountAt(engine, profileWith(profile, spec.input, level, false, this.rule.id), this.rule.id))));
    if (found.some((amount) => amount === null)) return null;
    if (found.every((amount) => fenOf(amount.cny) === 0n)) return this.flat(profile, bilingual(this.input.label), found);
    const amounts = found.map((amount) => amount.cny);
    /** @param {string} level */
    const choiceLabel = (level) => {
      const choice = (this.input.choices || []).find((entry) => entry.id === level);
      return choice ? bilingual(choice.label) : level;
    };
    const rows = spec.levels.map((level, index) => ({ level, cny: amounts[index], current: level === chosen,
      name: choiceLabel(level), amountShort: displayFen(fenOf(amounts[index])),
      label: choiceLabel(level) + (level === chosen ? ` ${text("chartYours")}` : ""),
      amountText: `${choiceLabel(level)}${LANG === "zh" ? "：" : ": "}${displayFen(fenOf(amounts[index]))}` }));
    const top = amounts.reduce((max, amount) => (fenOf(amount) > max ? fenOf(amount) : max), 0n);
    const width = this.width();
    const { parts, height } = ladderSvg({ rows, yMax: Math.max(Number(top) / 100, 1), width });
    const current = rows.find((row) => row.current);
    const summary = [text("chartLadderSummary", { input: bilingual(this.input.label) }),
      ...rows.map((row) => row.amountText),
      current ? text("chartCurrentLevel", { level: choiceLabel(current.level) }) : "", this.varied(profile, [])]
      .filter(Boolean).join(LANG === "zh" ? "；" : "; ");
    const graphic = svg("svg", { class: "pc-chart-svg pc-chart-ladder", role: "img", "aria-label": summary, viewBox: `0 0 ${width} ${height}`, preserveAspectRatio: "xMidYMid meet", focusable: "false" }, parts);
    return [graphic, el("p", { class: "pc-chart-legend" }, summary),
      dataTable(text("chartTableCaption", { title: bilingual(this.rule.title) }),
        [bilingual(this.input.label), text("chartAwardColumn")], rows.map((row) => ({ ...row, amountText: displayFen(fenOf(row.cny)) })))];
  }
}

/** The what-if section of one article widget, or null when none of its rules has a chart. */
export class WhatIfCharts {
  /** @param {InputsData} data @param {number | null} articleId */
  constructor(data, articleId) {
    const article = data.articles.find((entry) => entry.id === articleId);
    const specs = data.what_if || {};
    this.charts = (article ? article.rules : []).filter((rule) => specs[rule.id]).map((rule) => new WhatIfChart(rule, specs[rule.id], data));
    this.sequence = 0;
    this.node = this.charts.length
      ? el("div", { class: "pc-what-if" }, el("h4", { class: "pc-what-if-title" }, text("chartSection")),
        el("p", { class: "pc-what-if-intro" }, text("chartIntro")), this.charts.map((chart) => chart.figure))
      : null;
  }

  /** Once the section is in the page: each chart keeps the room of its drawing until it is drawn. */
  reserveSpace() {
    for (const chart of this.charts) chart.reserveSpace();
  }

  /** The engine could not start: no chart will be drawn, so neither room nor the promise of one is kept. */
  abandon() {
    for (const chart of this.charts) chart.abandon();
  }

  /** Redraws every chart for `profile` (a valid profile; an older call that finishes later is dropped). */
  /** @param {Engine} engine @param {PageProfile} profile */
  async update(engine, profile) {
    if (!this.node) return;
    const sequence = ++this.sequence;
    this.node.dataset.sequence = String(sequence);
    this.node.dataset.state = "updating";
    try {
      for (const chart of this.charts) {
        if (sequence !== this.sequence) return;
        await chart.update(engine, profile);
      }
    } catch {
      // The engine failed for a sample: the charts keep their last drawing; the result above says what went wrong.
      if (sequence === this.sequence) this.abandon(); // a chart never drawn keeps no empty room
    }
    if (sequence === this.sequence) this.node.dataset.state = "ready";
  }
}
