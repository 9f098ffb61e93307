// Keeps the calculator worker's memory snapshot (docs/assets/calculator/worker.mjs) for the next page. The service
// worker stores it: it goes on writing the 30 MB after the reader has clicked through to the next article, when this
// page and its worker are gone. Without a service worker the page stores it itself (it may not finish if the reader
// leaves at once; the next page then boots as usual and makes one again).

import { offlineRegistration } from "./offline.js";

const SNAPSHOT_CACHE_PREFIX = "jiangbei-snapshot-";

/** message: the worker's {type: "snapshot", cacheName, url, snapshot: ArrayBuffer, makeMs}. */
export async function keepSnapshot({ cacheName, url, snapshot, makeMs }) {
  performance.mark("calculator-snapshot", { detail: { makeMs, bytes: snapshot.byteLength } });
  if (!window.isSecureContext || !("caches" in window) || !String(cacheName).startsWith(SNAPSHOT_CACHE_PREFIX)) return;
  const registration = await offlineRegistration;
  if (registration && registration.active) {
    registration.active.postMessage({ type: "snapshot", cacheName, url, snapshot }, [snapshot]);
    return;
  }
  try {
    for (const name of await caches.keys()) {
      if (name.startsWith(SNAPSHOT_CACHE_PREFIX) && name !== cacheName) await caches.delete(name);
    }
    const cache = await caches.open(cacheName);
    await cache.put(url, new Response(snapshot, { headers: { "Content-Type": "application/octet-stream" } }));
  } catch (error) { /* storage full or refused: the next page boots as usual */ }
}
