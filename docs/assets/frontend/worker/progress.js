// The runtime's download progress under a widget's status line while Pyodide loads: a <progress> bar and
// "x MB of y MB" in the page's language. Bytes are those the calculator's worker has received as they crossed the
// network, compressed (worker.mjs, countDownloads). Outside the status line's live region on purpose: a screen
// reader is not interrupted ten times a second, and can still read the bar when it gets there.

import { t } from "../calculator/strings.js";

const MB = 1_000_000;
let boxCounter = 0;

/**
 * Shows, updates or removes the progress box after `status` for an engine state ("loading" with {loaded, total}).
 * @param {Element} status
 * @param {import("./engine.js").EngineState} state
 * @param {import("./engine.js").EngineDetail} detail
 * @param {Lang} lang
 */
export function showDownload(status, state, detail, lang) {
  const next = status.nextElementSibling;
  let box = next && next.classList.contains("pc-download") ? next : null;
  if (state !== "loading" || !detail || !detail.total) {
    if (box) box.remove();
    return;
  }
  if (!box) {
    box = document.createElement("p");
    box.className = "pc-download";
    const label = document.createElement("span");
    label.id = `pc-download-${++boxCounter}`;
    const bar = document.createElement("progress");
    bar.setAttribute("aria-labelledby", label.id);
    box.append(bar, label);
    status.after(box);
  }
  const [bar, label] = /** @type {[HTMLProgressElement, HTMLSpanElement]} */ (/** @type {unknown} */ (box.children));
  bar.max = detail.total;
  const loaded = /** @type {number} "loading" sends it with `total` */ (detail.loaded);
  bar.value = Math.min(loaded, detail.total);
  label.textContent = t("downloadProgress", lang, {
    loaded: (loaded / MB).toFixed(1), total: (detail.total / MB).toFixed(1),
  });
}
