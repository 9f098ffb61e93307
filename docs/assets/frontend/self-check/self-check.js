// The self-check page (self-check/). Everything it shows is already in the page, generated from policy.yaml: the
// questions (each fieldset names the rules a "yes" opens in data-rules), every award they can open (ordered most
// valuable first at build time, hidden until opened) and the texts of the status line. This script only shows the
// awards the "yes" answers open and points the estimator link at them. No Python, no calculator, no worker.

import { handoffHash } from "./self-check-handoff.js";

/** @param {HTMLFormElement} form */
function openedRules(form) {
  const rules = new Set();
  for (const question of /** @type {NodeListOf<HTMLFieldSetElement>} */ (form.querySelectorAll("fieldset[data-rules]"))) {
    if (question.querySelector('input[value="yes"]:checked')) {
      for (const rule of /** @type {string} the selector asks for it */ (question.dataset.rules).split(" ")) rules.add(rule);
    }
  }
  return rules;
}

/** @param {HTMLElement} status @param {number} count */
function statusText(status, count) {
  const template = /** @type {string} the page sets all three */ (count === 0 ? status.dataset.none : count === 1 ? status.dataset.one : status.dataset.other);
  return template.replace("{count}", String(count));
}

/** @param {HTMLFormElement} form @param {HTMLElement} results */
function showResults(form, results) {
  const opened = openedRules(form);
  /** @type {string[]} */
  const shown = [];
  for (const award of /** @type {NodeListOf<HTMLLIElement>} */ (results.querySelectorAll(".sc-awards > li[data-rule]"))) {
    const open = opened.has(/** @type {string} the selector asks for it */ (award.dataset.rule));
    award.hidden = !open;
    if (open) shown.push(/** @type {string} */ (award.dataset.rule));
  }
  /** @type {HTMLElement} the page has it */ (results.querySelector(".sc-awards")).hidden = shown.length === 0;
  const status = /** @type {HTMLElement} the page has it */ (results.querySelector(".sc-status"));
  const text = statusText(status, shown.length);
  if (status.textContent !== text) status.textContent = text;
  const link = /** @type {HTMLAnchorElement} the page has it */ (results.querySelector("a.sc-to-estimator"));
  link.setAttribute("href", /** @type {string} */ (link.getAttribute("href")).split("#")[0] + handoffHash(shown)); // keeps the link's own address
  form.dataset.state = shown.length ? "answered" : "empty";
}

/** @type {(() => void) | null} */
let showing = null; // the page's update(), while the self-check is on the page
let listeningToPageshow = false;

/** Wires the self-check on this page (again after an in-page navigation, docs/assets/frontend/site/soft-navigation.js). */
export function mountSelfCheck() {
  /** @type {HTMLFormElement | null} */
  const form = document.querySelector("form.self-check");
  /** @type {HTMLElement | null} */
  const results = document.querySelector(".sc-results");
  if (!form || !results) {
    showing = null;
    return;
  }
  const update = () => showResults(form, results);
  form.addEventListener("change", update);
  form.addEventListener("reset", () => setTimeout(update, 0)); // the form resets after its reset event
  if (!listeningToPageshow) {
    listeningToPageshow = true;
    window.addEventListener("pageshow", () => showing && showing()); // answers the browser restored on "back"
  }
  showing = update;
  update();
}
