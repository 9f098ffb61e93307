// The forms, drawn from inputs.json: an article widget asks its article's inputs (company facts and other policies'
// amounts folded away); the estimator asks the company facts once, then every article's own inputs by part (each part
// drawn when it is first needed: EstimatorForm).
// `add(field)` registers a field with its calculator and returns the field's node; `rows` (rows.js) draws the
// "add another" rows of repeatable rules.

import { inputField, otherPolicyNode } from "./fields.js";
import { CONTACTS_URL, departmentsOf } from "./next-steps.js";
import { rowRuleId } from "./rows.js";
import { LANG, bilingual, el, text } from "./ui.js";

/** @typedef {import("./fields.js").Field} Field */
/** @typedef {(field: Field) => Node} AddField Registers a field with its calculator and returns the field's node */
/** @typedef {{ part: PartSpec, details: HTMLDetailsElement, counter: HTMLSpanElement, keys: string[], drawn: boolean }} PartEntry */
/** @param {InputsData} data @param {number | null} articleId */
export function findArticle(data, articleId) {
  return data.articles.find((entry) => entry.id === articleId);
}

/** Fills `form` with the article widget's fields. */
/** @param {HTMLFormElement} form @param {InputsData} data @param {number | null} articleId @param {AddField} add @param {import("./rows.js").RepeatableRows} rows */
export function buildArticleForm(form, data, articleId, add, rows) {
  const article = /** @type {ArticleSpec} */ (findArticle(data, articleId));
  const conditions = el("fieldset", { class: "pc-group" }, el("legend", {}, text("formConditions")));
  for (const inputId of article.inputs) conditions.append(add(inputField(data.inputs[inputId])));
  for (const rule of article.rules) conditions.append(rows.block(rule) ?? "");
  form.append(conditions);
  const company = data.company_inputs.filter((inputId) => !article.inputs.includes(inputId));
  if (company.length) {
    const details = el("details", { class: "pc-more" }, el("summary", {}, text("companyFactsMore")));
    for (const inputId of company) details.append(add(inputField(data.inputs[inputId])));
    form.append(details);
  }
  const others = article.rules.filter((rule) => rule.take_higher);
  if (others.length) {
    const details = el("details", { class: "pc-more" }, el("summary", {}, text("otherPolicies")));
    for (const rule of others) details.append(otherPolicyNode(rule, add));
    form.append(details);
  }
  const unquantified = article.rules.filter((rule) => rule.exactness === "unquantified");
  if (unquantified.length) {
    form.append(el("p", { class: "pc-unquantified" }, text("unquantifiedListed"), " ",
      unquantified.map((rule) => `${bilingual(rule.title)}（${text("caseByCase")}）`).join(LANG === "zh" ? "；" : "; ")));
  }
}

/**
 * The estimator's note on an article's awards whose amount the department decides case by case (第二条 一事一议): that
 * it is not estimated, and whom to ask (the article's departments). An article with only such an award and no field of
 * its own (第二条: its trigger is a company fact) says which company fact lists it. "" when the article has none.
 */
/** @param {ArticleSpec} article @param {InputsData} data */
export function unquantifiedNote(article, data) {
  const unquantified = article.rules.filter((rule) => rule.exactness === "unquantified");
  if (!unquantified.length) return "";
  const titles = unquantified.map((rule) => bilingual(rule.title)).join(text("listSeparator"));
  const departments = departmentsOf(article.id, data);
  const triggers = unquantified.map((rule) => data.inputs[/** @type {string} */ (rule.trigger)])
    .filter((spec) => spec && spec.group === "company" && spec.type === "bool");
  return el("div", { class: "pc-unquantified pc-unquantified-article", "data-article": article.id },
    el("p", {}, text("unquantifiedArticle", { titles, departments: departments || "—" }), " ",
      el("a", { href: CONTACTS_URL(), class: "pc-next-contacts" }, text("nextContacts"))),
    triggers.map((spec) => el("p", {}, text("unquantifiedTrigger", { label: bilingual(spec.label) }))));
}

/**
 * The estimator's form: the company facts, then one closed <details> per part. A part's fields are drawn the first
 * time it is opened, or when something needs one of them (a saved value or share link, an error from the engine, the
 * field finder, the self-check hand-off): drawing all 124 fields at load made one long main-thread task, and each
 * closed <details> inside them cost a layout of its own (issue 11, Lighthouse "total blocking time"). A field not
 * drawn yet is empty, so values, profile and errors need only the fields drawn.
 */
export class EstimatorForm {
  /** `add(field)` registers a field with the calculator; `drawn()` is called after a part's fields were added. */
  /** @param {HTMLFormElement} form @param {InputsData} data @param {{ add: AddField, rows: import("./rows.js").RepeatableRows, drawn: () => void }} hooks */
  constructor(form, data, { add, rows, drawn }) {
    this.data = data;
    this.add = add;
    this.rows = rows;
    this.drawn = drawn;
    const company = el("fieldset", { class: "pc-group pc-company" }, el("legend", {}, text("companyFacts")));
    for (const inputId of data.company_inputs) company.append(add(inputField(data.inputs[inputId])));
    form.append(company);
    this.keyOrder = [...data.company_inputs]; // every field key, in the form's order (rows excepted)
    /** @type {Map<string, PartEntry>} */
    this.partOfKey = new Map(); // field key -> the part that holds it
    /** @type {Map<string | null, PartEntry>} */
    this.partOfRule = new Map(); // rule id -> the part that holds it (for its rows' keys)
    /** @type {Map<number, PartEntry>} */
    this.partOfArticle = new Map();
    this.parts = data.parts.map((part) => this.partShell(part));
    form.append(...this.parts.map((entry) => entry.details));
  }

  /** A part's <details> with its summary only, and what it will hold (from inputs.json, no DOM). */
  /** @param {PartSpec} part */
  partShell(part) {
    const counter = el("span", { class: "pc-count" });
    const summary = el("summary", {}, text("part", { numeral: part.numeral, id: part.id, title: bilingual(part.title) }),
      counter, part.topics ? el("span", { class: "pc-part-topics" }, bilingual(part.topics)) : "");
    const details = el("details", { class: "pc-part", "data-part": part.id }, summary);
    /** @type {PartEntry} */
    const entry = { part, details, counter, keys: [], drawn: false };
    for (const articleId of part.articles) {
      const article = /** @type {ArticleSpec} */ (findArticle(this.data, articleId));
      this.partOfArticle.set(article.id, entry);
      for (const inputId of article.inputs) {
        if (this.data.inputs[inputId].group !== "company") entry.keys.push(inputId);
      }
      for (const rule of article.rules) {
        this.partOfRule.set(rule.id, entry);
        if (rule.take_higher) entry.keys.push(`other:${rule.id}`, `other-source:${rule.id}`);
      }
    }
    for (const key of entry.keys) this.partOfKey.set(key, entry);
    this.keyOrder.push(...entry.keys);
    // Drawn before the click opens it (no empty frame); `toggle` catches an opening by a script that sets `open`.
    summary.addEventListener("click", () => this.draw(entry));
    details.addEventListener("toggle", () => { if (details.open) this.draw(entry); });
    return entry;
  }

  /** Draws a part's fields once. */
  /** @param {PartEntry} entry */
  draw(entry) {
    if (entry.drawn) return;
    entry.drawn = true;
    for (const articleId of entry.part.articles) {
      const article = /** @type {ArticleSpec} */ (findArticle(this.data, articleId));
      const fieldset = el("fieldset", { class: "pc-group pc-article", "data-article": article.id },
        el("legend", {}, text("article", { numeral: article.numeral, id: article.id, title: bilingual(article.title) })));
      for (const inputId of article.inputs) {
        const spec = this.data.inputs[inputId];
        if (spec.group === "company") continue; // asked once, in the company facts
        fieldset.append(this.add(inputField(spec)));
      }
      for (const rule of article.rules) fieldset.append(this.rows.block(rule) ?? "");
      // The amounts from other policies (附则四) matter only to those who got one: behind one question per article.
      const others = article.rules.filter((rule) => rule.take_higher);
      if (others.length) {
        const toggle = el("details", { class: "pc-other" }, el("summary", {}, text("otherToggle")));
        for (const rule of others) toggle.append(otherPolicyNode(rule, this.add));
        fieldset.append(toggle);
      }
      fieldset.append(unquantifiedNote(article, this.data));
      entry.details.append(fieldset);
    }
    this.drawn();
  }

  /** Draws the part that holds this field key (an input, `other:<rule>` or a row's `item:<rule>:<n>:<input>`). */
  /** @param {string} key */
  drawFor(key) {
    const entry = this.partOfKey.get(key) ?? this.partOfRule.get(rowRuleId(key));
    if (entry) this.draw(entry);
  }

  /** Draws the parts that hold these rules (ids unknown to the form are skipped). */
  /** @param {string[]} ruleIds */
  drawRules(ruleIds) {
    for (const ruleId of ruleIds) {
      const entry = this.partOfRule.get(ruleId);
      if (entry) this.draw(entry);
    }
  }

  /** Draws the parts that hold these articles. */
  /** @param {(number | string)[]} articleIds */
  drawArticles(articleIds) {
    for (const articleId of articleIds) {
      const entry = this.partOfArticle.get(Number(articleId));
      if (entry) this.draw(entry);
    }
  }

  /** Shows how many fields of each part are filled in, its rows' fields included, and opens the parts that have any. */
  /** @param {Map<string, Field>} fields */
  updateCounts(fields) {
    const rowsFilled = new Map(); // part entry -> filled fields of its rows (`item:<rule>:<n>:<input>`)
    for (const [key, field] of fields) {
      const entry = this.partOfRule.get(rowRuleId(key));
      if (entry && field.raw) rowsFilled.set(entry, (rowsFilled.get(entry) ?? 0) + 1);
    }
    for (const entry of this.parts) {
      const { details, counter, keys, drawn } = entry;
      if (!drawn) continue; // nothing filled in where nothing is drawn
      const filled = keys.filter((key) => fields.get(key)?.raw).length + (rowsFilled.get(entry) ?? 0);
      counter.textContent = filled ? text("filledCount", { n: filled }) : "";
      if (filled) details.open = true;
      for (const toggle of /** @type {NodeListOf<HTMLDetailsElement>} */ (details.querySelectorAll("details.pc-other"))) {
        if ([.../** @type {NodeListOf<import("./fields.js").Control>} */ (toggle.querySelectorAll("[data-field]"))].some((control) => control.value !== "")) toggle.open = true;
      }
    }
  }
}
