// Service worker of the policy site (generated from docs/assets/frontend/site/sw.template.js by site_build/finish_site.py).
// Mobile data first: installing it downloads only a few small files (PRECACHE below: the 404 and offline pages, the
// sitemaps the language switch reads, the search worker's Chinese scripts and the search documents it fetches),
// never the Pyodide runtime. Everything else is cached on first use, under a
// cache named after a hash of the whole build (a new build means a new cache; activation deletes the old ones):
// - responses to the pages this worker controls, as they pass through it;
// - what a page loaded before this worker controlled it, and the runtime the calculator's worker downloaded: the page
//   sends their URLs ({type: "remember", urls}, docs/assets/frontend/site/offline.js) and they are fetched again
//   through the HTTP cache, so the runtime crosses the network once;
// - once the runtime is in the cache (the reader has run a calculator once), every page of both languages and the
//   files they load (SITE_FILES, listed at build time: about 0.7 MB with Brotli), fetched in the background one or
//   two at a time when a page asks for it ({type: "remember", fill: true}: after the page is idle, and never with
//   Data Saver on). A fill that finds the server on another build (its sw.js no longer names this cache) stops and
//   drops what it fetched, so this build's cache never holds another build's pages.
// Requests are answered from the cache first, so every page of the site, and the calculator, work offline. A page
// of the site that is not saved yet gets the offline page in its language, under the address asked for; an address
// that is no page of the site gets the 404 page.

const CACHE_PREFIX = "jiangbei-policy-";
const CACHE_NAME = CACHE_PREFIX + "__VERSION__";
const PRECACHE = __PRECACHE__;
// {pages, assets, runtime}: URLs relative to the site root (site_build/finish_site.py, site_files).
const SITE_FILES = __SITE_FILES__;
// How many files the background fill fetches at once: polite to the reader's link and to the server.
const FILL_CONCURRENCY = 2;

self.addEventListener("install", (event) => {
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE_NAME);
    await cache.addAll(PRECACHE.map((path) => new URL(path, self.registration.scope).href));
    await self.skipWaiting();
  })());
});

self.addEventListener("activate", (event) => {
  event.waitUntil((async () => {
    const names = await caches.keys();
    await Promise.all(names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== CACHE_NAME)
      .map((name) => caches.delete(name)));
    await self.clients.claim();
  })());
});

/** @param {URL} url */
function cacheable(url) {
  return url.origin === self.location.origin && url.pathname.startsWith(new URL(self.registration.scope).pathname)
    && !url.pathname.endsWith("/sw.js");
}

/**
 * The cache key of a page or file: its URL without query or fragment.
 * @param {URL} url
 */
function cacheKey(url) {
  const key = new URL(url);
  key.search = "";
  key.hash = "";
  return key.href;
}

/** @param {string[]} urls */
async function remember(urls) {
  const cache = await caches.open(CACHE_NAME);
  await Promise.all(urls.map(async (url) => {
    const parsed = new URL(url, self.registration.scope);
    if (!cacheable(parsed) || await cache.match(cacheKey(parsed))) return;
    try {
      const response = await fetch(parsed.href, { credentials: "same-origin" });
      if (response.ok) await cache.put(cacheKey(parsed), response);
    } catch (error) { /* offline again: it is cached on its next use */ }
  }));
}

// The calculator's memory snapshot (docs/assets/frontend/worker/snapshot.js): stored by snapshot-cache.js's store(), which
// the calculator's worker shares (relative to this script, which is served from the site's root).
importScripts("assets/frontend/worker/snapshot-cache.js");

/** @param {SnapshotBytesMessage} message */
async function storeSnapshot({ cacheName, url, snapshot }) {
  const parsed = new URL(url, self.registration.scope);
  if (!cacheName.startsWith(/** @type {SnapshotCache} */ (self.snapshotCache).PREFIX) || !cacheable(parsed)) return;
  await /** @type {SnapshotCache} */ (self.snapshotCache).store({ cacheName, url: cacheKey(parsed), snapshot });
}

// How long the service worker waits for a snapshot announced by a page ({type: "snapshot-port"}): the calculator's
// worker sends it at once; if its page went first, the port stays silent.
const SNAPSHOT_WAIT_MS = 60_000;

/**
 * The snapshot that arrives on `port` (from the calculator's worker, docs/assets/frontend/worker/snapshot.js), stored.
 * @param {MessagePort} port @param {SnapshotLocation} announced
 * @returns {Promise<void>}
 */
function receiveSnapshot(port, { cacheName, url }) {
  return new Promise((resolve) => {
    const timer = setTimeout(resolve, SNAPSHOT_WAIT_MS);
    port.onmessage = (/** @type {MessageEvent<SnapshotBytesMessage | null>} */ { data }) => {
      clearTimeout(timer);
      port.close();
      if (!data || data.type !== "snapshot" || data.cacheName !== cacheName || data.url !== url
          || !(data.snapshot instanceof ArrayBuffer)) {
        resolve();
        return;
      }
      storeSnapshot(data).catch(() => { /* storage full or refused: the next page boots as usual */ }).then(resolve);
    };
  });
}

/**
 * True when every file of the calculator's runtime is in `cache`.
 * @param {Cache} cache
 */
async function runtimeCached(cache) {
  const found = await Promise.all(SITE_FILES.runtime.map((path) => cache.match(new URL(path, self.registration.scope).href)));
  return found.every(Boolean);
}

/** Which build the server serves: "this" (its sw.js names this worker's cache), "other", or "unknown" (offline). */
async function buildOnServer() {
  try {
    const response = await fetch(new URL("sw.js", self.registration.scope).href, { cache: "no-store" });
    if (!response.ok) return "unknown";
    return (await response.text()).includes(`"${CACHE_NAME.slice(CACHE_PREFIX.length)}"`) ? "this" : "other";
  } catch (error) {
    return "unknown";
  }
}

/** @type {Promise<{filled: number, complete: boolean}> | null} */
let filling = null;

/** Every page of the site and what it loads into this build's cache, once the runtime is there (SITE_FILES). */
function fillSite() {
  filling = filling || (async () => {
    const cache = await caches.open(CACHE_NAME);
    if (!await runtimeCached(cache)) return { filled: 0, complete: false };
    const urls = [...SITE_FILES.pages, ...SITE_FILES.assets].map((path) => new URL(path, self.registration.scope).href);
    /** @type {string[]} */
    const missing = [];
    for (const url of urls) if (!await cache.match(url)) missing.push(url);
    if (missing.length === 0) return { filled: 0, complete: true };
    if (await buildOnServer() !== "this") return { filled: 0, complete: false }; // offline, or an update is coming
    /** @type {string[]} */
    const added = [];
    let next = 0;
    const lane = async () => {
      while (next < missing.length) {
        const url = missing[next++];
        try {
          const response = await fetch(url, { credentials: "same-origin" });
          if (response.status === 200 && !response.redirected) {
            await cache.put(url, response);
            added.push(url);
          }
        } catch (error) { /* offline again: the next page's fill goes on */ }
      }
    };
    await Promise.all(Array.from({ length: FILL_CONCURRENCY }, lane));
    // The site changed meanwhile: what came may be the next build's. (Offline now: what came is kept.)
    if (await buildOnServer() === "other") {
      await Promise.all(added.map((url) => cache.delete(url)));
      return { filled: 0, complete: false };
    }
    return { filled: added.length, complete: added.length === missing.length };
  })().finally(() => { filling = null; });
  return filling;
}

self.addEventListener("message", (event) => {
  /** @type {PageToServiceWorkerMessage | null} */
  const message = event.data;
  // The page hands over a port; the bytes come through it, so that this service worker is kept alive until stored.
  if (message && message.type === "snapshot-port" && typeof message.cacheName === "string"
      && typeof message.url === "string" && event.ports.length === 1) {
    event.waitUntil(receiveSnapshot(event.ports[0], message));
  }
  if (message && message.type === "remember" && Array.isArray(message.urls)) {
    event.waitUntil(remember(message.urls.map(String)).then(async () => {
      if (event.source) event.source.postMessage(/** @satisfies {ServiceWorkerToPageMessage} */ ({ type: "remembered", count: message.urls.length }));
      if (message.fill !== true) return;
      const result = await fillSite();
      if (event.source) event.source.postMessage(/** @satisfies {ServiceWorkerToPageMessage} */ ({ type: "filled", ...result }));
    }));
  }
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || !cacheable(url)) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE_NAME);
    const cached = await cache.match(cacheKey(url));
    // A response keeps the URL it was stored under; a worker script reads its own query (the site's search worker
    // is site-search.js?material=...), so a request with a query gets a copy that takes the request's URL.
    if (cached) return url.search ? new Response(cached.body, cached) : cached;
    try {
      const response = await fetch(request);
      // Partial responses (Range) and errors are not kept; a page's 200 is.
      if (response.status === 200 && response.type === "basic" && !response.redirected) {
        event.waitUntil(cache.put(cacheKey(url), response.clone()));
      }
      return response;
    } catch (error) {
      if (request.mode === "navigate") {
        const fallback = await offlineFallback(cache, url);
        if (fallback) return fallback;
      }
      throw error;
    }
  })());
});

/**
 * The page's path relative to the site root, as SITE_FILES lists pages ("en/articles/3/"), or null outside it.
 * @param {URL} url
 */
function sitePath(url) {
  const scope = new URL(self.registration.scope).pathname;
  if (!url.pathname.startsWith(scope)) return null;
  let path = url.pathname.slice(scope.length).replace(/index\.html$/, "");
  if (path !== "" && !path.endsWith("/")) path += "/";
  return path;
}

/**
 * Offline: the offline page for a page of the site not saved yet, the 404 page for any other address.
 * @param {Cache} cache
 * @param {URL} url
 */
async function offlineFallback(cache, url) {
  const scope = self.registration.scope;
  const build = url.pathname.startsWith(new URL("en/", scope).pathname) ? "en/" : "";
  const path = sitePath(url);
  if (path === null || !SITE_FILES.pages.includes(path)) return cache.match(new URL(build + "404.html", scope).href);
  const page = new URL(build + "offline/", scope).href;
  const stored = await cache.match(page);
  if (!stored) return undefined;
  // Served under the address asked for: its relative links and Material's __config resolve from offline/.
  const html = (await stored.text())
    .replace(/<meta charset="utf-8">/i, (/** @type {string} */ meta) => `${meta}<base href="${page}">`)
    .replace(/"(base|search)": "([^"]*)"/g, (/** @type {string} */ match, /** @type {string} */ key, /** @type {string} */ value) => `"${key}": "${new URL(value, page).href}"`);
  return new Response(html, { status: 200, headers: { "Content-Type": "text/html; charset=utf-8" } });
}
