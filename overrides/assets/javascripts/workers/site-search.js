/* The site's search worker: Material's own worker (lunr), with the site's way of reading a query.
 *
 * overrides/main.html names this file as Material's search worker, with Material's worker in `?material=`; this
 * file loads it from the same folder (so Material's "../lunr" language files resolve as before) and changes how a
 * plain query (no lunr syntax: quotes, +, -, *, ~, ^, :) is matched. Material appends a wildcard to every word
 * ("cap" matches "capacity") and segments Chinese greedily by the index's tokens. Here:
 * - A result must hold a word (between spaces) of the query. A Chinese word is held as one index token (or the
 *   start of one), or, where the text never has it as one token, as the fewest tokens that make it up, all in the
 *   same section. The index holds every word jieba makes of the text and the dictionary words inside them (the
 *   "words" field written by hooks/policy_pages.py), so 用地 finds 工业用地 and 识产 finds nothing.
 * - A Latin word matches itself and its inflections (cap: caps, capped; subsidy: subsidies), never a longer word
 *   it merely starts (cap: capacity). Only the word still being typed (last, not followed by a space, four
 *   characters or more) also matches the words it starts.
 * - Results that hold every word rank first, then those holding all but one, and so on; sections are scored
 *   by their page's words. Results that hold no word are dropped.
 * Loads Material's worker with importScripts from this origin only; no other request.
 */
"use strict";

(() => {
  const MESSAGE_SETUP = 0;                 // Material's SearchMessageType.SETUP
  const MESSAGE_QUERY = 2;                 // Material's SearchMessageType.QUERY
  const MESSAGE_RESULT = 3;                // Material's SearchMessageType.RESULT
  const SYNTAX = /["+*~^:]|(^|\s)-/;
  const HAN = /\p{sc=Han}/u;
  const RUNS = /\p{sc=Han}+|[^\p{sc=Han}]+/gu;
  const TIER = 1e-15;
  const TEXT_FIELDS = ["title", "text", "words"];  // not "tags": tags hold whole terms the text splits                      // score factor per word a result lacks (lunr scores span < 1e15)

  const material = new URL(self.location.href).searchParams.get("material") || "";
  if (!/^search\.[0-9a-f]+\.min\.js$/.test(material))
    throw new Error(`site-search.js: unexpected Material worker name ${JSON.stringify(material)}`);

  /* The documents to index: the page sends search_index.json, whose config names the file that holds them
   * (hooks/policy_pages.py moves them there, so that the page's main thread neither parses nor copies them). This
   * worker fetches them and hands Material's handler (registered after this one, by importScripts below) the setup
   * message with them. The file sits in the site's search/ folder, three levels above this worker's.
   *
   * Not at once: fetching the documents and building the index take a core for a while, which on a phone's few
   * cores would stretch the page's own start-up (and a calculator's). The page says when it wants search
   * (docs/assets/frontend/site/search-start.js: when the search field gets focus, when the calculator is ready, or
   * at the first idle moment after load on other pages) on a BroadcastChannel: "build". This worker says "waiting"
   * when the setup arrives, in case the page asked before it listened. Without BroadcastChannel it builds at once.
   * It builds anyway BUILD_LATEST_MS after the setup: search must not depend on the page's script having arrived
   * (offline, a module of the page not yet in the offline cache never asks). */
  const CHANNEL = "jiangbei-search";
  const BUILD_LATEST_MS = 3000;
  const channel = typeof BroadcastChannel === "function" ? new BroadcastChannel(CHANNEL) : null;
  let wanted = channel === null;
  let pendingSetup = null;  // () => void: fetches the documents and hands Material the setup message

  const buildIfWanted = () => {
    if (!wanted || !pendingSetup) return;
    const build = pendingSetup;
    pendingSetup = null;
    build();
  };

  if (channel)
    channel.addEventListener("message", event => {
      if (event.data && event.data.type === "build") {
        wanted = true;
        buildIfWanted();
      }
    });

  self.addEventListener("message", event => {
    const message = event.data;
    const setup = message && message.type === MESSAGE_SETUP && message.data;
    if (!setup || !setup.config || typeof setup.config.docs_file !== "string") return;
    event.stopImmediatePropagation();
    const { docs_file: docsFile, ...config } = setup.config;
    const docsUrl = new URL(`../../../search/${docsFile}`, self.location.href);
    pendingSetup = () => fetch(docsUrl)
      .then(response => {
        if (!response.ok) throw new Error(`HTTP ${response.status}`);
        return response.json();
      })
      .then(({ docs }) => docs, error => {
        // Offline before the service worker kept the file: search finds nothing rather than failing.
        console.warn(`site-search.js: ${docsUrl} not loaded (${error}); search has no documents`);
        return [];
      })
      .then(docs => self.dispatchEvent(new MessageEvent("message", {
        data: { ...message, data: { ...setup, config, docs } },
      })));
    if (wanted) buildIfWanted();
    else {
      channel.postMessage({ type: "waiting" });
      setTimeout(() => { wanted = true; buildIfWanted(); }, BUILD_LATEST_MS);
    }
  });

  /* The raw query, as typed: Material trims it and appends wildcards before lunr sees it. Material's message
   * handler runs after this listener and calls lunr.Index#search synchronously, within the same event. */
  let typed = null;
  self.addEventListener("message", event => {
    if (event.data && event.data.type === MESSAGE_QUERY && typeof event.data.data === "string")
      typed = event.data.data;
  });

  /* Material lists under each result the query words it lacks, from its own reading of the query (for Chinese,
   * fragments such as 知* or 识产). The results message gets the words as the reader typed them instead, each
   * marked as held or not by the result's page. */
  let lastSearch = null;
  const post = self.postMessage.bind(self);
  self.postMessage = message => {
    if (message && message.type === MESSAGE_RESULT && lastSearch) {
      const { words, heldByPage } = lastSearch;
      for (const group of message.data.items)
        for (const item of group) {
          const held = heldByPage.get(item.location.split("#")[0]);
          if (held) item.terms = Object.fromEntries(words.map((word, i) => [word, held[i]]));
        }
    }
    lastSearch = null;
    post(message);
  };

  importScripts(material);

  const lunr = self.lunr;
  const materialSearch = lunr.Index.prototype.search;
  lunr.Index.prototype.search = function (queryString) {
    const query = typed;
    typed = null;
    if (query === null || SYNTAX.test(query) || !query.trim())
      return materialSearch.call(this, queryString);
    return siteSearch(this, query);
  };

  /* ---- vocabulary ------------------------------------------------------------------------------------------ */

  const vocabularies = new WeakMap();
  function vocabulary(index) {
    let terms = vocabularies.get(index);
    if (!terms) {
      terms = Object.keys(index.invertedIndex).sort();
      vocabularies.set(index, terms);
    }
    return terms;
  }

  function startingWith(terms, prefix) {
    let low = 0, high = terms.length;
    while (low < high) {
      const middle = (low + high) >> 1;
      if (terms[middle] < prefix) low = middle + 1; else high = middle;
    }
    const found = [];
    for (let i = low; i < terms.length && terms[i].startsWith(prefix); i++)
      found.push(terms[i]);
    return found;
  }

  /* ---- reading a query -------------------------------------------------------------------------------------- */

  /* Material's split (integrations/search/internal): pieces of `text` between separator matches. */
  function split(text, separator) {
    const pattern = new RegExp(separator.source, "g");
    const pieces = [];
    let index = 0, match;
    do {
      match = pattern.exec(text);
      const until = match ? match.index : text.length;
      if (index < until) pieces.push(text.slice(index, until));
      if (match) {
        index = match.index + match[0].length;
        if (match[0].length === 0) pattern.lastIndex = match.index + 1;
      }
    } while (match);
    return pieces;
  }

  /* Index terms a Latin word (or number) stands for: itself and its inflections. */
  function latinTerms(terms, has, word, typing) {
    if (typing && word.length >= 4)
      return startingWith(terms, word);
    const forms = [word, `${word}s`, `${word}es`, `${word}ed`, `${word}d`, `${word}ing`, `${word}er`, `${word}ers`,
                   `${word}ly`];
    if (/[^aeiou][aeiou][bdgklmnprt]$/.test(word))
      forms.push(`${word}${word.at(-1)}ed`, `${word}${word.at(-1)}ing`, `${word}${word.at(-1)}er`);
    if (/[^aeiou]y$/.test(word))
      forms.push(`${word.slice(0, -1)}ies`, `${word.slice(0, -1)}ied`, `${word.slice(0, -1)}ily`);
    if (/e$/.test(word))
      forms.push(`${word.slice(0, -1)}ing`);
    return forms.filter(has);
  }

  /* The fewest pieces a Chinese run is made of, each an index term or the start of one, none the whole run; in a
   * run of two or more characters, no piece of a single character unless it is itself a term. null if none. */
  function hanPieces(terms, has, run) {
    const starts = piece => startingWith(terms, piece).length > 0;
    const best = new Array(run.length + 1).fill(null);
    best[0] = [];
    for (let i = 0; i < run.length; i++) {
      if (!best[i]) continue;
      for (let j = run.length; j > i; j--) {
        const piece = run.slice(i, j);
        if (piece === run || (piece.length === 1 && !has(piece))) continue;
        if (!(has(piece) || starts(piece))) continue;
        const candidate = [...best[i], piece];
        if (!best[j] || candidate.length < best[j].length) best[j] = candidate;
      }
    }
    return best[run.length];
  }

  /* The ways a result can hold a Chinese run: as one index term (or the start of one: the reader may still be
   * typing), or, where the text never holds the run as one word (技术改造 is segmented 技术 + 改造 and whole only
   * in page tags), as the fewest terms that make it up. Each way is a list of units; a unit is the list of index
   * terms that stand for it. */
  function hanWays(index, terms, has, run) {
    const unit = piece => (has(piece) ? [piece] : startingWith(terms, piece));
    const inText = term => TEXT_FIELDS.some(field => Object.keys(index.invertedIndex[term][field] || {}).length);
    const ways = [];
    const whole = unit(run);
    if (whole.length) ways.push([whole]);
    if (run.length > 1 && !whole.some(inText)) {
      const pieces = hanPieces(terms, has, run);
      if (pieces) ways.push(pieces.map(unit));
    }
    return ways;
  }

  /* A query word -> the ways a result can hold it: lists of units, each unit a list of index terms one of which
   * the result must hold. [] when nothing can hold it; null when it asks nothing (an English stop word). */
  function wordWays(index, word, typing) {
    const terms = vocabulary(index);
    const has = term => Object.prototype.hasOwnProperty.call(index.invertedIndex, term);
    let ways = [[]];
    let asks = false;
    for (const token of split(word, lunr.tokenizer.separator))
      for (const run of token.toLowerCase().match(RUNS) || []) {
        let options;
        if (HAN.test(run)) {
          options = hanWays(index, terms, has, run);
        } else {
          const found = latinTerms(terms, has, run, typing);
          // A word the index leaves out (an English stop word such as "to") asks nothing of a result.
          if (!found.length && lunr.stopWordFilter(run) === undefined) continue;
          options = found.length ? [[found]] : [];
        }
        asks = true;
        ways = ways.flatMap(way => options.map(option => [...way, ...option])).slice(0, 16);
      }
    return asks ? ways : null;
  }

  /* ---- searching -------------------------------------------------------------------------------------------- */

  function siteSearch(index, query) {
    const typing = !/\s$/.test(query);
    const words = query.trim().split(/\s+/);
    const asked = words.map((word, i) => [word, wordWays(index, word, typing && i === words.length - 1)])
      .filter(([, ways]) => ways !== null);
    const wanted = asked.map(([, ways]) => ways);
    const terms = [...new Set(wanted.flat(3))];
    if (!terms.length) return [];

    const results = index.query(builder => {
      for (const term of terms)
        builder.term(term, { usePipeline: false, wildcard: lunr.Query.wildcard.NONE });
    });

    /* Words held by each result, and by each page (a page with its sections). */
    const heldBy = new Map(), heldByPage = new Map(), termsOfPage = new Map();
    for (const result of results) {
      const matched = new Set(Object.keys(result.matchData.metadata));
      const held = wanted.map(ways => ways.some(units => units.every(unit => unit.some(term => matched.has(term)))));
      heldBy.set(result.ref, held);
      const page = result.ref.split("#")[0];
      const pageHeld = heldByPage.get(page) || wanted.map(() => false);
      heldByPage.set(page, pageHeld.map((value, i) => value || held[i]));
      termsOfPage.set(page, new Set([...(termsOfPage.get(page) || []), ...matched]));
    }
    lastSearch = { words: asked.map(([word]) => word), heldByPage };
    return results
      .filter(result => heldBy.get(result.ref).some(Boolean))
      .map(result => {
        const page = result.ref.split("#")[0];
        const lacking = heldByPage.get(page).filter(held => !held).length;
        /* Material lists a result's query words it did not find ("missing"); a word found in another section of
         * the same page is not missing from it. Terms without positions are not highlighted. */
        const metadata = Object.fromEntries([...termsOfPage.get(page)].map(term => [term, {}]));
        Object.assign(metadata, result.matchData.metadata);
        return { ref: result.ref, score: result.score * TIER ** lacking, matchData: { metadata } };
      })
      .sort((a, b) => b.score - a.score);
  }
})();
