"""Benchmark of the in-page calculator in headless Chromium (a script, not a test: it reports figures, asserts nothing).

    .venv/bin/python benchmarks/bench_browser.py [--runs 5] [--site-dir site] [--json out.json]

Serves the built site (site_build/static_server.py, as the tests do) and measures, in the same run:
- cold cache (a fresh browser context each run): time from navigation start to "calculator ready" on an article page
  (Pyodide in its worker, the calculator wheel loaded and imported), and to its first result with an amount typed
  as soon as the field is there, against a bare page that only calls `loadPyodide()` and imports decimal and json;
  goal: first result <= 1.0x bare. Also to "calculator ready" with nothing typed, where the worker holds the downloaded
  runtime until the page's first idle moment after load (the cost of keeping the page's start-up free of the
  compile). The floor is Pyodide as its npm package ships it (node_modules/pyodide: the full
  stdlib as .py sources), served by the same server from a directory of its own with .br/.gz copies like the site's
  (kept in .cache/bench-stock-pyodide). For reference, the same bare page is also timed on the site's own runtime
  files, whose stdlib is cut down and compiled to bytecode by the build (scripts/compile_bytecode.mjs): what a page
  with nothing but Pyodide would take with this site's files;
- warm (the next article): from the click on a link to another article to that article's calculator ready, after one
  article has run the calculator (so the service worker holds the runtime and the memory snapshot), `--runs` times,
  each to another article; the article opens in place and keeps the worker, which reports how it started (cold /
  snapshot / kept); goal <= 0.2x bare;
- page load of the next article (a new tab, a bookmark, a reload): from navigation start to calculator ready, the same
  articles loaded in full; a new worker restores Python from the memory snapshot;
- input change -> result shown (DOM updated and the next frame painted), p50/p95 over many edits, on an article
  widget and on the estimator with a profile over several articles; goal p95 <= 50 ms;
- the longest main-thread task (PerformanceObserver "longtask", >= 50 ms are reported) between the start of
  Pyodide's loading and calculator ready; goal <= 50 ms;
- bytes transferred on a cold article visit: Pyodide (runtime, stdlib, lock file, wheel) and everything else, as
  served here (site_build/static_server.py: the build's .br copies where Chromium accepts them) and, for the same files,
  raw, as their .gz copies and as their .br copies (a host without compression, with gzip_static, with brotli_static).
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from playwright.sync_api import Browser, BrowserContext, Page, expect, sync_playwright

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
from site_build.static_server import serving
from site_build.precompress import precompress

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
ARTICLE = "articles/3/"
FIRST_INPUT = "8000000"  # a3_investment typed on the cold visit
SECOND_ARTICLE = "articles/11/"
# The next articles of the warm runs (each a click on its link in the navigation of the page before).
# Only articles with a calculator (article 5 has none: its page would never report ready).
NEXT_ARTICLES = ["articles/11/", "articles/4/", "articles/19/", "articles/6/", "articles/8/", "articles/14/",
                 "articles/9/", "articles/12/", "articles/15/", "articles/3/"]
BARE_PAGE = "__bench/bare-loadpyodide.html"
# Pyodide as the npm package ships it, for the bare floor (the site's runtime files are cut down and compiled).
STOCK_PYODIDE = REPO / "node_modules" / "pyodide"
STOCK_RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
STOCK_DIR = REPO / ".cache" / "bench-stock-pyodide"
READY_TIMEOUT_MS = 120_000
# Collects long tasks from the very start of each document (an init script runs before the page's own scripts).
LONG_TASK_OBSERVER = """
window.__longTasks = [];
try {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) window.__longTasks.push({start: entry.startTime, duration: entry.duration});
  }).observe({type: "longtask", buffered: true});
} catch (error) {}
"""
# The first result shown on the page (a .pc-result whose state becomes "result"), in ms since navigation start.
# bench_embed.py uses it in every frame.
FIRST_RESULT_OBSERVER = """
window.__firstResult = null;
new MutationObserver((records) => {
  for (const record of records) {
    if (window.__firstResult === null && record.target.classList && record.target.classList.contains("pc-result")
        && record.target.dataset.state === "result") window.__firstResult = performance.now();
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["data-state"]});
"""
LONG_TASK_OBSERVER += FIRST_RESULT_OBSERVER
BARE_HTML = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare loadPyodide</title></head><body>
<p id="state">loading</p>
<script type="module">
import { loadPyodide } from "../pyodide/pyodide.mjs";
const pyodide = await loadPyodide({ indexURL: new URL("../pyodide/", location.href).href });
pyodide.runPython("import decimal, json");
performance.mark("pyodide-ready");
document.getElementById("state").textContent = "ready " + pyodide.version;
document.body.dataset.state = "ready";
</script></body></html>"""
EDIT_AND_WAIT = """async ({selector, field, values}) => {
  const root = document.querySelector(selector);
  const input = root.querySelector(`[data-field="${field}"]`);
  const result = root.querySelector(".pc-result");
  const times = [];
  for (const value of values) {
    const before = result.dataset.sequence;
    const started = performance.now();
    const rendered = new Promise((resolve) => {
      const observer = new MutationObserver(() => {
        if (result.dataset.sequence !== before && result.dataset.state === "result") { observer.disconnect(); resolve(); }
      });
      observer.observe(result, {attributes: true});
    });
    input.value = value;
    input.dispatchEvent(new Event("input", {bubbles: true}));
    await rendered;
    await new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
    times.push(performance.now() - started);
  }
  return times;
}"""
ESTIMATOR_PROFILE = {
    "registered_in_district": "true", "fiscal_contribution": "1500000", "a3_investment": "8650000",
    "a3_orientation": "special", "a6_design_centre_level": "national", "a6_design_centre_prev_level": "provincial",
    "a8_national_centre": "true", "a11_first_unit_level": "international", "a11_first_unit_prev_level": "provincial",
    "a14_green_factory_level": "national", "a19_joint_stock": "true", "a19_bond_issues_in_district": "20000000\n150000000",
}


class Transfers:
    """Bytes of every finished response in a context, split into Pyodide's files and the rest."""

    def __init__(self, site_dir: Path) -> None:
        self.site_dir = site_dir
        self.urls: list[str] = []
        self.sizes: dict[str, int] = {}

    def watch(self, context: BrowserContext) -> None:
        context.on("requestfinished", self._record)

    def _record(self, request: Any) -> None:
        if request.service_worker is not None:  # the offline precache, which starts once the calculator is ready
            return
        try:
            sizes = request.sizes()
        except Exception:  # noqa: BLE001 (a request without sizes, e.g. served by the service worker)
            return
        self.urls.append(request.url)
        self.sizes[request.url] = sizes["responseBodySize"] + sizes["responseHeadersSize"]

    def summary(self) -> dict[str, dict[str, int]]:
        """Per group: files, bytes as served in this run, and the same files raw, as .gz and as .br copies."""
        groups: dict[str, dict[str, int]] = {
            name: {"files": 0, "served_bytes": 0, "raw_bytes": 0, "gzip_static_bytes": 0, "brotli_static_bytes": 0}
            for name in ("pyodide", "rest", "total")}
        for url, size in self.sizes.items():
            path = urlsplit(url).path.lstrip("/")
            local = self.site_dir / (path + "index.html" if path.endswith("/") or not path else path)
            for group in (groups["pyodide" if path.startswith("pyodide/") else "rest"], groups["total"]):
                group["files"] += 1
                group["served_bytes"] += size
                if local.is_file():
                    raw = local.stat().st_size
                    group["raw_bytes"] += raw
                    for key, suffix in (("gzip_static_bytes", ".gz"), ("brotli_static_bytes", ".br")):
                        copy = local.with_name(local.name + suffix)
                        group[key] += copy.stat().st_size if copy.is_file() else raw
        return groups


def new_context(browser: Browser) -> BrowserContext:
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    context.add_init_script(LONG_TASK_OBSERVER)
    return context


def mark_time(page: Page, name: str) -> float:
    return float(page.evaluate(f"() => performance.getEntriesByName({json.dumps(name)})[0].startTime"))


def ready_phases(page: Page) -> dict[str, float | str | None]:
    """The worker's own start-up phases (import the runtime, boot Python, import the calculator), in ms."""
    detail = page.evaluate("() => performance.getEntriesByName('calculator-ready')[0].detail")
    return {key: value if value is None or isinstance(value, str) else round(float(value)) for key, value in detail.items()}


def cold_calculator(browser: Browser, base: str, site_dir: Path) -> dict[str, Any]:
    context = new_context(browser)
    transfers = Transfers(site_dir)
    transfers.watch(context)
    page = context.new_page()
    page.goto(base + ARTICLE, wait_until="commit")
    # Typed at once: as soon as the field is there, before the calculator is ready.
    page.locator('.policy-calculator [data-field="a3_investment"]').fill(FIRST_INPUT)
    expect(page.locator(".policy-calculator")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    expect(page.locator(".policy-calculator .pc-result")).to_have_attribute("data-state", "result", timeout=READY_TIMEOUT_MS)
    first_result = float(page.evaluate("() => window.__firstResult"))
    transferred = transfers.summary()  # at ready: the service worker's precaching starts only after this
    started, ready = mark_time(page, "calculator-start"), mark_time(page, "calculator-ready")
    tasks = page.evaluate("() => window.__longTasks")
    during = [task["duration"] for task in tasks if task["start"] + task["duration"] >= started and task["start"] <= ready]
    figures = {"ready_ms": ready, "first_result_ms": first_result, "start_ms": started, "longest_task_while_loading_ms": max(during, default=0.0),
               "long_tasks_while_loading": len(during),
               "longest_task_whole_load_ms": max((task["duration"] for task in tasks), default=0.0),
               "phases": ready_phases(page),
               "transfers": transferred}
    context.close()
    return figures


def cold_untouched(browser: Browser, base: str) -> dict[str, float]:
    """Navigation -> calculator ready when the reader types nothing: the worker downloads at once but compiles and
    boots only at the page's first idle moment after load (heldMs: how long the bytes waited)."""
    context = new_context(browser)
    page = context.new_page()
    page.goto(base + ARTICLE, wait_until="commit")
    expect(page.locator(".policy-calculator")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    figures = {"ready_ms": mark_time(page, "calculator-ready"), "held_ms": float(ready_phases(page).get("heldMs") or 0)}
    context.close()
    return figures


def cold_bare(browser: Browser, base: str) -> float:
    context = new_context(browser)
    context.route(base + BARE_PAGE, lambda route: route.fulfill(status=200, content_type="text/html", body=BARE_HTML))
    page = context.new_page()
    page.goto(base + BARE_PAGE)
    expect(page.locator("body")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    ready = mark_time(page, "pyodide-ready")
    context.close()
    return ready


def stock_pyodide_root() -> Path:
    """A directory served like the site: pyodide/ with the npm package's runtime files and their .br/.gz copies."""
    runtime = STOCK_DIR / "site" / "pyodide"
    runtime.mkdir(parents=True, exist_ok=True)
    for name in STOCK_RUNTIME_FILES:
        data = (STOCK_PYODIDE / name).read_bytes()
        target = runtime / name
        if not target.is_file() or target.read_bytes() != data:
            target.write_bytes(data)
    (STOCK_DIR / "site" / "index.html").write_text("<!doctype html><title>stock Pyodide</title>\n", encoding="utf-8")
    (STOCK_DIR / "site" / BARE_PAGE).parent.mkdir(exist_ok=True)
    (STOCK_DIR / "site" / BARE_PAGE).write_text(BARE_HTML, encoding="utf-8")  # a file, for bench_webkit.py
    precompress(STOCK_DIR / "site", cache_dir=STOCK_DIR / "compressed")  # slow once (Brotli 11), then cached
    return STOCK_DIR / "site"


def ready_epoch(page: Page) -> float:
    return float(page.evaluate("() => performance.timeOrigin + performance.getEntriesByName('calculator-ready')[0].startTime"))


def warm_and_interaction(browser: Browser, base: str, edits: int, runs: int) -> dict[str, Any]:
    context = new_context(browser)
    page = context.new_page()
    page.goto(base + ARTICLE)
    root = page.locator(".policy-calculator")
    expect(root).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    page.evaluate("() => navigator.serviceWorker.ready.then(() => new Promise(resolve => {"
                  " if (navigator.serviceWorker.controller) resolve(); else"
                  " navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), {once: true}); }))")
    # The runtime is in the service worker's cache (what the calculator fetched, handed over after ready).
    page.wait_for_function("() => caches.match(new URL('../../pyodide/pyodide.asm.wasm', location.href).href)"
                           ".then(Boolean)", timeout=READY_TIMEOUT_MS)
    article_edits = page.evaluate(EDIT_AND_WAIT, {"selector": ".policy-calculator", "field": "a3_investment",
                                                  "values": [str(2_000_000 + 12_345 * i) for i in range(edits)]})
    warm_runs: list[dict[str, Any]] = []
    for target in NEXT_ARTICLES[:runs]:
        # A real click on the navigation's link: the article opens in place and the worker is kept.
        clicked = float(page.evaluate("""target => {
          const link = [...document.querySelectorAll('.md-nav a')].find((a) => a.href.endsWith('/' + target));
          const now = performance.timeOrigin + performance.now();
          link.click();
          return now;
        }""", target))
        page.wait_for_url("**/" + target)
        article = target.strip("/").split("/")[-1]
        expect(page.locator(f'.policy-calculator[data-article="{article}"]')).to_have_attribute(
            "data-state", "ready", timeout=READY_TIMEOUT_MS)
        page.wait_for_function("() => performance.getEntriesByName('calculator-ready').length > 0")
        warm_runs.append({"article": target, "ready_ms": ready_epoch(page) - clicked, "phases": ready_phases(page)})
    # The same articles loaded in full (a new tab, a bookmark, a reload): a new worker, restored from the snapshot.
    page_load_runs: list[dict[str, Any]] = []
    for target in NEXT_ARTICLES[:runs]:
        page.goto(base + target)
        expect(page.locator(".policy-calculator")).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
        page_load_runs.append({"article": target, "ready_ms": mark_time(page, "calculator-ready"),
                               "phases": ready_phases(page)})
    third = context.new_page()
    third.goto(base + "estimator/")
    estimator = third.locator(".policy-estimator")
    expect(estimator).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    warm_estimator_ready = mark_time(third, "calculator-ready")
    # The estimator draws a part's fields when the part is first opened: open them all, as a reader would one by one.
    closed = estimator.locator("details.pc-part:not([open]) > summary")
    while closed.count():
        closed.first.click()
    for key, value in ESTIMATOR_PROFILE.items():
        control = estimator.locator(f'[data-field="{key}"]')
        control.evaluate("e => { const d = e.closest('details'); if (d) d.open = true; }")
        if control.evaluate("e => e.tagName") == "SELECT":
            control.select_option(value)
        else:
            control.fill(value)
    expect(estimator.locator(".pc-result")).to_have_attribute("data-state", "result", timeout=READY_TIMEOUT_MS)
    estimator_edits = third.evaluate(EDIT_AND_WAIT, {"selector": ".policy-estimator", "field": "a3_investment",
                                                     "values": [str(3_000_000 + 54_321 * i) for i in range(edits)]})
    context.close()
    return {"warm_runs": warm_runs, "page_load_runs": page_load_runs, "warm_estimator_ready_ms": warm_estimator_ready,
            "article_edit_ms": article_edits, "estimator_edit_ms": estimator_edits}


def percentile(values: list[float], fraction: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(fraction * (len(ordered) - 1))))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site-dir", type=Path, default=REPO / "site")
    parser.add_argument("--runs", type=int, default=5, help="cold runs of each page (alternating)")
    parser.add_argument("--edits", type=int, default=100, help="input changes for the input -> result timing")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    options = parser.parse_args()
    site_dir = options.site_dir.resolve()
    stock_root = stock_pyodide_root()
    with serving(site_dir) as base, serving(stock_root) as stock_base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        cold_runs: list[dict[str, Any]] = []
        untouched_runs: list[dict[str, float]] = []
        bare_runs: list[float] = []
        site_bare_runs: list[float] = []
        for _ in range(options.runs):
            bare_runs.append(cold_bare(browser, stock_base))
            site_bare_runs.append(cold_bare(browser, base))
            cold_runs.append(cold_calculator(browser, base, site_dir))
            untouched_runs.append(cold_untouched(browser, base))
        warm = warm_and_interaction(browser, base, options.edits, options.runs)
        browser.close()

    calculator_ready = statistics.median(run["ready_ms"] for run in cold_runs)
    first_result = statistics.median(run["first_result_ms"] for run in cold_runs)
    untouched_ready = statistics.median(run["ready_ms"] for run in untouched_runs)
    bare_ready = statistics.median(bare_runs)
    site_bare_ready = statistics.median(site_bare_runs)
    figures = {
        "runs": options.runs,
        "cold_calculator_ready_ms_median": round(calculator_ready),
        "cold_calculator_ready_ms_runs": [round(run["ready_ms"]) for run in cold_runs],
        "cold_bare_loadpyodide_ms_median": round(bare_ready),
        "cold_bare_loadpyodide_ms_runs": [round(value) for value in bare_runs],
        "cold_ratio": round(calculator_ready / bare_ready, 3),
        "cold_untouched_ready_ms_median": round(untouched_ready),
        "cold_untouched_ratio": round(untouched_ready / bare_ready, 3),
        "cold_untouched_held_ms_median": round(statistics.median(run["held_ms"] for run in untouched_runs)),
        "cold_first_result_ms_median": round(first_result),
        "cold_first_result_ratio": round(first_result / bare_ready, 3),
        "site_runtime_bare_ms_median": round(site_bare_ready),
        "site_runtime_bare_ms_runs": [round(value) for value in site_bare_runs],
        "cold_first_result_ratio_to_site_runtime_bare": round(first_result / site_bare_ready, 3),
        "pyodide_start_after_navigation_ms_median": round(statistics.median(run["start_ms"] for run in cold_runs)),
        "longest_main_thread_task_while_loading_ms_max": round(max(r["longest_task_while_loading_ms"] for r in cold_runs), 1),
        "longest_main_thread_task_whole_load_ms_max": round(max(r["longest_task_whole_load_ms"] for r in cold_runs), 1),
        "cold_worker_phases_ms_last_run": cold_runs[-1]["phases"],
        "warm_next_article_ready_ms_median": round(statistics.median(run["ready_ms"] for run in warm["warm_runs"])),
        "warm_next_article_ready_ms_runs": [round(run["ready_ms"]) for run in warm["warm_runs"]],
        "warm_ratio": round(statistics.median(run["ready_ms"] for run in warm["warm_runs"]) / bare_ready, 3),
        "warm_worker_started": [run["phases"].get("started", "cold") for run in warm["warm_runs"]],
        "warm_worker_snapshot": [run["phases"].get("snapshot", "") for run in warm["warm_runs"]],
        "warm_worker_phases_ms_last_run": warm["warm_runs"][-1]["phases"],
        "page_load_next_article_ready_ms_median": round(statistics.median(run["ready_ms"] for run in warm["page_load_runs"])),
        "page_load_next_article_ready_ms_runs": [round(run["ready_ms"]) for run in warm["page_load_runs"]],
        "page_load_ratio": round(statistics.median(run["ready_ms"] for run in warm["page_load_runs"]) / bare_ready, 3),
        "page_load_worker_started": [run["phases"].get("started", "cold") for run in warm["page_load_runs"]],
        "warm_estimator_ready_ms": round(warm["warm_estimator_ready_ms"]),
        "article_input_to_result_ms": {"p50": round(percentile(warm["article_edit_ms"], 0.5), 1),
                                       "p95": round(percentile(warm["article_edit_ms"], 0.95), 1),
                                       "max": round(max(warm["article_edit_ms"]), 1)},
        "estimator_input_to_result_ms": {"p50": round(percentile(warm["estimator_edit_ms"], 0.5), 1),
                                         "p95": round(percentile(warm["estimator_edit_ms"], 0.95), 1),
                                         "max": round(max(warm["estimator_edit_ms"]), 1)},
        "cold_article_transfer": cold_runs[-1]["transfers"],
    }
    for key, value in figures.items():
        print(f"{key:48} {value}")
    if options.json:
        options.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
