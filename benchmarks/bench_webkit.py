"""Benchmark of the in-page calculator in WebKitGTK (a script, not a test: it reports figures, asserts nothing).

    .venv/bin/python benchmarks/bench_webkit.py [--runs 5] [--site-dir site] [--json out.json]

WebKit is the engine of every iPhone browser. Drives Debian's WebKitGTK (`webkit2gtk-driver`: WebKitWebDriver and its
MiniBrowser) through Selenium on a private Xvfb, serving the built site with site_build/static_server.py as the tests do,
and measures in the same run (each cold run in a new WebDriver session, whose storage starts empty):
- bare: benchmarks/bench_browser.py's page, which only calls `loadPyodide()` and imports decimal and json, from
  navigation start to Pyodide ready, on Pyodide as its npm package ships it (bench_browser.py's floor, served from
  a directory of its own); for reference also on the site's /pyodide/ (stdlib cut down and compiled to bytecode);
- cold article 3: from navigation start to "calculator ready" and to the first result, with the inputs typed as soon
  as the page has loaded; ratio to bare;
- next article: in one session, after article 3 has computed and its memory snapshot is stored, a click on the
  navigation's link to another article, to that article's calculator ready and to its first result (inputs typed
  once the page has loaded); how its worker started (cold / snapshot / kept); ratio to bare.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any, TypeVar

from selenium.webdriver.common.by import By
from selenium.webdriver.remote.webdriver import WebDriver
from selenium.webdriver.support.ui import WebDriverWait

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "benchmarks"))
sys.path.insert(0, str(REPO / "tests" / "webkit"))
from bench_browser import BARE_HTML, BARE_PAGE, stock_pyodide_root  # noqa: E402
from site_build.static_server import serving
from webkit_browser import virtual_display, webkit_session  # noqa: E402

ARTICLE = "articles/3/"
ARTICLE_VALUES = {"a3_investment": "8000000", "a3_orientation": "key"}
# The next articles (each a click on its link in the navigation of the page before; each has a calculator) and what
# is typed there.
NEXT_ARTICLES: list[tuple[int, dict[str, str]]] = [
    (11, {"a11_first_unit_level": "domestic"}),
    (4, {}), (19, {}), (6, {}), (8, {}), (14, {}), (7, {}), (9, {}), (12, {}), (3, ARTICLE_VALUES),
]
TIMEOUT_S = 240
SNAPSHOT_BYTES = 10_000_000

T = TypeVar("T")
driver_log_dir: str | None = None  # --driver-log: WebKitWebDriver's and the browser's output, one file per session
sessions_started = 0

# Fills the widget's fields at once (as a reader typing while the runtime loads) and resolves with
# performance.now() (ms since navigation start) when the first result is shown.
FILL_AND_TIME_FIRST_RESULT = """
const [selector, values, done] = arguments;
const root = document.querySelector(selector);
const box = root.querySelector(".pc-result");
const shown = () => box.dataset.state === "result" && box.querySelector("li.pc-line");
const finish = () => done({resultMs: performance.now()});
for (const [key, value] of Object.entries(values)) {
  const control = root.querySelector(`[data-field="${key}"]`);
  for (let d = control.closest("details"); d; d = d.parentElement.closest("details")) d.open = true;
  control.value = value;
  control.dispatchEvent(new Event("input", {bubbles: true}));
  control.dispatchEvent(new Event("change", {bubbles: true}));
}
if (shown()) finish();
else new MutationObserver((_, observer) => { if (shown()) { observer.disconnect(); finish(); } })
  .observe(box, {attributes: true, childList: true, subtree: true});
"""
STORED_SNAPSHOT_BYTES = """
const done = arguments[arguments.length - 1];
(async () => {
  let bytes = 0;
  for (const name of await caches.keys()) {
    if (!name.startsWith("jiangbei-snapshot-")) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) bytes += (await (await cache.match(request)).arrayBuffer()).byteLength;
  }
  return bytes;
})().then(done, () => done(0));
"""
READY = """
const entry = performance.getEntriesByName("calculator-ready")[0];
return entry ? {readyMs: entry.startTime, readyEpoch: performance.timeOrigin + entry.startTime, ...entry.detail} : null;
"""


def wait_for(driver: WebDriver, condition: Callable[[WebDriver], T]) -> T:
    return WebDriverWait(driver, TIMEOUT_S, poll_frequency=0.05).until(condition)


@contextmanager
def webkit_run_session(display: str) -> Iterator[WebDriver]:
    """The test harness's WebKit session, with this run's script timeout and, with --driver-log, one log per session."""
    global sessions_started
    sessions_started += 1
    log = open(os.path.join(driver_log_dir, f"webkit-{sessions_started}.log"), "w") if driver_log_dir else subprocess.DEVNULL
    try:
        with webkit_session(display, command_timeout_s=TIMEOUT_S + 60, log_output=log) as driver:
            driver.set_script_timeout(TIMEOUT_S)
            yield driver
    finally:
        if not isinstance(log, int):
            log.close()


@contextmanager
def site_with_bare_page(site_dir: Path) -> Iterator[Path]:
    """The built site plus the bare page, as one directory (symbolic links): bare and site on the same origin."""
    with tempfile.TemporaryDirectory(prefix="bench-webkit-") as temporary:
        root = Path(temporary)
        for entry in site_dir.iterdir():
            (root / entry.name).symlink_to(entry)
        (root / BARE_PAGE).parent.mkdir()
        (root / BARE_PAGE).write_text(BARE_HTML, encoding="utf-8")
        yield root


def first_result(driver: WebDriver, selector: str, values: dict[str, str]) -> float:
    # The form is drawn once inputs.json has loaded, which may be just after the load event.
    fields = ",".join(f'{selector} [data-field="{key}"]' for key in values)
    wait_for(driver, lambda d: len(d.find_elements(By.CSS_SELECTOR, fields)) == len(values))
    return float(driver.execute_async_script(FILL_AND_TIME_FIRST_RESULT, selector, values)["resultMs"])


def ready_detail(driver: WebDriver) -> dict[str, Any]:
    detail: dict[str, Any] = wait_for(driver, lambda d: d.execute_script(READY))
    return detail


def cold_bare(display: str, base: str) -> float:
    with webkit_run_session(display) as driver:
        driver.get(base + BARE_PAGE)
        wait_for(driver, lambda d: d.find_element(By.TAG_NAME, "body").get_attribute("data-state") == "ready")
        return float(driver.execute_script("return performance.getEntriesByName('pyodide-ready')[0].startTime"))


def cold_article(display: str, base: str) -> dict[str, Any]:
    with webkit_run_session(display) as driver:
        driver.get(base + ARTICLE)
        result_ms = first_result(driver, ".policy-calculator", ARTICLE_VALUES)
        detail = ready_detail(driver)
        return {"ready_ms": detail["readyMs"], "first_result_ms": result_ms, "started": detail["started"],
                "phases": {key: round(value) for key, value in detail.items()
                           if key.endswith("Ms") and key != "readyMs" and isinstance(value, (int, float))}}


def next_articles(display: str, base: str, runs: int) -> dict[str, Any]:
    with webkit_run_session(display) as driver:
        driver.get(base + ARTICLE)
        first_result(driver, ".policy-calculator", ARTICLE_VALUES)
        wait_for(driver, lambda d: int(d.execute_async_script(STORED_SNAPSHOT_BYTES)) > SNAPSHOT_BYTES)
        hops: list[dict[str, Any]] = []
        for article, values in NEXT_ARTICLES[:runs]:
            suffix = f"/articles/{article}/"
            clicked = float(driver.execute_script("""
              const link = [...document.querySelectorAll('.md-nav a')].find((a) => a.href.endsWith(arguments[0]));
              const now = performance.timeOrigin + performance.now();
              link.click();
              return now;""", suffix))
            # The article opens in place (soft-navigation.js): its URL is there at once, its widget once it arrived.
            wait_for(driver, lambda d: d.current_url.endswith(suffix)
                     and d.execute_script("return document.readyState") == "complete"
                     and d.execute_script(f"return document.querySelector('[data-article=\"{article}\"]') !== null"))
            if values:
                result_ms = first_result(driver, ".policy-calculator", values)
                origin = float(driver.execute_script("return performance.timeOrigin"))
                result_after_click = origin + result_ms - clicked
            else:
                result_after_click = None
            detail = ready_detail(driver)
            hops.append({"article": article, "ready_after_click_ms": detail["readyEpoch"] - clicked,
                         "first_result_after_click_ms": result_after_click, "started": detail["started"],
                         "worker_load_ms": detail.get("loadMs")})  # none when the worker was kept
        return {"hops": hops}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site-dir", type=Path, default=REPO / "site")
    parser.add_argument("--runs", type=int, default=5, help="cold runs of each page (alternating) and next-article hops")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--driver-log", type=Path, help="write WebKitWebDriver's and the browser's output here (a directory)")
    options = parser.parse_args()
    global driver_log_dir
    if options.driver_log:
        options.driver_log.mkdir(parents=True, exist_ok=True)
        driver_log_dir = str(options.driver_log)
    stock_root = stock_pyodide_root()
    with (site_with_bare_page(options.site_dir.resolve()) as served, virtual_display() as display,
          serving(served) as base, serving(stock_root) as stock_base):
        bare_runs: list[float] = []
        site_bare_runs: list[float] = []
        cold_runs: list[dict[str, Any]] = []
        for _ in range(options.runs):
            bare_runs.append(cold_bare(display, stock_base))
            site_bare_runs.append(cold_bare(display, base))
            cold_runs.append(cold_article(display, base))
        warm = next_articles(display, base, options.runs)

    bare = statistics.median(bare_runs)
    site_bare = statistics.median(site_bare_runs)
    ready = statistics.median(run["ready_ms"] for run in cold_runs)
    result = statistics.median(run["first_result_ms"] for run in cold_runs)
    hops = warm["hops"]
    hop_ready = statistics.median(hop["ready_after_click_ms"] for hop in hops)
    hop_results = [hop["first_result_after_click_ms"] for hop in hops if hop["first_result_after_click_ms"] is not None]
    figures = {
        "engine": "WebKitGTK (MiniBrowser via WebKitWebDriver)",
        "runs": options.runs,
        "bare_loadpyodide_ms_median": round(bare),
        "bare_loadpyodide_ms_runs": [round(value) for value in bare_runs],
        "cold_article_ready_ms_median": round(ready),
        "cold_article_ready_ms_runs": [round(run["ready_ms"]) for run in cold_runs],
        "cold_article_first_result_ms_median": round(result),
        "cold_article_first_result_ms_runs": [round(run["first_result_ms"]) for run in cold_runs],
        "cold_ready_ratio": round(ready / bare, 3),
        "cold_first_result_ratio": round(result / bare, 3),
        "site_runtime_bare_ms_median": round(site_bare),
        "site_runtime_bare_ms_runs": [round(value) for value in site_bare_runs],
        "cold_first_result_ratio_to_site_runtime_bare": round(result / site_bare, 3),
        "cold_started": [run["started"] for run in cold_runs],
        "cold_worker_phases_ms_last_run": cold_runs[-1]["phases"],
        "next_article_ready_after_click_ms_median": round(hop_ready),
        "next_article_ready_after_click_ms_runs": [round(hop["ready_after_click_ms"]) for hop in hops],
        "next_article_ratio": round(hop_ready / bare, 3),
        "next_article_first_result_after_click_ms": [round(value) for value in hop_results],
        "next_article_worker_load_ms_runs": [None if hop["worker_load_ms"] is None else round(hop["worker_load_ms"])
                                             for hop in hops],
        "next_article_started": [hop["started"] for hop in hops],
        "next_articles": [hop["article"] for hop in hops],
    }
    for key, value in figures.items():
        print(f"{key:44} {value}")
    if options.json:
        options.json.write_text(json.dumps(figures, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
