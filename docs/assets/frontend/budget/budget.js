// The budget page (budget/, en/budget/; templates/budget.md.j2): a list of companies from a file the reader chooses,
// or the synthetic sample, estimated in the calculator's worker (engine.js batch(), budget-worker.js), with a change
// to any figure of the policy beside today's. The file is read in this browser and goes only to the worker of this
// page: nothing is sent anywhere. Every string comes from the page (data-text, from templates/ui.yaml); text from the
// file is only ever set as text, never as HTML.
//
// While a batch runs the page's main thread only receives the worker's progress messages (a bar, "N of M
// companies"); the results are drawn once, at the end, a page of companies at a time.

import { pageEngine } from "../worker/engine.js";
import { registerOffline } from "../site/offline.js";
import { showDownload } from "../worker/progress.js";
import { LANG, groupedDigits, inBoth, showInBothLanguages } from "../calculator/ui.js";
import { BudgetResults } from "./budget-results.js";
import { ReformEditor, reformFromHash, reformUrl } from "./budget-reform.js";
import { download, resultsCsv, resultsJson } from "./budget-export.js";

const MAX_BYTES = 64 * 1024 * 1024; // larger than any file of 50,000 companies written from the template
const LIVE_MS = 1000; // the progress text (a live region) changes at most this often

/** A value put into a string: a whole number (a count of companies, rows or cells) with its digits grouped. */
/** @param {string | number} value */
function shown(value) {
  return Number.isInteger(value) ? groupedDigits(String(value)) : String(value);
}

/** @param {Record<string, Bilingual>} strings @returns {BudgetSay} */
function sayFrom(strings) {
  /** @param {string} key @param {Record<string, string | number>} [values] @param {Lang} [lang] */
  const say = (key, values = {}, lang = LANG) => {
    const template = strings[key]?.[lang];
    if (template === undefined) throw new Error(`budget: no string ${key}`);
    return template.replace(/\{(\w+)\}/g, (_, name) => (name in values ? shown(values[name]) : `{${name}}`));
  };
  /** @param {string} key @param {Record<string, string | number>} [values] */
  const both = (key, values) => inBoth((lang) => say(key, values, lang));
  return Object.assign(say, { both });
}

class BudgetPage {
  /** @param {HTMLElement} root */
  constructor(root) {
    this.root = root;
    this.say = sayFrom(JSON.parse(/** @type {string} the page writes it */ (root.dataset.text)));
    /** @type {BudgetData} */
    this.data = JSON.parse(/** @type {string} the page writes it */ (root.dataset.parameters));
    this.engine = pageEngine();
    this.status = /** @type {HTMLElement} */ (root.querySelector(".budget-engine-status"));
    this.fileInput = /** @type {HTMLInputElement} */ (root.querySelector(".budget-file"));
    this.fileMessage = /** @type {HTMLElement} */ (root.querySelector(".budget-file-message"));
    this.sampleButton = /** @type {HTMLButtonElement} */ (root.querySelector(".budget-sample"));
    this.progress = /** @type {HTMLElement} */ (root.querySelector(".budget-progress"));
    this.bar = /** @type {HTMLProgressElement} */ (root.querySelector(".budget-progress-bar"));
    this.progressText = /** @type {HTMLElement} */ (root.querySelector(".budget-progress-text"));
    this.stopButton = /** @type {HTMLButtonElement} */ (root.querySelector(".budget-stop"));
    this.applyButton = /** @type {HTMLButtonElement} */ (root.querySelector(".budget-apply"));
    this.reformMessage = /** @type {HTMLElement} */ (root.querySelector(".budget-reform-message"));
    this.share = /** @type {HTMLElement} */ (root.querySelector(".budget-share"));
    this.shareLink = /** @type {HTMLInputElement} */ (root.querySelector(".budget-share-link"));
    this.results = new BudgetResults(/** @type {HTMLElement} */ (root.querySelector(".budget-results")), this.say,
      { articles: this.data.articles, articleLabels: this.data.article_labels });
    this.editor = new ReformEditor(/** @type {HTMLElement} */ (root.querySelector(".budget-reform")), this.data, this.say, () => this.reformChanged());
    /** @type {BudgetSource | null} */
    this.source = null; // {label, name, synthetic, bytes: () => Promise<ArrayBuffer>}
    /** @type {BudgetBatch | null} */
    this.batch = null; // {id, records, ...} of the batch under way or last finished
    /** @type {{ records: BatchRecord[], summary: BatchSummary, reform: Reform | null } | null} */
    this.last = null; // {records, summary, reform} of the last finished batch, for the downloads
    /** @type {import("../worker/engine.js").StateListener} */
    this.onState = (state, detail) => this.engineState(state, detail);
    /** @type {(() => void)[]} */
    this.listeners = [];
  }

  /** @param {EventTarget} target @param {string} type @param {EventListener} handler */
  listen(target, type, handler) {
    target.addEventListener(type, handler);
    this.listeners.push(() => target.removeEventListener(type, handler));
  }

  mount() {
    this.root.dataset.state = "mounted";
    this.editor.start(reformFromHash(location.hash));
    this.reformChanged();
    if (reformFromHash(location.hash)) this.reformMessage.textContent = this.say("reform_from_link");
    this.listen(this.fileInput, "change", () => {
      const file = this.fileInput.files?.[0];
      if (file) this.useFile(file);
    });
    this.listen(this.sampleButton, "click", () => this.useSample());
    this.listen(this.stopButton, "click", () => this.stop(this.say("stopped")));
    this.listen(this.applyButton, "click", () => {
      if (!this.source) {
        showInBothLanguages(this.reformMessage, this.say.both("no_file_yet"));
        this.fileInput.focus();
        return;
      }
      this.run();
    });
    this.listen(/** @type {HTMLButtonElement} */ (this.root.querySelector(".budget-add-change")), "click", () => {
      this.editor.addRow().select.focus();
    });
    this.listen(/** @type {HTMLButtonElement} */ (this.root.querySelector(".budget-copy")), "click", () => this.copyLink());
    this.engine.onState(this.onState);
  }

  unmount() {
    this.stop(null);
    this.engine.offState(this.onState);
    for (const remove of this.listeners) remove();
    this.listeners = [];
  }

  /** @param {import("../worker/engine.js").EngineState} state @param {import("../worker/engine.js").EngineDetail} detail */
  engineState(state, detail) {
    const key = /** @type {Record<string, string>} */ ({ idle: "engine_loading", loading: "engine_loading", ready: "engine_ready" })[state]
      ?? (detail && detail.reason === "unsupported" ? "engine_unsupported" : "engine_failed");
    this.status.textContent = this.say(key);
    this.root.dataset.engine = state;
    showDownload(this.status, state, detail, LANG);
    if (state === "ready" || state === "failed") registerOffline();
  }

  /** @param {File} file */
  useFile(file) {
    const label = file.name;
    if (file.size > MAX_BYTES) {
      this.fileError(this.say.both("file_too_large", { name: label, size: (file.size / 1_000_000).toFixed(1) }));
      return;
    }
    this.source = { label, name: file.name, synthetic: false, bytes: () => file.arrayBuffer() };
    this.run();
  }

  useSample() {
    const url = new URL(/** @type {string} the page writes it */ (this.root.dataset.sample), location.href);
    this.source = {
      label: this.say("sample_label"), name: "synthetic-sample.csv", synthetic: true,
      bytes: async () => {
        const response = await fetch(url);
        if (!response.ok) throw new Error(`${url.pathname}: HTTP ${response.status}`);
        return response.arrayBuffer();
      },
    };
    this.fileInput.value = "";
    this.run();
  }

  /** @param {Bilingual} message */
  fileError(message) {
    showInBothLanguages(this.fileMessage, message);
    this.fileMessage.dataset.kind = "error";
    this.fileInput.setAttribute("aria-invalid", "true");
  }

  /** @param {string} message @param {string} [kind] */
  fileNote(message, kind = "note") {
    this.fileMessage.textContent = message;
    this.fileMessage.dataset.kind = kind;
    this.fileInput.removeAttribute("aria-invalid");
  }

  reformChanged() {
    const { reform } = this.editor.reform({ quiet: true });
    this.share.hidden = !reform;
    this.shareLink.value = reform ? reformUrl(reform) : "";
    this.reformMessage.textContent = "";
  }

  async copyLink() {
    this.shareLink.select();
    try {
      await navigator.clipboard.writeText(this.shareLink.value);
      this.reformMessage.textContent = this.say("link_copied");
    } catch {
      this.reformMessage.textContent = this.say("link_select");
    }
  }

  /** @param {string | null} message */
  stop(message) {
    if (!this.batch || this.batch.finished) return;
    // (Still null when the worker has not taken the batch yet: the "batch-stop" then names no batch.)
    this.engine.stopBatch(/** @type {number} */ (this.batch.id));
    this.batch.finished = true;
    this.progress.hidden = true;
    if (message) this.fileNote(message);
  }

  async run() {
    const { reform, incomplete } = this.editor.reform();
    if (incomplete) {
      showInBothLanguages(this.reformMessage, this.say.both("reform_incomplete"));
      return;
    }
    this.stop(null);
    const source = /** @type {BudgetSource} run() is called once there is one */ (this.source);
    /** @type {BudgetBatch} */
    const batch = { id: null, records: [], finished: false, reform, source, lastLive: 0 };
    this.batch = batch;
    this.fileNote(this.say("reading", { name: source.label }), "busy");
    this.reformMessage.textContent = "";
    this.progress.hidden = false;
    this.bar.removeAttribute("value"); // indeterminate until the companies are counted
    this.progressText.textContent = this.say(this.engine.state === "ready" ? "reading_short" : "waiting_engine");
    let bytes;
    try {
      bytes = await source.bytes();
    } catch (error) {
      if (this.batch !== batch) return;
      batch.finished = true;
      this.progress.hidden = true;
      this.fileError(this.say.both("file_unreadable", { message: String(error.message || error) }));
      return;
    }
    if (this.batch !== batch) return;
    if (reform) history.replaceState(history.state, "", reformUrl(reform));
    try {
      batch.id = await this.engine.batch({ bytes, name: source.name, reform, lang: LANG }, (message) => this.message(batch, message));
    } catch { // the calculator could not start (its status line says why)
      batch.finished = true;
      this.progress.hidden = true;
      this.fileError(this.say.both(this.engine.detail?.reason === "unsupported" ? "engine_unsupported" : "engine_failed"));
      return;
    }
    if (this.batch !== batch) this.engine.stopBatch(batch.id); // a newer run started meanwhile
  }

  /** @param {BudgetBatch} batch @param {number} done @param {number} total @param {boolean} force */
  progressShown(batch, done, total, force) {
    this.bar.max = Math.max(total, 1);
    this.bar.value = done;
    const now = performance.now();
    if (force || now - batch.lastLive >= LIVE_MS) {
      batch.lastLive = now;
      this.progressText.textContent = this.say("progress", { done, total });
    }
  }

  /** @param {BudgetBatch} batch @param {BatchReplyMessage} message */
  message(batch, message) {
    if (this.batch !== batch || batch.finished) return;
    if (message.type === "batch-started") {
      batch.total = message.companies;
      this.results.begin();
      const note = message.encoding === "gb18030" ? this.say("read_gbk", { name: batch.source.label }) : this.say("read_ok", { name: batch.source.label });
      this.fileNote(note, message.encoding === "gb18030" ? "warning" : "busy");
      this.progressShown(batch, 0, message.companies, true);
    } else if (message.type === "batch-progress") {
      for (const record of message.records) batch.records.push(record);
      this.results.take(message.records);
      this.progressShown(batch, message.done, message.total, false);
    } else if (message.type === "batch-done") {
      for (const record of message.records) batch.records.push(record);
      this.results.take(message.records);
      batch.finished = true;
      this.engine.stopBatch(/** @type {number} */ (batch.id)); // forgets its listener
      this.progressShown(batch, message.done, message.total, true);
      this.finish(batch, message);
    } else if (message.type === "batch-refused") {
      batch.finished = true;
      this.engine.stopBatch(/** @type {number} */ (batch.id));
      this.progress.hidden = true;
      const file = message.errors.filter((error) => error.field === "file" || !error.field.startsWith("reform"));
      const reformErrors = message.errors.filter((error) => error.field.startsWith("reform"));
      if (file.length) this.fileError(inBoth((lang) => file.map((error) => error[lang] ?? error.zh).join(" ")));
      else this.fileNote("");
      if (reformErrors.length) {
        const unplaced = this.editor.showErrors(reformErrors);
        showInBothLanguages(this.reformMessage, inBoth((lang) => [this.say("reform_refused", {}, lang), ...unplaced.map((error) => error[lang])].join(" ")));
      }
    } else if (message.type === "batch-failed") {
      batch.finished = true;
      this.progress.hidden = true;
      this.fileError(this.say.both("batch_failed", { message: message.message }));
    }
  }

  /** @param {BudgetBatch} batch @param {BatchDoneMessage} message */
  finish(batch, message) {
    const { summary } = message;
    this.progress.hidden = true;
    this.last = { records: batch.records, summary, reform: batch.reform };
    const notes = [this.say(batch.source.synthetic ? "done_sample" : "done", { name: batch.source.label, count: summary.companies })];
    if (message.formulaCells) notes.push(this.say("formula_cells", { count: message.formulaCells }));
    if (summary.failed) notes.push(this.say("rows_failed", { count: summary.failed }));
    if (this.fileMessage.dataset.kind === "warning") notes.unshift(this.fileMessage.textContent);
    this.fileNote(notes.join(" "), message.formulaCells || summary.failed ? "warning" : "ok");
    this.root.dataset.runs = String(Number(this.root.dataset.runs || 0) + 1); // finished runs (for tests, benchmarks)
    this.results.show({
      summary, source: batch.source,
      changes: this.editor.describeReform(batch.reform),
      onDownload: (kind) => this.download(kind),
    });
  }

  /** @param {"csv" | "json"} kind */
  download(kind) {
    if (!this.last) return;
    const { records, summary, reform } = this.last;
    if (kind === "csv") download(resultsCsv(records, { reform, lang: LANG }), "budget-results.csv", "text/csv;charset=utf-8");
    else download(resultsJson(records, summary), "budget-results.json", "application/json");
  }
}

/** @type {BudgetPage | null} */
let mounted = null;

/** Sets up the budget page's controls (app.js calls it on a page with .policy-budget). */
export function mountBudget() {
  /** @type {HTMLElement | null} */
  const root = document.querySelector(".policy-budget");
  if (!root || root.dataset.state === "mounted") return;
  mounted = new BudgetPage(root);
  mounted.mount();
}

/** Before the page's content is replaced (in-page navigation): a batch under way is stopped. */
export function unmountBudget() {
  mounted?.unmount();
  mounted = null;
}
