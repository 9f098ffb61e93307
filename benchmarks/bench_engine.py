"""Benchmark (not a test): one full-profile estimate in CPython. Goal: < 5 ms.

Usage: python benchmarks/bench_engine.py [--repeat 200]
"""
from __future__ import annotations

import argparse
import json
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import calculator  # noqa: E402

PROFILE = json.loads((ROOT / "calculator" / "examples" / "full_profile.json").read_text(encoding="utf-8"))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=200)
    args = parser.parse_args()
    result = calculator.estimate(PROFILE)
    assert result["valid"], result["errors"]
    timings = {}
    for name, call in (("estimate (zh)", lambda: calculator.estimate(PROFILE)),
                       ("estimate (en)", lambda: calculator.estimate(PROFILE, lang="en")),
                       ("estimate_json (zh)", lambda: calculator.estimate_json(json.dumps(PROFILE)))):
        samples = []
        for _ in range(args.repeat):
            started = time.perf_counter()
            call()
            samples.append((time.perf_counter() - started) * 1000)
        timings[name] = samples
    code = "import time; t=time.perf_counter(); import calculator; print((time.perf_counter()-t)*1000)"
    imports = [float(subprocess.run([sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=True).stdout)
               for _ in range(5)]
    print(f"Python {sys.version.split()[0]}; full profile: {len(result['lines'])} lines, total {result['total_cny']}")
    for name, samples in timings.items():
        print(f"{name:20s} median {statistics.median(samples):.2f} ms, p95 {sorted(samples)[int(len(samples) * 0.95)]:.2f} ms (goal < 5 ms)")
    print(f"{'import calculator':20s} median {statistics.median(imports):.1f} ms (fresh interpreter)")


if __name__ == "__main__":
    main()
