// The page "Embed a calculator" (embed/, templates/embed.md.j2): its snippets name this site by the address it is
// served from (built without JIANGBEI_PUBLIC_URL, the page cannot know it), each gets a copy button, and the live
// example is drawn by the very script the snippets include (embed.js).

const SNIPPETS = ".embed-snippets";

export function setUpEmbedGuide() {
  const first = /** @type {HTMLElement | null} */ (document.querySelector(`${SNIPPETS}[data-embed-root]`));
  if (!first) return;
  const siteRoot = new URL(/** @type {string} */ (first.dataset.embedRoot), location.href);
  for (const site of document.querySelectorAll(".embed-site")) site.textContent = siteRoot.href;
  for (const origin of document.querySelectorAll(".embed-origin")) origin.textContent = siteRoot.origin;
  for (const list of /** @type {NodeListOf<HTMLElement>} */ (document.querySelectorAll(SNIPPETS))) {
    for (const code of list.querySelectorAll(".embed-snippet__code code")) addCopyButton(code, /** @type {{copy: string, copied: string}} data-copy, data-copied */ (list.dataset));
  }
  // The live example, as on any other site (embed.js is a classic script: loaded as one, it finds its own address).
  const script = document.createElement("script");
  script.src = new URL("../embed.js", import.meta.url).href;
  script.async = true;
  document.head.append(script);
}

/** @param {Element} code @param {{copy: string, copied: string}} strings the button's words */
function addCopyButton(code, { copy, copied }) {
  if (!navigator.clipboard || !window.isSecureContext) return; // the snippet can still be selected and copied
  const button = document.createElement("button");
  button.type = "button";
  button.className = "md-button embed-copy";
  button.textContent = copy;
  const status = document.createElement("span");
  status.className = "embed-copy-status";
  status.setAttribute("role", "status");
  button.addEventListener("click", () => {
    navigator.clipboard.writeText(code.textContent).then(() => { status.textContent = copied; }, () => {});
  });
  /** @type {Element} every snippet is in a <pre> */ (code.closest("pre")).after(button, status);
}
