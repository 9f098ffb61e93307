// Error summary (the GOV.UK pattern): one box listing every error, each a link that opens the field's section and
// focuses the field. Each error is said in both languages, each a whole line of its own: the page's language first
// (the field's name and the message, both in that language), then the other language on the next line, marked with
// its `lang` (issue 24: never a Chinese line running on into "— “Eligible investment…”: write the amount…").
// The estimator shows one at the top of the form and one at the result, where "please correct the marked fields" used
// to be, thousands of pixels below the field.

import { LANG, OTHER_LANG, el, nextId, pageLanguageThenOther, t, text } from "./ui.js";

/** @typedef {{ control: HTMLElement | null, labels?: Partial<Record<Lang, string>>, zh: string, en: string }} SummaryItem An error: its field's control (null for none), the field's label in each language (either may be missing), the message in both languages */

/** Opens every <details> around `control`, scrolls it into view and focuses it. */
/** @param {HTMLElement} control */
export function focusField(control) {
  for (let details = control.closest("details"); details; details = /** @type {HTMLElement} */ (details.parentElement).closest("details")) {
    details.open = true;
  }
  for (let hidden = /** @type {HTMLElement | null | undefined} */ (control.closest("[hidden]")); hidden; hidden = hidden.parentElement?.closest("[hidden]")) {
    hidden.hidden = false; // a field the finder had filtered out
  }
  control.scrollIntoView({ block: "center" });
  control.focus({ preventScroll: true });
}

export class ErrorSummary {
  /** @param {"form" | "result"} place */
  constructor(place) {
    this.place = place; // "form" | "result": part of the element ids and a class
    this.title = el("p", { class: "pc-error-summary-title", id: `pc-error-summary-${place}-${nextId()}` });
    this.list = el("ul", { class: "pc-error-summary-list" });
    this.node = el("div", {
      class: `pc-error-summary pc-error-summary-${place}`, role: "group",
      "aria-labelledby": this.title.id, hidden: true,
    }, this.title, el("p", { class: "pc-error-summary-intro" }, text("errorSummaryIntro")), this.list);
  }

  /**
   * items: [{control, labels, zh, en}] where control is the field's element (null for an error of no field) and
   * labels its name in each language ({zh, en}, either may be missing).
   * An empty list hides the box.
   */
  /** @param {SummaryItem[]} items */
  update(items) {
    // A result that repeats the same errors leaves the links in place: replacing them while the reader clicks one
    // (the click blurs a field, which recomputes) would swallow the click.
    const signature = JSON.stringify(items.map(({ control, labels, zh, en }) => [control?.id ?? "", labels, zh, en]));
    if (signature === this.signature) return;
    /** @type {string | undefined} */
    this.signature = signature;
    this.node.hidden = !items.length;
    this.title.textContent = items.length === 1 ? text("errorSummaryTitleOne") : text("errorSummaryTitle", { n: items.length });
    this.list.replaceChildren(...items.map((item) => this.item(item)));
  }

  /** @param {SummaryItem} item */
  item({ control, labels = {}, zh, en }) {
    const messages = { zh, en };
    // "Field: message" in one language; the field's name is left out when the message names it already.
    /** @param {Lang} lang */
    const line = (lang) => {
      const message = String(messages[lang] ?? "");
      const label = labels[lang] ?? "";
      return label && !message.includes(label) ? `${label}${t("rowLabelSeparator", lang)}${message}` : message;
    };
    const content = pageLanguageThenOther(line(LANG), messages[OTHER_LANG] ? line(OTHER_LANG) : "");
    if (!control) return el("li", {}, ...content);
    const link = el("a", { href: `#${control.id}`, "data-error-link": control.dataset.field ?? "" }, ...content);
    link.addEventListener("click", (event) => {
      event.preventDefault();
      focusField(control);
    });
    return el("li", {}, link);
  }
}
