// Service worker of the policy site (generated from docs/assets/frontend/site/sw.template.js by scripts/finish_site.py).
// Mobile data first: installing it downloads only a few small files (PRECACHE below: the 404 pages, the
// sitemaps the language switch reads, the search worker's Chinese scripts and the search documents it fetches),
// never the Pyodide runtime. Everything else is cached on first use, under a
// cache named after a hash of the whole build (a new build means a new cache; activation deletes the old ones):
// - responses to the pages this worker controls, as they pass through it;
// - what a page loaded before this worker controlled it, and the runtime the calculator's worker downloaded: the page
//   sends their URLs ({type: "remember", urls}, docs/assets/frontend/site/offline.js) and they are fetched again
//   through the HTTP cache, so the runtime crosses the network once.
// Requests are answered from the cache first, so every page the reader has opened, and the calculator once it has
// run, work offline.

const CACHE_PREFIX = "jiangbei-policy-";
const CACHE_NAME = CACHE_PREFIX + "__VERSION__";
const PRECACHE = __PRECACHE__;

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

self.addEventListener("message", (event) => {
  /** @type {PageToServiceWorkerMessage | null} */
  const message = event.data;
  // The page hands over a port; the bytes come through it, so that this service worker is kept alive until stored.
  if (message && message.type === "snapshot-port" && typeof message.cacheName === "string"
      && typeof message.url === "string" && event.ports.length === 1) {
    event.waitUntil(receiveSnapshot(event.ports[0], message));
  }
  if (message && message.type === "remember" && Array.isArray(message.urls)) {
    event.waitUntil(remember(message.urls.map(String)).then(() => {
      if (event.source) event.source.postMessage(/** @satisfies {ServiceWorkerToPageMessage} */ ({ type: "remembered", count: message.urls.length }));
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
        const inEnglish = url.pathname.startsWith(new URL("en/", self.registration.scope).pathname);
        const notFound = await cache.match(new URL(inEnglish ? "en/404.html" : "404.html", self.registration.scope).href);
        if (notFound) return notFound;
      }
      throw error;
    }
  })());
});
