// Registers the service worker (sw.js at the site root, generated at build time with a versioned precache list) so
// that after one visit the articles, the estimator and the calculator work with the network off. Registration waits
// for the page to be idle (and, on calculator pages, for the calculator to settle) so that precaching the site does
// not compete with loading Pyodide.

const SITE_ROOT = new URL("../../", import.meta.url);
let registered = false;

export function registerOffline() {
  if (registered || !("serviceWorker" in navigator) || !window.isSecureContext) return;
  registered = true;
  const register = () => {
    navigator.serviceWorker.register(new URL("sw.js", SITE_ROOT), { scope: SITE_ROOT.pathname, type: "classic" })
      .catch(() => { /* no offline copy this time; the site itself works as before */ });
  };
  const whenIdle = () => ("requestIdleCallback" in window ? requestIdleCallback(register, { timeout: 3000 }) : setTimeout(register, 1));
  if (document.readyState === "complete") whenIdle();
  else window.addEventListener("load", whenIdle, { once: true });
}
