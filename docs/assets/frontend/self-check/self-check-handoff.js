// The self-check page hands its answers to the estimator as the rules they open, in the estimator's URL fragment:
// estimator/#selfcheck=a19.listing,a3.renovation (self-check-open.js opens the matching parts of the estimator). Both
// sides use this module, so the format lives in one place; it stays tiny because the self-check page loads it. A
// fragment (not a query) keeps the page URL the service worker has cached.

export const HANDOFF_PREFIX = "selfcheck=";
const RULE_ID = /^a\d+\.[a-z0-9_]+$/;

/** The fragment ("#selfcheck=…") that carries these rule ids, or "" when there are none. */
/** @param {string[]} ruleIds */
export function handoffHash(ruleIds) {
  return ruleIds.length ? `#${HANDOFF_PREFIX}${ruleIds.join(",")}` : "";
}

/** The rule ids a fragment carries (well-formed ones only), or null when it is not a self-check hand-off. */
/** @param {string} hash */
export function handoffRuleIds(hash) {
  let value;
  try {
    value = decodeURIComponent(String(hash).replace(/^#/, ""));
  } catch {
    return null; // a malformed fragment is no hand-off
  }
  if (!value.startsWith(HANDOFF_PREFIX)) return null;
  return value.slice(HANDOFF_PREFIX.length).split(",").filter((id) => RULE_ID.test(id));
}
