"""Main-thread work of a page load in headless Chromium, by thread CPU time (a script, not a test: it asserts nothing).

    nice .venv/bin/python benchmarks/main_thread.py [--runs 3] [--site-dir site] [--page en/estimator/ ...] [--json out]

Lighthouse (benchmarks/lighthouse.py) derives Total Blocking Time from the wall-clock length of the main thread's
tasks, so on a shared machine its figure follows the machine's load as much as the page (on this 2-core machine the
same build scored 69-97). This script records a Chromium performance trace of each load, at the CPU slowdown
Lighthouse simulates (4x, a mid-range phone; viewport 412 x 823), and reads each top-level main-thread task's thread
CPU time (`tdur`), which another process competing for the cores does not lengthen. It reports per page:
- "blocking": the sum over tasks of (CPU ms - 50), as TBT sums them, from navigation until the page's calculator is
  ready (or its load event on a page without one) plus 2 s;
- the number of tasks of 50 ms CPU or more, and the longest ones with what they spent their time on (script
  evaluation and handlers, with the style and layout they force; style, layout and paint of a frame) and the scripts
  they ran (the last part of the URL).
Medians over --runs, each in a fresh browser context (cold cache). Pages by default: home, article 3 and the two
estimators.
"""

from __future__ import annotations

import argparse
import collections
import json
import statistics
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import sync_playwright

from built_site import add_site_options, pages, served_site

CHROMIUM = "/usr/bin/chromium"
DEFAULT_PAGES = ("", "articles/3/", "en/estimator/", "estimator/")
CPU_SLOWDOWN = 4  # Lighthouse's mobile preset
VIEWPORT = {"width": 412, "height": 823}
LONG_TASK_MS = 50.0
AFTER_READY_MS = 2000
READY_TIMEOUT_MS = 180_000
TRACE_CATEGORIES = ["devtools.timeline", "disabled-by-default-devtools.timeline", "v8.execute", "loading"]
# What a task's time went to: trace event name -> the kind reported.
KINDS = {
    "EvaluateScript": "script", "v8.evaluateModule": "script", "FunctionCall": "script", "RunMicrotasks": "script",
    "TimerFire": "script", "EventDispatch": "script", "FireAnimationFrame": "script",
    "UpdateLayoutTree": "style", "Layout": "layout", "PrePaint": "paint", "Paint": "paint",
    "ParseHTML": "parse", "ParseAuthorStyleSheet": "parse",
}
READY = ("() => { const roots = document.querySelectorAll('.policy-calculator[data-article], .policy-estimator');"
         " return roots.length === 0 ? document.readyState === 'complete'"
         " : [...roots].every((root) => ['ready', 'failed'].includes(root.dataset.state)); }")


def page_main_thread(events: list[dict[str, Any]]) -> tuple[int, int]:
    """(pid, tid) of the renderer main thread that loaded the page (the one whose events name the site's URLs)."""
    names = {(e["pid"], e["tid"]): e["args"]["name"] for e in events
             if e.get("ph") == "M" and e.get("name") == "thread_name"}
    mains = {key for key, name in names.items() if name == "CrRendererMain"}
    counts = collections.Counter((e["pid"], e["tid"]) for e in events
                                 if (e["pid"], e["tid"]) in mains and "127.0.0.1" in json.dumps(e.get("args", {})))
    if not counts:
        raise RuntimeError("no renderer main thread of the page in the trace")
    return counts.most_common(1)[0][0]


def long_tasks(events: list[dict[str, Any]], until_ms: float) -> list[dict[str, Any]]:
    """The page's main-thread tasks of >= LONG_TASK_MS CPU, from navigation to until_ms after it."""
    thread = page_main_thread(events)
    starts = [e["ts"] for e in events if e.get("name") == "navigationStart" and (e["pid"], e["tid"]) == thread]
    origin = min(starts) if starts else min(e["ts"] for e in events if e.get("ts"))
    own = sorted((e for e in events if (e["pid"], e["tid"]) == thread and e.get("ph") == "X"), key=lambda e: e["ts"])
    tasks = []
    for task in own:
        if task["name"] != "RunTask" or task.get("tdur", 0) < LONG_TASK_MS * 1000:
            continue
        start_ms = (task["ts"] - origin) / 1000
        if start_ms < 0 or start_ms > until_ms:
            continue
        kinds: collections.Counter[str] = collections.Counter()
        scripts: set[str] = set()
        end = task["ts"] + task["dur"]
        counted_until = 0  # the end of the last event counted: events inside it (a forced layout in a script) are its
        for event in own:
            if event["ts"] < task["ts"] or event is task:
                continue
            if event["ts"] >= end:
                break
            kind = KINDS.get(event["name"])
            data = (event.get("args") or {}).get("data") or {}
            if kind and event.get("tdur") is not None and event["ts"] >= counted_until:
                kinds[kind] += event["tdur"] / 1000
                counted_until = event["ts"] + event.get("dur", 0)
            if isinstance(data, dict) and str(data.get("url", "")).startswith("http"):
                scripts.add(str(data["url"]).rsplit("/", 1)[-1][:40])
        tasks.append({"start_ms": round(start_ms), "cpu_ms": round(task["tdur"] / 1000, 1),
                      "kinds": {kind: round(ms) for kind, ms in kinds.most_common(4)}, "scripts": sorted(scripts)})
    return tasks


def measure(browser: Any, url: str) -> dict[str, Any]:
    context = browser.new_context(viewport=VIEWPORT)
    try:
        page = context.new_page()
        cdp = context.new_cdp_session(page)
        cdp.send("Emulation.setCPUThrottlingRate", {"rate": CPU_SLOWDOWN})
        browser.start_tracing(page=page, categories=TRACE_CATEGORIES)
        page.goto(url)
        # Polled every 250 ms, not every frame: the check must not add main-thread work of its own.
        page.wait_for_function(READY, polling=250, timeout=READY_TIMEOUT_MS)
        ready_ms = page.evaluate("() => performance.now()")
        page.wait_for_timeout(AFTER_READY_MS)  # a benchmark window, not a test wait
        events = json.loads(browser.stop_tracing())
    finally:
        context.close()
    events = events["traceEvents"] if isinstance(events, dict) else events
    tasks = long_tasks(events, ready_ms + AFTER_READY_MS)
    return {"ready_ms": round(ready_ms), "blocking_ms": round(sum(t["cpu_ms"] - LONG_TASK_MS for t in tasks)),
            "long_tasks": tasks}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_site_options(parser, default_pages=DEFAULT_PAGES)
    parser.add_argument("--runs", type=int, default=3, help="loads per page (medians reported)")
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    args = parser.parse_args(argv)
    results: dict[str, list[dict[str, Any]]] = {}
    with served_site(parser, args) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=["--no-sandbox"])
        for run in range(args.runs):
            for page in pages(args):  # pages interleaved, so that a burst of load falls on all of them alike
                results.setdefault(page, []).append(measure(browser, base + page))
                print(f"[main-thread] {page or '(home)'} run {run + 1}/{args.runs}: "
                      f"blocking {results[page][-1]['blocking_ms']} ms", file=sys.stderr, flush=True)
        browser.close()
    print(f"{'page':<16} {'blocking ms (CPU, x4)':>22} {'long tasks':>10}  runs")
    for page, runs in results.items():
        blocking = statistics.median(run["blocking_ms"] for run in runs)
        count = statistics.median(len(run["long_tasks"]) for run in runs)
        print(f"{page or '(home)':<16} {blocking:>22.0f} {count:>10.0f}  {[run['blocking_ms'] for run in runs]}")
    for page, runs in results.items():
        median_run = sorted(runs, key=lambda run: run["blocking_ms"])[len(runs) // 2]
        print(f"\nlongest tasks, {page or '(home)'} (median run):")
        for task in sorted(median_run["long_tasks"], key=lambda task: -task["cpu_ms"])[:6]:
            print(f"  at {task['start_ms']:>5} ms  {task['cpu_ms']:>6.1f} ms CPU  {task['kinds']}  {' '.join(task['scripts'])}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
