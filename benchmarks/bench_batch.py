"""Benchmark (not a test) of the batch CLI (issue 25): `python -m calculator batch` over the seeded synthetic sample
(site_build/budget_sample.py), baseline plus one reform, at 1,000, 5,000 and 20,000 companies. Each size runs in its
own process, so its peak resident memory (ru_maxrss) is its own. Goals: 5,000 companies with a reform in <= 10 s;
time per company flat (linear total); peak memory flat from 1,000 to 20,000.

Usage: python benchmarks/bench_batch.py [--sizes 1000 5000 20000] [--repeat 3]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REFORM = {"a3.renovation.general.rate": "5", "a3.renovation.key.cap": "250", "a21.high_tech.first.amount": "12"}
# Runs one batch in a fresh interpreter and prints its own peak memory after the batch's output (to stderr).
CHILD = """
import resource, runpy, sys
sys.argv = ["calculator", *sys.argv[1:]]
try:
    runpy.run_module("calculator", run_name="__main__")
except SystemExit as done:
    code = done.code
else:
    code = 0
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def run(csv_path: Path, reform_path: Path) -> tuple[float, int, dict]:
    started = time.perf_counter()
    done = subprocess.run([sys.executable, "-c", CHILD, "batch", str(csv_path), "--reform", str(reform_path), "--json"],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, check=True)
    seconds = time.perf_counter() - started
    peak_kib = int(done.stderr.strip().splitlines()[-1])
    return seconds, peak_kib, json.loads(done.stdout)["summary"]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 5000, 20000])
    parser.add_argument("--repeat", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        reform_path = Path(tmp) / "reform.json"
        reform_path.write_text(json.dumps(REFORM), encoding="utf-8")
        empty = Path(tmp) / "empty.csv"
        subprocess.run([sys.executable, "-m", "site_build.budget_sample", str(empty), "--rows", "1"], cwd=ROOT, check=True)
        start_up = statistics.median(run(empty, reform_path)[0] for _ in range(args.repeat))
        print(f"interpreter + import + one company: {start_up:.2f} s (median of {args.repeat})")
        print(f"{'companies':>10} {'seconds':>8} {'ms/company':>11} {'peak MiB':>9}  total_cny / reform delta_cny")
        for size in args.sizes:
            path = Path(tmp) / f"sample-{size}.csv"
            subprocess.run([sys.executable, "-m", "site_build.budget_sample", str(path), "--rows", str(size)], cwd=ROOT, check=True)
            runs = [run(path, reform_path) for _ in range(args.repeat)]
            seconds = statistics.median(r[0] for r in runs)
            peak = max(r[1] for r in runs) / 1024
            summary = runs[0][2]
            per_company = (seconds - start_up) / size * 1000
            print(f"{size:>10} {seconds:>8.2f} {per_company:>11.3f} {peak:>9.1f}  {summary['total_cny']} / {summary['reform']['delta_cny']}"
                  f"  ({summary['failed']} failed)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
