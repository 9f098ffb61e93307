// Keeps the calculator worker's memory snapshot (docs/assets/frontend/worker/worker.mjs) for the next page loaded in full.
// The service worker stores it: it goes on writing the 30 MB after the reader has left for another language or
// closed the tab, when this page and its worker are gone. The bytes go from the calculator's worker to the service
// worker through a MessageChannel, never through this page: copying them here cost the main thread 45 ms (180 ms on
// a phone). Without an active service worker the calculator's worker stores the snapshot itself (it may not finish
// if the document goes at once; the next page then boots as usual and makes one again).

import { offlineRegistration } from "../site/offline.js";

// How long the snapshot waits for the service worker's registration (it starts when the page is idle) before the
// calculator's worker stores it itself: a registration that never settles must not lose it.
const REGISTRATION_WAIT_MS = 10_000;

/**
 * message: the worker's {type: "snapshot", cacheName, url, bytes, makeMs}; worker: the calculator's Worker, which
 * holds the snapshot until told where it goes (it made one only because it can store it: its Cache Storage is there).
 * Marks "calculator-snapshot" with {makeMs, bytes, sentTo: "service worker" | "calculator worker"} (who stores it).
 * @param {SnapshotMadeMessage} message
 * @param {Worker} worker
 */
export async function keepSnapshot({ cacheName, url, bytes, makeMs }, worker) {
  const registration = await Promise.race([
    offlineRegistration, new Promise(/** @param {(value: null) => void} resolve */ (resolve) => { setTimeout(() => resolve(null), REGISTRATION_WAIT_MS); })]);
  const serviceWorker = registration && registration.active;
  if (serviceWorker) {
    const channel = new MessageChannel();
    serviceWorker.postMessage(/** @satisfies {PageToServiceWorkerMessage} */ ({ type: "snapshot-port", cacheName, url }), [channel.port1]);
    worker.postMessage(/** @satisfies {PageToWorkerMessage} */ ({ type: "snapshot-to" }), [channel.port2]);
  } else {
    worker.postMessage(/** @satisfies {PageToWorkerMessage} */ ({ type: "snapshot-to" }));
  }
  performance.mark("calculator-snapshot",
    { detail: { makeMs, bytes, sentTo: serviceWorker ? "service worker" : "calculator worker" } });
}
