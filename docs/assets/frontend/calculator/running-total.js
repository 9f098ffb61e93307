// The running total: a bar that stays at the bottom of the screen while the reader is in the form ("合计 最高93万元 ·
// 查看明细"), updated on every result, and a link that jumps to the breakdown. It sits in the flow between the form and
// the result with position: sticky, so it needs no scroll handler; it turns invisible while the result's own total
// is on screen.

import { yuanOfFen } from "./typed-money.js";
import { LANG, el, text } from "./ui.js";

/** @param {string} cny */
function fenOfCny(cny) {
  const match = /^(\d+)\.(\d{2})$/.exec(String(cny));
  return match ? BigInt(match[1]) * 100n + BigInt(match[2]) : null;
}

/** The total as the bar says it: zh the engine's "93万元", en "CNY 930,000" (the 万元 form is in the result). */
/** @param {EstimateResult} result */
function shortTotal(result) {
  if (LANG === "zh") return String(result.total_display);
  const fen = fenOfCny(result.total_cny);
  return fen === null ? String(result.total_display) : `CNY ${yuanOfFen(fen)}`;
}

export class RunningTotal {
  /** target: the element the link jumps to (the result section); resultTotal(): the result's own total element. */
  /** @param {HTMLElement} target @param {() => Element | null} resultTotal */
  constructor(target, resultTotal) {
    this.target = target;
    this.resultTotal = resultTotal;
    this.amount = el("span", { class: "pc-running-amount" });
    this.link = el("a", { class: "pc-running-link", href: `#${target.id}` }, text("runningTotalDetails"));
    this.link.addEventListener("click", (event) => {
      event.preventDefault();
      this.jump();
    });
    this.node = el("div", { class: "pc-running-total", hidden: true, "data-total-cny": "" },
      this.amount, el("span", { class: "pc-running-sep", "aria-hidden": "true" }, " · "), this.link);
    this.totalVisible = false;
    if ("IntersectionObserver" in window) {
      this.observer = new IntersectionObserver((entries) => {
        for (const entry of entries) this.totalVisible = entry.isIntersecting;
        this.sync();
      });
    }
    this.result = null;
  }

  /** Called with every new result (null when there is none: empty form, errors, engine not ready). */
  /** @param {EstimateResult | null} result */
  update(result) {
    const shown = result && result.valid && (result.lines || []).length ? result : null;
    this.result = shown;
    if (shown) {
      const maximum = shown.total_kind_of_amount === "maximum" && fenOfCny(shown.total_cny) !== 0n;
      this.amount.textContent = text(maximum ? "runningTotalUpTo" : "runningTotal", { amount: shortTotal(shown) });
      this.node.dataset.totalCny = shown.total_cny;
    } else {
      this.node.dataset.totalCny = "";
    }
    if (this.observer) {
      this.observer.disconnect();
      const total = this.resultTotal();
      this.totalVisible = false;
      if (total) this.observer.observe(total);
    }
    this.sync();
  }

  sync() {
    this.node.hidden = !this.result;
    // Invisible, not removed, while the result's total is on screen: removing it would move the result under the
    // reader's eyes (and in and out of view again).
    this.node.toggleAttribute("data-result-in-view", this.totalVisible);
  }

  /** The page is going: stop watching the result's total. */
  disconnect() {
    if (this.observer) this.observer.disconnect();
  }

  jump() {
    this.target.scrollIntoView({ block: "start" });
    /** @type {HTMLElement | null} */
    const heading = this.target.querySelector("h2, h3");
    if (heading) {
      heading.setAttribute("tabindex", "-1");
      heading.focus({ preventScroll: true });
    }
  }
}
