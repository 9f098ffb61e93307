"""The budget page's batch (calculator._batch's session, stepped as the browser's worker steps it) inside real Pyodide
(npm `pyodide`, under Node, offline) gives records and a summary identical to CPython's `python -m calculator batch
--json`, for the synthetic sample of the page with a reform, in both languages."""
from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYODIDE_DIR = ROOT / "node_modules" / "pyodide"
SCRIPT = Path(__file__).with_name("run_batch.mjs")
from site_build.budget_files import sample_csv

# Three figures of three articles, one of them a threshold: companies gain, lose and stay the same.
REFORM = {"a3.renovation.general.rate": "5", "a21.high_tech.first.amount": "12", "a3.renovation.min_base": "1000"}

pytestmark = pytest.mark.pyodide


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_batch_in_pyodide_is_identical_to_cpython(tmp_path: Path, lang: str) -> None:
    node = shutil.which("node")
    assert node, "node is not installed (scripts/install.sh)"
    assert (PYODIDE_DIR / "pyodide.mjs").exists(), f"{PYODIDE_DIR} missing: run scripts/install.sh (npm ci)"
    sample = tmp_path / "synthetic-sample.csv"
    sample.write_text(sample_csv(), encoding="utf-8")  # the page's sample, as site_build/budget_files.py writes it
    reform = tmp_path / "reform.json"
    reform.write_text(json.dumps(REFORM), encoding="utf-8")
    done = subprocess.run([node, str(SCRIPT), str(PYODIDE_DIR), str(ROOT / "calculator"), str(sample), json.dumps(REFORM), lang],
                          capture_output=True, text=True, encoding="utf-8", timeout=600, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    in_pyodide = json.loads(done.stdout)
    assert in_pyodide["python"].startswith("3.14")
    assert in_pyodide["started"] == {"ok": True, "companies": 500, "encoding": "utf-8-sig", "kind": "csv"}
    cli = subprocess.run([sys.executable, "-m", "calculator", "batch", str(sample), "--reform", str(reform), "--json", "--lang", lang],
                         capture_output=True, text=True, encoding="utf-8", cwd=ROOT, check=True)
    in_cpython = json.loads(cli.stdout)
    assert in_pyodide["companies"] == in_cpython["companies"]
    assert in_pyodide["summary"] == in_cpython["summary"]
    # Over real results: companies that gain, lose and stay the same under the reform.
    changes = in_cpython["summary"]["reform"]
    assert changes["gain"] > 0 and changes["lose"] > 0 and changes["same"] > 0
