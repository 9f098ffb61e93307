// Carrying a calculator's inputs to another page, in the same #calc= fragment a share link uses (so the receiving
// page restores them with the checks it already makes):
// - the language switch (Material's header links to the same page in the other language) takes the inputs along, and
//   the estimator's scenario A;
// - an article widget's "add to my whole-company estimate" merges its inputs into the estimator's saved ones.

import { embeddedFullPage } from "../worker/engine.js";
import { encodeState } from "./saved-state.js";
import { LANG_ROOT } from "./ui.js";

const STORAGE_PREFIX = "policy-calculator:v1:"; // as saved-state.js stores each page's inputs

/**
 * When the reader follows the language switch, the link gets the inputs of this page's calculator in its fragment.
 * `currentState()` returns {values, carried} of the page's calculator: values {key: raw} (an article page has one
 * widget, the estimator one form), carried what else goes along (encodeState), e.g. {scenarioA}.
 */
/** @param {() => {values: import("./saved-state.js").Values, carried?: Record<string, unknown>}} currentState */
export function carryAcrossLanguageSwitch(currentState) {
  /** @param {Event} event */
  const carry = (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[hreflang]") : null;
    if (!link || !link.closest(".md-header, .md-select")) return;
    const { values, carried = {} } = currentState();
    const url = new URL(/** @type {string} Material's language links have one */ (link.getAttribute("href")), location.href);
    url.hash = Object.keys(values).length || Object.keys(carried).length ? `calc=${encodeState(values, carried)}` : "";
    link.setAttribute("href", url.href);
  };
  // Before the browser reads the href: pointer, keyboard and middle-click all pass through one of these.
  for (const type of ["pointerdown", "keydown", "click", "auxclick"]) document.addEventListener(type, carry, true);
}

/** The estimator's saved inputs (or {} when there are none or they cannot be read, or on an embed page). */
/** @param {URL} estimatorUrl @returns {import("./saved-state.js").Values} */
function estimatorSavedValues(estimatorUrl) {
  if (embeddedFullPage()) return {};
  try {
    const stored = JSON.parse(localStorage.getItem(STORAGE_PREFIX + estimatorUrl.pathname) || "null");
    return stored && typeof stored.values === "object" && !Array.isArray(stored.values) ? stored.values : {};
  } catch {
    return {};
  }
}

/** The estimator's URL carrying its saved inputs with this widget's inputs on top. */
/** @param {import("./saved-state.js").Values} values */
export function estimatorUrlWith(values) {
  const url = new URL("estimator/", LANG_ROOT);
  url.hash = `calc=${encodeState({ ...estimatorSavedValues(url), ...values })}`;
  return url.href;
}
