// Saved state: the form's raw values in localStorage (one entry per page) and in a share link's fragment
// (#calc=<base64url of {"v":1,"values":{...}}>). A state is restored only when every key and value fits this form.
// An embed page (another site's frame) keeps nothing: it neither reads nor writes the site's saved inputs and takes
// no state from its own address; its share links lead to the full page on this site (engine.js, embeddedFullPage).

import { embeddedFullPage } from "../worker/engine.js";

/** @typedef {Record<string, string>} Values A form's raw values by field key ("" = not given is left out) */
/** @typedef {{ get(key: string): { acceptsRaw(value: unknown): boolean } | undefined }} FieldLookup */
const STORAGE_PREFIX = "policy-calculator:v1:";
const FRAGMENT_KEY = "calc=";
const STATE_VERSION = 1;

function storageKey() {
  return STORAGE_PREFIX + location.pathname;
}

/** `carried`: more to take to another page besides the inputs ({scenarioA}), read there with carriedState(). */
/**
 * @param {Values} values
 * @param {Record<string, unknown>} [carried]
 */
export function encodeState(values, carried = {}) {
  const bytes = new TextEncoder().encode(JSON.stringify({ ...carried, v: STATE_VERSION, values }));
  let binary = "";
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

/** @param {string} encoded @returns {any} parsed JSON, checked by the caller */
function parsedState(encoded) {
  const binary = atob(encoded.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = Uint8Array.from(binary, (char) => char.charCodeAt(0));
  return JSON.parse(new TextDecoder("utf-8", { fatal: true }).decode(bytes));
}

/** The values of a saved state, or null when it is not one this form can restore exactly. */
/** @param {string} encoded @param {FieldLookup} fields */
export function decodeState(encoded, fields) {
  try {
    return validState(parsedState(encoded), fields);
  } catch {
    return null;
  }
}

/** What else the state carries under `name` (encodeState's `carried`), unchecked: the reader checks it. */
/** @param {string} encoded @param {string} name @returns {unknown} */
export function carriedState(encoded, name) {
  try {
    return parsedState(encoded)[name] ?? null;
  } catch {
    return null;
  }
}

/** @param {{ v?: unknown, values?: Values } | null} state what JSON.parse read: checked here @param {FieldLookup} fields @returns {Values | null} */
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

/** @param {FieldLookup} fields */
export function readStoredState(fields) {
  if (embeddedFullPage()) return null;
  try {
    const stored = localStorage.getItem(storageKey());
    return stored ? validState(JSON.parse(stored), fields) : null;
  } catch {
    return null;
  }
}

/** @param {Values} values */
export function writeStoredState(values) {
  if (embeddedFullPage()) return;
  try {
    if (Object.keys(values).length) localStorage.setItem(storageKey(), JSON.stringify({ v: STATE_VERSION, values }));
    else localStorage.removeItem(storageKey());
  } catch {
    // Storage full (a huge paste) or disabled: the form keeps working, only the reload memory is lost.
  }
}

/** The encoded state in the page's fragment, or null when the fragment is not a share link's. */
export function fragmentState() {
  if (embeddedFullPage()) return null;
  const hash = location.hash.slice(1);
  return hash.startsWith(FRAGMENT_KEY) ? hash.slice(FRAGMENT_KEY.length) : null;
}

export function dropFragment() {
  history.replaceState(history.state, "", location.pathname + location.search);
}

/** The page's URL (on an embed page, the full page's) with `values` in its fragment, for sharing. */
/** @param {Values} values */
export function shareUrl(values) {
  const url = new URL(embeddedFullPage() ?? location.href);
  url.hash = FRAGMENT_KEY + encodeState(values);
  return url.href;
}
