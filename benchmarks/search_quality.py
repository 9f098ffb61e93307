"""Search quality of the built site's Chinese search, with queries made from policy.yaml alone.

Run after `bash scripts/build.sh`:  .venv/bin/python benchmarks/search_quality.py [--json out.json]

Query sets (made here from policy.yaml with jieba's own dictionary; the site's index is not consulted):
- words: every word of two or more Chinese characters that `jieba.cut` (accurate mode) makes of the Chinese text
  (notice, preamble, article titles and clauses, 附则).
- parts: the two-character parts of those words that a reader might type: a two-character dictionary word inside a
  word of three or more characters that does not span the boundary between the word's own parts (知识产权 splits into
  知识|产权, so 知识 and 产权 count and 识产 does not). A word's parts are its best dictionary split without itself.
- multi: 20 two-word queries ("A B"): for the first 20 articles, the article's rarest word and its most widespread
  word (by the number of articles and 附则 holding it).

Each query goes through the site's real search: the search worker the Chinese pages name in Material's __config
(the same file, the same setup and query messages as the search box), in headless Chromium, on the site served by
site_build/static_server.py. A page is *true* for a query when its title and text in the index (what the page shows in
this language, segmentation marks removed) hold the query, or for multi-word queries every word of it.

Figures, per set:
- recall@10: true pages among the first 10 results / min(10, number of true pages), averaged over queries;
- none@10: share of queries with at least one true page but none among the first 10;
- precision@10: true pages among the first 10 results / results shown (at most 10), averaged over queries that
  return anything;
- empty: share of queries that return nothing;
- for multi: all-first, the share of queries where every page holding all words comes before every page that doesn't.
Also the gzip size of both search indexes.
"""
from __future__ import annotations

import argparse
import gzip
import html
import json
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))

from site_build.policy_data import iter_text_clauses, load_policy
from site_build.search_subwords import split_without_itself
from site_build.static_server import serving

CHROMIUM = Path("/usr/bin/chromium")
TOP = 10
MULTI_COUNT = 20
HAN_WORD = re.compile(r"^[\u4e00-\u9fff]{2,}$")


# ---------------------------------------------------------------------------------------------------------------------
# Query sets

def chinese_texts(policy: Mapping[str, Any]) -> list[str]:
    texts = [clause["zh"] for clause, _ in iter_text_clauses(dict(policy))]
    texts += [article["title"]["zh"] for article in policy["articles"]]
    return texts


def jieba_words(text: str) -> list[str]:
    import jieba  # type: ignore[import-untyped]
    return [word for word in jieba.cut(text) if HAN_WORD.match(word)]


def word_split(word: str) -> list[str]:
    """The best split of `word` into smaller dictionary words, exactly as the index makes its sub-words
    (site_build/search_subwords.py): 工业用地 -> 工业|用地, not 工业用|地."""
    import jieba
    jieba.dt.check_initialized()
    return split_without_itself(jieba.dt, word)


def two_character_parts(word: str) -> list[str]:
    import jieba
    if len(word) < 3:
        return []
    parts: list[str] = []
    offset = 0
    for piece in word_split(word):
        for i in range(len(piece) - 1):
            part = piece[i:i + 2]
            if jieba.dt.FREQ.get(part, 0) > 0 and part not in parts:
                parts.append(part)
        offset += len(piece)
    return parts


def query_sets(policy: Mapping[str, Any]) -> dict[str, list[list[str]]]:
    """{set name: [query as a list of words]}; every query is made from policy.yaml's Chinese text only."""
    words: list[str] = []
    for text in chinese_texts(policy):
        for word in jieba_words(text):
            if word not in words:
                words.append(word)
    parts: list[str] = []
    for word in words:
        for part in two_character_parts(word):
            if part not in parts:
                parts.append(part)

    units = [article["title"]["zh"] + "".join(c["zh"] for c in article["clauses"]) for article in policy["articles"]]
    units += ["".join(c["zh"] for c in p["clauses"]) for p in policy["supplementary"]["provisions"]]
    spread = {word: sum(word in unit for unit in units) for word in words}
    multi: list[list[str]] = []
    for article in policy["articles"]:
        text = article["title"]["zh"] + "".join(c["zh"] for c in article["clauses"])
        own = list(dict.fromkeys(jieba_words(text)))
        if len(own) < 2:
            continue
        rare = min(own, key=lambda w: (spread[w], own.index(w)))
        common = max((w for w in own if w != rare and spread[w] < len(units)),
                     key=lambda w: (spread[w], -own.index(w)), default=None)
        if common and [rare, common] not in multi:
            multi.append([rare, common])
        if len(multi) == MULTI_COUNT:
            break
    return {"words": [[w] for w in words], "parts": [[p] for p in parts], "multi": multi}


# ---------------------------------------------------------------------------------------------------------------------
# Truth: what each page of the built site shows in its language

def page_texts(index: Mapping[str, Any]) -> dict[str, str]:
    """{page path: title and text of the page and its sections, markup and segmentation removed}."""
    texts: dict[str, list[str]] = {}
    for doc in index["docs"]:
        page = doc["location"].split("#")[0]
        for field in ("title", "text"):
            value = re.sub(r"<[^>]+>", "", doc.get(field) or "")
            texts.setdefault(page, []).append(html.unescape(value).replace("\u200b", ""))
    return {page: "\n".join(parts) for page, parts in texts.items()}


def true_pages(query: Sequence[str], texts: Mapping[str, str]) -> set[str]:
    return {page for page, text in texts.items() if all(word in text for word in query)}


# ---------------------------------------------------------------------------------------------------------------------
# Running queries through the site's search worker

WORKER_DRIVER = """
async ([workerUrl, indexUrl, queries]) => {
  const index = await (await fetch(indexUrl)).json();
  const worker = new Worker(workerUrl);
  let resolve;
  worker.onmessage = ev => resolve(ev.data);
  const next = () => new Promise(r => { resolve = r; });
  // Material's setup message (integrations/search/worker): the index plus the options of the search box.
  worker.postMessage({type: 0, data: {config: index.config, docs: index.docs, options: {suggest: true}}});
  const ready = await next();
  if (ready.type !== 1) throw new Error("search worker did not report ready: " + JSON.stringify(ready));
  const out = [];
  for (const query of queries) {
    worker.postMessage({type: 2, data: query});
    const result = await next();
    // One item per page (its sections grouped with it), in the order the search box shows them.
    out.push(result.data.items.map(group => group[0].location.split("#")[0]));
  }
  worker.terminate();
  return out;
}
"""


def run_queries(site_dir: Path, lang_prefix: str, queries: list[str]) -> list[list[str]]:
    from playwright.sync_api import sync_playwright

    with serving(site_dir) as site_url, sync_playwright() as p:
        base = site_url + lang_prefix
        browser = p.chromium.launch(executable_path=str(CHROMIUM), args=["--no-sandbox"])
        page = browser.new_page()
        page.goto(base)
        config = json.loads(page.locator("#__config").text_content() or "{}")
        worker_url = page.evaluate("u => new URL(u, location.href).href", config["search"])
        results: list[list[str]] = page.evaluate(WORKER_DRIVER, [worker_url, base + "search/search_index.json",
                                                                 queries])
        browser.close()
    return [list(dict.fromkeys(pages)) for pages in results]


# ---------------------------------------------------------------------------------------------------------------------
# Figures

@dataclass
class SetFigures:
    queries: int
    recall: float
    none: float
    precision: float
    empty: float
    all_first: float | None = None

    def line(self, name: str) -> str:
        extra = f"  all-first {self.all_first:.3f}" if self.all_first is not None else ""
        return (f"{name:6} n={self.queries:4}  recall@10 {self.recall:.3f}  none@10 {self.none:.3f}  "
                f"precision@10 {self.precision:.3f}  empty {self.empty:.3f}{extra}")


def figures(queries: list[list[str]], results: list[list[str]], texts: Mapping[str, str],
            *, multi: bool = False) -> tuple[SetFigures, list[dict[str, Any]]]:
    recalls: list[float] = []
    precisions: list[float] = []
    nones: list[bool] = []
    empties: list[bool] = []
    orders: list[bool] = []
    misses: list[dict[str, Any]] = []
    for query, pages in zip(queries, results):
        truth = true_pages(query, texts)
        top = pages[:TOP]
        hits = [page for page in top if page in truth]
        empties.append(not pages)
        if truth:
            recalls.append(len(hits) / min(TOP, len(truth)))
            nones.append(not hits)
            if not hits:
                misses.append({"query": " ".join(query), "true": sorted(truth)[:5], "top": top[:5]})
        if top:
            precisions.append(len(hits) / len(top))
        if multi:
            flags = [page in truth for page in pages]
            orders.append(all(flags[i] or not any(flags[i:]) for i in range(len(flags))))
    return SetFigures(len(queries), mean(recalls), mean(nones), mean(precisions), mean(empties),
                      mean(orders) if multi else None), misses


def mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else float("nan")


def gzip_size(path: Path) -> int:
    return len(gzip.compress(path.read_bytes(), compresslevel=9, mtime=0))


def main(argv: Iterable[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--site", type=Path, default=REPO / "site")
    parser.add_argument("--json", type=Path, help="also write the figures (and missed queries) here")
    parser.add_argument("--show-misses", type=int, default=0, help="print up to N missed queries per set")
    args = parser.parse_args(list(argv) if argv is not None else None)

    policy = load_policy(REPO / "policy.yaml")
    sets = query_sets(policy)
    # The documents are in search_docs.json (hooks/policy_pages.py): search_index.json holds the config only.
    index_file = args.site / "search" / "search_docs.json"
    texts = page_texts(json.loads(index_file.read_text(encoding="utf-8")))
    flat = [" ".join(query) for name in sets for query in sets[name]]
    results = run_queries(args.site, "", flat)

    report: dict[str, Any] = {"index_gzip_bytes": {"zh": gzip_size(index_file),
                                                   "en": gzip_size(args.site / "en" / "search" / "search_docs.json")}}
    offset = 0
    for name, queries in sets.items():
        chunk = results[offset:offset + len(queries)]
        offset += len(queries)
        numbers, misses = figures(queries, chunk, texts, multi=name == "multi")
        print(numbers.line(name))
        for miss in misses[:args.show_misses]:
            print("   miss:", miss)
        report[name] = {**numbers.__dict__, "misses": misses}
    print(f"index gzip bytes: zh {report['index_gzip_bytes']['zh']}, en {report['index_gzip_bytes']['en']}")
    if args.json:
        args.json.write_text(json.dumps(report, ensure_ascii=False, indent=1), encoding="utf-8")


if __name__ == "__main__":
    main()
