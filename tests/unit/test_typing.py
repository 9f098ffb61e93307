"""The engine, the build's package, the MkDocs hooks and scripts/ pass `mypy --strict` (pyproject.toml [tool.mypy]
names them; mypy is pinned in the dev extras), so the check runs wherever the tests run, CI included."""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def test_mypy_strict_passes() -> None:
    done = subprocess.run([sys.executable, "-m", "mypy", "--strict", "--no-error-summary"], cwd=ROOT,
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode == 0, f"mypy --strict (from {ROOT}):\n{done.stdout}{done.stderr}"
