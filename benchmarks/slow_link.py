"""A first visit on a slow mobile link, in headless Chromium (a script, not a test: it asserts nothing).

    .venv/bin/python benchmarks/slow_link.py [--runs 2] [--kbps 1600] [--rtt-ms 150] [--page en/estimator/ ...]
                                             [--site-dir site] [--json out.json]

The issue's walkthrough on a phone at 1.6 Mbit/s waited 76 s for the estimator's first result, with the runtime
downloaded twice. This script loads calculator pages cold (a fresh browser context each run) through Chrome DevTools'
network emulation: --kbps down, 750 kbit/s up and --rtt-ms added to every request, for the page and for the
calculator's worker (Chromium applies a page's emulation to its dedicated workers). It reports per page, medians over
--runs:
- navigation start -> the calculator ready, and what the widget showed meanwhile (its progress text, read at ready);
- the worker's own phases (import the runtime's loader, boot Python, install and import the calculator);
- when the calculator's wheel was requested and received, against when the WebAssembly finished downloading (the
  wheel downloads once the runtime has arrived, while Python boots; docs/assets/frontend/worker/worker.mjs);
- bytes received by the page and the worker until ready (as served by site_build/static_server.py, Brotli).
Loads take a while on such a link: about 25 s each at 1.6 Mbit/s.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path
from typing import Any

from playwright.sync_api import Browser, Worker, expect, sync_playwright

from built_site import add_site_options, pages, served_site

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
DEFAULT_PAGES = ("articles/3/", "en/estimator/")
UPLOAD_KBPS = 750
READY_TIMEOUT_MS = 300_000
# Bytes received, counted from the start of each document (the page's and, read separately, the worker's).
WORKER_RESOURCES = """() => ({
  resources: performance.getEntriesByType('resource').map((entry) => ({
    name: entry.name.split('/').pop(), start: entry.startTime + performance.timeOrigin,
    end: entry.responseEnd + performance.timeOrigin, bytes: entry.transferSize})),
})"""
PAGE_FIGURES = """() => {
  const ready = performance.getEntriesByName('calculator-ready')[0];
  return {
    origin: performance.timeOrigin,
    ready: ready.startTime,
    phases: ready.detail,
    bytes: performance.getEntriesByType('navigation')[0].transferSize
      + performance.getEntriesByType('resource').reduce((sum, entry) => sum + entry.transferSize, 0),
  };
}"""


def measure(browser: Browser, url: str, *, kbps: float, rtt_ms: float) -> dict[str, Any]:
    context = browser.new_context(viewport={"width": 412, "height": 823})
    page = context.new_page()
    session = context.new_cdp_session(page)
    session.send("Network.enable")
    session.send("Network.emulateNetworkConditions", {
        "offline": False, "latency": rtt_ms, "downloadThroughput": kbps * 1000 / 8,
        "uploadThroughput": UPLOAD_KBPS * 1000 / 8})
    workers: list[Worker] = []
    page.on("worker", lambda worker: workers.append(worker))
    progress: list[str] = []
    page.goto(url, wait_until="commit")
    root = page.locator(".policy-calculator, .policy-estimator").first
    expect(root).to_have_attribute("data-state", "loading", timeout=READY_TIMEOUT_MS)
    # What the reader sees while waiting: read a few times during the download (the widget's status line).
    status = root.locator(".pc-download")
    for _ in range(3):
        expect(status).to_be_visible(timeout=READY_TIMEOUT_MS)
        progress.append(status.inner_text().strip())
        page.wait_for_timeout(3000)  # a benchmark's sampling interval, not a test's wait
        if root.get_attribute("data-state") != "loading":
            break
    expect(root).to_have_attribute("data-state", "ready", timeout=READY_TIMEOUT_MS)
    figures = page.evaluate(PAGE_FIGURES)
    worker = next(worker for worker in workers if worker.url.endswith("/worker.mjs"))
    resources = worker.evaluate(WORKER_RESOURCES)["resources"]
    context.close()

    origin = float(figures["origin"])

    def since_navigation(epoch_ms: float) -> int:
        return round(epoch_ms - origin)

    wasm = next(entry for entry in resources if entry["name"] == "pyodide.asm.wasm")
    wheel = next((entry for entry in resources if entry["name"].endswith(".whl")), None)
    return {
        "ready_ms": round(figures["ready"]),
        "phases": {key: value if isinstance(value, str) or value is None else round(value)
                   for key, value in figures["phases"].items()},
        "wasm_received_ms": since_navigation(wasm["end"]),
        "wheel_requested_ms": since_navigation(wheel["start"]) if wheel else None,
        "wheel_received_ms": since_navigation(wheel["end"]) if wheel else None,
        "bytes_until_ready": figures["bytes"] + sum(entry["bytes"] for entry in resources),
        "progress_seen": progress,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_site_options(parser, default_pages=DEFAULT_PAGES)
    parser.add_argument("--runs", type=int, default=2, help="cold loads per page (medians reported)")
    parser.add_argument("--kbps", type=float, default=1600, help="download speed, kbit/s (default 1600)")
    parser.add_argument("--rtt-ms", type=float, default=150, help="latency added to each request, ms (default 150)")
    parser.add_argument("--json", type=Path, help="also write every run's figures here")
    args = parser.parse_args(argv)
    results: dict[str, list[dict[str, Any]]] = {}
    with served_site(parser, args) as base, sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        for run in range(args.runs):
            for page in pages(args):
                figures = measure(browser, base + page, kbps=args.kbps, rtt_ms=args.rtt_ms)
                results.setdefault(page, []).append(figures)
                print(f"[slow-link] {page} run {run + 1}/{args.runs}: ready {figures['ready_ms']} ms",
                      file=sys.stderr, flush=True)
        browser.close()
    print(f"link: {args.kbps:g} kbit/s down, {UPLOAD_KBPS} up, {args.rtt_ms:g} ms added per request")
    for page, runs in results.items():
        def median(key: str) -> float:
            return float(statistics.median(run[key] for run in runs if run[key] is not None))
        print(f"\n{page}")
        print(f"  navigation -> calculator ready      {median('ready_ms'):>8.0f} ms   {[run['ready_ms'] for run in runs]}")
        print(f"  WebAssembly received                {median('wasm_received_ms'):>8.0f} ms")
        print(f"  wheel requested / received          {median('wheel_requested_ms'):>8.0f} / "
              f"{median('wheel_received_ms'):.0f} ms")
        print(f"  bytes received until ready          {median('bytes_until_ready'):>8.0f}")
        print(f"  worker phases (last run)            {runs[-1]['phases']}")
        print(f"  progress shown (last run)           {runs[-1]['progress_seen']}")
    if args.json:
        args.json.write_text(json.dumps(results, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
