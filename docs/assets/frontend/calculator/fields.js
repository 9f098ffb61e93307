// Form fields: one control bound to one profile value (an input of inputs.json, or another policy's amount for the
// take-the-higher rule), with its label, help, allowed range and the place for its error message.

import { FieldEcho } from "./field-echo.js";
import { LANG, bilingual, el, groupedDigits, inBoth, nextId, showInBothLanguages, t, text } from "./ui.js";

/** One form control bound to one profile value: an input id (company or facts) or another policy's amount. */
/** @typedef {HTMLInputElement | HTMLSelectElement | HTMLTextAreaElement} Control */
/** @typedef {Field & { sourceField?: OtherSourceField }} FormField A field of a form; another policy's amount has the field of which policy beside it */
export class Field {
  /** @param {{ key: string, spec: InputSpec, group: string | undefined, ruleId?: string | null, label: string | Partial<Record<Lang, string>> | undefined, help: string }} options */
  constructor({ key, spec, group, ruleId = null, label, help }) {
    this.key = key;
    this.spec = spec;
    this.group = group; // "company" | "facts" | "other" (another policy's amount) | "other-source" (which policy) | "item"
    this.ruleId = ruleId;
    const id = `pc-${nextId()}-${key.replace(/[^A-Za-z0-9_-]/g, "_")}`;
    const helpId = `${id}-help`;
    this.errorId = `${id}-error`;
    this.control = this.makeControl(id);
    // The label in both languages when known ({zh, en}: the error summary names the field in each), else this page's.
    this.labels = label && typeof label === "object" ? label : { [LANG]: label };
    this.label = bilingual(this.labels);
    this.echo = new FieldEcho(this);
    this.control.setAttribute("aria-describedby", `${this.echo.node.id} ${helpId} ${this.errorId}`);
    this.control.dataset.field = key;
    const helpLines = [help, this.rangeText()].filter(Boolean).join(" ");
    this.errorNode = el("p", { class: "pc-error", id: this.errorId, "data-error-for": key });
    this.node = el("div", { class: `pc-field pc-field-${spec.type}` },
      el("label", { for: id }, this.label),
      this.control,
      this.echo.node,
      el("p", { class: "pc-help", id: helpId }, helpLines),
      this.errorNode);
    for (const type of ["input", "change"]) this.control.addEventListener(type, () => this.echo.update());
  }

  /** @param {string} id @returns {Control} */
  makeControl(id) {
    const spec = this.spec;
    if (spec.type === "bool" || spec.type === "choice") {
      const select = el("select", { id, name: this.key });
      const options = spec.type === "bool"
        ? [{ id: "true", label: text("yes") }, { id: "false", label: text("no") }]
        : /** @type {NonNullable<InputSpec["choices"]>} */ (spec.choices).map((choice) => ({ id: choice.id, label: bilingual(choice.label) }));
      let emptyLabel = text("notGiven");
      if ("default" in spec) {
        const fallback = options.find((option) => option.id === String(spec.default));
        if (fallback) emptyLabel = text("notGivenDefault", { value: fallback.label });
      }
      select.append(el("option", { value: "" }, emptyLabel));
      for (const option of options) select.append(el("option", { value: option.id }, option.label));
      return select;
    }
    if (spec.type === "money_list") {
      return el("textarea", { id, name: this.key, rows: 3, spellcheck: "false", autocomplete: "off" });
    }
    const numeric = spec.type === "money" || spec.type === "number";
    return el("input", {
      id, name: this.key, type: "text", autocomplete: "off", spellcheck: "false",
      inputmode: numeric ? "decimal" : null,
      placeholder: spec.type === "date" ? text("datePlaceholder") : null,
    });
  }

  rangeText() {
    const spec = this.spec;
    if (!(spec.type === "money" || spec.type === "number") || spec.min === undefined || spec.max === undefined) return "";
    const unit = spec.unit === "yuan" ? text("unitYuan") : spec.unit === "mu" ? text("unitMu") : "";
    return text("range", { min: groupedDigits(String(spec.min)), max: groupedDigits(String(spec.max)), unit });
  }

  /** What the user entered, as stored and shared: always a string ("" = not given). */
  get raw() {
    return this.control.value;
  }

  set raw(value) {
    this.control.value = value;
    this.echo.update();
  }

  /** {zh, en} when what is typed will be refused (known in the page, before Python), else null. */
  localRefusal() {
    return this.echo.refusal();
  }

  /** @param {unknown} value */
  acceptsRaw(value) {
    if (typeof value !== "string") return false;
    if (this.control.tagName === "SELECT") return [.../** @type {HTMLSelectElement} */ (this.control).options].some((option) => option.value === value);
    return true;
  }

  /** The profile value: null when not given; text exactly as typed (the engine reads full-width digits etc.). */
  profileValue() {
    const raw = this.raw;
    if (raw === "") return null;
    if (this.spec.type === "bool") return raw === "true";
    return raw;
  }

  /** The field's errors, in both languages (an empty list clears them). @param {Bilingual[]} messages */
  showError(messages) {
    /** @param {Lang} lang */
    const joined = (lang) => messages.map((message) => message[lang]).filter(Boolean).join(" ");
    showInBothLanguages(this.errorNode, inBoth(joined));
    if (messages.length) this.control.setAttribute("aria-invalid", "true");
    else this.control.removeAttribute("aria-invalid");
  }
}

/** @param {InputSpec} spec */
export function inputField(spec) {
  return new Field({ key: spec.id, spec, group: spec.group, label: spec.label, help: bilingual(spec.help) });
}

// The sources of another policy's amount (附则四 names 市级政策 and 本区现行政策; provincial and national amounts are
// offered so that the reader can enter one and see that it does not reduce the award). "" is the default, city.
/** @type {PolicySource[]} */
export const OTHER_SOURCES = ["city", "district", "provincial", "national"];

/** The help under the amount: which policies' amounts reduce this rule (inputs.json `take_higher_sources`). */
/** @param {RuleSpec} rule */
function otherPolicyHelp(rule) {
  const sources = rule.take_higher_sources || ["city", "district"];
  if (sources.length === 1 && sources[0] === "city") return text("otherPolicyHelpCityOnly"); // 第九条, by its own terms
  if (sources.length === 1 && sources[0] === "district") return text("otherPolicyHelpDistrictOnly"); // a matching award
  return text("otherPolicyHelp");
}

/** The select of where another policy's amount comes from; its empty value is the default, a city policy. */
class OtherSourceField extends Field {
  /** @param {string} id */
  makeControl(id) {
    const select = el("select", { id, name: this.key });
    OTHER_SOURCES.forEach((source, index) => select.append(el("option", { value: index ? source : "" }, text(`otherSource_${source}`))));
    return select;
  }

  /** The source the profile sends: "city" when nothing else is chosen. */
  get source() {
    return this.raw || OTHER_SOURCES[0];
  }
}

/** The amount another policy paid for the same item, and (next to it) which policy: [amount field, source field]. */
/** @param {RuleSpec} rule @returns {[Field, OtherSourceField]} */
export function otherPolicyFields(rule) {
  const spec = { id: `other:${rule.id}`, type: "money", unit: "yuan", min: "0", max: "1000000000000" };
  const amount = new Field({
    key: spec.id, spec, group: "other", ruleId: rule.id,
    label: inBoth((lang) => t("otherPolicyLabel", lang, { title: rule.title[lang] })), help: otherPolicyHelp(rule),
  });
  const reducing = (rule.take_higher_sources || []).map((source) => text(`otherSource_${source}`)).join(text("listSeparator"));
  const source = new OtherSourceField({
    key: `other-source:${rule.id}`, spec: { id: `other-source:${rule.id}`, type: "choice", choices: [] }, group: "other-source",
    ruleId: rule.id, label: inBoth((lang) => t("otherSourceLabel", lang, { title: rule.title[lang] })),
    help: reducing ? text(rule.flags && rule.flags.no_duplication_with_city ? "otherSourceReducesOwn" : "otherSourceReduces", { sources: reducing }) : "",
  });
  /** @type {FormField} */ (amount).sourceField = source;
  return [amount, source];
}

/** The pair's nodes in one group, the source select right after the amount. */
/** @param {RuleSpec} rule @param {(field: Field) => Node} add */
export function otherPolicyNode(rule, add) {
  const [amount, source] = otherPolicyFields(rule);
  return el("div", { class: "pc-other-policy", "data-rule": rule.id }, add(amount), add(source));
}
