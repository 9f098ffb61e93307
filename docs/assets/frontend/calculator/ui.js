// Shared by the calculator's modules: the page language, DOM construction (user and engine text only ever goes
// through text nodes, never HTML), the interface strings in this language, and unique element ids.

import { t } from "./strings.js";

export { t };

export const LANG = (document.documentElement.lang || "zh").toLowerCase().startsWith("en") ? "en" : "zh";
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

let idCounter = 0;

/** A number not used before on this page, for element ids. */
export function nextId() {
  return ++idCounter;
}
