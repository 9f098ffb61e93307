// The forms, drawn from inputs.json: an article widget asks its article's inputs (company facts and other policies'
// amounts folded away); the estimator asks the company facts once, then every article's own inputs by part.
// `add(field)` registers a field with its calculator and returns the field's node; `rows` (rows.js) draws the
// "add another" rows of repeatable rules.

import { inputField, otherPolicyField } from "./fields.js";
import { LANG, bilingual, el, text } from "./ui.js";

export function findArticle(data, articleId) {
  return data.articles.find((entry) => entry.id === articleId);
}

/** Fills `form` with the article widget's fields. */
export function buildArticleForm(form, data, articleId, add, rows) {
  const article = findArticle(data, articleId);
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
    for (const rule of others) details.append(add(otherPolicyField(rule)));
    form.append(details);
  }
  const unquantified = article.rules.filter((rule) => rule.exactness === "unquantified");
  if (unquantified.length) {
    form.append(el("p", { class: "pc-unquantified" }, text("unquantifiedListed"), " ",
      unquantified.map((rule) => `${bilingual(rule.title)}（${text("caseByCase")}）`).join(LANG === "zh" ? "；" : "; ")));
  }
}

/** Fills `form` with the estimator's fields; returns the parts' counters ({details, counter, keys}) for updateCounts. */
export function buildEstimatorForm(form, data, add, rows) {
  const company = el("fieldset", { class: "pc-group pc-company" }, el("legend", {}, text("companyFacts")));
  for (const inputId of data.company_inputs) company.append(add(inputField(data.inputs[inputId])));
  form.append(company);
  const partCounters = [];
  for (const part of data.parts) {
    const counter = el("span", { class: "pc-count" });
    const details = el("details", { class: "pc-part", "data-part": part.id },
      el("summary", {}, text("part", { numeral: part.numeral, id: part.id, title: bilingual(part.title) }), counter,
        part.topics ? el("span", { class: "pc-part-topics" }, bilingual(part.topics)) : ""));
    const keys = [];
    for (const articleId of part.articles) {
      const article = findArticle(data, articleId);
      const fieldset = el("fieldset", { class: "pc-group pc-article", "data-article": article.id },
        el("legend", {}, text("article", { numeral: article.numeral, id: article.id, title: bilingual(article.title) })));
      for (const inputId of article.inputs) {
        const spec = data.inputs[inputId];
        if (spec.group === "company") continue; // asked once, in the company facts
        fieldset.append(add(inputField(spec)));
        keys.push(inputId);
      }
      for (const rule of article.rules) fieldset.append(rows.block(rule) ?? "");
      // The amounts from other policies (附则四) matter only to those who got one: behind one question per article.
      const others = article.rules.filter((entry) => entry.take_higher);
      if (others.length) {
        const toggle = el("details", { class: "pc-other" }, el("summary", {}, text("otherToggle")));
        for (const rule of others) {
          const field = otherPolicyField(rule);
          toggle.append(add(field));
          keys.push(field.key);
        }
        fieldset.append(toggle);
      }
      details.append(fieldset);
    }
    partCounters.push({ details, counter, keys });
    form.append(details);
  }
  return partCounters;
}

/** Shows how many fields of each estimator part are filled in, and opens the parts that have any. */
export function updateCounts(partCounters, fields) {
  for (const { details, counter, keys } of partCounters) {
    const filled = keys.filter((key) => fields.get(key).raw !== "").length;
    counter.textContent = filled ? text("filledCount", { n: filled }) : "";
    if (filled) details.open = true;
    for (const toggle of details.querySelectorAll("details.pc-other")) {
      if ([...toggle.querySelectorAll("[data-field]")].some((control) => control.value !== "")) toggle.open = true;
    }
  }
}
