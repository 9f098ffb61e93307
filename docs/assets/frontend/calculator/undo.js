// "Cleared. [Undo]", "Project 3 removed. [Undo]": a short status line with an undo button, shown for UNDO_SECONDS
// after the form's Clear and after a row's removal (rows.js). It stays while the focus is on its button (hiding it
// would drop the focus) and goes once the focus leaves.

import { el, text } from "./ui.js";

const UNDO_SECONDS = 10;

export class UndoOffer {
  /** `className`: the box's own class besides pc-undo-offer (pc-undo for Clear, pc-row-undo for rows). */
  /** @param {string} className */
  constructor(className) {
    this.node = el("div", { class: `pc-undo-offer ${className}`, role: "status", hidden: true });
    /** @type {ReturnType<typeof setTimeout> | undefined} */
    this.timer = undefined;
  }

  /** Shows `message` and an undo button that calls `restore()`; returns the button. */
  /** @param {string} message @param {() => void} restore */
  offer(message, restore) {
    this.cancel();
    const button = el("button", { type: "button", class: "md-button" }, text("undo"));
    button.addEventListener("click", () => {
      this.cancel();
      restore();
    });
    this.node.replaceChildren(el("span", {}, message), button);
    this.node.hidden = false;
    this.timer = setTimeout(() => this.expire(), UNDO_SECONDS * 1000);
    return button;
  }

  expire() {
    if (!this.node.contains(document.activeElement)) this.cancel();
    else this.node.addEventListener("focusout", () => this.cancel(), { once: true });
  }

  /** Takes the offer away (undone, replaced, or the page is going). */
  cancel() {
    clearTimeout(this.timer);
    this.node.hidden = true;
  }
}
