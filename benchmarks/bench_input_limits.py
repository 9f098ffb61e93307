"""Benchmark (not a test): each input-limit case of issue 23 answered in CPython (goal < 1 s each, at the worst of the
repeats). Before the limits, the alias bomb ran 23-51 s and took 950 MB, and a million-digit int took 25 s.

Usage: python benchmarks/bench_input_limits.py [--repeat 5]
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

import yaml  # noqa: E402

import calculator  # noqa: E402
from calculator.__main__ import _load_profile, _Unreadable  # noqa: E402

# The largest real profile is the one the limits test holds valid (one definition of it).
sys.path.insert(0, str(ROOT / "tests" / "unit"))
from test_engine_limits import largest_real_profile  # noqa: E402

GOAL_S = 1.0
# 4^11 leaves in about 600 bytes of YAML (the alias bomb).
ALIAS_BOMB = "\n".join(
    ['l0: &l0 ["100000", "100000", "100000", "100000"]']
    + [f"l{n}: &l{n} [*l{n - 1}, *l{n - 1}, *l{n - 1}, *l{n - 1}]" for n in range(1, 11)]
    + ["other_policy_awards: {a3.renovation: *l10}"]) + "\n"


def nested(value: Any, depth: int) -> Any:
    for _ in range(depth):
        value = [value]
    return value


def shared(value: Any, depth: int, width: int) -> Any:
    """width**depth leaves, depth + 1 objects: the shared-reference structure YAML aliases make."""
    for _ in range(depth):
        value = {f"k{n}": value for n in range(width)}
    return value


def refused(result: dict[str, Any]) -> str:
    assert not result["valid"], "expected a refusal"
    first = result["errors"][0]
    return f"{len(result['errors'])} error(s), first at {first['field'] or '(profile)'!r}: {first['en'][:70]}"


def cli_load(path: Path) -> str:
    try:
        _load_profile(path)
    except _Unreadable as error:
        return f"refused by the loader: {error.en[:80]}"
    raise AssertionError("the loader read the alias bomb")


def cases(folder: Path) -> list[tuple[str, Callable[[], str]]]:
    bomb_path = folder / "bomb.yaml"
    bomb_path.write_text(ALIAS_BOMB, encoding="utf-8")
    bomb = yaml.safe_load(ALIAS_BOMB)  # shared references, as the CLI used to get them
    wide = {"facts": shared({"label": "x"}, 5, 40)}  # 40^5 = 102 million leaves within 8 levels
    deep_json = '{"facts": ' + "[" * 100_000 + "]" * 100_000 + "}"
    item = {"a3_investment": "5000000", "a3_orientation": "key"}
    many_keys = {"facts": {f"unknown_{n}": None for n in range(200_000)}}
    long_text = {"facts": {"a3_investment": "1" * 50_000_000}}
    many_texts = {"company": {f"k{n}": "x" * 10_000 for n in range(1000)}}
    largest = largest_real_profile()
    million_digits = 10**1_000_000  # built once: making it takes 0.3 s, converting it to Decimal took 25 s
    return [
        (f"alias bomb, CLI loader ({len(ALIAS_BOMB)} bytes)", lambda: cli_load(bomb_path)),
        ("alias bomb, estimate() (shared dict)", lambda: refused(calculator.estimate(bomb))),
        ("alias bomb, safe_load + estimate()", lambda: refused(calculator.estimate(yaml.safe_load(ALIAS_BOMB)))),
        ("nested lists (other-policy)", lambda: refused(calculator.estimate(
            {"items": {"a3.renovation": [{**item, "other_policy_award": [["100000"], [["1"]], "2"]}]}}))),
        ("deep nesting, 3000 levels", lambda: refused(calculator.estimate({"other_policy_awards": {"a3.renovation": nested("1", 3000)}}))),
        ("deep nesting, JSON text 100k", lambda: refused(json.loads(calculator.estimate_json(deep_json)))),
        ("huge profile, 40^5 shared", lambda: refused(calculator.estimate(wide))),
        ("huge profile, 200k keys", lambda: refused(calculator.estimate(many_keys))),
        ("huge profile, 50 MB string", lambda: refused(calculator.estimate(long_text))),
        ("huge profile, 10 MB of strings", lambda: refused(calculator.estimate(many_texts))),
        ("60-digit amount", lambda: refused(calculator.estimate({"facts": {"a3_investment": "9" * 60}}))),
        ("1e400 (string, float, JSON)", lambda: refused(json.loads(calculator.estimate_json(
            '{"facts": {"a3_investment": "1e400", "a10_new_rd_investment": 1e400}}')))),
        ("million-digit int", lambda: refused(calculator.estimate({"facts": {"a3_investment": million_digits}}))),
        ("control-char label", lambda: refused(calculator.estimate({"items": {"a3.renovation": [{**item, "label": "一号线\x1b[31m"}]}}))),
        ("largest real profile (valid)", lambda: f"valid, {len(valid(calculator.estimate(largest))['lines'])} lines"),
    ]


def valid(result: dict[str, Any]) -> dict[str, Any]:
    assert result["valid"], result["errors"][:3]
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=5)
    args = parser.parse_args()
    slow = []
    with tempfile.TemporaryDirectory() as folder:
        print(f"Python {sys.version.split()[0]}; goal < {GOAL_S:g} s per case (worst of {args.repeat})")
        for name, call in cases(Path(folder)):
            samples, said = [], ""
            for _ in range(args.repeat):
                started = time.perf_counter()
                said = call()
                samples.append(time.perf_counter() - started)
            worst = max(samples)
            slow += [name] if worst >= GOAL_S else []
            print(f"{name:36s} median {statistics.median(samples) * 1000:8.2f} ms, worst {worst * 1000:8.2f} ms"
                  f"{'  SLOW' if worst >= GOAL_S else ''}  {said}")
    print(f"load average {' '.join(f'{x:.1f}' for x in os.getloadavg())} on {os.cpu_count()} cores")
    if slow:
        sys.exit(f"over {GOAL_S:g} s: {', '.join(slow)}")


if __name__ == "__main__":
    main()
