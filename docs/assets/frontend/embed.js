// Embeds this site's calculators in another site's page (issue 26). The host page includes this script once and
// marks where each calculator goes:
//
//   <script src="https://<this site>/assets/frontend/embed.js" async></script>
//   <div data-jiangbei-calculator="3" data-lang="en"></div>          (an article's calculator, by its number)
//   <div data-jiangbei-calculator="estimator" data-lang="zh"></div>  (the whole-company estimator)
//
// Each div gets an iframe of the embed page (embed/articles/N/ or embed/estimator/, under en/ in English): the site's
// own page, with its own worker, runtime and engine. The embed page says how tall its content is
// (docs/assets/frontend/embed/embed-frame.js); the iframe takes that height. A message counts only if it comes from this
// site's origin and from that very iframe. A classic script, not a module, so that any page can include it as it
// is; it needs nothing from the host page and changes nothing outside the divs it fills.
(() => {
  // A classic script: document.currentScript is this <script> element (null only where it is not one).
  const script = /** @type {HTMLScriptElement | null} */ (document.currentScript);
  if (!script || !script.src) return;
  const SITE_ROOT = new URL("../../", script.src); // this file is assets/frontend/embed.js under the site's root
  const SITE_ORIGIN = SITE_ROOT.origin;
  const MESSAGE = "jiangbei-calculator:size";
  const MAX_HEIGHT = 100000;
  const FIRST_HEIGHT = "40rem"; // until the embed page says how tall it is
  // The frame's accessible name until the embed page gives its own title (the calculator it holds).
  const TITLE = { zh: "江北区都市工业政策：奖励测算", en: "Jiangbei Urban Industry Policy: award calculator" };
  /** @type {Set<HTMLIFrameElement>} */
  const frames = new Set();

  /** @param {string} which */
  function embedPath(which) {
    if (which === "estimator") return "embed/estimator/";
    if (/^[1-9][0-9]?$/.test(which)) return `embed/articles/${which}/`;
    return null;
  }

  /** @param {Element} holder */
  function mount(holder) {
    if (holder.hasAttribute("data-jiangbei-mounted")) return;
    const which = (holder.getAttribute("data-jiangbei-calculator") || "").trim();
    const path = embedPath(which);
    if (path === null) {
      console.warn(`embed.js: data-jiangbei-calculator="${which}" is not an article number or "estimator"`
        + ` (须为条号或 estimator)`);
      return;
    }
    const lang = (holder.getAttribute("data-lang") || "zh").trim().toLowerCase().startsWith("en") ? "en" : "zh";
    const iframe = document.createElement("iframe");
    iframe.src = new URL((lang === "en" ? "en/" : "") + path, SITE_ROOT).href;
    iframe.title = TITLE[lang];
    iframe.setAttribute("allow", "clipboard-write"); // the calculator's "share link" copies the link
    iframe.style.cssText = `display:block;width:100%;min-width:0;height:${FIRST_HEIGHT};border:0;`;
    holder.setAttribute("data-jiangbei-mounted", "");
    holder.replaceChildren(iframe);
    frames.add(iframe);
  }

  function mountAll() {
    for (const holder of document.querySelectorAll("[data-jiangbei-calculator]")) mount(holder);
  }

  window.addEventListener("message", (event) => {
    if (event.origin !== SITE_ORIGIN) return;
    /** @type {Partial<EmbedFrameMessage> | null} data from any frame of this site: every field is checked */
    const data = event.data;
    if (!data || typeof data !== "object" || data.type !== MESSAGE) return;
    let frame = null;
    for (const candidate of frames) {
      if (!candidate.isConnected) frames.delete(candidate);
      else if (candidate.contentWindow === event.source) frame = candidate;
    }
    if (!frame) return;
    const height = Number(data.height);
    if (Number.isFinite(height) && height > 0) frame.style.height = `${Math.min(Math.ceil(height), MAX_HEIGHT)}px`;
    if (typeof data.title === "string" && data.title.trim()) frame.title = data.title.trim().slice(0, 300);
  });

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", mountAll, { once: true });
  else mountAll();
})();
