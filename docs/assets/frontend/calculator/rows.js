// Repeatable rows: a rule marked `repeatable` in inputs.json (several projects, products or recognitions a year)
// gets "add another project" rows under its fields, each with the rule's own inputs, its own date and a remove
// button. The fields above are item 1; rows are items 2, 3, … Row fields are ordinary fields of the calculator (keys
// `item:<rule>:<n>:<input>`), so the share link, localStorage, print and JSON carry them like any other value. With
// rows, the profile sends the rule as `items` (calculator/README.md) and the engine's errors on `items.<rule>[i].<input>`
// come back to the field of that row.

import { Field } from "./fields.js";
import { bilingual, el, inBoth, t, text } from "./ui.js";
import { UndoOffer } from "./undo.js";

const ROW_KEY = /^item:([^:]+):(\d+):([^:]+)$/;
const DATE_INPUT = "event_date";

/** The rule id of a row field's key (`item:<rule>:<n>:<input>`), or null for any other key. */
/** @param {string} key */
export function rowRuleId(key) {
  const match = ROW_KEY.exec(key);
  return match ? match[1] : null;
}

/** @param {string} ruleId @param {number} number @param {string} inputId */
function rowKey(ruleId, number, inputId) {
  return `item:${ruleId}:${number}:${inputId}`;
}

/** @param {string} noun */
function capitalised(noun) {
  return `${noun.charAt(0).toUpperCase()}${noun.slice(1)}`;
}

/** @typedef {{ register: (field: Field) => Node, unregister: (key: string) => void, changed: () => void }} RowHooks */
/** @typedef {{ number: number, fields: Field[], node: HTMLFieldSetElement }} Row */
class RuleRows {
  /** @param {RuleSpec} rule @param {InputsData} data @param {RowHooks} hooks */
  constructor(rule, data, hooks) {
    this.rule = rule;
    this.data = data;
    this.hooks = hooks; // { register(field) -> node, unregister(key), changed() }
    this.inputs = rule.inputs.filter((inputId) => data.inputs[inputId] && data.inputs[inputId].group !== "company");
    /** @type {Row[]} */
    this.rows = []; // [{ number, fields: Field[], node }]; row numbers 2, 3, … (item 1 is the form above)
    this.noun = bilingual(/** @type {NonNullable<RuleSpec["repeatable"]>} */ (rule.repeatable).item);
    this.list = el("div", { class: "pc-rows-list" });
    this.addButton = el("button", { type: "button", class: "md-button pc-row-add", "data-rule": rule.id },
      text("rowAdd", { item: this.noun }));
    this.addButton.addEventListener("click", () => {
      const row = this.addRow();
      row.fields[0].control.focus();
      this.hooks.changed();
    });
    this.undo = new UndoOffer("pc-row-undo"); // "Project 3 removed. [Undo]", where the row was
    this.node = el("div", { class: "pc-rows", "data-rule": rule.id },
      el("p", { class: "pc-rows-intro" }, text("rowIntro", { item: this.noun, title: bilingual(rule.title) })),
      this.list, this.undo.node, this.addButton);
  }

  /** @param {number} number */
  label(number) {
    return `${this.noun.charAt(0).toUpperCase()}${this.noun.slice(1)} ${number}`;
  }

  addRow() {
    const number = this.rows.length + 2;
    const label = this.label(number);
    const fields = [...this.inputs, DATE_INPUT].map((inputId) => {
      const spec = this.data.inputs[inputId];
      return new Field({
        key: rowKey(this.rule.id, number, inputId), spec, group: "item", ruleId: this.rule.id,
        label: inBoth((lang) => `${capitalised(/** @type {NonNullable<RuleSpec["repeatable"]>} a row's rule is repeatable */ (this.rule.repeatable).item[lang] ?? this.noun)} ${number}${t("rowLabelSeparator", lang)}${/** @type {Bilingual} every input has a label */ (spec.label)[lang]}`),
        help: inputId === DATE_INPUT ? text("rowDateHelp") : bilingual(spec.help),
      });
    });
    const remove = el("button", { type: "button", class: "md-button pc-row-remove", "aria-label": text("rowRemoveLabel", { item: label }) },
      text("rowRemove"));
    const node = el("fieldset", { class: "pc-group pc-row", "data-row": number }, el("legend", {}, label),
      fields.map((field) => this.hooks.register(field)), remove);
    const row = { number, fields, node };
    remove.addEventListener("click", () => this.removeRow(row));
    this.rows.push(row);
    this.list.append(node);
    return row;
  }

  /** Removes a row; the rows after it move up one (their values with them), so numbers stay 2, 3, … The focus goes
   * to the offer to undo it, in the row's block. */
  /** @param {Row} row */
  removeRow(row) {
    const index = this.rows.indexOf(row);
    const values = row.fields.map((field) => field.raw);
    for (let position = index; position < this.rows.length - 1; position += 1) {
      this.rows[position].fields.forEach((field, fieldIndex) => { field.raw = this.rows[position + 1].fields[fieldIndex].raw; });
    }
    const last = /** @type {Row} */ (this.rows.pop());
    for (const field of last.fields) this.hooks.unregister(field.key);
    last.node.remove();
    this.undo.offer(text("rowRemoved", { item: this.label(row.number) }), () => this.restoreRow(index, values)).focus();
    this.hooks.changed();
  }

  /** Undoes a removal: the row is back at its place with its values, the rows after it move down one. */
  /** @param {number} index @param {string[]} values the row's fields' raw values, in order */
  restoreRow(index, values) {
    this.addRow();
    for (let position = this.rows.length - 1; position > index; position -= 1) {
      this.rows[position].fields.forEach((field, fieldIndex) => { field.raw = this.rows[position - 1].fields[fieldIndex].raw; });
    }
    this.rows[index].fields.forEach((field, fieldIndex) => { field.raw = values[fieldIndex]; });
    this.rows[index].fields[0].control.focus();
    this.hooks.changed();
  }

  reset() {
    this.undo.cancel();
    while (this.rows.length) {
      const last = /** @type {Row} */ (this.rows.pop());
      for (const field of last.fields) this.hooks.unregister(field.key);
      last.node.remove();
    }
  }

  /** Moves this rule's inputs from `facts` into `items` when there are rows; returns the item -> row number map. */
  /** @param {PageProfile} profile */
  applyTo(profile) {
    const filled = this.rows.map((row) => ({ number: row.number, item: itemOf(row.fields) }))
      .filter((entry) => Object.keys(entry.item).length);
    if (!filled.length) return null;
    /** @type {Record<string, ProfileValue>} */
    const first = {};
    for (const inputId of this.inputs) {
      if (profile.facts && inputId in profile.facts) {
        first[inputId] = profile.facts[inputId];
        delete profile.facts[inputId];
      }
    }
    if (profile.facts && !Object.keys(profile.facts).length) delete profile.facts;
    /** @type {number[]} */
    const numbers = [];
    /** @type {Record<string, ProfileValue>[]} */
    const items = [];
    if (Object.keys(first).length) {
      items.push(first);
      numbers.push(1);
    }
    for (const entry of filled) {
      items.push(entry.item);
      numbers.push(entry.number);
    }
    (profile.items ??= {})[this.rule.id] = items;
    return numbers;
  }
}

/** @param {Field[]} fields */
function itemOf(fields) {
  /** @type {Record<string, ProfileValue>} */
  const item = {};
  for (const field of fields) {
    const value = field.profileValue();
    if (value !== null) item[field.spec.id] = value;
  }
  return item;
}

/** The repeatable rows of one calculator (article widget or estimator). */
export class RepeatableRows {
  /** @param {InputsData} data @param {RowHooks} hooks */
  constructor(data, hooks) {
    this.data = data;
    this.hooks = hooks;
    /** @type {Map<string, RuleRows>} */
    this.byRule = new Map();
    /** @type {Map<string, number[]>} */
    this.itemNumbers = new Map(); // rule id -> [row number of item 0, item 1, …] in the last profile sent
  }

  /** The rows block of a rule, or null when the rule takes one item a year. */
  /** @param {RuleSpec} rule */
  block(rule) {
    if (!rule.repeatable || rule.exactness === "unquantified") return null;
    const rows = new RuleRows(rule, this.data, this.hooks);
    this.byRule.set(rule.id, rows);
    return rows.node;
  }

  /** The field for a saved key, adding rows up to its number (a share link with three projects draws three). */
  /** @param {string} key */
  fieldFor(key) {
    const match = ROW_KEY.exec(key);
    if (!match) return undefined;
    const rows = this.byRule.get(match[1]);
    const number = Number(match[2]);
    if (!rows || number < 2 || number > (this.data.max_items ?? 50)) return undefined;
    while (rows.rows.length < number - 1) rows.addRow();
    return rows.rows[number - 2].fields.find((field) => field.key === key);
  }

  reset() {
    for (const rows of this.byRule.values()) rows.reset();
  }

  /** @param {PageProfile} profile */
  applyTo(profile) {
    this.itemNumbers.clear();
    for (const [ruleId, rows] of this.byRule) {
      const numbers = rows.applyTo(profile);
      if (numbers) this.itemNumbers.set(ruleId, numbers);
    }
    return profile;
  }

  /** The field key an engine error path (`items.<rule>[i].<input>`) belongs to, or null. */
  /** @param {string} path */
  errorKey(path) {
    const match = /^items\.(.+)\[(\d+)\]\.([^.[\]]+)/.exec(path);
    if (!match) return null;
    const numbers = this.itemNumbers.get(match[1]);
    const number = numbers ? numbers[Number(match[2])] : undefined;
    if (number === undefined) return null;
    return number === 1 ? match[3] : rowKey(match[1], number, match[3]);
  }
}
