// Loaded on every page (hooks/calculator_assets.py), as an async module: it runs as soon as it has loaded, while
// the page is still being parsed. On a page with a calculator (marked in <head>) it starts Pyodide's worker at once
// (it downloads or restores the runtime on its own thread), then, once the page is parsed, loads calculator.js, which
// draws the form and registers the offline service worker once Pyodide has settled. Every other page only registers
// the service worker, when idle, and downloads no part of the runtime.

import { pageEngine } from "./engine.js"; // the only static import: it is preloaded with this script

const registerOffline = () => import("./offline.js").then((offline) => offline.registerOffline());

const hasCalculator = document.querySelector('meta[name="policy-calculator-page"]') !== null;
if (hasCalculator) pageEngine().start();

if (document.readyState === "loading") {
  await new Promise((resolve) => document.addEventListener("DOMContentLoaded", resolve, { once: true }));
}

// Clauses carry a "copy citation" button (cite.js).
if (document.querySelector(".clause[data-cite]")) import("./cite.js");

if (hasCalculator) {
  import("./calculator.js").catch(() => registerOffline());
} else {
  // The self-check page needs no calculator: a small script shows the awards its answers open.
  if (document.querySelector(".self-check")) import("./self-check.js");
  registerOffline();
}
