// Loaded on every page (hooks/calculator_assets.py). Pages with a calculator get it (calculator.js, which registers
// the offline service worker once Pyodide has settled); every other page only registers the service worker, when
// idle, so that after one visit the whole site, the calculator included, works offline.

import { registerOffline } from "./offline.js";

if (document.querySelector(".policy-calculator[data-article], .policy-estimator")) {
  import("./calculator.js").catch(() => registerOffline());
} else {
  registerOffline();
}
