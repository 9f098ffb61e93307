// When the site's search worker may build its index (overrides/assets/javascripts/workers/site-search.js). Building
// it takes a core for a while; on a phone's few cores, at load it would stretch the page's own start-up and the
// calculator's. So the worker waits for "build" on a BroadcastChannel, which this page sends:
// - at once when the search field gets focus (Material focuses it when search is opened by click or shortcut);
// - on a page with a calculator, when the calculator is ready (or has failed);
// - on other pages, at the first idle moment after load.
// The worker says "waiting" when Material hands it the setup, in case this page asked before the worker listened.
// The worker builds anyway 3 s after its setup, should this script never run (offline, not yet cached).

const CHANNEL = "jiangbei-search";
const SEARCH_FIELD = '[data-md-component="search-query"]';

/** @type {BroadcastChannel | null} */
let channel = null;
let wanted = false;

/** The search worker may build its index now (once per document). */
export function wantSearch() {
  if (wanted || !channel) return;
  wanted = true;
  channel.postMessage(/** @satisfies {SearchChannelMessage} */ ({ type: "build" }));
}

/**
 * Listens for the search field's focus and for a worker waiting; `whenSettled(wantSearch)` says when else.
 * @param {(want: () => void) => void} whenSettled
 */
export function setUpSearchStart(whenSettled) {
  if (channel || typeof BroadcastChannel !== "function") return; // without it the worker builds at once
  channel = new BroadcastChannel(CHANNEL);
  channel.addEventListener("message", (/** @type {MessageEvent<SearchChannelMessage | null>} */ event) => {
    if (wanted && event.data && event.data.type === "waiting") /** @type {BroadcastChannel} */ (channel).postMessage(/** @satisfies {SearchChannelMessage} */ ({ type: "build" }));
  });
  document.addEventListener("focusin", (event) => {
    if (event.target instanceof Element && event.target.matches(SEARCH_FIELD)) wantSearch();
  });
  const field = document.querySelector(SEARCH_FIELD);
  if (field && document.activeElement === field) wantSearch();
  whenSettled(wantSearch);
}
