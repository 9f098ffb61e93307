// Module worker that runs the calculator under Pyodide, so the page's main thread never runs Python and stays
// responsive while the 10 MB runtime compiles. Pyodide 314 only supports module workers.
//
// Protocol (page -> worker):  {type: "start", pyodideURL, bundleURL, holdUntilGo, snapshots}  snapshots: false on an
//                             embed page (engine.js): no memory snapshot is read or made
//                             {type: "go"}  the runtime's downloads may reach Pyodide now (see `gate` below)
//                             {type: "estimate", id, request: {profile, lang}}
//                             {type: "snapshot-to"}  where the snapshot goes: with a port, to the service worker
//                             through it; without, into Cache Storage by this worker
//                             {type: "batch", id, request: {bytes, name, reform, lang}} | {type: "batch-stop", id}
//                             the budget page's batch (budget-worker.js, loaded on the first one)
// (worker -> page):           {type: "progress", loaded, total}  bytes of the runtime received so far, as sent (compressed)
//                             {type: "ready", loadMs, phases, started, fetched} | {type: "failed", message}
//                             {type: "result", id, response} | {type: "error", id, message}
//                             {type: "snapshot", cacheName, url, bytes, makeMs}  after a cold boot: a memory snapshot
//                             is made and waits for the page's "snapshot-to"
//                             {type: "batch-started" | "batch-progress" | "batch-done" | "batch-refused" |
//                             "batch-failed", id, ...}  see budget-worker.js
// `started` says how this worker got its Python: "cold" (booted), "snapshot" (restored from the memory snapshot an
// earlier page made, see below) or "kept" (a later "start" on a running worker). `fetched` lists the runtime URLs it
// downloaded and the files it loaded from its own folder, which the page hands to the service worker so that they
// are cached offline from this one download (docs/assets/frontend/site/offline.js).

/** @typedef {Awaited<ReturnType<typeof startEngine>>} RunningEngine */
/** @type {Promise<RunningEngine> | null} */
let engine = null; // Promise of {loadMs, phases, fetched, estimate({profile, lang}) -> result object}

const PROGRESS_INTERVAL_MS = 100;
// This script's folder: what the worker fetches from it (bundle.json, snapshot-cache.js) is listed in `fetched` too.
const CALCULATOR_ASSETS_URL = new URL("../", import.meta.url).href;

// The runtime downloads from the start, but its bytes reach Pyodide (which compiles the WebAssembly as they arrive,
// then boots Python) only once the page says "go": when its own start-up is over, or at once when the reader is about
// to use the calculator (docs/assets/frontend/worker/engine.js). On a phone's few cores the compile would otherwise
// stretch every task of the page's start-up (on this 2-core machine, Lighthouse's blocking time went from about 110
// to 240-390 ms). A "start" without `holdUntilGo` opens the gate at once.
/** @type {() => void} */
let openGate;
/** @type {Promise<void>} */
const gate = new Promise((resolve) => { openGate = resolve; });
/** @type {number | null} */
let gateOpenedAt = null;
let bytesWaiting = 0; // received from the network, not yet handed to Pyodide
/** @type {number | null} */
let bytesWaitingAtGo = null; // what the gate had held back when it opened (reported in `phases`)

function openTheGate() {
  if (gateOpenedAt !== null) return;
  gateOpenedAt = performance.now();
  bytesWaitingAtGo = bytesWaiting;
  openGate();
}

/**
 * Whether Cache Storage holds `url` (false where there is none, or where it is refused: a frame on another site).
 * @param {string} url
 */
async function inCacheStorage(url) {
  try {
    return Boolean(self.caches && await self.caches.match(url));
  } catch {
    return false;
  }
}

// Counts the bytes of the runtime's downloads as they arrive, for the widget's "x MB of y MB". Only responses that
// really come over the network are wrapped: a response from the offline cache is fast anyway, and an unwrapped one
// keeps the browser's compiled-WebAssembly cache usable. Returns whenReceived(names): a promise that resolves once
// those files have arrived in full.
// The figures are what crosses the network, compressed: a file's size on the wire is its response's Content-Length
// when the response is compressed (Content-Encoding), its own size when it is not, and until its response arrives
// the size of its Brotli copy (bundle.json `transfer`, site_build/bundle_pyodide.py). Its stream gives decoded bytes,
// counted as that share of its size on the wire (exact once it has arrived); a module loaded without fetch() counts
// its Resource Timing encodedBodySize when done.
/**
 * @param {Record<string, number>} runtimeBytes file name -> its size
 * @param {Record<string, number>} transferBytes file name -> the size of its Brotli copy
 * @param {string} baseURL
 * @param {(loaded: number, total: number) => void} report
 * @returns {(names: string[]) => Promise<void>}
 */
function countDownloads(runtimeBytes, transferBytes, baseURL, report) {
  const nativeFetch = self.fetch.bind(self);
  const onWire = new Map(Object.keys(runtimeBytes).map((name) => [name, transferBytes[name] ?? runtimeBytes[name]]));
  /** @type {Map<string, number>} */
  const done = new Map(); // file name -> bytes received (decoded)
  let lastReport = 0;
  /** @param {boolean} force */
  const send = (force) => {
    const now = performance.now();
    if (!force && now - lastReport < PROGRESS_INTERVAL_MS) return;
    lastReport = now;
    let loaded = 0;
    let total = 0;
    for (const [name, wire] of onWire) {
      total += wire;
      loaded += Math.round(Math.min(1, (done.get(name) || 0) / runtimeBytes[name]) * wire);
    }
    report(Math.min(loaded, total), total);
  };
  /** @type {Set<{names: string[], resolve: () => void}>} */
  /** The size of `name` on the wire, from its response's headers. */
  /** @param {string} name @param {Response} response */
  const sizeOnWire = (name, response) => {
    const length = Number(response.headers.get("Content-Length"));
    if (!response.headers.get("Content-Encoding")) onWire.set(name, runtimeBytes[name]);
    else if (length > 0) onWire.set(name, length);
  };
  const waiting = new Set(); // {names, resolve} of whenReceived()
  /** @param {string[]} names */
  const allIn = (names) => names.every((name) => (done.get(name) || 0) >= runtimeBytes[name]);
  /** @param {string} name @param {number} bytes */
  const received = (name, bytes) => {
    done.set(name, Math.max(done.get(name) || 0, bytes));
    for (const waiter of waiting) {
      if (allIn(waiter.names)) { waiting.delete(waiter); waiter.resolve(); }
    }
  };
  // Files loaded as modules (the loader and Emscripten's module) do not go through fetch(): they count when done.
  new PerformanceObserver((list) => {
    for (const entry of /** @type {PerformanceResourceTiming[]} */ (list.getEntries())) {
      const name = entry.name.startsWith(baseURL) ? entry.name.slice(baseURL.length) : null;
      if (name !== null && name in runtimeBytes) {
        if (entry.encodedBodySize > 0) onWire.set(name, entry.encodedBodySize);
        received(name, runtimeBytes[name]);
        send(true);
      }
    }
  }).observe({ type: "resource", buffered: true });
  self.fetch = async (input, init) => {
    const url = new URL(input instanceof Request ? input.url : String(input), self.location.href);
    const name = url.href.startsWith(baseURL) ? url.href.slice(baseURL.length) : null;
    const response = await nativeFetch(input, init);
    if (name === null || !(name in runtimeBytes) || !response.ok || !response.body || await inCacheStorage(url.href)) {
      if (name !== null && name in runtimeBytes) { received(name, runtimeBytes[name]); send(false); }
      return response;
    }
    sizeOnWire(name, response);
    const reader = response.body.getReader();
    received(name, 0);
    // The network is read at its own pace into `chunks`; Pyodide reads `chunks` once the gate is open.
    /** @type {Uint8Array[]} */
    const chunks = [];
    let countedBytes = 0;
    let finished = false;
    /** @type {unknown} */
    let failure = null;
    /** @type {(value?: unknown) => void} */
    let wake = () => {};
    (async () => {
      try {
        for (;;) {
          const { done, value } = await reader.read();
          if (done) break;
          countedBytes += value.byteLength;
          received(name, countedBytes);
          send(false);
          chunks.push(value);
          bytesWaiting += value.byteLength;
          wake();
        }
        send(true);
      } catch (error) {
        failure = error;
      }
      finished = true;
      wake();
    })();
    const counted = new ReadableStream({
      async pull(controller) {
        await gate;
        while (chunks.length === 0 && !finished) await new Promise((resolve) => { wake = resolve; });
        if (chunks.length > 0) {
          for (const chunk of chunks.splice(0)) {
            bytesWaiting -= chunk.byteLength;
            controller.enqueue(chunk);
          }
        } else if (failure) {
          controller.error(failure);
        } else {
          controller.close();
        }
      },
      cancel(reason) { return reader.cancel(reason); },
    });
    return new Response(counted, { status: response.status, statusText: response.statusText, headers: response.headers });
  };
  return (names) => new Promise((resolve) => {
    if (allIn(names)) resolve();
    else waiting.add({ names, resolve });
  });
}

// Memory snapshots (Pyodide's `_makeSnapshot` / `_loadSnapshot`): the first boot in this browser makes one once the
// calculator has answered, with the calculator imported and warmed up. The bytes go straight to the service worker,
// through a port the page hands over (docs/assets/frontend/worker/snapshot.js): it stores them in Cache Storage under a
// name with the runtime's hash (bundle.snapshotKey) and keeps writing after the reader has left, when this worker is
// gone. The worker of the next page loaded in full restores Python from it instead of booting it again (pages opened
// in place keep this worker). Made here, never downloaded (no extra transfer); replaced when the runtime or the
// calculator changes.
//
// Its cache's name and store() are shared with the service worker (snapshot-cache.js). Imported as the worker starts,
// beside the runtime's loader, not ahead of it: a static import would be one more request before this script runs.
// null if it could not be loaded (offline, never cached): Python then boots as usual, and no snapshot is made.
const snapshotCache = import("./snapshot-cache.js").then(() => self.snapshotCache, () => null);
// The copy takes the worker for a moment: it is made right after the first result is sent (so that result is not
// held up), or this long after ready if the page asks for none.
const SNAPSHOT_LATEST_MS = 2000;
/** @type {(() => void) | null} */
let snapshotDue = null; // () => void while a cold-booted worker still owes its snapshot
let batchRunning = false; // a budget batch is running: the snapshot waits until it is over

/**
 * The snapshot's key in Cache Storage, beside the runtime it restores (the server has no such file).
 * @param {string} pyodideURL
 */
function snapshotURL(pyodideURL) {
  return new URL("memory-snapshot.bin", pyodideURL).href;
}

/**
 * @param {BundleInfo} bundle @param {string} pyodideURL @param {string} prefix
 * @returns {SnapshotLocation}
 */
function snapshotLocation(bundle, pyodideURL, prefix) {
  return { cacheName: prefix + bundle.snapshotKey, url: snapshotURL(pyodideURL) };
}

/**
 * The stored snapshot, whichever runtime it was made from: {cacheName, bytes} (bytes null if there is none) or
 * {problem} if it could not be read. Read while the runtime's loader and bundle.json load (they name the snapshot
 * this worker may use: a stale one is ignored, then replaced).
 * @typedef {{cacheName: string | null, bytes: Uint8Array | null, off?: boolean, problem?: undefined}
 *   | {problem: string, cacheName?: undefined, bytes?: undefined, off?: undefined}} StoredSnapshot
 * @param {string} url
 * @returns {Promise<StoredSnapshot>}
 */
async function readStoredSnapshot(url) {
  if (!self.caches) return { problem: "no Cache Storage" };
  try {
    const cacheScript = await snapshotCache;
    if (!cacheScript) return { problem: "snapshot-cache.js did not load" };
    for (const cacheName of await caches.keys()) {
      if (!cacheName.startsWith(cacheScript.PREFIX)) continue;
      const response = await (await caches.open(cacheName)).match(url);
      if (response) return { cacheName, bytes: new Uint8Array(await response.arrayBuffer()) };
    }
    return { cacheName: null, bytes: null };
  } catch (error) {
    return { problem: String(error) };
  }
}

// The snapshot made, until the page says where it goes ({type: "snapshot-to"}): {cacheName, url, snapshot}.
/** @type {(SnapshotLocation & {snapshot: ArrayBuffer}) | null} */
let snapshotMade = null;

/**
 * Makes the snapshot and tells the page: {type: "snapshot", cacheName, url, bytes, makeMs} (makeMs: how long the
 * worker was busy making it, for benchmarks/bench_browser.py). The bytes never go through the page: copying 30 MB to
 * the service worker took the page's main thread 45 ms (180 ms on a phone) while the reader was typing. The page
 * answers with a port to the service worker, or with none: then this worker stores the snapshot itself.
 * @param {PyodideAPI} pyodide @param {() => void} warmUp @param {SnapshotLocation} location
 */
function makeSnapshot(pyodide, warmUp, location) {
  const making = performance.now();
  warmUp(); // one estimate first, so the snapshot holds a calculator that has already run once
  // Pyodide's memory is a plain (not shared) ArrayBuffer: it runs on this one thread.
  const made = /** @type {Uint8Array<ArrayBuffer>} */ (pyodide.makeMemorySnapshot());
  const snapshot = made.byteOffset === 0 && made.byteLength === made.buffer.byteLength
    ? made.buffer : made.slice().buffer;
  snapshotMade = { ...location, snapshot };
  self.postMessage(/** @satisfies {WorkerToPageMessage} */ ({ type: "snapshot", ...location, bytes: snapshot.byteLength, makeMs: performance.now() - making }));
}

/**
 * Where the page says the snapshot goes: through `port` to the service worker, or (no port) into Cache Storage.
 * @param {MessagePort | null} port
 */
async function sendSnapshot(port) {
  const made = snapshotMade;
  snapshotMade = null;
  if (!made) return;
  if (port) {
    port.postMessage(/** @satisfies {SnapshotBytesMessage} */ ({ type: "snapshot", ...made }), [made.snapshot]);
    return;
  }
  try {
    await (await snapshotCache)?.store(made);
  } catch (error) { /* storage full or refused: the next page boots as usual */ }
}

/**
 * The calculator's wheel, as bytes (a promise that never rejects unhandled: its failure is installWheel's).
 * @param {BundleInfo} bundle @param {string} pyodideURL
 */
function fetchWheel(bundle, pyodideURL) {
  const wheel = fetch(new URL(bundle.wheel, pyodideURL).href, { integrity: bundle.wheelIntegrity })
    .then(async (response) => {
      if (!response.ok) throw new Error(`${bundle.wheel}: HTTP ${response.status}`);
      return new Uint8Array(await response.arrayBuffer());
    });
  wheel.catch(() => {});
  return wheel;
}

/** @param {PyodideAPI} pyodide @param {BundleInfo} bundle @param {Promise<Uint8Array>} wheel */
async function installWheel(pyodide, bundle, wheel) {
  pyodide.FS.writeFile("/tmp/calculator.whl", await wheel);
  // Unpacked with the stdlib's zipfile (not Pyodide's package loader, whose JS references a snapshot cannot hold).
  pyodide.runPython(`
import site, sys, zipfile
with zipfile.ZipFile("/tmp/calculator.whl") as wheel:
    wheel.extractall(site.getsitepackages()[0])
import ${bundle.module}
`);
}

/** @param {StartMessage} start */
async function startEngine({ pyodideURL, bundleURL, snapshots = true }) {
  const started = performance.now();
  // An embed page in another site's frame has that site's storage partition, or none: it boots every time.
  /** @type {Promise<StoredSnapshot>} */
  const storedSnapshot = snapshots ? readStoredSnapshot(snapshotURL(pyodideURL))
    : Promise.resolve({ cacheName: null, bytes: null, off: true });
  /** @type {Promise<BundleInfo>} */
  const bundlePromise = fetch(bundleURL).then((response) => {
    if (!response.ok) throw new Error(`${bundleURL}: HTTP ${response.status}`);
    return response.json();
  });
  /** @type {[typeof import("pyodide"), BundleInfo]} */
  const [{ loadPyodide }, bundle] = await Promise.all([import(new URL("pyodide.mjs", pyodideURL).href), bundlePromise]);
  const whenReceived = bundle.bytes
    ? countDownloads(bundle.bytes, bundle.transfer ?? {}, pyodideURL, (loaded, total) => self.postMessage(/** @satisfies {WorkerToPageMessage} */ ({ type: "progress", loaded, total })))
    : () => Promise.resolve();
  const runtimeImported = performance.now();
  const cacheScript = await snapshotCache;
  const location = cacheScript && snapshotLocation(bundle, pyodideURL, cacheScript.PREFIX);
  /** @type {import("pyodide").PyodideConfig} */
  const options = {
    indexURL: pyodideURL,
    lockFileURL: new URL("pyodide-lock.json", pyodideURL).href,
    stdout: () => {},
    stderr: (/** @type {string} */ text) => console.warn(`[calculator worker] ${text}`),
  };
  /** @type {PyodideAPI | null} */
  let pyodide = null;
  /** @type {StartedHow} */
  let how = "cold";
  const stored = await storedSnapshot;
  const snapshot = location && stored.cacheName === location.cacheName ? stored.bytes : null;
  // Why this worker did or did not restore Python from a snapshot (reported to the page, read by the benchmark).
  let snapshotUse = stored.off ? "off (embed page)" : stored.problem ? `unreadable: ${stored.problem}`
    : snapshot ? "restored" : stored.cacheName ? "stale (another runtime)" : "none stored";
  // A cold boot needs the calculator's wheel (a restored snapshot has the calculator already). It is fetched once the
  // runtime has arrived, while Python still boots, rather than after the boot; not earlier, where on a slow link it
  // would only slow the runtime's own download.
  /** @type {Promise<Uint8Array> | null} */
  let wheel = null;
  const wheelBytes = () => (wheel ??= fetchWheel(bundle, pyodideURL));
  if (!snapshot) whenReceived(Object.keys(bundle.bytes ?? {}).filter((name) => name !== bundle.wheel)).then(wheelBytes);
  const snapshotRead = performance.now();
  if (snapshot && location) { // a snapshot is read only where there is a location
    try {
      pyodide = await loadPyodide({ ...options, _loadSnapshot: snapshot });
      how = "snapshot";
    } catch (error) {
      console.warn(`[calculator worker] memory snapshot not usable, booting: ${error}`);
      snapshotUse = `not usable: ${error}`;
      await caches.delete(location.cacheName);
    }
  }
  pyodide ??= await loadPyodide({ ...options, _makeSnapshot: true });
  const booted = performance.now();
  // A restored snapshot already has the calculator imported (its modules are in memory, not on the file system).
  const imported = how === "snapshot" && pyodide.runPython(`import sys; ${JSON.stringify(bundle.module)} in sys.modules`);
  if (!imported) await installWheel(pyodide, bundle, wheelBytes());
  /** @type {(profileJson: string, lang: string) => string} calculator.estimate_json */
  const entry = pyodide.pyimport(bundle.module).__getattribute__(bundle.entry);
  const ready = performance.now();
  if (how === "cold" && snapshots && self.caches && location) {
    snapshotDue = () => {
      snapshotDue = null;
      try {
        makeSnapshot(pyodide, () => entry("{}", "zh"), location);
      } catch (error) {
        console.warn(`[calculator worker] no memory snapshot this time: ${error}`);
      }
    };
    setTimeout(function snapshotWhenFree() {
      if (batchRunning) setTimeout(snapshotWhenFree, SNAPSHOT_LATEST_MS);
      else snapshotDue?.();
    }, SNAPSHOT_LATEST_MS);
  }
  const fetched = [...new Set(performance.getEntriesByType("resource").map((entry) => entry.name)
    .filter((name) => name.startsWith(pyodideURL) || name.startsWith(CALCULATOR_ASSETS_URL)))];
  return {
    how,
    loadMs: ready - started,
    // Where start-up time goes (reported to the page, read by benchmarks/bench_browser.py).
    phases: { snapshot: snapshotUse, heldMs: gateOpenedAt === null ? null : Math.max(0, gateOpenedAt - started),
              heldBytes: bytesWaitingAtGo,
              importRuntimeMs: runtimeImported - started, readSnapshotMs: snapshotRead - runtimeImported,
              bootMs: booted - snapshotRead, importCalculatorMs: ready - booted },
    fetched,
    pyodide, // for the budget page's batch (budget-worker.js)
    // calculator.estimate_json(profile_json, lang) -> result JSON text; it never raises (calculator/README.md).
    estimate: (/** @type {EstimateRequestMessage["request"]} */ { profile, lang }) => JSON.parse(entry(JSON.stringify(profile), lang)),
  };
}

// Pyodide's loader can reject promises nobody awaits when its start-up fails (e.g. a corrupt lock file): the failure
// is reported to the page as the widget's "failed" state rather than as an uncaught error.
self.addEventListener("unhandledrejection", (event) => {
  event.preventDefault();
  self.postMessage(/** @satisfies {WorkerToPageMessage} */ ({ type: "failed", message: String(event.reason && event.reason.message ? event.reason.message : event.reason) }));
});

self.addEventListener("message", async (/** @type {MessageEvent<PageToWorkerMessage>} */ event) => {
  const message = event.data;
  if (message.type === "go") {
    openTheGate();
  } else if (message.type === "start") {
    if (!message.holdUntilGo) openTheGate();
    const kept = engine !== null;
    const requested = performance.now();
    engine ??= startEngine(message);
    try {
      const { how, loadMs, phases, fetched } = await engine;
      self.postMessage(/** @satisfies {WorkerToPageMessage} */ ({ type: "ready", loadMs: kept ? performance.now() - requested : loadMs, phases,
                         started: kept ? "kept" : how, fetched }));
    } catch (error) {
      self.postMessage(/** @satisfies {WorkerToPageMessage} */ ({ type: "failed", message: String(error && error.message ? error.message : error) }));
    }
  } else if (message.type === "snapshot-to") {
    sendSnapshot(event.ports[0] ?? null);
  } else if (message.type === "batch" || message.type === "batch-stop") {
    try {
      // "start" always comes first (engine.js), so `engine` is set.
      const [ready, budget] = await Promise.all([/** @type {Promise<RunningEngine>} */ (engine), import("./budget-worker.js")]);
      budget.handleBatch(message, ready.pyodide, (/** @type {BatchReplyMessage} */ reply) => self.postMessage(reply), (/** @type {boolean} */ running) => {
        batchRunning = running;
        if (!running && snapshotDue) setTimeout(() => snapshotDue?.(), 0);
      });
    } catch (error) {
      self.postMessage(/** @satisfies {WorkerToPageMessage} */ ({ type: "batch-failed", id: message.id, message: String(error && error.message ? error.message : error) }));
    }
  } else if (message.type === "estimate") {
    try {
      const ready = await /** @type {Promise<RunningEngine>} */ (engine); // "start" always comes first (engine.js)
      const response = ready.estimate(message.request);
      self.postMessage(/** @satisfies {WorkerToPageMessage} */ ({ type: "result", id: message.id, response }));
      if (snapshotDue) setTimeout(() => snapshotDue?.(), 0);
    } catch (error) {
      self.postMessage(/** @satisfies {WorkerToPageMessage} */ ({ type: "error", id: message.id, message: String(error && error.message ? error.message : error) }));
    }
  }
});
