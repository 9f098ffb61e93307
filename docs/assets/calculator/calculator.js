// The in-page calculator: a widget on every article with quantified awards (<div class="policy-calculator"
// data-article="N">) and the whole-company estimator (<div class="policy-estimator">). The forms are drawn at once
// from inputs.json; Python runs only in the worker (engine.js); results come from the engine and are inserted as
// text, never as HTML. Imported by app.js on pages that have a calculator.
//
// Modules: ui.js (DOM, language, strings), money.js (exact amounts), clauses.js (clause links), fields.js (one form
// control), form.js (the widget's and the estimator's forms), saved-state.js (localStorage and share links),
// render.js (the result), export.js (CSV/JSON downloads). This file ties them to the engine.

import { pageEngine } from "./engine.js";
import { downloadResult } from "./export.js";
import { buildArticleForm, buildEstimatorForm, updateCounts } from "./form.js";
import { registerOffline } from "./offline.js";
import { showDownload } from "./progress.js";
import { renderResult } from "./render.js";
import { openHandedOffSections } from "./self-check-open.js";
import {
  decodeState, dropFragment, fragmentState, readStoredState, shareUrl, writeStoredState,
} from "./saved-state.js";
import { LANG, bilingual, el, nextId, text } from "./ui.js";

const INPUTS_URL = new URL("./inputs.json", import.meta.url);

// ---- one calculator (article widget or estimator) -----------------------------------------------------------------

class Calculator {
  constructor(root, data, { article }) {
    this.root = root;
    this.data = data;
    this.article = article; // number for an article widget, null for the estimator
    this.fields = new Map();
    this.engine = pageEngine();
    this.sequence = 0;
    this.lastResult = null;
    this.lastProfile = null;
    this.partCounters = [];
  }

  add(field) {
    this.fields.set(field.key, field);
    return field.node;
  }

  mount() {
    const isEstimator = this.article === null;
    const titleId = `pc-title-${nextId()}`;
    this.status = el("p", { class: "pc-status", role: "status", "aria-live": "polite" });
    this.notice = el("p", { class: "pc-notice", role: "alert", hidden: true });
    this.form = el("form", { class: "pc-form", novalidate: true, autocomplete: "off" });
    this.form.addEventListener("submit", (event) => event.preventDefault());
    const add = (field) => this.add(field);
    if (isEstimator) this.partCounters = buildEstimatorForm(this.form, this.data, add);
    else buildArticleForm(this.form, this.data, this.article, add);
    this.generalErrors = el("ul", { class: "pc-general-errors", hidden: true });
    this.shareOutput = el("input", { type: "text", readonly: true, class: "pc-share-url", id: `pc-share-${nextId()}` });
    this.shareBox = el("div", { class: "pc-share", hidden: true },
      el("label", { for: this.shareOutput.id }, text("shareLabel")), this.shareOutput);
    const shareButton = el("button", { type: "button", class: "md-button pc-share-button" }, text("share"));
    shareButton.addEventListener("click", () => this.share());
    const clearButton = el("button", { type: "button", class: "md-button pc-clear-button" }, text("clear"));
    clearButton.addEventListener("click", () => this.clear());
    const actions = el("div", { class: "pc-actions" }, shareButton, clearButton);
    if (isEstimator) {
      const csv = el("button", { type: "button", class: "md-button pc-download-csv" }, text("downloadCsv"));
      csv.addEventListener("click", () => this.download("csv"));
      const json = el("button", { type: "button", class: "md-button pc-download-json" }, text("downloadJson"));
      json.addEventListener("click", () => this.download("json"));
      const print = el("button", { type: "button", class: "md-button pc-print" }, text("print"));
      print.addEventListener("click", () => window.print());
      window.addEventListener("beforeprint", () => {
        for (const steps of this.result.querySelectorAll("details.pc-steps")) steps.open = true;
      });
      this.resultActions = [csv, json];
      actions.append(csv, json, print);
    }
    this.result = el("div", { class: "pc-result", "aria-live": "polite", "data-sequence": "0" });
    const heading = el(isEstimator ? "h2" : "h3", { class: "pc-title", id: titleId },
      isEstimator ? text("resultTitle") : text("widgetTitle"));
    const section = isEstimator
      ? el("section", { class: "pc-calculator pc-estimator", "aria-label": bilingual({ zh: "企业综合测算", en: "Whole-company estimator" }) },
        el("p", { class: "pc-intro" }, text("estimatorIntro")), this.status, this.notice, this.form, actions,
        this.shareBox, this.generalErrors,
        el("div", { class: "pc-result-section", "aria-labelledby": titleId }, heading, this.result))
      : el("section", { class: "pc-calculator pc-widget", "aria-labelledby": titleId },
        heading, el("p", { class: "pc-intro" }, text("widgetIntro")), this.status, this.notice, this.form, actions,
        this.shareBox, this.generalErrors, this.result);
    this.root.replaceChildren(section);
    this.form.addEventListener("input", () => this.changed());
    this.form.addEventListener("change", () => this.changed());
    this.form.addEventListener("focusin", () => this.engine.start(), { once: true });
    this.restore();
    this.engine.onState((state, detail) => this.showState(state, detail));
    updateCounts(this.partCounters, this.fields);
    if (isEstimator) openHandedOffSections(this.form, this.data); // arriving from the self-check page
    this.compute();
  }

  values() {
    const values = {};
    for (const field of this.fields.values()) if (field.raw !== "") values[field.key] = field.raw;
    return values;
  }

  applyValues(values) {
    for (const field of this.fields.values()) field.raw = values[field.key] ?? "";
  }

  restore() {
    const encoded = fragmentState();
    if (encoded !== null) {
      const values = decodeState(encoded, this.fields);
      dropFragment(); // the link has done its job; a reload now restores from this page's storage
      if (values) {
        this.applyValues(values);
        writeStoredState(values);
        this.say(text("restoredFromLink"), "info");
        return;
      }
      this.say(text("badFragment"), "warning");
    }
    const stored = readStoredState(this.fields);
    if (stored) this.applyValues(stored);
  }

  say(message, tone) {
    this.notice.textContent = message;
    this.notice.dataset.tone = tone;
    this.notice.hidden = !message;
  }

  showState(state, detail) {
    this.root.dataset.state = state;
    const key = state === "ready" ? "stateReady" : state === "loading" ? "stateLoading"
      : state === "failed" ? (detail && detail.reason === "unsupported" ? "stateUnsupported" : "stateFailed") : "stateIdle";
    this.status.textContent = text(key);
    this.status.dataset.state = state;
    showDownload(this.status, state, detail, LANG);
    if (state === "ready" || state === "failed") {
      if (state === "ready") this.compute();
      else this.renderMessage("");
      registerOffline();
    }
  }

  changed() {
    writeStoredState(this.values());
    updateCounts(this.partCounters, this.fields);
    this.compute();
  }

  profile() {
    const profile = {};
    for (const field of this.fields.values()) {
      const value = field.profileValue();
      if (value === null) continue;
      if (field.group === "other") (profile.other_policy_awards ??= {})[field.ruleId] = value;
      else (profile[field.group] ??= {})[field.spec.id] = value;
    }
    return profile;
  }

  async compute() {
    const sequence = ++this.sequence;
    const profile = this.profile();
    if (!Object.keys(profile).length) {
      this.clearErrors();
      this.lastResult = null;
      this.renderMessage(text("resultEmpty"), sequence);
      return;
    }
    if (this.engine.state === "failed") return;
    if (this.engine.state !== "ready") {
      this.renderMessage(text("resultWaiting"), sequence);
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
    else this.renderResult(result, sequence);
  }

  clearErrors() {
    for (const field of this.fields.values()) field.showError("");
    this.generalErrors.replaceChildren();
    this.generalErrors.hidden = true;
  }

  showErrors(errors) {
    this.clearErrors();
    const perField = new Map();
    const general = [];
    for (const error of errors) {
      const message = String(error[LANG] ?? error.en ?? "");
      const path = String(error.field ?? "");
      let key = null;
      let item = null;
      const other = /^other_policy_awards\.(.+)$/.exec(path);
      const input = /^(?:company|facts)\.([^[\]]+)(?:\[(\d+)\])?$/.exec(path);
      if (other) key = `other:${other[1]}`;
      else if (input) [key, item] = [input[1], input[2] === undefined ? null : Number(input[2]) + 1];
      if (key && this.fields.has(key)) {
        const line = item === null ? message : text("itemPrefix", { n: item }) + message;
        perField.set(key, [...(perField.get(key) || []), line]);
      } else {
        general.push(message);
      }
    }
    for (const [key, lines] of perField) this.fields.get(key).showError(lines.join(" "));
    if (general.length) {
      this.generalErrors.append(...general.map((message) => el("li", {}, message)));
      this.generalErrors.hidden = false;
    }
  }

  renderMessage(message, sequence = this.sequence, state = "empty") {
    if (this.resultActions) for (const button of this.resultActions) button.disabled = true;
    this.result.replaceChildren(message ? el("p", { class: "pc-placeholder" }, message) : "");
    this.result.dataset.state = state;
    this.result.dataset.sequence = String(sequence);
  }

  renderResult(result, sequence) {
    this.result.replaceChildren(...renderResult(result, { article: this.article, data: this.data, fields: this.fields }));
    this.result.dataset.state = "result";
    this.result.dataset.sequence = String(sequence);
    if (this.resultActions) for (const button of this.resultActions) button.disabled = false;
  }

  share() {
    const href = shareUrl(this.values());
    this.shareOutput.value = href;
    this.shareBox.hidden = false;
    this.shareOutput.focus();
    this.shareOutput.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(href).then(() => this.say(text("shareCopied"), "info"), () => {});
    }
  }

  clear() {
    this.applyValues({});
    writeStoredState({});
    if (fragmentState() !== null) dropFragment();
    this.shareBox.hidden = true;
    this.shareOutput.value = "";
    updateCounts(this.partCounters, this.fields);
    this.say(text("cleared"), "info");
    this.compute();
  }

  download(format) {
    if (!this.lastResult || !this.lastResult.valid) return;
    downloadResult(format, this.lastProfile, this.lastResult);
  }
}

// ---- page start ---------------------------------------------------------------------------------------------------

async function main() {
  const widgets = [...document.querySelectorAll(".policy-calculator[data-article]")];
  const estimators = [...document.querySelectorAll(".policy-estimator")];
  let data;
  try {
    const response = await fetch(INPUTS_URL);
    if (!response.ok) throw new Error(`HTTP ${response.status}`);
    data = await response.json();
  } catch (error) {
    for (const root of [...widgets, ...estimators]) {
      root.dataset.state = "failed";
      root.replaceChildren(el("p", { class: "pc-status", role: "status" }, text("stateFailed")));
    }
    registerOffline();
    return;
  }
  for (const root of widgets) {
    const article = Number(root.dataset.article);
    if (!data.articles.some((entry) => entry.id === article && entry.calculable)) continue;
    new Calculator(root, data, { article }).mount();
  }
  for (const root of estimators) new Calculator(root, data, { article: null }).mount();
}

main();
