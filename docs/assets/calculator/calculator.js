// The in-page calculator: a widget on every article with quantified awards (<div class="policy-calculator"
// data-article="N">) and the whole-company estimator (<div class="policy-estimator">). The forms are drawn at once
// from inputs.json; Python runs only in the worker (engine.js); results come from the engine and are inserted as
// text, never as HTML. Imported by app.js on pages that have a calculator.

import { REASONS, STRINGS, t } from "./strings.js";
import { pageEngine } from "./engine.js";
import { registerOffline } from "./offline.js";

const INPUTS_URL = new URL("./inputs.json", import.meta.url);
const SITE_ROOT = new URL("../../", import.meta.url);
const LANG = (document.documentElement.lang || "zh").toLowerCase().startsWith("en") ? "en" : "zh";
const LANG_ROOT = new URL(LANG === "en" ? "en/" : "./", SITE_ROOT);
const STORAGE_PREFIX = "policy-calculator:v1:";
const FRAGMENT_KEY = "calc=";
const STATE_VERSION = 1;
// Reductions made by the Supplementary Provisions after each article's own amount (the engine's reduction reasons);
// the others (ceilings, progressive top-up, thresholds) are already inside the articles' amounts.
const CROSS_CUTTING_REASONS = new Set(["exclusion", "comprehensive_support", "take_higher", "yearly_cap"]);

// ---- small DOM helpers: user and engine text only ever goes through textContent ------------------------------------

function el(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === null || value === undefined || value === false) continue;
    node.setAttribute(name, value === true ? "" : String(value));
  }
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(typeof child === "string" ? document.createTextNode(child) : child);
  }
  return node;
}

function text(key, values) {
  return t(key, LANG, values);
}

function bilingual(entry) {
  return entry && typeof entry === "object" ? String(entry[LANG] ?? entry.zh ?? "") : String(entry ?? "");
}

function groupedDigits(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

// ---- exact money arithmetic on the engine's strings (fen as BigInt; never floating point) -------------------------

function fenOf(cny) {
  const match = /^(-?)(\d+)\.(\d{2})$/.exec(String(cny));
  if (!match) throw new Error(`calculator: not an amount in CNY: ${cny}`);
  const fen = BigInt(match[2]) * 100n + BigInt(match[3]);
  return match[1] ? -fen : fen;
}

function plainDecimal(integerPart, fraction) {
  const trimmed = fraction.replace(/0+$/, "");
  return trimmed ? `${integerPart}.${trimmed}` : integerPart;
}

function wanFromFen(fen) {
  const sign = fen < 0n ? "-" : "";
  const digits = (fen < 0n ? -fen : fen).toString().padStart(7, "0");
  return sign + plainDecimal(digits.slice(0, -6).replace(/^0+(?=\d)/, ""), digits.slice(-6));
}

function cnyFromFen(fen) {
  const sign = fen < 0n ? "-" : "";
  const digits = (fen < 0n ? -fen : fen).toString().padStart(3, "0");
  return `${sign}${digits.slice(0, -2)}.${digits.slice(-2)}`;
}

/** The engine's display form (zh "8万元", en "CNY 80,000 (8 万元)") for a sum computed here. */
function displayFen(fen) {
  const wan = wanFromFen(fen);
  if (LANG === "zh") return `${wan}万元`;
  const [whole, fraction] = cnyFromFen(fen).split(".");
  const yuan = fraction === "00" ? groupedDigits(whole) : `${groupedDigits(whole)}.${fraction}`;
  return `CNY ${yuan} (${wan} 万元)`;
}

// ---- clauses ------------------------------------------------------------------------------------------------------

function clauseLabel(clauseId) {
  const kind = clauseId[0];
  const number = clauseId.slice(1);
  if (kind === "a") return number;
  if (kind === "s") return (LANG === "zh" ? "附则" : "S") + number;
  return clauseId;
}

function clauseHref(clauseId, pageArticle) {
  const article = /^a(\d+)-\d+$/.exec(clauseId);
  if (article) {
    if (pageArticle !== null && Number(article[1]) === pageArticle) return `#${clauseId}`;
    return new URL(`articles/${article[1]}/#${clauseId}`, LANG_ROOT).href;
  }
  const provision = /^s(\d+)-\d+$/.exec(clauseId);
  if (provision) return new URL(`supplementary/${provision[1]}/#${clauseId}`, LANG_ROOT).href;
  return null;
}

function clauseLink(clauseId, pageArticle) {
  const href = clauseHref(clauseId, pageArticle);
  const label = text("clause", { label: clauseLabel(clauseId) });
  return href ? el("a", { class: "pc-clause", href }, label) : el("span", { class: "pc-clause" }, label);
}

// ---- fields -------------------------------------------------------------------------------------------------------

let idCounter = 0;

/** One form control bound to one profile value: an input id (company or facts) or another policy's amount. */
class Field {
  constructor({ key, spec, group, ruleId = null, label, help }) {
    this.key = key;
    this.spec = spec;
    this.group = group; // "company" | "facts" | "other"
    this.ruleId = ruleId;
    const id = `pc-${++idCounter}-${key.replace(/[^A-Za-z0-9_-]/g, "_")}`;
    const helpId = `${id}-help`;
    this.errorId = `${id}-error`;
    this.control = this.makeControl(id);
    this.control.setAttribute("aria-describedby", `${helpId} ${this.errorId}`);
    this.control.dataset.field = key;
    const helpLines = [help, this.rangeText()].filter(Boolean).join(" ");
    this.errorNode = el("p", { class: "pc-error", id: this.errorId, "data-error-for": key });
    this.node = el("div", { class: `pc-field pc-field-${spec.type}` },
      el("label", { for: id }, label),
      this.control,
      el("p", { class: "pc-help", id: helpId }, helpLines),
      this.errorNode);
  }

  makeControl(id) {
    const spec = this.spec;
    if (spec.type === "bool" || spec.type === "choice") {
      const select = el("select", { id, name: this.key });
      const options = spec.type === "bool"
        ? [{ id: "true", label: text("yes") }, { id: "false", label: text("no") }]
        : spec.choices.map((choice) => ({ id: choice.id, label: bilingual(choice.label) }));
      let emptyLabel = text("notGiven");
      if ("default" in spec) {
        const fallback = options.find((option) => option.id === String(spec.default));
        if (fallback) emptyLabel = text("notGivenDefault", { value: fallback.label });
      }
      select.append(el("option", { value: "" }, emptyLabel));
      for (const option of options) select.append(el("option", { value: option.id }, option.label));
      return select;
    }
    if (spec.type === "money_list") {
      return el("textarea", { id, name: this.key, rows: 3, spellcheck: "false", autocomplete: "off" });
    }
    const numeric = spec.type === "money" || spec.type === "number";
    return el("input", {
      id, name: this.key, type: "text", autocomplete: "off", spellcheck: "false",
      inputmode: numeric ? "decimal" : null,
      placeholder: spec.type === "date" ? text("datePlaceholder") : null,
    });
  }

  rangeText() {
    const spec = this.spec;
    if (!(spec.type === "money" || spec.type === "number") || spec.min === undefined || spec.max === undefined) return "";
    const unit = spec.unit === "yuan" ? text("unitYuan") : spec.unit === "mu" ? text("unitMu") : "";
    return text("range", { min: groupedDigits(String(spec.min)), max: groupedDigits(String(spec.max)), unit });
  }

  /** What the user entered, as stored and shared: always a string ("" = not given). */
  get raw() {
    return this.control.value;
  }

  set raw(value) {
    this.control.value = value;
  }

  acceptsRaw(value) {
    if (typeof value !== "string") return false;
    if (this.control.tagName === "SELECT") return [...this.control.options].some((option) => option.value === value);
    return true;
  }

  /** The profile value: null when not given; text exactly as typed (the engine reads full-width digits etc.). */
  profileValue() {
    const raw = this.raw;
    if (raw === "") return null;
    if (this.spec.type === "bool") return raw === "true";
    return raw;
  }

  showError(message) {
    this.errorNode.textContent = message;
    if (message) this.control.setAttribute("aria-invalid", "true");
    else this.control.removeAttribute("aria-invalid");
  }
}

function inputField(spec) {
  return new Field({ key: spec.id, spec, group: spec.group, label: bilingual(spec.label), help: bilingual(spec.help) });
}

function otherPolicyField(rule) {
  const spec = { id: `other:${rule.id}`, type: "money", unit: "yuan", min: "0", max: "1000000000000" };
  return new Field({
    key: spec.id, spec, group: "other", ruleId: rule.id,
    label: text("otherPolicyLabel", { title: bilingual(rule.title) }), help: text("otherPolicyHelp"),
  });
}

// ---- saved state: localStorage per page, and the share link's fragment --------------------------------------------

function storageKey() {
  return STORAGE_PREFIX + location.pathname;
}

function encodeState(values) {
  const bytes = new TextEncoder().encode(JSON.stringify({ v: STATE_VERSION, values }));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** The values of a saved state, or null when it is not one this form can restore exactly. */
function decodeState(encoded, fields) {
  try {
    const binary = atob(encoded.replace(/-/g, "+").replace(/_/g, "/"));
    const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
    const state = JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
    return validState(state, fields);
  } catch {
    return null;
  }
}

function validState(state, fields) {
  if (!state || typeof state !== "object" || state.v !== STATE_VERSION) return null;
  const values = state.values;
  if (!values || typeof values !== "object" || Array.isArray(values)) return null;
  for (const [key, value] of Object.entries(values)) {
    const field = fields.get(key);
    if (!field || !field.acceptsRaw(value)) return null;
  }
  return values;
}

function readStoredState(fields) {
  try {
    const stored = localStorage.getItem(storageKey());
    return stored ? validState(JSON.parse(stored), fields) : null;
  } catch {
    return null;
  }
}

function writeStoredState(values) {
  try {
    if (Object.keys(values).length) localStorage.setItem(storageKey(), JSON.stringify({ v: STATE_VERSION, values }));
    else localStorage.removeItem(storageKey());
  } catch {
    // Storage full (a huge paste) or disabled: the form keeps working, only the reload memory is lost.
  }
}

function fragmentState() {
  const hash = location.hash.slice(1);
  return hash.startsWith(FRAGMENT_KEY) ? hash.slice(FRAGMENT_KEY.length) : null;
}

function dropFragment() {
  history.replaceState(history.state, "", location.pathname + location.search);
}

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
  }

  add(field) {
    this.fields.set(field.key, field);
    return field.node;
  }

  mount() {
    const isEstimator = this.article === null;
    const titleId = `pc-title-${++idCounter}`;
    this.status = el("p", { class: "pc-status", role: "status", "aria-live": "polite" });
    this.notice = el("p", { class: "pc-notice", role: "alert", hidden: true });
    this.form = el("form", { class: "pc-form", novalidate: true, autocomplete: "off" });
    this.form.addEventListener("submit", (event) => event.preventDefault());
    if (isEstimator) this.buildEstimatorForm();
    else this.buildArticleForm();
    this.generalErrors = el("ul", { class: "pc-general-errors", hidden: true });
    this.shareOutput = el("input", { type: "text", readonly: true, class: "pc-share-url", id: `pc-share-${++idCounter}` });
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
    this.updateCounts();
    this.compute();
  }

  buildArticleForm() {
    const article = this.data.articles.find((entry) => entry.id === this.article);
    const conditions = el("fieldset", { class: "pc-group" }, el("legend", {}, text("formConditions")));
    for (const inputId of article.inputs) conditions.append(this.add(inputField(this.data.inputs[inputId])));
    this.form.append(conditions);
    const company = this.data.company_inputs.filter((inputId) => !article.inputs.includes(inputId));
    if (company.length) {
      const details = el("details", { class: "pc-more" }, el("summary", {}, text("companyFactsMore")));
      for (const inputId of company) details.append(this.add(inputField(this.data.inputs[inputId])));
      this.form.append(details);
    }
    const others = article.rules.filter((rule) => rule.take_higher);
    if (others.length) {
      const details = el("details", { class: "pc-more" }, el("summary", {}, text("otherPolicies")));
      for (const rule of others) details.append(this.add(otherPolicyField(rule)));
      this.form.append(details);
    }
    const unquantified = article.rules.filter((rule) => rule.exactness === "unquantified");
    if (unquantified.length) {
      this.form.append(el("p", { class: "pc-unquantified" }, text("unquantifiedListed"), " ",
        unquantified.map((rule) => `${bilingual(rule.title)}（${text("caseByCase")}）`).join(LANG === "zh" ? "；" : "; ")));
    }
  }

  buildEstimatorForm() {
    const company = el("fieldset", { class: "pc-group pc-company" }, el("legend", {}, text("companyFacts")));
    for (const inputId of this.data.company_inputs) company.append(this.add(inputField(this.data.inputs[inputId])));
    this.form.append(company);
    this.partCounters = [];
    for (const part of this.data.parts) {
      const counter = el("span", { class: "pc-count" });
      const details = el("details", { class: "pc-part", "data-part": part.id },
        el("summary", {}, text("part", { numeral: part.numeral, id: part.id, title: bilingual(part.title) }), counter));
      const keys = [];
      for (const articleId of part.articles) {
        const article = this.data.articles.find((entry) => entry.id === articleId);
        const fieldset = el("fieldset", { class: "pc-group pc-article", "data-article": article.id },
          el("legend", {}, text("article", { numeral: article.numeral, id: article.id, title: bilingual(article.title) })));
        for (const inputId of article.inputs) {
          const spec = this.data.inputs[inputId];
          if (spec.group === "company") continue; // asked once, in the company facts
          fieldset.append(this.add(inputField(spec)));
          keys.push(inputId);
        }
        for (const rule of article.rules.filter((entry) => entry.take_higher)) {
          const field = otherPolicyField(rule);
          fieldset.append(this.add(field));
          keys.push(field.key);
        }
        details.append(fieldset);
      }
      this.partCounters.push({ details, counter, keys });
      this.form.append(details);
    }
  }

  updateCounts() {
    for (const { details, counter, keys } of this.partCounters ?? []) {
      const filled = keys.filter((key) => this.fields.get(key).raw !== "").length;
      counter.textContent = filled ? text("filledCount", { n: filled }) : "";
      if (filled) details.open = true;
    }
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
    if (state === "ready" || state === "failed") {
      if (state === "ready") this.compute();
      else this.renderMessage("");
      registerOffline();
    }
  }

  changed() {
    writeStoredState(this.values());
    this.updateCounts();
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
    const isEstimator = this.article === null;
    const parts = [];
    const lines = result.lines || [];
    if (!lines.length) {
      parts.push(el("p", { class: "pc-placeholder" }, text("resultNoLines")));
    } else {
      const maximum = result.total_kind_of_amount === "maximum";
      parts.push(el("div", { class: "pc-summary" },
        el("p", { class: "pc-total-label" }, isEstimator ? text("totalCompany") : text("total")),
        el("p", { class: "pc-total", "data-total-cny": result.total_cny },
          maximum ? el("span", { class: "pc-up-to" }, `${text("upTo")} `) : "", result.total_display),
        el("p", { class: "pc-total-kind" }, maximum ? text("totalIsMaximum") : text("totalIsExact"))));
      if (isEstimator) parts.push(this.renderTotals(result));
      parts.push(el("ol", { class: "pc-lines" }, lines.map((line) => this.renderLine(line))));
    }
    const lists = [["notes", result.notes], ["warnings", result.warnings], ["assumptions", result.assumptions]];
    for (const [key, items] of lists) {
      if (!items || !items.length) continue;
      parts.push(el("div", { class: `pc-${key}` }, el("p", { class: "pc-list-title" }, text(key)),
        el("ul", {}, items.map((item) => el("li", {}, String(item.text ?? ""),
          item.clause ? [" ", clauseLink(item.clause, this.article)] : "")))));
    }
    if (isEstimator) parts.push(this.renderGiven());
    parts.push(el("p", { class: "pc-disclaimer" }, text("disclaimer")));
    this.result.replaceChildren(...parts);
    this.result.dataset.state = "result";
    this.result.dataset.sequence = String(sequence);
    if (this.resultActions) for (const button of this.resultActions) button.disabled = false;
  }

  /** Print only: what was filled in, as label and value, so the printout records the profile next to its result. */
  renderGiven() {
    const rows = [];
    for (const field of this.fields.values()) {
      if (field.raw === "") continue;
      const control = field.control;
      const shown = control.tagName === "SELECT" ? control.options[control.selectedIndex].text : field.raw;
      rows.push(el("tr", {}, el("th", { scope: "row" }, control.labels[0] ? control.labels[0].textContent : field.key), el("td", {}, shown)));
    }
    return el("div", { class: "pc-given" }, el("p", { class: "pc-list-title" }, text("given")), el("table", {}, el("tbody", {}, rows)));
  }

  /** Company total from the articles' own amounts to the final figure: each cross-cutting reduction, summed. */
  renderTotals(result) {
    const totals = result.totals;
    const counted = result.lines.filter((line) => line.counts_toward_company_total);
    const sums = (reasons) => {
      const byReason = new Map();
      for (const line of counted) {
        for (const reduction of line.reductions || []) {
          const fen = fenOf(reduction.amount_cny);
          if (fen === 0n || !reasons(reduction.reason)) continue;
          byReason.set(reduction.reason, (byReason.get(reduction.reason) || 0n) + fen);
        }
      }
      return byReason;
    };
    const reasonLabel = (reason) => bilingual(REASONS[reason] || { zh: reason, en: reason });
    const rows = [el("tr", { class: "pc-before" }, el("th", { scope: "row" }, text("beforeCross")),
      el("td", { "data-cny": totals.before_cross_cutting_cny }, displayFen(fenOf(totals.before_cross_cutting_cny))))];
    for (const [reason, fen] of sums((reason) => CROSS_CUTTING_REASONS.has(reason))) {
      rows.push(el("tr", { class: "pc-reduction-row", "data-reason": reason },
        el("th", { scope: "row" }, reasonLabel(reason)),
        el("td", { "data-cny": cnyFromFen(fen) }, `− ${displayFen(fen)}`)));
    }
    rows.push(el("tr", { class: "pc-after" }, el("th", { scope: "row" }, text("totalCompany")),
      el("td", { "data-cny": result.total_cny }, result.total_display)));
    if (fenOf(totals.individual_awards_cny) !== 0n) {
      rows.push(el("tr", { class: "pc-individual" }, el("th", { scope: "row" }, text("individualTotal")),
        el("td", { "data-cny": totals.individual_awards_cny }, displayFen(fenOf(totals.individual_awards_cny)))));
    }
    const within = [...sums((reason) => !CROSS_CUTTING_REASONS.has(reason))]
      .map(([reason, fen]) => `${reasonLabel(reason)} − ${displayFen(fen)}`);
    return el("div", { class: "pc-totals-box" },
      el("table", { class: "pc-totals" },
        el("caption", {}, text("reductionSummary")),
        el("thead", {}, el("tr", {}, el("th", { scope: "col" }, text("reasonColumn")), el("th", { scope: "col" }, text("amountColumn")))),
        el("tbody", {}, rows)),
      within.length ? el("p", { class: "pc-within" }, text("withinArticles"), " ", within.join(LANG === "zh" ? "；" : "; ")) : "");
  }

  renderLine(line) {
    const kind = line.kind_of_amount;
    const badgeKey = kind === "exact" ? "kindExact" : kind === "maximum" ? "kindMaximum" : "kindUnquantified";
    const articleLabel = this.article === null || line.article !== this.article
      ? el("span", { class: "pc-line-article" }, text("articleShort", { numeral: this.numeral(line.article), id: line.article }))
      : "";
    const amount = kind === "unquantified"
      ? el("span", { class: "pc-amount pc-amount-unquantified" }, String(line.amount_display))
      : el("span", { class: "pc-amount" }, kind === "maximum" ? `${text("upTo")} ` : "", String(line.amount_display));
    const reductions = (line.reductions || []).filter((reduction) => fenOf(reduction.amount_cny) !== 0n);
    return el("li", {
      class: `pc-line pc-line-${kind}`, "data-rule": line.rule, "data-article": line.article,
      "data-amount-cny": line.amount_cny ?? "", "data-kind": kind,
    },
    el("div", { class: "pc-line-head" },
      articleLabel, el("span", { class: "pc-line-title" }, String(line.title)),
      el("span", { class: `pc-badge pc-badge-${kind}` }, text(badgeKey)), amount),
    reductions.length ? el("ul", { class: "pc-reductions", "aria-label": text("reductions") },
      reductions.map((reduction) => el("li", { "data-reason": reduction.reason },
        `− ${displayFen(fenOf(reduction.amount_cny))}${LANG === "zh" ? "：" : ": "}${reduction.text}`,
        reduction.clause ? [" ", clauseLink(reduction.clause, this.article)] : ""))) : "",
    el("details", { class: "pc-steps" }, el("summary", {}, text("steps")),
      el("ol", {}, (line.explanation || []).map((step) => el("li", {}, String(step.text),
        step.clause ? [" ", clauseLink(step.clause, this.article)] : "")))));
  }

  numeral(articleId) {
    const article = this.data.articles.find((entry) => entry.id === articleId);
    return article ? article.numeral : String(articleId);
  }

  share() {
    const url = new URL(location.href);
    url.hash = FRAGMENT_KEY + encodeState(this.values());
    this.shareOutput.value = url.href;
    this.shareBox.hidden = false;
    this.shareOutput.focus();
    this.shareOutput.select();
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(url.href).then(() => this.say(text("shareCopied"), "info"), () => {});
    }
  }

  clear() {
    this.applyValues({});
    writeStoredState({});
    if (fragmentState() !== null) dropFragment();
    this.shareBox.hidden = true;
    this.shareOutput.value = "";
    this.updateCounts();
    this.say(text("cleared"), "info");
    this.compute();
  }

  download(format) {
    if (!this.lastResult || !this.lastResult.valid) return;
    const name = `${text("fileName")}.${format}`;
    const blob = format === "json"
      ? new Blob([JSON.stringify({ profile: this.lastProfile, result: this.lastResult }, null, 2)], { type: "application/json" })
      : new Blob(["\ufeff" + this.csv(this.lastResult)], { type: "text/csv;charset=utf-8" });
    const url = URL.createObjectURL(blob);
    const link = el("a", { href: url, download: name, hidden: true });
    document.body.append(link);
    link.click();
    link.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10000);
  }

  csv(result) {
    const cell = (value) => {
      const textValue = String(value ?? "");
      return /[",\n\r]/.test(textValue) ? `"${textValue.replace(/"/g, '""')}"` : textValue;
    };
    const kindLabel = { exact: text("kindExact"), maximum: text("kindMaximum"), unquantified: text("kindUnquantified") };
    const rows = [STRINGS.csvHeader[LANG]];
    for (const line of result.lines) {
      const reductions = (line.reductions || []).filter((reduction) => fenOf(reduction.amount_cny) !== 0n);
      const reduced = reductions.reduce((sum, reduction) => sum + fenOf(reduction.amount_cny), 0n);
      rows.push([line.article, line.rule, line.title, kindLabel[line.kind_of_amount] ?? line.kind_of_amount,
        line.amount_cny ?? "", line.amount_wan ?? "", reductions.length ? cnyFromFen(reduced) : "",
        reductions.map((reduction) => `${reduction.text} (${reduction.amount_cny})`).join("; "),
        (line.clauses || []).join(" ")]);
    }
    rows.push(["", "", text("csvBefore"), "", result.totals.before_cross_cutting_cny, "", "", "", ""]);
    rows.push(["", "", text("csvTotal"), kindLabel[result.total_kind_of_amount] ?? "", result.total_cny, result.total_wan, "", "", ""]);
    return rows.map((row) => row.map(cell).join(",")).join("\r\n") + "\r\n";
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
