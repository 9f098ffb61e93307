// Registers the service worker (sw.js at the site root, generated at build time) so that every page the reader has
// opened, and the calculator once it has run, work with the network off. Registration waits for the page to be idle
// (and, on calculator pages, for the calculator to settle) so that it never competes with loading Pyodide. Once the
// worker is active, the page tells it what this page loaded before the worker controlled it: the page itself, its
// styles, scripts and images, and the runtime files the calculator's worker downloaded (pageEngine().fetched). The
// service worker fetches them again through the HTTP cache, so nothing large crosses the network twice. It also asks
// it to keep the rest of the site (every page of both languages, about 0.7 MB with Brotli), which it does once the
// calculator's runtime is cached, in the background, a file or two at a time; not with Data Saver on
// (navigator.connection.saveData), where only the pages opened are kept.

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

/** True when the reader asked the browser to save data: then the site is not fetched ahead of use. */
function savingData() {
  const connection = /** @type {{saveData?: boolean} | undefined} */ (/** @type {any} */ (navigator).connection);
  return Boolean(connection && connection.saveData);
}

/** @param {ServiceWorkerRegistration} registration */
async function rememberPage(registration) {
  const active = registration.active || (await navigator.serviceWorker.ready).active;
  if (active) active.postMessage(/** @satisfies {PageToServiceWorkerMessage} */ ({ type: "remember", urls: pageResources(), fill: !savingData() }));
}

// The roots of this site the browser has seen (localStorage), read by the 404 page's script to find the site's root
// under any address (site_build/finish_site.py, NOT_FOUND_BASE_SCRIPT).
const ROOTS_KEY = "jiangbei-site-roots";
const ROOTS_KEPT = 5;

function storeSiteRoot() {
  try {
    const roots = JSON.parse(localStorage.getItem(ROOTS_KEY) || "[]");
    const known = Array.isArray(roots) ? roots.filter((root) => typeof root === "string") : [];
    if (known[0] === SITE_ROOT.pathname) return;
    const next = [SITE_ROOT.pathname, ...known.filter((root) => root !== SITE_ROOT.pathname)].slice(0, ROOTS_KEPT);
    localStorage.setItem(ROOTS_KEY, JSON.stringify(next));
  } catch (error) { /* storage refused: the 404 page reads its address instead */ }
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
  if (embeddedFullPage() === null) storeSiteRoot();
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
