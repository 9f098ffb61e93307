// The self-check page hands its answers to the estimator as the rules they open, in the estimator's URL fragment:
// estimator/#selfcheck=a19.listing,a3.renovation. The estimator then opens only the parts holding those rules'
// articles, marks the articles, and focuses the first field those rules ask for. Both sides use this module, so the
// format lives in one place. A fragment (not a query) keeps the page URL the service worker has cached.

import { t } from "./strings.js";

export const HANDOFF_PREFIX = "selfcheck=";
const RULE_ID = /^a\d+\.[a-z0-9_]+$/;

/** The fragment ("#selfcheck=…") that carries these rule ids, or "" when there are none. */
export function handoffHash(ruleIds) {
  return ruleIds.length ? `#${HANDOFF_PREFIX}${ruleIds.join(",")}` : "";
}

/** The rule ids a fragment carries (well-formed ones only), or null when it is not a self-check hand-off. */
export function handoffRuleIds(hash) {
  const value = decodeURIComponent(String(hash).replace(/^#/, ""));
  if (!value.startsWith(HANDOFF_PREFIX)) return null;
  return value.slice(HANDOFF_PREFIX.length).split(",").filter((id) => RULE_ID.test(id));
}

/**
 * In the estimator's form (drawn from inputs.json `data`): open the parts (details.pc-part) whose articles hold the
 * handed-off rules and close the others, mark those articles (fieldset.pc-article[data-self-check]), and focus the
 * first field one of those rules asks for; a note above the form says so. Returns null when the URL carries no
 * hand-off, else what was opened (nothing when none of its rule ids is known).
 */
export function openHandedOffSections(form, data, hash = location.hash) {
  const ruleIds = handoffRuleIds(hash);
  if (ruleIds === null) return null;
  const rules = new Map(data.articles.flatMap((article) => article.rules.map((rule) => [rule.id, rule])));
  const matched = ruleIds.map((id) => rules.get(id)).filter(Boolean);
  const articles = new Set(matched.map((rule) => String(rule.article)));
  if (!matched.length) return { rules: [], articles: [], parts: 0, focused: null };
  const keys = new Set(matched.flatMap((rule) => [...rule.inputs, `other:${rule.id}`]));
  let first = null;
  let parts = 0;
  for (const details of form.querySelectorAll("details.pc-part")) {
    let holds = false;
    for (const fieldset of details.querySelectorAll("fieldset.pc-article")) {
      const match = articles.has(fieldset.dataset.article);
      fieldset.toggleAttribute("data-self-check", match);
      if (!match) continue;
      holds = true;
      first ??= [...fieldset.querySelectorAll("[data-field]")].find((control) => keys.has(control.dataset.field)) ?? null;
    }
    details.open = holds;
    if (holds) parts += 1;
  }
  const lang = (document.documentElement.lang || "zh").toLowerCase().startsWith("en") ? "en" : "zh";
  const note = document.createElement("p");
  note.className = "pc-notice pc-handoff-note";
  note.textContent = t("selfCheckOpened", lang, { parts, articles: articles.size });
  form.before(note);
  if (first) first.focus();
  return { rules: matched.map((rule) => rule.id), articles: [...articles].map(Number), parts, focused: first };
}
