// Where the calculator's memory snapshot is kept in Cache Storage, shared by the two scripts that store it: the
// calculator's worker (worker.mjs, a module worker, which imports this file) and the service worker (sw.js, a classic
// script, which loads it with importScripts). A file that is both a classic script and a module can have no import
// or export, so it defines `self.snapshotCache`.
//
// One snapshot per browser, in a cache named after the runtime and calculator it was made from
// (PREFIX + bundle.snapshotKey): a snapshot of an older runtime is deleted when a new one is stored.

self.snapshotCache = Object.freeze({
  PREFIX: "jiangbei-snapshot-",

  /** Stores `snapshot` (an ArrayBuffer) under `url` in the cache `cacheName`, after deleting every other snapshot. */
  /** @param {SnapshotLocation & {snapshot: ArrayBuffer}} made */
  async store({ cacheName, url, snapshot }) {
    for (const name of await caches.keys()) {
      if (name.startsWith(/** @type {SnapshotCache} */ (self.snapshotCache).PREFIX) && name !== cacheName) await caches.delete(name);
    }
    const cache = await caches.open(cacheName);
    await cache.put(url, new Response(snapshot, { headers: { "Content-Type": "application/octet-stream" } }));
  },
});
