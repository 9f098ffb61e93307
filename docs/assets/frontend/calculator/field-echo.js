// The line under a field that says how its value will be read, before Python is ready too:
// - a money field echoes the amount ("= 8,000,000 元（800万元）"), and knows at once when the engine will refuse what was
//   typed (words, another currency, two numbers), so the form can flag it before the runtime is there;
// - a dropdown whose chosen label is too long for the box (a phone cuts it off) shows the whole label.

import { moneyEcho, readMoney, refusalOf } from "./typed-money.js";
import { LANG, el } from "./ui.js";

const MONEY_TYPES = new Set(["money", "money_list"]);
/** @type {CanvasRenderingContext2D | null} */
let canvas = null;
/** @type {ResizeObserver | null} */
let resizeObserver = null;
/** @type {WeakMap<Element, FieldEcho>} */
const echoOfSelect = new WeakMap();

/** @param {string} text @param {string} font */
function textWidth(text, font) {
  canvas ??= /** @type {CanvasRenderingContext2D} */ (document.createElement("canvas").getContext("2d"));
  canvas.font = font;
  return canvas.measureText(text).width;
}

/** Whether the select's chosen label is wider than the room its box leaves for it (arrow included). */
/** @param {HTMLSelectElement} select */
function labelIsCut(select) {
  if (!select.clientWidth || select.selectedIndex < 0) return false;
  const style = getComputedStyle(select);
  if (style.appearance === "base-select") return false; // it wraps the label onto more lines (calculator.css)
  const room = select.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight) - 20;
  // The `font` shorthand reads "" when the page sets its parts separately: build it from them.
  const font = `${style.fontStyle} ${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
  return textWidth(select.options[select.selectedIndex].text, font) > room;
}

/** @param {HTMLSelectElement} select @param {FieldEcho} echo */
function observeSize(select, echo) {
  if (!("ResizeObserver" in window)) return;
  // Every select reports once when first observed: all are measured before any line is written, so that the writes
  // do not force a layout of the page for each select in turn.
  resizeObserver ??= new ResizeObserver((entries) => {
    const echoes = /** @type {FieldEcho[]} */ (entries.map((entry) => echoOfSelect.get(entry.target)).filter(Boolean));
    const lines = echoes.map((echo) => echo.line());
    echoes.forEach((echo, index) => echo.show(lines[index]));
  });
  echoOfSelect.set(select, echo);
  resizeObserver.observe(select);
}

/** @param {import("./fields.js").Field} field */
function moneyLines(field) {
  const raw = field.control.value;
  return field.spec.type === "money_list" ? raw.split(/[\n;；]+/).filter((line) => line.trim()) : [raw];
}

export class FieldEcho {
  /** @param {import("./fields.js").Field} field */
  constructor(field) {
    this.field = field;
    this.kind = MONEY_TYPES.has(field.spec.type) && field.spec.unit !== "mu" ? "money"
      : field.control.tagName === "SELECT" ? "choice" : null;
    this.node = el("p", { class: `pc-echo pc-echo-${this.kind ?? "none"}`, id: `${field.control.id}-echo` });
    if (this.kind === "choice") observeSize(/** @type {HTMLSelectElement} */ (field.control), this);
  }

  /** {zh, en} when the engine will refuse what is typed (known here without Python), else null. */
  refusal() {
    if (this.kind !== "money") return null;
    for (const line of moneyLines(this.field)) {
      const reading = readMoney(line, this.field.spec.max);
      if (reading.status === "refused") return refusalOf(reading);
    }
    return null;
  }

  /** The line's text for the field's value now ("" for none). */
  line() {
    if (this.kind === "money") {
      const readings = moneyLines(this.field).map((line) => readMoney(line, this.field.spec.max));
      const accepted = readings.length && readings.every((reading) => reading.status === "amount");
      return accepted ? readings.map((reading) => moneyEcho(reading, LANG)).join(LANG === "zh" ? "；" : "; ") : "";
    }
    if (this.kind === "choice") {
      const select = /** @type {HTMLSelectElement} */ (this.field.control);
      return labelIsCut(select) ? select.options[select.selectedIndex].text : "";
    }
    return "";
  }

  /** Writes the line only if it changed: an unchanged write would still make the page lay out again. */
  /** @param {string} line */
  show(line) {
    if (this.node.textContent !== line) this.node.textContent = line;
  }

  update() {
    this.show(this.line());
  }
}
