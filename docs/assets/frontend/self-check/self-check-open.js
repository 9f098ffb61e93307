// The estimator's side of the self-check hand-off (format in self-check-handoff.js): when its URL carries the rules the
// self-check answers opened, the estimator opens only the parts holding those rules' articles, marks the articles,
// points to the company facts that change the result (附则三, 附则五) and focuses the first of them still unanswered,
// else the first field those rules ask for. Called once by the estimator after its form is drawn and restored.

import { focusField } from "../calculator/error-summary.js";
import { handoffRuleIds } from "./self-check-handoff.js";
import { t } from "../calculator/strings.js";

// The company facts that may change the result of what the self-check opens (issue 24): 附则（三） registration in the
// district, and R&D investment of an industrial enterprise above designated size; 附则（五） the fiscal contribution
// that caps the year's total.
const COMPANY_QUESTIONS = ["registered_in_district", "above_size_industrial", "rd_spend", "fiscal_contribution"];

/**
 * In the estimator's form (drawn from inputs.json `data`): open the parts (details.pc-part) whose articles hold the
 * handed-off rules and close the others, mark those articles (fieldset.pc-article[data-self-check]), and focus the
 * first field one of those rules asks for; a note above the form says so. Returns null when the URL carries no
 * hand-off, else what was opened (nothing when none of its rule ids is known).
 */
/** @param {HTMLFormElement} form @param {InputsData} data @param {string} [hash] */
export function openHandedOffSections(form, data, hash = location.hash) {
  const ruleIds = handoffRuleIds(hash);
  if (ruleIds === null) return null;
  /** @type {Map<string, RuleSpec>} */
  const rules = new Map(data.articles.flatMap((article) => article.rules.map((rule) => [rule.id, rule])));
  const matched = /** @type {RuleSpec[]} */ (ruleIds.map((id) => rules.get(id)).filter(Boolean));
  /** @type {Set<string | undefined>} */
  const articles = new Set(matched.map((rule) => String(rule.article)));
  if (!matched.length) return { rules: [], articles: [], parts: 0, focused: null };
  /** @type {Set<string | undefined>} */
  const keys = new Set(matched.flatMap((rule) => [...rule.inputs, `other:${rule.id}`]));
  /** @type {HTMLElement | null} */
  let first = null;
  let parts = 0;
  for (const details of /** @type {NodeListOf<HTMLDetailsElement>} */ (form.querySelectorAll("details.pc-part"))) {
    let holds = false;
    for (const fieldset of /** @type {NodeListOf<HTMLFieldSetElement>} */ (details.querySelectorAll("fieldset.pc-article"))) {
      const match = articles.has(fieldset.dataset.article);
      fieldset.toggleAttribute("data-self-check", match);
      if (!match) continue;
      holds = true;
      first ??= [.../** @type {NodeListOf<HTMLElement>} */ (fieldset.querySelectorAll("[data-field]"))].find((control) => keys.has(control.dataset.field)) ?? null;
    }
    details.open = holds;
    if (holds) parts += 1;
  }
  const lang = (document.documentElement.lang || "zh").toLowerCase().startsWith("en") ? "en" : "zh";
  const note = document.createElement("p");
  note.className = "pc-notice pc-handoff-note";
  note.textContent = t("selfCheckOpened", lang, { parts, articles: articles.size });
  const questions = /** @type {(HTMLInputElement | HTMLSelectElement)[]} */ (COMPANY_QUESTIONS.map((id) => form.querySelector(`[data-field="${id}"]`)).filter(Boolean));
  for (const control of questions) control.closest(".pc-field")?.toggleAttribute("data-self-check", true);
  const ask = document.createElement("p");
  ask.className = "pc-notice pc-handoff-company";
  ask.append(t("selfCheckCompany", lang));
  questions.forEach((control, index) => {
    const link = document.createElement("a");
    link.href = `#${control.id}`;
    link.textContent = /** @type {Bilingual} */ (data.inputs[/** @type {string} */ (control.dataset.field)].label)[lang];
    link.addEventListener("click", (event) => {
      event.preventDefault();
      focusField(control);
    });
    ask.append(index ? t("listSeparator", lang) : "", link);
  });
  form.before(note, ask);
  // The company questions first while one is unanswered: each changes every award the answers opened.
  const focused = questions.find((control) => control.value === "") ?? first;
  if (focused) focused.focus();
  return { rules: matched.map((rule) => rule.id), articles: [...articles].map(Number), parts, focused };
}
