"""The golden cases run inside real Pyodide (npm `pyodide`, under Node, offline) and give JSON identical to CPython."""
from __future__ import annotations

import json
import shutil
import subprocess
from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

import calculator

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
SCRIPT = Path(__file__).with_name("run_engine.mjs")
GOLDEN = sorted((ROOT / "tests" / "unit" / "golden").glob("*.yaml"))
EXAMPLES = sorted((ROOT / "calculator" / "examples").glob("*.json"))

pytestmark = pytest.mark.pyodide


def cases() -> list[dict[str, Any]]:
    out = []
    for path in GOLDEN:
        for case in yaml.safe_load(path.read_text(encoding="utf-8")):
            for lang in ("zh", "en"):
                out.append({"id": f"{path.stem}: {case['name']} [{lang}]", "profile": case["profile"], "lang": lang})
    for path in EXAMPLES:
        for lang in ("zh", "en"):
            out.append({"id": f"example {path.name} [{lang}]", "profile": json.loads(path.read_text(encoding="utf-8")), "lang": lang})
    return out


def as_json(value: Any) -> str:
    """JSON as the page sends it; a YAML date (an unquoted 2024-07-15 in a golden case) becomes its ISO text."""
    return json.dumps(value, allow_nan=True, default=lambda o: o.isoformat() if isinstance(o, date) else o)


@pytest.fixture(scope="module")
def pyodide_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[list[dict[str, Any]], dict[str, Any]]:
    node = shutil.which("node")
    assert node, "node is not installed (scripts/install.sh)"
    assert (PYODIDE_DIR / "pyodide.mjs").exists(), f"{PYODIDE_DIR} missing: run scripts/install.sh (npm ci)"
    all_cases = cases()
    path = tmp_path_factory.mktemp("pyodide") / "cases.json"
    path.write_text(as_json([{"profile": c["profile"], "lang": c["lang"]} for c in all_cases]), encoding="utf-8")
    done = subprocess.run([node, str(SCRIPT), str(PYODIDE_DIR), str(ROOT / "calculator"), str(path)],
                          capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    return all_cases, json.loads(done.stdout)


def test_runs_in_pyodide_python_3_14(pyodide_run: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
    _, output = pyodide_run
    assert output["python"].startswith("3.14")


def test_golden_cases_give_identical_json_in_pyodide(pyodide_run: tuple[list[dict[str, Any]], dict[str, Any]]) -> None:
    all_cases, output = pyodide_run
    assert len(output["results"]) == len(all_cases) >= 800
    different = []
    for case, in_pyodide in zip(all_cases, output["results"]):
        in_cpython = calculator.estimate_json(as_json(case["profile"]), case["lang"])
        if in_pyodide != in_cpython:
            different.append(case["id"])
    assert different == []
    # The comparison is over real results: valid estimates with amounts, and refusals.
    parsed = [json.loads(text) for text in output["results"]]
    assert sum(1 for r in parsed if r["valid"] and r["lines"]) > 700
    assert any(not r["valid"] for r in parsed)
