// In-page navigation between the pages of one language's site (issue 11). A click on a link to another page of the
// site replaces the page's content instead of loading a new document, so the calculator's worker, with Python
// already running, is kept: the next article computes at once instead of booting Python again.
//
// Material for MkDocs does the replacing (its `navigation.instant`: it fetches the page, swaps the content, the title
// and the head's tags, scrolls, and handles back and forward). It picks the links itself only from sitemap.xml, which
// is empty because the site has no site_url (deliberately: it works from any host and sub-path). So this module picks
// them: links to the pages in the site's navigation, in the same language. Everything else is an ordinary
// navigation: the language switch (the other language is another build, not in this navigation), files, new tabs,
// links with modifier keys, anchors on this page.

const NAVIGATION_LINKS = ".md-nav--primary a.md-nav__link[href]";
const LANGUAGE_LINKS = ".md-header a[hreflang]";
const CONTAINER = "[data-md-component=container]"; // what Material replaces on each in-page navigation

/** @type {Set<string> | null} */
let pages = null; // Set of the site's page URLs (no query, no fragment)
/** @type {URL | null} */
let buildRoot = null; // URL of this language's site root
/** @type {Map<Element, string>} */
const languageRoots = new Map(); // language switch link -> its site root (the link is that root + this page's path)
/** @type {string | null} */
let openedByLink = null; // the URL this module last opened, until its content is in place

/** @param {string | URL} url */
function withoutFragment(url) {
  const bare = new URL(url);
  bare.search = "";
  bare.hash = "";
  return bare.href;
}

/** This page's path under the site root ("articles/3/"), or null when the page is not under it. */
/** @param {string} url */
function pathUnderRoot(url) {
  const bare = withoutFragment(url);
  return bare.startsWith(/** @type {URL} */ (buildRoot).href) ? bare.slice(/** @type {URL} */ (buildRoot).href.length) : null;
}

function materialReady() {
  const location$ = window.location$;
  return Boolean(location$ && typeof location$.next === "function" && window.document$);
}

/** Whether `url` is a page of this site that in-page navigation may open. */
/** @param {string | URL} url */
export function canNavigateInPage(url) {
  if (!pages || !materialReady()) return false;
  const target = new URL(url, location.href);
  if (target.origin !== location.origin) return false;
  // The same page with another fragment: the browser scrolls to the anchor itself.
  if (withoutFragment(target) === withoutFragment(location.href)) return false;
  return pages.has(withoutFragment(target));
}

/** Opens `url` (a page of this site) in place, as Material's instant navigation does for its own links. */
/** @param {string | URL} url */
export function navigateInPage(url) {
  const target = new URL(url, location.href);
  if (!canNavigateInPage(target)) {
    location.href = target.href;
    return;
  }
  // Material restores this offset when the reader comes back to this entry.
  history.replaceState({ x: window.scrollX, y: window.scrollY }, "");
  history.pushState(null, "", target.href);
  openedByLink = target.href;
  window.location$.next(target);
}

/** @param {MouseEvent} event */
function onClick(event) {
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  /** @type {HTMLAnchorElement | null} */
  const link = event.target instanceof Element ? event.target.closest("a[href]") : null;
  if (!link || (link.target && link.target !== "_self") || link.hasAttribute("download")) return;
  if (!canNavigateInPage(link.href)) return;
  event.preventDefault();
  navigateInPage(link.href);
}

/** After an in-page navigation: the language switch names the new page in the other language. */
function updateLanguageLinks() {
  const here = pathUnderRoot(location.href);
  if (here === null) return;
  for (const [link, root] of languageRoots) link.setAttribute("href", root + here);
}

/** After an in-page navigation: focus goes to the new page's title, so that keyboard and screen reader users start
 * there, not on a link of the page that has gone. */
function focusNewPage() {
  /** @type {HTMLElement | null} */
  const heading = document.querySelector(".md-content h1");
  if (!heading) return;
  if (!heading.hasAttribute("tabindex")) heading.setAttribute("tabindex", "-1");
  heading.focus({ preventScroll: true });
}

/**
 * Starts in-page navigation, once the page is parsed and Material's script has run. `onNewPage()` is called after
 * each in-page navigation, once the new content is in place.
 */
/** @param {() => void} onNewPage */
export function startSoftNavigation(onNewPage) {
  const config = document.getElementById("__config");
  if (!window.document$ || !config) return; // Material's script did not run: plain page loads
  try {
    buildRoot = new URL(`${JSON.parse(config.textContent).base}/`, location.href);
  } catch {
    return;
  }
  pages = new Set([buildRoot.href]);
  for (const link of /** @type {NodeListOf<HTMLAnchorElement>} */ (document.querySelectorAll(NAVIGATION_LINKS))) {
    const url = withoutFragment(link.href);
    if (url.startsWith(buildRoot.href)) pages.add(url);
  }
  const here = pathUnderRoot(location.href) ?? "";
  for (const link of /** @type {NodeListOf<HTMLAnchorElement>} */ (document.querySelectorAll(LANGUAGE_LINKS))) {
    const href = withoutFragment(link.href);
    if (href.endsWith(here)) languageRoots.set(link, href.slice(0, href.length - here.length));
  }
  // Material announces each new page on document$, and replays the last one to a late subscriber: a page is new when
  // its content container is another element than the one set up last (this page was set up by app.js already).
  let shownContainer = document.querySelector(CONTAINER);
  window.document$.subscribe(() => {
    const container = document.querySelector(CONTAINER);
    if (!container || container === shownContainer) return;
    shownContainer = container;
    // A page opened by a link starts at its top, or at its anchor (Material scrolls to that). Material restores the
    // offset it keeps in the history entry, and a scroll just before the click can land there after the entry is
    // made (its record of the offset is debounced), which would open the new page halfway down.
    const opened = openedByLink === location.href;
    if (opened && !location.hash) window.scrollTo(0, 0);
    // The same race makes Material scroll to that offset instead of following the link's fragment, and then no
    // element is the :target (a glossary row, a clause, is highlighted by it). Following the fragment once more is a
    // same-document navigation that replaces this history entry: the browser sets :target and scrolls to it.
    if (opened && location.hash) {
      const anchored = document.getElementById(decodeURIComponent(location.hash.slice(1)));
      if (anchored && !anchored.matches(":target")) location.replace(location.href);
    }
    openedByLink = null;
    updateLanguageLinks();
    focusNewPage();
    onNewPage();
  });
  document.addEventListener("click", onClick);
}
