// Shared by the calculator's modules: the page language, DOM construction (user and engine text only ever goes
// through text nodes, never HTML), the interface strings in this language, and unique element ids.

import { t } from "./strings.js";

export { t };

export const LANG = (document.documentElement.lang || "zh").toLowerCase().startsWith("en") ? "en" : "zh";
/** @type {Lang} */
export const OTHER_LANG = LANG === "zh" ? "en" : "zh";
const SITE_ROOT = new URL("../../../", import.meta.url);
export const LANG_ROOT = new URL(LANG === "en" ? "en/" : "./", SITE_ROOT);

/** @typedef {Node | string | null | undefined | false} Child */
/** @typedef {Record<string, string | number | boolean | null | undefined>} Attributes */

/**
 * @template {keyof HTMLElementTagNameMap} K
 * @param {K} tag
 * @param {Attributes} [attributes]
 * @param {(Child | Child[])[]} children
 * @returns {HTMLElementTagNameMap[K]}
 */
export function el(tag, attributes = {}, ...children) {
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

/**
 * @param {import("./strings.js").StringKey} key
 * @param {Record<string, string | number>} [values]
 */
export function text(key, values) {
  return t(key, LANG, values);
}

/** @param {Bilingual | Partial<Bilingual> | string | number | null | undefined} entry */
export function bilingual(entry) {
  return entry && typeof entry === "object" ? String(entry[LANG] ?? entry.zh ?? "") : String(entry ?? "");
}

/** {zh: make("zh"), en: make("en")}: a text made in both languages. */
/**
 * @template T
 * @param {(lang: Lang) => T} make
 * @returns {{ zh: T, en: T }}
 */
export function inBoth(make) {
  return { zh: make("zh"), en: make("en") };
}

/** @param {string} digits */
export function groupedDigits(digits) {
  return digits.replace(/\B(?=(\d{3})+(?!\d))/g, ",");
}

/**
 * A message in both languages, each whole on a line of its own: the page's language first, then the other, marked with
 * its `lang` (the Chinese is authoritative, and a reader of either language must understand what went wrong). The
 * other line is left out when it would say the same.
 * @param {string} main @param {string} other @returns {(HTMLElement | string)[]}
 */
export function pageLanguageThenOther(main, other) {
  return [el("span", { class: "pc-error-main" }, main),
    other && other !== main ? el("span", { class: "pc-error-other", lang: OTHER_LANG }, other) : ""];
}

/** The node says `message` in both languages, the page's first; a message without the page's language clears it. */
/** @param {HTMLElement} node @param {Bilingual} message */
export function showInBothLanguages(node, message) {
  node.replaceChildren(...(message[LANG] ? pageLanguageThenOther(message[LANG], message[OTHER_LANG]) : []));
}

let idCounter = 0;

/** A number not used before on this page, for element ids. */
export function nextId() {
  return ++idCounter;
}
