"""Benchmark of an embedded calculator against the article page (a script, not a test: it reports figures, asserts
nothing).

    .venv/bin/python benchmarks/bench_embed.py [--runs 5] [--site-dir site] [--json out.json]

Serves the built site (site_build/static_server.py, as the tests do, on http://127.0.0.1:<port>/) and another site
that embeds article 3's calculator with embed.js (tests/embed_host.py, on http://localhost:<port>/: a third-party
frame). Side by side, in headless Chromium, alternating which goes first, each run in a fresh browser context (cold
cache), the amount typed as soon as the field is there:
- the article page articles/3/: navigation start -> calculator ready, -> first result shown;
- the host page with the embed: from the HOST page's navigation start (what the reader of that page waits) -> the
  frame's calculator ready, -> its first result shown; also when the frame's own navigation started.
Medians over the runs and the embed/article ratios. An embed boots Python every time (no memory snapshot, no offline
cache in another site's frame); a cold article visit boots too, so the two are comparable cold.

Weight, as benchmarks/page_weight.py counts it (every file a page loads, gzip -9, Pyodide and the calculator's wheel
excluded and reported apart): the embed page embed/articles/3/ opened on its own, the article page, and what the host
page adds (embed.js).
"""

from __future__ import annotations

import argparse
import gzip
import json
import statistics
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, Response, expect, sync_playwright

from bench_browser import FIRST_RESULT_OBSERVER  # in every frame, from the start of its document

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "tests"))
from embed_host import serving_host  # noqa: E402
from site_build.static_server import serving

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
FIRST_INPUT = "8000000"  # a3_investment
READY_TIMEOUT_MS = 180_000
FIELD = '.policy-calculator [data-field="a3_investment"]'
# Epoch milliseconds of the frame's navigation start, calculator ready and first result.
EPOCHS = """() => ({
  start: performance.timeOrigin,
  ready: performance.timeOrigin + performance.getEntriesByName('calculator-ready')[0].startTime,
  result: performance.timeOrigin + window.__firstResult,
})"""
HOST_PAGE = "bench-article-3.html"


def host_page(site_url: str) -> str:
    return f"""<!doctype html>
<html lang="zh"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>Host</title><link rel="icon" href="data:,"></head><body>
<h1>Another site</h1>
<div class="box" id="embed-3"><div data-jiangbei-calculator="3" data-lang="zh"></div></div>
<script src="{site_url}assets/frontend/embed.js" async></script>
</body></html>"""


def new_context(browser: Browser) -> Any:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(FIRST_RESULT_OBSERVER)
    return context


def article_run(browser: Browser, site_url: str) -> dict[str, float]:
    context = new_context(browser)
    page = context.new_page()
    page.goto(site_url + "articles/3/", wait_until="commit")
    page.locator(FIELD).fill(FIRST_INPUT)
    expect(page.locator(".policy-calculator")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    expect(page.locator(".policy-calculator .pc-result")).to_have_attribute("data-state", "result", timeout=READY_TIMEOUT_MS)
    epochs = page.evaluate(EPOCHS)
    context.close()
    return {"ready_ms": epochs["ready"] - epochs["start"], "first_result_ms": epochs["result"] - epochs["start"]}


def embed_run(browser: Browser, host_url: str) -> dict[str, float]:
    context = new_context(browser)
    page = context.new_page()
    page.goto(host_url + HOST_PAGE, wait_until="commit")
    frame = page.frame_locator("#embed-3 iframe")
    frame.locator(FIELD).fill(FIRST_INPUT)
    expect(frame.locator(".policy-calculator")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    expect(frame.locator(".policy-calculator .pc-result")).to_have_attribute("data-state", "result", timeout=READY_TIMEOUT_MS)
    host_start = float(page.evaluate("() => performance.timeOrigin"))
    inner = page.locator("#embed-3 iframe").element_handle().content_frame()
    assert inner is not None
    epochs = inner.evaluate(EPOCHS)
    context.close()
    return {"ready_ms": epochs["ready"] - host_start, "first_result_ms": epochs["result"] - host_start,
            "frame_start_ms": epochs["start"] - host_start}


def _is_pyodide(path: str) -> bool:
    return "/pyodide/" in path or path.endswith(".whl")


def weight(browser: Browser, url: str, origin_of_interest: str) -> dict[str, dict[str, float]]:
    """Files the page at `url` loads from `origin_of_interest` (raw and gzip -9 KB): the page's own, and Pyodide."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    rows: dict[str, tuple[int, int]] = {}

    def record(response: Response) -> None:
        if not response.url.startswith(origin_of_interest) or response.url in rows:
            return
        if response.request.service_worker is not None:
            return  # the offline cache filling itself
        try:
            body = response.body()
        except Exception:  # noqa: BLE001 (redirects and aborted requests have no body)
            return
        rows[response.url] = (len(body), len(gzip.compress(body, compresslevel=9)))

    context.on("response", record)
    page.goto(url)
    root = page.frame_locator("iframe").locator(".policy-calculator") if "bench-" in url else page.locator(".policy-calculator")
    expect(root).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    page.wait_for_load_state("networkidle")
    context.close()
    groups: dict[str, dict[str, float]] = {name: {"files": 0, "raw_kb": 0.0, "gzip_kb": 0.0} for name in ("page", "pyodide")}
    for address, (raw, packed) in rows.items():
        group = groups["pyodide" if _is_pyodide(urlsplit(address).path) else "page"]
        group["files"] += 1
        group["raw_kb"] += raw / 1024
        group["gzip_kb"] += packed / 1024
    return {name: {key: round(value, 1) for key, value in group.items()} for name, group in groups.items()}


def median(runs: list[dict[str, float]], key: str) -> float:
    return statistics.median(run[key] for run in runs)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site-dir", type=Path, default=REPO / "site")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    options = parser.parse_args()
    site_dir = options.site_dir.resolve()
    if not (site_dir / "embed" / "articles" / "3" / "index.html").is_file():
        parser.error(f"{site_dir}: no embed pages: build the site first (scripts/build.sh)")
    host_dir = REPO / ".cache" / "bench-embed-host"
    host_dir.mkdir(parents=True, exist_ok=True)
    with serving(site_dir) as site_url, serving_host(site_url, host_dir) as host_url, sync_playwright() as playwright:
        (host_dir / HOST_PAGE).write_text(host_page(site_url), encoding="utf-8")
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        article_runs: list[dict[str, float]] = []
        embed_runs: list[dict[str, float]] = []
        for run in range(options.runs):
            order = [("article", article_runs), ("embed", embed_runs)]
            for name, runs in (order if run % 2 == 0 else order[::-1]):
                runs.append(article_run(browser, site_url) if name == "article" else embed_run(browser, host_url))
                print(f"run {run + 1} {name}: " + ", ".join(f"{key} {value:.0f}" for key, value in runs[-1].items()),
                      flush=True)
        weights = {"embed page embed/articles/3/": weight(browser, site_url + "embed/articles/3/", site_url),
                   "article page articles/3/": weight(browser, site_url + "articles/3/", site_url),
                   "host page (its own files)": weight(browser, host_url + HOST_PAGE, host_url),
                   "host page (this site's files)": weight(browser, host_url + HOST_PAGE, site_url)}
        browser.close()
    figures: dict[str, Any] = {"runs": options.runs}
    for key in ("ready_ms", "first_result_ms"):
        article, embed = median(article_runs, key), median(embed_runs, key)
        figures[f"article_{key}_median"] = round(article)
        figures[f"embed_{key}_median"] = round(embed)
        figures[f"embed_to_article_{key}_ratio"] = round(embed / article, 3)
    figures["embed_frame_start_ms_median"] = round(median(embed_runs, "frame_start_ms"))
    figures["weights"] = weights
    print(json.dumps(figures, indent=2, ensure_ascii=False))
    if options.json:
        options.json.write_text(json.dumps({**figures, "article_runs": article_runs, "embed_runs": embed_runs},
                                           indent=2, ensure_ascii=False), encoding="utf-8")


if __name__ == "__main__":
    main()
