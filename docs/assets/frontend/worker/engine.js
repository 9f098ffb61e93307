// The page's handle on the calculator worker. One worker per page, started once a page with a calculator is parsed
// (docs/assets/frontend/app.js); the page never runs Python itself. While the runtime downloads,
// the state is "loading" with {loaded, total} bytes (the worker counts them), for the widget's progress.

const WORKER_URL = new URL("./worker.mjs", import.meta.url);
const PYODIDE_URL = new URL("../../../pyodide/", import.meta.url);
const BUNDLE_URL = new URL("../bundle.json", import.meta.url);

/**
 * Calls `callback` once the page's own start-up (Material's setup, the first frames) is over: at the first idle
 * moment after the load event, at most `latestMs` later (at once where there is no requestIdleCallback). Here because
 * app.js and offline.js both import this module already: a module of its own would be one more request ahead of
 * app.js.
 * @param {() => void} callback
 * @param {{latestMs: number}} options
 */
export function whenPageIdle(callback, { latestMs }) {
  const idle = () => ("requestIdleCallback" in window ? requestIdleCallback(callback, { timeout: latestMs }) : setTimeout(callback, 0));
  if (document.readyState === "complete") idle();
  else window.addEventListener("load", idle, { once: true });
}

// An embeddable calculator's container names the full page on this site (overrides/embed.html, data-embed). Here
// for the same reason as whenPageIdle: every module that asks (offline.js, saved-state.js, carry-state.js,
// calculator.js) imports this one already.
const EMBEDDED_ROOT = ".policy-calculator[data-embed], .policy-estimator[data-embed]";

/**
 * On an embed page (embed/articles/N/, embed/estimator/, which other sites frame): the URL of the full page on this
 * site, where share links lead; null on every other page. An embed keeps no inputs, registers no service worker and
 * makes no memory snapshot: in another site's frame its storage is that site's partition, or none at all.
 */
export function embeddedFullPage() {
  const root = /** @type {HTMLElement | null} */ (document.querySelector(EMBEDDED_ROOT));
  return root ? new URL(/** @type {string} the selector asks for it */ (root.dataset.embed), location.href) : null;
}

export function browserCanRunEngine() {
  return typeof WebAssembly === "object" && typeof WebAssembly.instantiate === "function"
    && typeof Worker === "function";
}

/** @typedef {"idle" | "loading" | "ready" | "failed"} EngineState */
/**
 * What goes with a state: "loading" {loaded, total} bytes; "ready" {loadMs, started}; "failed" {reason, message}.
 * @typedef {{loaded?: number, total?: number, loadMs?: number, started?: StartedHow, reason?: "unsupported" | "load",
 *   message?: string} | undefined} EngineDetail
 */
/** @typedef {(state: EngineState, detail: EngineDetail) => void} StateListener */

export class Engine {
  constructor() {
    /** @type {Worker | null} */
    this.worker = null;
    /** @type {Promise<void> | null} */
    this.ready = null; // Promise<void>, settled when the worker reports ready or failed
    /** @type {Map<number, {resolve: (result: EstimateResult) => void, reject: (error: Error) => void}>} */
    this.pending = new Map();
    /** @type {Map<number, (message: BatchReplyMessage) => void>} */
    this.batches = new Map(); // batch id -> listener of its batch-* messages (the budget page, budget.js)
    this.nextId = 1;
    /** @type {Set<StateListener>} */
    this.listeners = new Set(); // (state, detail) => void; state: loading | ready | failed
    /** @type {EngineState} */
    this.state = "idle";
    /** @type {EngineDetail} */
    this.detail = undefined;
    /** @type {string[]} */
    this.fetched = []; // runtime URLs the worker downloaded (for the offline cache, offline.js)
    /** @type {StartedHow | null} */
    this.started = null; // how the worker got its Python: "cold" | "snapshot" | "kept"
    this.pagesShown = 0; // pages of this document whose calculators it has served (in-page navigation keeps it)
    this.goSent = false; // whether the worker may compile and boot the runtime (go())
  }

  /** @param {StateListener} listener */
  onState(listener) {
    this.listeners.add(listener);
    listener(this.state, this.detail);
  }

  /** @param {StateListener} listener */
  offState(listener) {
    this.listeners.delete(listener);
  }

  /** @param {EngineState} state @param {EngineDetail} [detail] */
  setState(state, detail) {
    this.state = state;
    this.detail = detail;
    for (const listener of this.listeners) listener(state, detail);
  }

  /**
   * Starts the worker (once). With `holdUntilGo`, the worker downloads the runtime but does not compile or boot it
   * until go() (docs/assets/frontend/worker/worker.mjs): app.js starts it so when the page is parsed.
   * @param {{holdUntilGo?: boolean}} [options]
   * @returns {Promise<void>}
   */
  start({ holdUntilGo = false } = {}) {
    if (!holdUntilGo) this.go();
    if (this.ready) return this.ready;
    if (!browserCanRunEngine()) {
      this.setState("failed", { reason: "unsupported" });
      this.ready = Promise.reject(new Error("unsupported"));
      this.ready.catch(() => {});
      return this.ready;
    }
    this.setState("loading");
    performance.mark("calculator-start");
    this.ready = new Promise((resolve, reject) => {
      let worker;
      try {
        worker = new Worker(WORKER_URL, { type: "module", name: "policy-calculator" });
      } catch (error) {
        this.setState("failed", { reason: "load", message: String(error) });
        reject(error);
        return;
      }
      this.worker = worker;
      /** @param {string} message */
      const fail = (message) => {
        this.setState("failed", { reason: "load", message });
        for (const { reject: rejectRequest } of this.pending.values()) rejectRequest(new Error(message));
        this.pending.clear();
        for (const [id, listener] of this.batches) listener({ type: "batch-failed", id, message });
        this.batches.clear();
        reject(new Error(message));
      };
      worker.addEventListener("error", (event) => {
        event.preventDefault(); // reported through the widget's state, not as an uncaught error
        fail(event.message || "worker error");
      });
      worker.addEventListener("message", (event) => {
        /** @type {WorkerToPageMessage} */
        const message = event.data;
        if (message.type === "progress") {
          if (this.state === "loading") this.setState("loading", { loaded: message.loaded, total: message.total });
        } else if (message.type === "ready") {
          this.fetched = message.fetched || [];
          this.started = message.started;
          performance.mark("calculator-ready", { detail: { loadMs: message.loadMs, started: message.started, ...message.phases } });
          this.setState("ready", { loadMs: message.loadMs, started: message.started });
          resolve();
        } else if (message.type === "snapshot") {
          // Loaded only now: the start of the worker waits for nothing but this module.
          import("./snapshot.js").then(({ keepSnapshot }) => keepSnapshot(message, worker));
        } else if (message.type === "failed") {
          fail(message.message);
        } else if (message.type.startsWith("batch-")) {
          this.batches.get(message.id)?.(/** @type {BatchReplyMessage} */ (message));
        } else if (message.type === "result" || message.type === "error") {
          const request = this.pending.get(message.id);
          if (!request) return;
          this.pending.delete(message.id);
          if (message.type === "result") request.resolve(message.response);
          else request.reject(new Error(message.message));
        }
      });
      worker.postMessage(/** @satisfies {PageToWorkerMessage} */ ({ type: "start", pyodideURL: PYODIDE_URL.href, bundleURL: BUNDLE_URL.href,
                           holdUntilGo: !this.goSent, snapshots: embeddedFullPage() === null }));
    });
    this.ready.catch(() => {}); // callers observe failure through onState
    return this.ready;
  }

  /** Lets the worker compile and boot the runtime now (once; before start(), start() passes it on). */
  go() {
    if (this.goSent) return;
    this.goSent = true;
    this.worker?.postMessage(/** @satisfies {PageToWorkerMessage} */ ({ type: "go" }));
  }

  /**
   * The engine's result object for a profile (see calculator/README.md), in `lang`.
   * @param {Profile} profile @param {Lang} lang
   * @returns {Promise<EstimateResult>}
   */
  async estimate(profile, lang) {
    await this.start();
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      // start() resolved: the worker is there.
      /** @type {Worker} */ (this.worker).postMessage(/** @satisfies {PageToWorkerMessage} */ ({ type: "estimate", id, request: { profile, lang } }));
    });
  }

  /**
   * Runs a batch in the worker (the budget page; protocol in budget-worker.js): `bytes` (an ArrayBuffer, handed over
   * to the worker) holds the file. `listener` gets its batch-* messages. Returns the batch's id, for stopBatch().
   * @param {BatchMessage["request"]} request
   * @param {(message: BatchReplyMessage) => void} listener
   * @returns {Promise<number>}
   */
  async batch({ bytes, name, reform, lang }, listener) {
    await this.start();
    const id = this.nextId++;
    this.batches.set(id, listener);
    /** @type {Worker} */ (this.worker).postMessage(/** @satisfies {PageToWorkerMessage} */ ({ type: "batch", id, request: { bytes, name, reform, lang } }), [bytes]);
    return id;
  }

  /** Stops a batch (or forgets a finished one): its listener hears nothing more. */
  /** @param {number} id */
  stopBatch(id) {
    if (!this.batches.delete(id)) return;
    this.worker?.postMessage(/** @satisfies {PageToWorkerMessage} */ ({ type: "batch-stop", id }));
  }
}

/** @type {Engine | null} */
let sharedEngine = null;
export function pageEngine() {
  sharedEngine ??= new Engine();
  return sharedEngine;
}
