// The budget page's policy change: a list of changes, each a parameter of the policy (every figure of its rules,
// `calculator.list_parameters()`, grouped by article in the select) with its clause's text beside it, today's value
// and a new value. The change travels in the page's address as #reform={"id": "value", ...}: a link that carries the
// change and never the companies.

import { LANG, el, nextId, showInBothLanguages } from "../calculator/ui.js";

const HASH_KEY = "reform";

/** The reform a link carries ({id: value}), or null. */
/** @param {string} hash @returns {Reform | null} */
export function reformFromHash(hash) {
  const params = new URLSearchParams(String(hash || "").replace(/^#/, ""));
  const raw = params.get(HASH_KEY);
  if (!raw) return null;
  try {
    const value = JSON.parse(raw);
    if (!value || typeof value !== "object" || Array.isArray(value)) return null;
    /** @type {Reform} */
    const reform = {};
    for (const [id, figure] of Object.entries(value)) {
      if (typeof figure === "string" || typeof figure === "number") reform[String(id)] = String(figure);
    }
    return Object.keys(reform).length ? reform : null;
  } catch {
    return null;
  }
}

/** This page's address with `reform` in its fragment (no fragment without one). */
/** @param {Reform | null} reform */
export function reformUrl(reform) {
  const url = new URL(location.href);
  url.hash = reform && Object.keys(reform).length ? `${HASH_KEY}=${encodeURIComponent(JSON.stringify(reform))}` : "";
  return url.href;
}

/** @typedef {{ item: HTMLLIElement, select: HTMLSelectElement, input: HTMLInputElement, clause: HTMLDivElement, unit: HTMLSpanElement, error: HTMLParagraphElement }} ChangeRow */
export class ReformEditor {
  /** `data`: the page's data-parameters ({groups, clauses, units}); `say(key, values)`: its strings. */
  /** @param {HTMLElement} root @param {BudgetData} data @param {BudgetSay} say @param {() => void} onChange */
  constructor(root, data, say, onChange) {
    this.root = root;
    this.data = data;
    this.say = say;
    this.onChange = onChange;
    this.list = /** @type {HTMLElement} the page has it */ (root.querySelector(".budget-changes"));
    /** @type {Map<string, BudgetParameter & { group: BudgetParameterGroup }>} */
    this.parameters = new Map();
    for (const group of data.groups) {
      for (const parameter of group.parameters) this.parameters.set(parameter.id, { ...parameter, group });
    }
    /** @type {ChangeRow[]} */
    this.rows = [];
  }

  /** One empty change, or the changes of `reform` ({id: value}; unknown ids are kept, and refused by the engine). */
  /** @param {Reform | null} reform */
  start(reform) {
    this.list.replaceChildren();
    this.rows = [];
    const entries = Object.entries(reform || {});
    if (!entries.length) this.addRow();
    for (const [id, value] of entries) this.addRow(id, value);
  }

  /** @param {string} unit */
  unitText(unit) {
    return this.data.units[unit] ?? unit;
  }

  /** @param {string} id @param {string} current */
  select(id, current) {
    const select = el("select", { id, class: "budget-parameter" },
      el("option", { value: "" }, this.say("choose_parameter")));
    for (const group of this.data.groups) {
      const optgroup = el("optgroup", { label: group.title });
      for (const parameter of group.parameters) {
        optgroup.append(el("option", { value: parameter.id },
          this.say("parameter_option", { label: parameter.label, value: parameter.value, unit: this.unitText(parameter.unit) })));
      }
      select.append(optgroup);
    }
    if (current && !this.parameters.has(current)) select.append(el("option", { value: current }, current));
    select.value = current || "";
    return select;
  }

  addRow(parameterId = "", value = "") {
    const n = nextId();
    const ids = { parameter: `budget-parameter-${n}`, value: `budget-value-${n}`, clause: `budget-clause-${n}`,
                  unit: `budget-unit-${n}`, error: `budget-change-error-${n}` };
    const select = this.select(ids.parameter, parameterId);
    const input = el("input", { type: "text", id: ids.value, class: "budget-value", inputmode: "decimal",
                                autocomplete: "off", "aria-describedby": `${ids.unit} ${ids.clause} ${ids.error}` });
    input.value = value;
    const clause = el("div", { class: "budget-clause", id: ids.clause });
    const unit = el("span", { class: "budget-unit", id: ids.unit });
    const error = el("p", { class: "budget-change-error", id: ids.error });
    const remove = el("button", { type: "button", class: "md-button budget-remove-change" }, this.say("remove_change"));
    const item = el("li", { class: "budget-change" },
      el("div", { class: "budget-change-field" }, el("label", { for: ids.parameter }, this.say("parameter_label")), select),
      clause,
      el("div", { class: "budget-change-field budget-change-value" }, el("label", { for: ids.value }, this.say("value_label")),
        el("span", { class: "budget-value-line" }, input, unit)),
      error, remove);
    const row = { item, select, input, clause, unit, error };
    select.addEventListener("change", () => {
      this.describe(row);
      this.clearError(row);
      this.onChange();
    });
    input.addEventListener("input", () => {
      this.clearError(row);
      this.onChange();
    });
    remove.addEventListener("click", () => {
      const index = this.rows.indexOf(row);
      this.rows.splice(index, 1);
      item.remove();
      if (!this.rows.length) this.addRow();
      const next = this.rows[Math.min(index, this.rows.length - 1)];
      next.select.focus();
      this.onChange();
    });
    this.rows.push(row);
    this.list.append(item);
    this.describe(row);
    return row;
  }

  /** Beside the select: the parameter's clause (linked, with its text) and today's value; the unit after the field. */
  /** @param {ChangeRow} row */
  describe(row) {
    const parameter = this.parameters.get(row.select.value);
    if (!parameter) {
      row.clause.replaceChildren();
      row.unit.textContent = "";
      return;
    }
    const clause = this.data.clauses[parameter.clause];
    const unit = this.unitText(parameter.unit);
    row.clause.replaceChildren(
      el("p", { class: "budget-clause-head" },
        el("a", { href: clause.href }, this.say("clause", { label: clause.label })),
        " ", this.say("today_value", { value: parameter.value, unit })),
      el("blockquote", { class: "budget-clause-text", lang: LANG === "zh" ? "zh" : "en" }, clause.text));
    row.unit.textContent = unit;
    row.input.placeholder = parameter.value;
  }

  /** @param {ChangeRow} row */
  clearError(row) {
    row.error.textContent = "";
    row.input.removeAttribute("aria-invalid");
  }

  /** The reform the rows make ({id: value}, null if none) and whether a row is incomplete (then says so beside it). */
  /** @param {{ quiet?: boolean }} [options] */
  reform({ quiet = false } = {}) {
    /** @type {Reform} */
    const reform = {};
    let incomplete = false;
    for (const row of this.rows) {
      const id = row.select.value;
      const value = row.input.value.trim();
      if (!id && !value) continue;
      /** @type {Bilingual | null} */
      let problem = null;
      if (!id) problem = this.say.both("pick_parameter");
      else if (!value) problem = this.say.both("enter_value");
      else if (id in reform) problem = this.say.both("repeated_parameter");
      if (problem) {
        incomplete = true;
        if (!quiet) this.showError(row, problem);
        continue;
      }
      reform[id] = value;
    }
    return { reform: Object.keys(reform).length ? reform : null, incomplete };
  }

  /** @param {ChangeRow} row @param {Bilingual} message */
  showError(row, message) {
    showInBothLanguages(row.error, message);
    row.input.setAttribute("aria-invalid", "true");
  }

  /** The engine's refusals ({field: "reform.<id>", zh, en}) beside their rows; the first such field gets focus. */
  /** @param {FieldError[]} errors */
  showErrors(errors) {
    /** @type {ChangeRow | null} */
    let first = null;
    /** @type {Bilingual[]} */
    const unplaced = [];
    for (const error of errors) {
      const id = error.field.startsWith("reform.") ? error.field.slice("reform.".length) : null;
      const row = this.rows.find((candidate) => candidate.select.value === id);
      if (!row) {
        unplaced.push({ zh: error.zh, en: error.en ?? error.zh });
        continue;
      }
      this.showError(row, { zh: error.zh, en: error.en ?? error.zh });
      first ??= row;
    }
    first?.input.focus();
    return unplaced;
  }

  /** "label: today → new" of each change, for the results' heading. */
  /** @param {Reform | null} reform */
  describeReform(reform) {
    return Object.entries(reform || {}).map(([id, value]) => {
      const parameter = this.parameters.get(id);
      return parameter
        ? this.say("change_summary", { label: parameter.label, from: parameter.value, to: value, unit: this.unitText(parameter.unit) })
        : `${id}: ${value}`;
    });
  }
}
