// The in-page calculator: a widget on every article with quantified awards (<div class="policy-calculator"
// data-article="N">) and the whole-company estimator (<div class="policy-estimator">). The forms are drawn at once
// from inputs.json (the estimator's parts when each is first needed: EstimatorForm in form.js); Python runs only in
// the worker (engine.js); results come from the engine and are inserted as text, never as HTML. Imported by app.js on
// pages that have a calculator.
//
// Modules: ui.js (DOM, language, strings), money.js (exact amounts), clauses.js (clause links), fields.js (one form
// control), form.js (the widget's and the estimator's forms), saved-state.js (localStorage and share links),
// render.js (the result), export.js (CSV/JSON downloads). This file ties them to the engine.
// Around the form and result (issue 13): field-finder.js, field-echo.js (with typed-money.js), error-summary.js,
// running-total.js, next-steps.js, carry-state.js (language switch, widget → estimator).
// What-if charts, why not and rows (issue 10): chart.js, why-not.js, rows.js, scenario.js (estimator only).

import { carryAcrossLanguageSwitch, estimatorUrlWith } from "./carry-state.js";
import { embeddedFullPage, pageEngine } from "../worker/engine.js";
import { ErrorSummary } from "./error-summary.js";
import { downloadResult } from "./export.js";
import { FieldFinder } from "./field-finder.js";
import { WhatIfCharts } from "./chart.js";
import { EstimatorForm, buildArticleForm, findArticle } from "./form.js";
import { registerOffline } from "../site/offline.js";
import { showDownload } from "../worker/progress.js";
import { navigateInPage } from "../site/soft-navigation.js";
import { renderResult } from "./render.js";
import { RunningTotal } from "./running-total.js";
import { RepeatableRows } from "./rows.js";
import { handoffRuleIds } from "../self-check/self-check-handoff.js";
import { openHandedOffSections } from "../self-check/self-check-open.js";
import {
  carriedState, decodeState, dropFragment, fragmentState, readStoredState, shareUrl, writeStoredState,
} from "./saved-state.js";
import { t } from "./strings.js";
import { LANG, bilingual, el, nextId, text } from "./ui.js";
import { UndoOffer } from "./undo.js";

const INPUTS_URL = new URL("../inputs.json", import.meta.url);

// ---- one calculator (article widget or estimator) -----------------------------------------------------------------

// scenario.js, loaded only on a page with the estimator (article pages do not carry it).
/** @type {typeof import("./scenario.js").ScenarioComparison | null} */
let ScenarioComparison = null;

/** @typedef {import("./fields.js").FormField} FormField */
/** @typedef {import("./saved-state.js").Values} Values */
class Calculator {
  /** @param {HTMLElement} root @param {InputsData} data @param {{ article: number | null }} options */
  constructor(root, data, { article }) {
    this.root = root;
    this.data = data;
    this.article = article; // number for an article widget, null for the estimator
    /** @type {Map<string, FormField>} */
    this.fields = new Map();
    this.engine = pageEngine();
    this.sequence = 0;
    this.lastResult = null;
    /** @type {string | null} the inputs and result the lines show now (renderResult) */
    this.shownResult = null;
    this.lastProfile = null;
    this.estimatorForm = null; // EstimatorForm: draws each part's fields when first needed
    this.rows = new RepeatableRows(data, {
      register: (field) => this.add(field),
      unregister: (key) => this.fields.delete(key),
      changed: () => this.changed(),
    });
    // Saved states and share links may name fields not drawn yet: looking one up draws its part or row.
    /** @type {import("./saved-state.js").FieldLookup} */
    this.fieldLookup = { get: (key) => this.fieldFor(key) };
    this.listening = new AbortController(); // window listeners, removed when the page goes
  }

  /** The field of this key, drawing the estimator part or the row that holds it; undefined for no such field. */
  /** @param {string} key */
  fieldFor(key) {
    if (!this.fields.has(key)) this.estimatorForm?.drawFor(key);
    return this.fields.get(key) ?? this.rows.fieldFor(key);
  }

  /** Keeps `fields` in the form's order (what print and the CSV list), whatever order the parts were drawn in. */
  orderFields() {
    const rank = new Map(/** @type {EstimatorForm} */ (this.estimatorForm).keyOrder.map((key, index) => [key, index]));
    const last = rank.size; // row fields, after all others, in the order they were added
    const entries = [...this.fields].sort(([a], [b]) => (rank.get(a) ?? last) - (rank.get(b) ?? last));
    this.fields.clear();
    for (const [key, field] of entries) this.fields.set(key, field);
  }

  updateCounts() {
    this.estimatorForm?.updateCounts(this.fields);
  }

  /** @param {FormField} field */
  add(field) {
    this.fields.set(field.key, field);
    return field.node;
  }

  mount() {
    const isEstimator = this.article === null;
    const titleId = `pc-title-${nextId()}`;
    /** @type {HTMLParagraphElement} */
    this.status = el("p", { class: "pc-status", role: "status", "aria-live": "polite" });
    // The status line and the download progress under it (progress.js), in a box that never gets shorter.
    /** @type {HTMLDivElement} */
    this.stateBox = el("div", { class: "pc-state" }, this.status);
    /** @type {HTMLParagraphElement} */
    this.notice = el("p", { class: "pc-notice", role: "alert", hidden: true });
    /** @type {HTMLFormElement} */
    this.form = el("form", { class: "pc-form", novalidate: true, autocomplete: "off" });
    this.form.addEventListener("submit", (event) => event.preventDefault());
    /** @type {import("./form.js").AddField} */
    const add = (field) => this.add(field);
    if (isEstimator) {
      this.estimatorForm = new EstimatorForm(this.form, this.data, { add, rows: this.rows, drawn: () => this.orderFields() });
    } else buildArticleForm(this.form, this.data, this.article, add, this.rows);
    /** @type {HTMLUListElement} */
    this.generalErrors = el("ul", { class: "pc-general-errors", hidden: true });
    /** @type {HTMLInputElement} */
    this.shareOutput = el("input", { type: "text", readonly: true, class: "pc-share-url", id: `pc-share-${nextId()}` });
    // On an embed page the link leads to the full page on this site: it opens there, in a new tab.
    /** @type {HTMLAnchorElement | null} */
    this.shareOpen = embeddedFullPage() && el("a", { class: "pc-share-open", target: "_blank", rel: "noopener" }, text("shareOpen"));
    /** @type {HTMLDivElement} */
    this.shareBox = el("div", { class: "pc-share", hidden: true },
      el("label", { for: this.shareOutput.id }, text("shareLabel")), this.shareOutput, this.shareOpen);
    const shareButton = el("button", { type: "button", class: "md-button pc-share-button" }, text("share"));
    shareButton.addEventListener("click", () => this.share());
    const clearButton = el("button", { type: "button", class: "md-button pc-clear-button" }, text("clear"));
    clearButton.addEventListener("click", () => this.clear());
    this.clearButton = clearButton;
    const actions = el("div", { class: "pc-actions" }, shareButton, clearButton);
    /** @type {UndoOffer} */
    this.undo = new UndoOffer("pc-undo");
    this.undoBox = this.undo.node;
    if (!isEstimator) {
      const handOff = el("button", { type: "button", class: "md-button pc-add-to-estimate" }, text("addToEstimate"));
      /** @type {(url: string) => void} */
      const open = embeddedFullPage() ? (url) => window.open(url, "_blank", "noopener") : navigateInPage;
      handOff.addEventListener("click", () => open(estimatorUrlWith(this.values())));
      actions.append(handOff);
    }
    if (isEstimator) {
      const csv = el("button", { type: "button", class: "md-button pc-download-csv" }, text("downloadCsv"));
      csv.addEventListener("click", () => this.download("csv"));
      const json = el("button", { type: "button", class: "md-button pc-download-json" }, text("downloadJson"));
      json.addEventListener("click", () => this.download("json"));
      const print = el("button", { type: "button", class: "md-button pc-print" }, text("print"));
      print.addEventListener("click", () => window.print());
      window.addEventListener("beforeprint", () => {
        for (const steps of /** @type {NodeListOf<HTMLDetailsElement>} */ (this.result.querySelectorAll("details.pc-steps"))) steps.open = true;
      }, { signal: this.listening.signal });
      this.resultActions = [csv, json];
      /** @type {import("./scenario.js").ScenarioComparison | undefined} (the estimator's only: a widget has none) */
      this.scenarios = new (/** @type {typeof import("./scenario.js").ScenarioComparison} loaded before any estimator mounts */ (ScenarioComparison))((id) => findArticle(this.data, id)?.numeral ?? String(id));
      actions.append(csv, json, print, this.scenarios.keepButton, this.scenarios.dropButton);
    }
    /** @type {HTMLDivElement} */
    this.result = el("div", { class: "pc-result", id: `pc-result-${nextId()}`, "aria-live": "polite", "data-sequence": "0" });
    /** @type {ErrorSummary} */
    this.formSummary = new ErrorSummary("form");
    /** @type {ErrorSummary} */
    this.resultSummary = new ErrorSummary("result");
    const resultSection = el("div", { class: "pc-result-section", id: `pc-result-section-${nextId()}`, "aria-labelledby": titleId });
    /** @type {HTMLDivElement} */
    this.resultSection = isEstimator ? resultSection : this.result;
    /** @type {RunningTotal} */
    this.runningTotal = new RunningTotal(this.resultSection, () => this.result.querySelector(".pc-total"));
    const finder = isEstimator
      ? new FieldFinder(this.form, this.data, (id) => text("articleShort", { numeral: findArticle(this.data, id)?.numeral ?? id, id }),
        /** @type {EstimatorForm} */ (this.estimatorForm)).node : "";
    /** @type {WhatIfCharts | null} */
    this.charts = isEstimator ? null : new WhatIfCharts(this.data, this.article);
    const heading = el(isEstimator ? "h2" : "h3", { class: "pc-title", id: titleId },
      isEstimator ? text("resultTitle") : text("widgetTitle"));
    const section = isEstimator
      ? el("section", { class: "pc-calculator pc-estimator", "aria-label": bilingual({ zh: "企业综合测算", en: "Whole-company estimator" }) },
        this.stateBox, this.notice, this.formSummary.node, finder,
        this.form, this.runningTotal.node, actions, this.undoBox, this.shareBox, this.generalErrors,
        /** @type {import("./scenario.js").ScenarioComparison} */ (this.scenarios).node, resultSection)
      : el("section", { class: "pc-calculator pc-widget", "aria-labelledby": titleId },
        heading, el("p", { class: "pc-intro" }, text("widgetIntro")), this.stateBox, this.notice, this.formSummary.node,
        this.form, this.runningTotal.node, actions, this.undoBox, this.shareBox, this.generalErrors,
        this.resultSummary.node, this.result, /** @type {WhatIfCharts} */ (this.charts).node);
    if (isEstimator) resultSection.append(heading, this.resultSummary.node, this.result);
    this.root.replaceChildren(section);
    if (this.charts) this.charts.reserveSpace();
    this.form.addEventListener("input", () => this.changed());
    this.form.addEventListener("change", () => this.changed());
    this.form.addEventListener("focusin", () => this.engine.start(), { once: true }); // start() also says go()
    this.restore();
    /** @type {import("../worker/engine.js").StateListener} */
    this.stateListener = (state, detail) => this.showState(state, detail);
    this.engine.onState(this.stateListener);
    this.updateCounts();
    if (isEstimator) { // arriving from the self-check page: draw the parts it opens first
      /** @type {EstimatorForm} */ (this.estimatorForm).drawRules(handoffRuleIds(location.hash) ?? []);
      openHandedOffSections(this.form, this.data);
    }
    this.compute();
  }

  /** The page is going (in-page navigation): nothing of this calculator runs any more. */
  unmount() {
    this.sequence += 1; // a result still on its way is dropped
    this.engine.offState(this.stateListener);
    this.listening.abort();
    this.undo.cancel();
    this.runningTotal.disconnect();
  }

  values() {
    /** @type {Values} */
    const values = {};
    for (const field of this.fields.values()) if (field.raw !== "") values[field.key] = field.raw;
    return values;
  }

  /** @param {Values} values */
  applyValues(values) {
    for (const key of Object.keys(values)) this.fieldFor(key); // draws the parts that hold them
    for (const field of this.fields.values()) field.raw = values[field.key] ?? "";
  }

  restore() {
    const encoded = fragmentState();
    if (encoded !== null) {
      const values = decodeState(encoded, this.fieldLookup);
      if (values && this.scenarios) this.scenarios.restore(carriedState(encoded, "scenarioA"));
      dropFragment(); // the link has done its job; a reload now restores from this page's storage
      if (values) {
        this.applyValues(values);
        writeStoredState(values);
        this.say(text("restoredFromLink"), "info");
        this.revealResult = true; // a share link is opened for its result: go there once it is computed
        return;
      }
      this.say(text("badFragment"), "warning");
    }
    const stored = readStoredState(this.fieldLookup);
    if (stored) this.applyValues(stored);
  }

  /** The room kept under the status goes once the box is out of sight (left empty, it was a gap of up to ~180 px under
   * "Calculator ready." with text at 200%): then nothing the reader sees moves, as the browser's scroll anchoring keeps
   * the content in view in place when the box above it gets shorter. */
  releaseRoomWhenUnseen() {
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      this.stateBox.style.minHeight = "";
    });
    observer.observe(this.stateBox);
  }

  /** @param {string} message @param {string} tone */
  say(message, tone) {
    this.notice.textContent = message;
    this.notice.dataset.tone = tone;
    this.notice.hidden = !message;
  }

  /** @param {import("../worker/engine.js").EngineState} state @param {import("../worker/engine.js").EngineDetail} detail */
  showState(state, detail) {
    // Progress comes ten times a second while the runtime downloads: only what changes is written.
    if (this.root.dataset.state !== state) this.root.dataset.state = state;
    // When the calculator is ready, the progress line goes and the status gets shorter: the box keeps the height it
    // had, so that the form below does not move up under the reader's eyes or finger (layout shift, issue 11).
    // Measured only then: a measure on every progress event would force a layout of the whole form each time.
    if ((state === "ready" || state === "failed") && !this.stateBox.style.minHeight) {
      this.stateBox.style.minHeight = `${this.stateBox.getBoundingClientRect().height}px`;
      this.releaseRoomWhenUnseen();
    }
    const key = state === "ready" ? "stateReady" : state === "loading" ? "stateLoading"
      : state === "failed" ? (detail && detail.reason === "unsupported" ? "stateUnsupported" : "stateFailed") : "stateIdle";
    const statusText = text(key);
    if (this.status.textContent !== statusText) this.status.textContent = statusText;
    if (this.status.dataset.state !== state) this.status.dataset.state = state;
    showDownload(this.status, state, detail, LANG);
    if (state === "ready" || state === "failed") {
      if (state === "ready") this.compute();
      else {
        this.renderMessage("");
        if (this.charts) this.charts.abandon();
      }
      registerOffline();
    }
  }

  changed() {
    writeStoredState(this.values());
    this.updateCounts();
    this.compute();
  }

  profile() {
    /** @type {PageProfile} */
    const profile = {};
    for (const field of this.fields.values()) {
      const value = field.profileValue();
      // Rows go in as items (below); a source goes with its amount.
      if (value === null || field.group === "item" || field.group === "other-source") continue;
      if (field.group === "other") { // another policy's amount and where it comes from (附则四: city, district)
        const source = field.sourceField ? field.sourceField.source : "city";
        (profile.other_policy_awards ??= {})[/** @type {string} */ (field.ruleId)] = { amount: value, source };
      } else (profile[/** @type {"company" | "facts"} */ (field.group)] ??= {})[field.spec.id] = value;
    }
    return this.rows.applyTo(profile);
  }

  async compute() {
    const sequence = ++this.sequence;
    const profile = this.profile();
    if (!Object.keys(profile).length) {
      this.clearErrors();
      this.lastResult = null;
      this.renderMessage(text("resultEmpty"), sequence);
      if (this.engine.state === "ready") this.updateCharts(profile);
      return;
    }
    if (this.engine.state === "failed") return;
    if (this.engine.state !== "ready") {
      // What the engine will refuse is known already (words, another currency, two numbers): say so now.
      const local = this.localErrors();
      this.showErrors(local);
      this.renderMessage(text(local.length ? "resultInvalid" : "resultWaiting"), sequence, local.length ? "invalid" : "empty");
      return;
    }
    let result;
    try {
      result = await this.engine.estimate(profile, LANG);
    } catch (error) {
      if (sequence === this.sequence) this.renderMessage(text("resultFailed", { message: String(error.message || error) }), sequence);
      return;
    }
    if (sequence !== this.sequence) return; // a newer input is already on its way
    this.lastProfile = profile;
    this.lastResult = result;
    this.showErrors(result.errors || []);
    if (!result.valid) this.renderMessage(text("resultInvalid"), sequence, "invalid");
    else {
      this.renderResult(result, sequence);
      this.updateCharts(profile);
    }
  }

  /** @param {PageProfile} profile */
  updateCharts(profile) {
    if (this.charts) this.charts.update(this.engine, profile);
  }

  /** Errors found in the page without Python, in the engine's format ({field, zh, en}). */
  localErrors() {
    /** @type {FieldError[]} */
    const errors = [];
    for (const field of this.fields.values()) {
      const refusal = field.localRefusal();
      if (!refusal) continue;
      const path = field.group === "other" ? `other_policy_awards.${field.ruleId}` : `${field.group}.${field.spec.id}`;
      errors.push({ field: path, zh: refusal.zh, en: refusal.en });
    }
    return errors;
  }

  clearErrors() {
    this.clearFieldErrors();
    this.formSummary.update([]);
    this.resultSummary.update([]);
  }

  clearFieldErrors() {
    for (const field of this.fields.values()) field.showError([]);
    this.generalErrors.replaceChildren();
    this.generalErrors.hidden = true;
  }

  /** @param {FieldError[]} errors */
  showErrors(errors) {
    this.clearFieldErrors();
    /** @type {Map<string | null, Bilingual[]>} */
    const perField = new Map();
    /** @type {string[]} */
    const general = [];
    /** @type {import("./error-summary.js").SummaryItem[]} */
    const summary = [];
    for (const error of errors) {
      const message = String(error[LANG] ?? error.en ?? "");
      const path = String(error.field ?? "");
      let key = null;
      let item = null;
      const other = /^other_policy_awards\.(.+?)(?:\.(amount|source))?$/.exec(path);
      const input = /^(?:company|facts)\.([^[\]]+)(?:\[(\d+)\])?$/.exec(path);
      const rowKey = this.rows.errorKey(path);
      if (rowKey) key = rowKey;
      else if (other) key = other[2] === "source" ? `other-source:${other[1]}` : `other:${other[1]}`;
      else if (input) [key, item] = [input[1], input[2] === undefined ? null : Number(input[2]) + 1];
      /** @param {Lang} lang */
      const prefix = (lang) => (item === null ? "" : t("itemPrefix", lang, { n: item }));
      const field = key ? this.fieldFor(key) : undefined; // an error on a field of a part not drawn yet draws it
      if (field) {
        const line = { zh: prefix("zh") + error.zh, en: prefix("en") + error.en };
        perField.set(key, [...(perField.get(key) || []), line]);
        summary.push({ control: field.control, labels: field.labels, ...line });
      } else {
        general.push(message);
        summary.push({ control: null, zh: error.zh, en: error.en });
      }
    }
    this.formSummary.update(summary);
    this.resultSummary.update(summary);
    for (const [key, lines] of perField) /** @type {FormField} */ (this.fields.get(/** @type {string} */ (key))).showError(lines);
    if (general.length) {
      this.generalErrors.append(...general.map((message) => el("li", {}, message)));
      this.generalErrors.hidden = false;
    }
  }

  /** @param {string} message @param {number} [sequence] @param {string} [state] */
  renderMessage(message, sequence = this.sequence, state = "empty") {
    if (this.scenarios) this.scenarios.update(null);
    if (this.resultActions) for (const button of this.resultActions) button.disabled = true;
    this.runningTotal.update(null);
    this.result.replaceChildren(message ? el("p", { class: "pc-placeholder" }, message) : "");
    this.result.dataset.state = state;
    this.result.dataset.sequence = String(sequence);
  }

  /** @param {EstimateResult} result @param {number} sequence */
  renderResult(result, sequence) {
    // The same inputs and result again (leaving a field recomputes it) keep the lines in place: a click on a link in
    // them, whose mousedown left that field, would otherwise land on a line already replaced and be lost.
    const shown = JSON.stringify([this.lastProfile, result]);
    if (this.result.dataset.state !== "result" || shown !== this.shownResult) {
      this.result.replaceChildren(...renderResult(result, { article: this.article, data: this.data, fields: this.fields }));
      this.shownResult = shown;
    }
    this.result.dataset.state = "result";
    this.result.dataset.sequence = String(sequence);
    if (this.resultActions) for (const button of this.resultActions) button.disabled = false;
    this.runningTotal.update(result);
    if (this.revealResult) {
      this.revealResult = false;
      this.resultSection.scrollIntoView({ block: "start" });
    }
    if (this.scenarios) this.scenarios.update(result);
  }

  share() {
    const href = shareUrl(this.values());
    this.shareOutput.value = href;
    if (this.shareOpen) this.shareOpen.href = href;
    this.shareBox.hidden = false;
    this.shareOutput.focus();
    this.shareOutput.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(href).then(() => this.say(text("shareCopied"), "info"), () => {});
    }
  }

  clear() {
    const before = this.values();
    this.applyValues({});
    writeStoredState({});
    if (fragmentState() !== null) dropFragment();
    this.shareBox.hidden = true;
    this.shareOutput.value = "";
    this.updateCounts();
    this.say("", "info");
    if (Object.keys(before).length) this.offerUndo(before);
    this.compute();
  }

  /** "Cleared. [Undo]" (undo.js): undo puts every input back; the focus goes back to Clear. */
  /** @param {Values} values */
  offerUndo(values) {
    this.undo.offer(text("cleared"), () => {
      this.applyValues(values);
      writeStoredState(values);
      this.updateCounts();
      this.say(text("undone"), "info");
      this.compute();
      this.clearButton?.focus();
    });
  }

  /** @param {"csv" | "json"} format */
  download(format) {
    if (!this.lastResult || !this.lastResult.valid) return;
    downloadResult(format, this.lastProfile, this.lastResult, { data: this.data, fields: this.fields });
  }
}

// ---- page start ---------------------------------------------------------------------------------------------------

/** @type {Promise<InputsData> | null} */
let inputsData = null; // Promise of inputs.json, fetched once per document
/** @type {Calculator[]} */
let mounted = []; // the calculators on the page now
let mountGeneration = 0; // which call of mountCalculators() draws the page now shown
const CALCULATOR_ROOTS = ".policy-calculator[data-article], .policy-estimator";
let carrying = false;
let skipping = false; // whether the skip link's listener is set (once per document)

/** The page's skip link (hooks/calculator_assets.py) focuses the calculator's first field once it is drawn; before,
 * the browser follows it to the calculator's container, from which the next Tab reaches that field. */
/** @param {Event} event */
function skipToFirstField(event) {
  const link = event.target instanceof Element ? /** @type {HTMLAnchorElement | null} */ (event.target.closest("a.pc-skip")) : null;
  const first = link && /** @type {HTMLElement | null | undefined} */ (document.getElementById(link.hash.slice(1))?.querySelector(".pc-form [data-field]"));
  if (!first) return;
  event.preventDefault();
  event.stopPropagation(); // not an in-page navigation either (Material's, soft-navigation.js)
  first.scrollIntoView({ block: "center" });
  first.focus({ preventScroll: true });
}

function loadInputs() {
  inputsData ??= fetch(INPUTS_URL).then((response) => {
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    return response.json();
  });
  inputsData.catch(() => { inputsData = null; }); // the next page tries again
  return inputsData;
}

/** Draws the calculators of the page now in the document (again after each in-page navigation, app.js). */
export async function mountCalculators() {
  const generation = ++mountGeneration;
  const engine = pageEngine();
  const keptEngine = engine.state !== "idle" && engine.pagesShown > 0; // Python started on an earlier page
  engine.pagesShown += 1;
  let data;
  try {
    data = await loadInputs();
  } catch (error) {
    for (const root of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(CALCULATOR_ROOTS))) {
      root.dataset.state = "failed";
      root.replaceChildren(el("p", { class: "pc-status", role: "status" }, text("stateFailed")));
    }
    registerOffline();
    return;
  }
  if (generation !== mountGeneration) return; // the reader has moved on meanwhile (in-page navigation)
  // Looked up now, not before the wait: the page may have been replaced meanwhile (in-page navigation).
  const widgets = [.../** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(".policy-calculator[data-article]"))];
  const estimators = [.../** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(".policy-estimator"))];
  const calculators = [];
  for (const root of widgets) {
    const article = Number(root.dataset.article);
    if (!data.articles.some((entry) => entry.id === article && entry.calculable)) continue;
    calculators.push(new Calculator(root, data, { article }));
  }
  if (estimators.length) ({ ScenarioComparison } = await import("./scenario.js"));
  if (generation !== mountGeneration) return;
  for (const root of estimators) calculators.push(new Calculator(root, data, { article: null }));
  for (const calculator of calculators) calculator.mount();
  mounted = calculators;
  if (keptEngine && calculators.length) {
    // The worker of an earlier page computes for this one: say so, as a new worker says how it started.
    /** @type {Promise<void>} */ (engine.ready).then(() => performance.mark("calculator-ready", { detail: { started: "kept" } }), () => {});
  }
  if (!skipping) {
    skipping = true;
    document.addEventListener("click", skipToFirstField, true);
  }
  if (!carrying) {
    carrying = true;
    // The language switch takes the inputs along (a page has one calculator; the first one with inputs wins).
    // The estimator's scenario A goes along too: its figures do not depend on the language.
    carryAcrossLanguageSwitch(() => {
      const values = mounted.map((calculator) => calculator.values()).find((found) => Object.keys(found).length) ?? {};
      const scenarioA = mounted.map((calculator) => calculator.scenarios?.carried()).find(Boolean);
      return { values, carried: scenarioA ? { scenarioA } : {} };
    });
  }
}

/** Before the page's content is replaced (in-page navigation): the calculators stop listening. */
export function unmountCalculators() {
  mountGeneration += 1; // a mountCalculators() still waiting is for a page that has gone
  for (const calculator of mounted) calculator.unmount();
  mounted = [];
  performance.clearMarks("calculator-ready"); // the next page's mark says how its calculator started
}
