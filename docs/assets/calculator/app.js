// Loaded on every page (hooks/calculator_assets.py). On a page with a calculator it starts Pyodide's worker at once
// (it downloads and compiles the runtime on its own thread while calculator.js draws the form from inputs.json) and
// loads calculator.js, which registers the offline service worker once Pyodide has settled. Every other page only
// registers the service worker, when idle, and downloads no part of the runtime.

import { pageEngine } from "./engine.js";
import { registerOffline } from "./offline.js";

// Clauses carry a "copy citation" button (cite.js).
if (document.querySelector(".clause[data-cite]")) import("./cite.js");

if (document.querySelector(".policy-calculator[data-article], .policy-estimator")) {
  pageEngine().start();
  import("./calculator.js").catch(() => registerOffline());
} else {
  // The self-check page needs no calculator: a small script shows the awards its answers open.
  if (document.querySelector(".self-check")) import("./self-check.js");
  registerOffline();
}
