// Find a field: a filter box above the estimator's parts. It matches, in both languages, each article's title and
// number, its fields' labels, its awards' titles, the glossary terms its text uses, its departments and the common
// names people use for it (policy.yaml `finder`, e.g. 技改 → 第三条, 高企 → 第二十一条). Articles that do not match
// are hidden; parts holding a match are drawn (the estimator draws a part's fields when first needed, form.js) and
// opened. Clearing the box shows everything again.

import { el, nextId, text } from "./ui.js";

/** Lower case, NFKC (full-width letters and digits), no spaces: how both the words and the query are compared. */
/** @param {unknown} value */
export function normalise(value) {
  return String(value ?? "").normalize("NFKC").toLowerCase().replace(/\s+/g, "");
}

/** @param {Bilingual | string | undefined} entry */
function both(entry) {
  return entry && typeof entry === "object" ? [entry.zh, entry.en] : [entry];
}

/** Every word that finds this article, normalised. */
/** @param {ArticleSpec} article @param {InputsData} data */
export function articleWords(article, data) {
  /** @type {(string | undefined)[]} */
  const words = [...both(article.title), `第${article.numeral}条`, `article${article.id}`, `a${article.id}`];
  for (const inputId of article.inputs) {
    const spec = data.inputs[inputId];
    if (spec && spec.group !== "company") words.push(...both(spec.label));
  }
  for (const rule of article.rules) words.push(...both(rule.title));
  /** @type {{ zh?: string[], en?: string[] }} */
  const finder = article.finder || {};
  words.push(...(finder.zh || []), ...(finder.en || []));
  for (const department of article.departments || []) words.push(...both(department));
  return words.filter(Boolean).map(normalise);
}

/** The ids of the articles every term of the query finds (terms are separated by spaces; all must match). */
/** @param {string} query @param {ArticleSpec[]} articles @param {InputsData} data */
export function findArticles(query, articles, data) {
  const terms = String(query ?? "").normalize("NFKC").toLowerCase().split(/[\s,，、;；]+/).filter(Boolean);
  if (!terms.length) return null;
  return articles.filter((article) => {
    const words = articleWords(article, data);
    return terms.every((term) => words.some((word) => word.includes(term)));
  }).map((article) => article.id);
}

export class FieldFinder {
  /** `parts`: the estimator's EstimatorForm (form.js), which knows every article of the form, drawn or not. */
  /** @param {HTMLFormElement} form @param {InputsData} data @param {(article: number) => string} numeral @param {import("./form.js").EstimatorForm} parts */
  constructor(form, data, numeral, parts) {
    this.form = form;
    this.data = data;
    this.numeral = numeral;
    this.parts = parts;
    const inputId = `pc-finder-${nextId()}`;
    this.input = el("input", {
      id: inputId, type: "search", class: "pc-finder-input", autocomplete: "off", spellcheck: "false",
      "aria-describedby": `${inputId}-hint ${inputId}-status`,
    });
    this.status = el("p", { class: "pc-finder-status", id: `${inputId}-status`, role: "status", "aria-live": "polite" });
    const showAll = el("button", { type: "button", class: "md-button pc-finder-clear", hidden: true }, text("finderShowAll"));
    showAll.addEventListener("click", () => {
      this.input.value = "";
      this.apply();
      this.input.focus();
    });
    this.showAll = showAll;
    this.node = el("div", { class: "pc-finder", role: "search" },
      el("label", { for: inputId }, text("finderLabel")),
      el("p", { class: "pc-help", id: `${inputId}-hint` }, text("finderHint")),
      el("div", { class: "pc-finder-row" }, this.input, showAll),
      this.status);
    this.input.addEventListener("input", () => this.apply());
    this.input.addEventListener("keydown", (event) => {
      if (event.key === "Enter") event.preventDefault();
    });
  }

  apply() {
    const articles = this.data.articles.filter((article) => this.parts.partOfArticle.has(article.id));
    const found = findArticles(this.input.value, articles, this.data);
    if (found !== null) this.parts.drawArticles(found); // their fieldsets must be there to be shown
    this.showAll.hidden = found === null;
    for (const fieldset of /** @type {NodeListOf<HTMLFieldSetElement>} */ (this.form.querySelectorAll("fieldset.pc-article"))) {
      fieldset.hidden = found !== null && !found.includes(Number(fieldset.dataset.article));
    }
    for (const details of /** @type {NodeListOf<HTMLDetailsElement>} */ (this.form.querySelectorAll("details.pc-part"))) {
      if (found === null) {
        details.hidden = false;
        continue;
      }
      const holds = [.../** @type {NodeListOf<HTMLFieldSetElement>} */ (details.querySelectorAll("fieldset.pc-article"))].some((fieldset) => !fieldset.hidden);
      details.hidden = !holds;
      if (holds) details.open = true;
    }
    if (found === null) {
      this.status.textContent = "";
    } else if (!found.length) {
      this.status.textContent = text("finderNone", { query: this.input.value.trim() });
    } else {
      const list = found.map((id) => this.numeral(id)).join(text("listSeparator"));
      this.status.textContent = text("finderFound", { n: found.length, list });
    }
  }
}
