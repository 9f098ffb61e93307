// "Copy citation" on every clause that carries a citation (data-cite, written at build time by scripts/citations.py).
// It copies "<citation> <permalink>", e.g. 《…若干意见》第三条第二款（3-2） https://…/articles/3/#a3-2, and says so
// through a polite live region. Where the clipboard is refused or missing (a plain-http origin, a denied
// permission), the citation is shown as selected text next to the clause, to copy by hand. The button's strings
// come from the clauses block (data-cite-button…, templates/ui.yaml); no text is inserted as HTML.
// Imported by app.js on pages with clauses.

/** @typedef {{ button: string, label: string, copied: string, refused: string }} CiteStrings The button's strings, from the clauses block */
const SVG = "http://www.w3.org/2000/svg";
// Material Design "content-copy" and "check" icons (24 × 24).
const COPY_ICON = "M19 21H8V7h11m0-2H8a2 2 0 0 0-2 2v14a2 2 0 0 0 2 2h11a2 2 0 0 0 2-2V7a2 2 0 0 0-2-2m-3-4H4a2 2 0 0 0-2 2v14h2V3h12z";
const DONE_ICON = "M21 7 9 19l-5.5-5.5 1.41-1.41L9 16.17 19.59 5.59z";

/** @param {string} path */
function icon(path) {
  const svg = document.createElementNS(SVG, "svg");
  svg.setAttribute("viewBox", "0 0 24 24");
  svg.setAttribute("aria-hidden", "true");
  svg.setAttribute("focusable", "false");
  const shape = document.createElementNS(SVG, "path");
  shape.setAttribute("d", path);
  svg.append(shape);
  return svg;
}

function liveRegion() {
  let region = document.querySelector(".cite-status");
  if (!region) {
    region = document.createElement("div");
    region.className = "cite-status";
    region.setAttribute("role", "status");
    region.setAttribute("aria-live", "polite");
    document.body.append(region);
  }
  return region;
}

/** @param {string} message */
function announce(message) {
  const region = liveRegion();
  region.textContent = "";
  // A fresh text node in the next frame, so the same message twice is announced twice.
  requestAnimationFrame(() => { region.textContent = message; });
}

/** @param {HTMLElement} clause */
export function citationText(clause) {
  const href = clause.dataset.permalink || `#${clause.id}`;
  return `${clause.dataset.cite} ${new URL(href, window.location.href).href}`;
}

/** @param {HTMLElement} clause @param {CiteStrings} strings @param {string} text */
function showFallback(clause, strings, text) {
  clause.querySelector(".clause__cite-fallback")?.remove();
  const box = document.createElement("div");
  box.className = "clause__cite-fallback";
  const message = document.createElement("p");
  message.textContent = strings.refused;
  const citation = document.createElement("p");
  citation.className = "clause__cite-text";
  citation.tabIndex = -1;
  citation.textContent = text;
  box.append(message, citation);
  clause.append(box);
  citation.focus();
  window.getSelection()?.selectAllChildren(citation);
  announce(`${strings.refused} ${text}`);
}

/** @param {HTMLElement} clause @param {HTMLButtonElement} button @param {CiteStrings} strings */
async function copy(clause, button, strings) {
  const text = citationText(clause);
  try {
    if (!navigator.clipboard?.writeText) throw new Error("no clipboard");
    await navigator.clipboard.writeText(text);
  } catch {
    showFallback(clause, strings, text);
    return;
  }
  clause.querySelector(".clause__cite-fallback")?.remove();
  button.classList.add("is-copied");
  button.replaceChildren(icon(DONE_ICON));
  announce(strings.copied.replace("{citation}", text));
  setTimeout(() => {
    button.classList.remove("is-copied");
    button.replaceChildren(icon(COPY_ICON));
  }, 2000);
}

/** @param {ParentNode} [root] */
export function addCiteButtons(root = document) {
  for (const block of /** @type {NodeListOf<HTMLElement>} */ (root.querySelectorAll(".clauses[data-cite-button]"))) {
    const strings = /** @type {CiteStrings} the build writes all four with data-cite-button */ ({
      button: block.dataset.citeButton,
      label: block.dataset.citeButtonLabel,
      copied: block.dataset.citeCopied,
      refused: block.dataset.citeRefused,
    });
    for (const clause of /** @type {NodeListOf<HTMLElement>} */ (block.querySelectorAll(".clause[data-cite]"))) {
      if (clause.querySelector(".clause__cite")) continue;
      const number = clause.querySelector(".clause__link");
      const button = document.createElement("button");
      button.type = "button";
      button.className = "clause__cite";
      button.title = strings.button;
      button.setAttribute("aria-label", strings.label.replace("{label}", number ? number.textContent : clause.id));
      button.append(icon(COPY_ICON));
      button.addEventListener("click", () => copy(clause, button, strings));
      (number || clause.firstChild)?.after(button);
    }
  }
}
