// Loaded on every page (hooks/calculator_assets.py). On a page with a calculator it schedules Pyodide's start for
// the first idle moment (the worker boots while calculator.js draws the form from inputs.json; a focus on a field
// starts it sooner) and loads calculator.js, which registers the offline service worker once Pyodide has settled.
// Every other page only registers the service worker, when idle, so that after one visit the whole site works
// offline.

import { pageEngine } from "./engine.js";
import { registerOffline } from "./offline.js";

// Clauses carry a "copy citation" button (cite.js).
if (document.querySelector(".clause[data-cite]")) import("./cite.js");

if (document.querySelector(".policy-calculator[data-article], .policy-estimator")) {
  const start = () => pageEngine().start();
  if ("requestIdleCallback" in window) requestIdleCallback(start, { timeout: 2000 });
  else setTimeout(start, 1);
  import("./calculator.js").catch(() => registerOffline());
} else {
  // The self-check page needs no calculator: a small script shows the awards its answers open.
  if (document.querySelector(".self-check")) import("./self-check.js");
  registerOffline();
}
