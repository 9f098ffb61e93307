// Registers the service worker (sw.js at the site root, generated at build time) so that every page the reader has
// opened, and the calculator once it has run, work with the network off. Registration waits for the page to be idle
// (and, on calculator pages, for the calculator to settle) so that it never competes with loading Pyodide. Once the
// worker is active, the page tells it what this page loaded before the worker controlled it: the page itself, its
// styles, scripts and images, and the runtime files the calculator's worker downloaded (pageEngine().fetched). The
// service worker fetches them again through the HTTP cache, so nothing large crosses the network twice.

import { embeddedFullPage, pageEngine, whenPageIdle } from "../worker/engine.js";

const SITE_ROOT = new URL("../../../", import.meta.url);
// Registration waits at most this long after the load event for an idle moment.
const REGISTER_LATEST_MS = 3000;
let registered = false;
/** @type {(registration: ServiceWorkerRegistration | null) => void} */
let settleRegistration;
// The active service worker's registration once registerOffline() has run, or null if there is none (unsupported,
// not a secure context, or registration failed).
/** @type {Promise<ServiceWorkerRegistration | null>} */
export const offlineRegistration = new Promise((resolve) => { settleRegistration = resolve; });

function pageResources() {
  const page = new URL(location.href);
  page.hash = "";
  const urls = [page.href];
  for (const entry of performance.getEntriesByType("resource")) {
    if (new URL(entry.name).origin === location.origin) urls.push(entry.name);
  }
  return [...new Set([...urls, ...pageEngine().fetched])];
}

/** @param {ServiceWorkerRegistration} registration */
async function rememberPage(registration) {
  const active = registration.active || (await navigator.serviceWorker.ready).active;
  if (active) active.postMessage(/** @satisfies {PageToServiceWorkerMessage} */ ({ type: "remember", urls: pageResources() }));
}

/** After an in-page navigation: the new page (and what it loaded) is kept for offline use too. */
export function rememberThisPage() {
  if (!registered) return; // registration remembers the page it happens on
  offlineRegistration.then((registration) => registration && rememberPage(registration)).catch(() => {});
}

export function registerOffline() {
  if (registered) return;
  registered = true;
  // An embed page (in another site's frame: a partitioned service worker, or none in WebKit) works online only.
  if (!("serviceWorker" in navigator) || !window.isSecureContext || embeddedFullPage() !== null) {
    settleRegistration(null);
    return;
  }
  const register = () => {
    navigator.serviceWorker.register(new URL("sw.js", SITE_ROOT), { scope: SITE_ROOT.pathname, type: "classic" })
      .then(() => navigator.serviceWorker.ready)
      .then(async (registration) => {
        await rememberPage(registration);
        settleRegistration(registration);
      })
      .catch(() => settleRegistration(null)); // no offline copy this time; the site itself works as before
  };
  whenPageIdle(register, { latestMs: REGISTER_LATEST_MS });
}
