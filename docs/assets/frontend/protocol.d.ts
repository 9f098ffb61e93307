// The messages between the page, the calculator's worker, the service worker and an embedding host page: one
// definition, a discriminated union (on `type`) per direction, checked by `tsc --checkJs` (tsconfig*.json). Every
// postMessage and message handler of the front end names its union here. Never loaded by a browser.
//
//   page (worker/engine.js)  ──PageToWorker──▶  worker/worker.mjs (+ worker/budget-worker.js for batch-*)
//                            ◀──WorkerToPage──
//   page (site/offline.js, worker/snapshot.js)  ──PageToServiceWorker──▶  site/sw.template.js  ──ServiceWorkerToPage──▶
//   worker/worker.mjs  ──SnapshotPortMessage (a MessageChannel the page hands to both)──▶  site/sw.template.js
//   embed page (embed/embed-frame.js)  ──EmbedFrameMessage──▶  host page (embed.js)

// --- page -> calculator worker (worker/engine.js -> worker/worker.mjs) ----------------------------------------------

/** Boots (or keeps) the engine; `snapshots: false` on an embed page: no memory snapshot is read or made. */
interface StartMessage {
  type: "start";
  pyodideURL: string;
  bundleURL: string;
  holdUntilGo: boolean;
  snapshots: boolean;
}

/** The runtime's downloads may reach Pyodide now (the worker's gate opens). */
interface GoMessage {
  type: "go";
}

interface EstimateRequestMessage {
  type: "estimate";
  id: number;
  request: { profile: Profile; lang: Lang };
}

/** Where the memory snapshot goes: with a port (in `ports`), to the service worker; without, into Cache Storage. */
interface SnapshotToMessage {
  type: "snapshot-to";
}

/** A reform: parameter id -> its new value (budget/budget-reform.js). */
type Reform = Record<string, string>;

/** The budget page's batch: `bytes` (the file, transferred) estimated a few companies at a time. */
interface BatchMessage {
  type: "batch";
  id: number;
  request: { bytes: ArrayBuffer; name: string; reform: Reform | null; lang: Lang };
}

interface BatchStopMessage {
  type: "batch-stop";
  id: number;
}

type PageToWorkerMessage = StartMessage | GoMessage | EstimateRequestMessage | SnapshotToMessage | BatchMessage
  | BatchStopMessage;

// --- calculator worker -> page (worker/worker.mjs, worker/budget-worker.js -> worker/engine.js) ---------------------

/** Bytes of the runtime received so far (uncompressed). */
interface ProgressMessage {
  type: "progress";
  loaded: number;
  total: number;
}

/** Where start-up time went (benchmarks/bench_browser.py reads it from the "calculator-ready" mark). */
interface StartPhases {
  snapshot: string;
  heldMs: number | null;
  heldBytes: number | null;
  importRuntimeMs: number;
  readSnapshotMs: number;
  bootMs: number;
  importCalculatorMs: number;
}

/** How the worker got its Python: booted, restored from a memory snapshot, or kept from an earlier "start". */
type StartedHow = "cold" | "snapshot" | "kept";

/** `fetched`: the runtime URLs downloaded, which the page hands to the service worker (site/offline.js). */
interface ReadyMessage {
  type: "ready";
  loadMs: number;
  phases: StartPhases;
  started: StartedHow;
  fetched: string[];
}

interface FailedMessage {
  type: "failed";
  message: string;
}

interface ResultMessage {
  type: "result";
  id: number;
  response: EstimateResult;
}

interface EstimateErrorMessage {
  type: "error";
  id: number;
  message: string;
}

/** Where the memory snapshot is kept in Cache Storage (worker/snapshot-cache.js). */
interface SnapshotLocation {
  cacheName: string;
  url: string;
}

/** A memory snapshot was made (after a cold boot) and waits for the page's "snapshot-to". */
interface SnapshotMadeMessage extends SnapshotLocation {
  type: "snapshot";
  bytes: number;
  makeMs: number;
}

/** One company of a batch, as `python -m calculator batch FILE --json` writes it (calculator/_batch.py). */
interface BatchRecord {
  row: number;
  firm: string;
  valid: boolean;
  total_cny?: string;
  reform_total_cny?: string;
  delta_cny?: string;
  lines: { rule: string; item: number; amount_cny: string | null; counted: boolean }[];
  errors: FieldError[];
}

/** Sums of a batch: by article (article id -> amount), with the reform's beside them when there is one. */
interface BatchSums {
  total_cny: string;
  yearly_cap_reduction_cny: string;
  by_article: Record<string, string>;
}

interface BatchSummary extends BatchSums {
  companies: number;
  valid: number;
  failed: number;
  reform?: (BatchSums & { delta_cny: string; gain: number; lose: number; same: number }) | null;
}

interface BatchStartedMessage {
  type: "batch-started";
  id: number;
  companies: number;
  encoding: string;
  kind: string;
}

/** `records`: those estimated since the last report. */
interface BatchProgressMessage {
  type: "batch-progress";
  id: number;
  done: number;
  total: number;
  records: BatchRecord[];
}

interface BatchDoneMessage {
  type: "batch-done";
  id: number;
  done: number;
  total: number;
  records: BatchRecord[];
  summary: BatchSummary;
  formulaCells: number;
}

/** The file or the reform cannot be used. */
interface BatchRefusedMessage {
  type: "batch-refused";
  id: number;
  errors: FieldError[];
}

/** Anything else (a bug, or the worker failed): the page says so. */
interface BatchFailedMessage {
  type: "batch-failed";
  id: number;
  message: string;
}

type BatchReplyMessage = BatchStartedMessage | BatchProgressMessage | BatchDoneMessage | BatchRefusedMessage
  | BatchFailedMessage;

type WorkerToPageMessage = ProgressMessage | ReadyMessage | FailedMessage | ResultMessage | EstimateErrorMessage
  | SnapshotMadeMessage | BatchReplyMessage;

// --- page -> service worker (site/offline.js, worker/snapshot.js -> site/sw.template.js) ----------------------------

/** Keep these URLs (what the page loaded before the service worker controlled it, and the runtime) for offline use. */
interface RememberMessage {
  type: "remember";
  urls: string[];
  /** Then keep the whole site too, once the runtime is cached (not when the reader asked to save data). */
  fill?: boolean;
}

/** The snapshot announced at `cacheName`/`url` comes through the port in `ports` (from the calculator's worker). */
interface SnapshotPortMessage extends SnapshotLocation {
  type: "snapshot-port";
}

type PageToServiceWorkerMessage = RememberMessage | SnapshotPortMessage;

// --- service worker -> page (site/sw.template.js) -------------------------------------------------------------------

/** The "remember" is done (for tests). */
interface RememberedMessage {
  type: "remembered";
  count: number;
}

/** The whole-site fill is over: how many files it added, and whether every file of the site is now kept. */
interface FilledMessage {
  type: "filled";
  filled: number;
  complete: boolean;
}

type ServiceWorkerToPageMessage = RememberedMessage | FilledMessage;

// --- calculator worker -> service worker, through the page's MessageChannel -----------------------------------------

/** The snapshot's bytes (transferred), for snapshot-cache.js's store(). */
interface SnapshotBytesMessage extends SnapshotLocation {
  type: "snapshot";
  snapshot: ArrayBuffer;
}

// --- embed page (in a frame) -> host page (window.parent.postMessage, to any origin) --------------------------------

/** The embed page's content height (CSS px) and title (the frame's accessible name). */
interface EmbedFrameMessage {
  type: "jiangbei-calculator:size";
  height: number;
  title: string;
}

// --- page <-> the site's search worker (site/search-start.js; overrides/assets/javascripts/workers/site-search.js) ---
// On the BroadcastChannel "jiangbei-search": the page says "build" (the index may be built now); the worker says
// "waiting" (it has its setup and listens), in case the page asked before it listened.

interface SearchChannelMessage {
  type: "build" | "waiting";
}

// --- worker/snapshot-cache.js: shared by the calculator's worker and the service worker as `self.snapshotCache` ------

interface SnapshotCache {
  readonly PREFIX: string;
  store(made: SnapshotLocation & { snapshot: ArrayBuffer }): Promise<void>;
}

// Set by snapshot-cache.js (a classic script and a module at once: it can export nothing).
declare var snapshotCache: SnapshotCache | undefined;
