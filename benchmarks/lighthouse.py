"""Lighthouse on the built site (a benchmark script, not a test: it reports scores, asserts nothing).

    nice .venv/bin/python benchmarks/lighthouse.py [--runs 1] [--site-dir site] [--page articles/3/ ...] [--json out.json]

Serves the built site with site_build/static_server.py (as the tests do, the build's .br/.gz copies included) and runs
npm `lighthouse` (pinned in package.json; version 13 needs Node 22) once per page and run, one page at a time, with
its default settings: the mobile form factor and simulated throttling (slow 4G, 4x CPU slowdown). The browser is
Debian's chromium. Pages, by default: the home page, article 3 and the English estimator.

Prints per page the four category scores (performance, accessibility, best practices, SEO, 0-100), LCP, CLS and TBT,
and the ids of the audits that fail (score < 0.9, as Lighthouse's own report marks them). With --runs N > 1 the
figures are medians and the failing audits those failing in any run. Goals (issue 11): performance >= 95,
accessibility 100, SEO 100, CLS <= 0.02.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
from built_site import add_site_options, pages, served_site  # noqa: E402

CHROMIUM = "/usr/bin/chromium"
CHROME_FLAGS = "--headless=new --no-sandbox --disable-background-networking --disable-component-update --disable-sync"
LIGHTHOUSE_CLI = REPO / "node_modules" / "lighthouse" / "cli" / "index.js"
DEFAULT_PAGES = ("", "articles/3/", "en/estimator/")
CATEGORIES = ("performance", "accessibility", "best-practices", "seo")
METRICS = {"LCP": "largest-contentful-paint", "CLS": "cumulative-layout-shift", "TBT": "total-blocking-time"}
# Lighthouse's report shows an audit as passed from this score on; binary audits score 0 or 1.
PASS_SCORE = 0.9
# Modes whose score says nothing about the page (notApplicable, informative, manual) or is missing (error).
SCORED_MODES = ("binary", "numeric", "metricSavings")
RUN_TIMEOUT_S = 600


class LighthouseError(RuntimeError):
    pass


def run_lighthouse(url: str, report_path: Path) -> dict[str, Any]:
    """One Lighthouse run against url; returns its JSON report (LHR)."""
    if not LIGHTHOUSE_CLI.is_file():
        raise LighthouseError(f"{LIGHTHOUSE_CLI} is missing: run scripts/install.sh (npm ci installs lighthouse)")
    command = [
        "node", str(LIGHTHOUSE_CLI), url,
        f"--only-categories={','.join(CATEGORIES)}",
        "--output=json", f"--output-path={report_path}",
        f"--chrome-flags={CHROME_FLAGS}",
        "--quiet",
    ]
    environment = {**os.environ, "CHROME_PATH": CHROMIUM}
    completed = subprocess.run(command, env=environment, capture_output=True, text=True, timeout=RUN_TIMEOUT_S)
    if completed.returncode != 0 or not report_path.is_file():
        raise LighthouseError(f"lighthouse failed on {url} (exit {completed.returncode}): {completed.stderr[-2000:]}")
    report: dict[str, Any] = json.loads(report_path.read_text(encoding="utf-8"))
    if report.get("runtimeError"):
        raise LighthouseError(f"lighthouse runtime error on {url}: {report['runtimeError']}")
    return report


def summarize(report: dict[str, Any]) -> dict[str, Any]:
    """Scores (0-100), LCP/TBT (ms), CLS and the failing audits of one report."""
    scores = {}
    for category in CATEGORIES:
        score = report["categories"][category]["score"]
        scores[category] = None if score is None else round(score * 100)
    metrics = {name: report["audits"][audit_id].get("numericValue") for name, audit_id in METRICS.items()}
    failing = sorted(
        audit_id for audit_id, audit in report["audits"].items()
        if audit.get("scoreDisplayMode") in SCORED_MODES and audit.get("score") is not None
        and audit["score"] < PASS_SCORE
    )
    return {"scores": scores, "metrics": metrics, "failing": failing,
            "lighthouse": report.get("lighthouseVersion"), "user_agent": report.get("environment", {}).get("hostUserAgent")}


def median_or_none(values: list[float | None]) -> float | None:
    present = [value for value in values if value is not None]
    return statistics.median(present) if present else None


def combine(runs: list[dict[str, Any]]) -> dict[str, Any]:
    """Medians over the runs of one page; failing audits of any run."""
    return {
        "runs": len(runs),
        "scores": {category: median_or_none([run["scores"][category] for run in runs]) for category in CATEGORIES},
        "metrics": {name: median_or_none([run["metrics"][name] for run in runs]) for name in METRICS},
        "failing": sorted({audit_id for run in runs for audit_id in run["failing"]}),
        "per_run": runs,
    }


def format_table(results: dict[str, dict[str, Any]]) -> str:
    header = f"{'page':<16} {'perf':>5} {'a11y':>5} {'bp':>5} {'seo':>5} {'LCP ms':>8} {'CLS':>7} {'TBT ms':>7}"
    lines = [header, "-" * len(header)]
    for page, result in results.items():
        scores, metrics = result["scores"], result["metrics"]
        cells = [f"{'-' if scores[c] is None else round(scores[c]):>5}" for c in CATEGORIES]
        lcp = "-" if metrics["LCP"] is None else f"{metrics['LCP']:.0f}"
        cls = "-" if metrics["CLS"] is None else f"{metrics['CLS']:.3f}"
        tbt = "-" if metrics["TBT"] is None else f"{metrics['TBT']:.0f}"
        lines.append(f"{page or '(home)':<16} {' '.join(cells)} {lcp:>8} {cls:>7} {tbt:>7}")
    lines.append("")
    for page, result in results.items():
        lines.append(f"failing audits, {page or '(home)'}: {', '.join(result['failing']) or 'none'}")
    return "\n".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    add_site_options(parser, default_pages=DEFAULT_PAGES)
    parser.add_argument("--runs", type=int, default=1, help="runs per page (medians reported)")
    parser.add_argument("--json", type=Path, help="also write the results here")
    parser.add_argument("--keep-reports", type=Path, help="directory to keep each run's full Lighthouse JSON in")
    args = parser.parse_args(argv)
    results: dict[str, dict[str, Any]] = {}
    with served_site(parser, args) as base, tempfile.TemporaryDirectory(prefix="lighthouse-") as scratch:
        for page in pages(args):
            runs = []
            for run in range(args.runs):
                report_path = Path(scratch) / f"{page.strip('/').replace('/', '_') or 'home'}-{run}.json"
                report = run_lighthouse(base + page, report_path)
                if args.keep_reports:
                    args.keep_reports.mkdir(parents=True, exist_ok=True)
                    (args.keep_reports / report_path.name).write_bytes(report_path.read_bytes())
                runs.append(summarize(report))
                print(f"[lighthouse] {page or '(home)'} run {run + 1}/{args.runs}: {runs[-1]['scores']}",
                      file=sys.stderr, flush=True)
            results[page] = combine(runs)

    print(format_table(results))
    if args.json:
        args.json.write_text(json.dumps(results, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
