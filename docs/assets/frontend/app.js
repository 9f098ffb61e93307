// Loaded on every page (hooks/calculator_assets.py), as an async module: it runs as soon as it has loaded, while
// the page is still being parsed. On a page with a calculator (marked in <head>), once the page is parsed, it starts
// Pyodide's worker (it downloads or restores the runtime on its own thread) and loads calculator.js, which draws the
// form and registers the offline service worker once Pyodide has settled. Every other page only registers the
// service worker, when idle, and downloads no part of the runtime.
//
// Links to the site's other pages open in place (soft-navigation.js): the worker, and Python in it, stay. After each
// such navigation the new page's calculators, citation buttons and self-check are set up here again.

import { pageEngine, whenPageIdle } from "./worker/engine.js"; // the only static import: it is preloaded with this script

const CALCULATOR_PAGE = 'meta[name="policy-calculator-page"]';
const CALCULATOR_ROOTS = ".policy-calculator[data-article], .policy-estimator";
const BUDGET_ROOT = ".policy-budget"; // the budget page (budget.js): batches in the same worker

// A module request can fail on its way (seen under load: net::ERR_ABORTED for one module of the calculator's graph),
// and a failed dynamic import is not final: the browser fetches the modules that failed again on the next import().
const IMPORT_RETRY_DELAYS_MS = [200, 1000, 3000];

/**
 * The modules app.js loads, by specifier (for the checker: load() returns the module its specifier names).
 * @typedef {{
 *   "./budget/budget.js": typeof import("./budget/budget.js"),
 *   "./calculator/calculator.js": typeof import("./calculator/calculator.js"),
 *   "./embed/embed-frame.js": typeof import("./embed/embed-frame.js"),
 *   "./embed/embed-guide.js": typeof import("./embed/embed-guide.js"),
 *   "./self-check/self-check.js": typeof import("./self-check/self-check.js"),
 *   "./site/cite.js": typeof import("./site/cite.js"),
 *   "./site/offline.js": typeof import("./site/offline.js"),
 *   "./site/palette.js": typeof import("./site/palette.js"),
 *   "./site/search-start.js": typeof import("./site/search-start.js"),
 *   "./site/soft-navigation.js": typeof import("./site/soft-navigation.js")
 * }} Modules
 */

/**
 * @template {keyof Modules} S
 * @param {S} specifier
 * @returns {Promise<Modules[S]>}
 */
async function load(specifier) {
  for (const delay of IMPORT_RETRY_DELAYS_MS) {
    try {
      return await import(specifier);
    } catch {
      await new Promise((resolve) => setTimeout(resolve, delay));
    }
  }
  return import(specifier); // the last try: its failure is the caller's
}

const registerOffline = () => load("./site/offline.js").then((offline) => offline.registerOffline(), () => {});

// The worker's boot and the search index wait at most this long after the load event for an idle moment.
const IDLE_LATEST_MS = 1500;

const calculatorPage = document.querySelector(CALCULATOR_PAGE) !== null;

// The calculator's worker starts once the page is parsed (setUpPage, below) and downloads the runtime at once; its
// compile and boot wait for the page's start-up to be over. A reader who focuses a field does not wait for that
// (calculator.js), nor does a computation (engine.js). Measured with Lighthouse on a 2-core machine, article 3:
// started while the page was parsed, the download and compile stretched Material's start-up tasks (blocking time
// 240-390 ms, performance 88-95); started after parsing, with the boot held until idle, 90-120 ms and 99.
if (calculatorPage) whenPageIdle(() => pageEngine().go(), { latestMs: IDLE_LATEST_MS });

// The search worker builds its index when search is wanted (search-start.js): on a page with a calculator once the
// calculator has settled, so that the two do not share the cores while it loads; elsewhere when the page is idle.
load("./site/search-start.js").then((search) => search.setUpSearchStart((wantSearch) => {
  if (!calculatorPage) {
    whenPageIdle(wantSearch, { latestMs: IDLE_LATEST_MS });
    return;
  }
  const engine = pageEngine();
  /** @param {import("./worker/engine.js").EngineState} state */
  const settled = (state) => {
    if (state !== "ready" && state !== "failed") return;
    engine.offState(settled);
    wantSearch();
  };
  engine.onState(settled);
}), () => {});

// A link to an anchor of this page (a clause permalink, the table of contents) is a fragment navigation: the browser
// scrolls and sets :target, and fires popstate. Material's instant navigation reads every popstate as a new location,
// and the first one it sees, having no earlier path to compare with, makes it fetch this same page again and replace
// its content: the calculator is set up again, and when that fetch takes longer than 100 ms the clause is no longer
// the :target (Material restores a recorded scroll offset instead). Until Material has been given any location (an
// in-page navigation gives it one), such a popstate is the browser's alone. A capture listener on window runs before
// Material's. Registered here, as early as the page's scripts run.
const firstPath = location.pathname;
let materialHasLocation = false;
window.addEventListener("popstate", (event) => {
  if (!materialHasLocation && location.pathname === firstPath) event.stopImmediatePropagation();
}, { capture: true });

if (document.readyState === "loading") {
  await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}
// Material's bundle has run by now (a classic script at the end of the body).
window.location$?.subscribe?.(() => { materialHasLocation = true; });

// An embed page (overrides/embed.html, framed by other sites) has no header and no Material script: no palette
// switch, no in-place navigation.
const embedPage = document.querySelector("[data-embed]") !== null;

// The header's light/dark switch (kept across in-place navigation, like the header).
if (!embedPage) load("./site/palette.js").then((palette) => palette.mountPalette(), () => {});

let calculatorsShown = false; // whether a page in this document has shown a calculator (then it registered offline)
let budgetShown = false; // whether a page in this document has shown the budget page

/** @param {boolean} isFirst */
async function setUpPage(isFirst) {
  if (!isFirst) {
    if (calculatorsShown) await load("./calculator/calculator.js").then((calculator) => calculator.unmountCalculators(), () => {});
    if (budgetShown) await load("./budget/budget.js").then((budget) => budget.unmountBudget(), () => {});
    load("./site/offline.js").then((offline) => offline.rememberThisPage(), () => {});
  }
  // An embed page (overrides/embed.html, in another site's frame) tells the host page its height; the page on
  // embedding shows the snippets and a live example (embed-guide.js).
  if (embedPage) load("./embed/embed-frame.js").then((frame) => frame.startEmbedFrame(), () => {});
  if (document.querySelector(".embed-snippets")) load("./embed/embed-guide.js").then((guide) => guide.setUpEmbedGuide(), () => {});
  // Clauses carry a "copy citation" button (cite.js).
  if (document.querySelector(".clause[data-cite]")) load("./site/cite.js").then((cite) => cite.addCiteButtons(), () => {});
  if (document.querySelector(CALCULATOR_ROOTS)) {
    calculatorsShown = true;
    pageEngine().start({ holdUntilGo: isFirst });
    load("./calculator/calculator.js").then((calculator) => calculator.mountCalculators()).catch((error) => {
      console.error("The calculator could not start:", error); // the widget says so too: it stays "loading"
      registerOffline();
    });
  } else if (document.querySelector(BUDGET_ROOT)) {
    budgetShown = true;
    pageEngine().start({ holdUntilGo: isFirst });
    load("./budget/budget.js").then((budget) => budget.mountBudget()).catch((error) => {
      console.error("The budget page could not start:", error);
      registerOffline();
    });
  } else {
    // The self-check page needs no calculator: a small script shows the awards its answers open.
    if (document.querySelector(".self-check")) load("./self-check/self-check.js").then((selfCheck) => selfCheck.mountSelfCheck(), () => {});
    registerOffline();
  }
}

setUpPage(true);
// Loaded after this page is set up: nothing on it waits for in-page navigation.
if (!embedPage) {
  load("./site/soft-navigation.js")
    .then((navigation) => navigation.startSoftNavigation(() => setUpPage(false)))
    .catch(() => {}); // not loaded (offline, never cached): links load pages in full, as without it
}
