// Service worker of the policy site (generated from docs/assets/calculator/sw.template.js by scripts/finish_site.py).
// Precaches every page of both languages, the search index, the calculator and the Pyodide runtime under a cache
// named after a hash of their content; a new build means a new cache, and activation deletes the old ones.
// Requests are answered from the cache first, so after one visit the site and the calculator work offline.

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

self.addEventListener("fetch", (event) => {
  const request = event.request;
  if (request.method !== "GET" || new URL(request.url).origin !== self.location.origin) return;
  event.respondWith((async () => {
    const cache = await caches.open(CACHE_NAME);
    const cached = await cache.match(request, { ignoreSearch: true });
    if (cached) return cached;
    try {
      return await fetch(request);
    } catch (error) {
      if (request.mode === "navigate") {
        const notFound = await cache.match(new URL("404.html", self.registration.scope).href);
        if (notFound) return notFound;
      }
      throw error;
    }
  })());
});
