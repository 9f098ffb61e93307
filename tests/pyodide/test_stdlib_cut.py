"""The site ships Pyodide's standard library cut down to what Pyodide's start-up and the calculator import, and
compiled to bytecode by the shipped Pyodide (site_build/bundle_pyodide.py, scripts/compile_bytecode.mjs). Proof that
nothing the engine needs is missing: every stdlib module that the calculator's source imports is in the cut zip, and
the golden cases run in Pyodide from site/pyodide/ (the cut zip, as the browser gets it) give JSON identical to
CPython. Proof that the bytecode is the right one: each .pyc carries this interpreter's magic number and the hash of
the npm package's source of the same module, and start-up loads its modules from those .pyc files."""
from __future__ import annotations

import ast
import importlib.util
import json
import shutil
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from test_engine_pyodide import SCRIPT, as_json, cases  # same directory: the full-stdlib test's runner and cases

import calculator

ROOT = Path(__file__).resolve().parents[2]
SITE_PYODIDE = ROOT / "site" / "pyodide"
CUT_ZIP = SITE_PYODIDE / "python_stdlib.zip"
FULL_ZIP = ROOT / "node_modules" / "pyodide" / "python_stdlib.zip"

pytestmark = pytest.mark.pyodide


def _cut_zip_names() -> set[str]:
    assert CUT_ZIP.is_file(), f"{CUT_ZIP} missing: build the site first (bash scripts/build.sh)"
    with zipfile.ZipFile(CUT_ZIP) as archive:
        return set(archive.namelist())


def engine_stdlib_imports() -> set[str]:
    """Top-level stdlib modules imported anywhere in calculator/ (module level or inside functions), except by
    __main__.py: the command line (`python -m calculator`), which `import calculator` never loads."""
    names: set[str] = set()
    for path in (ROOT / "calculator").rglob("*.py"):
        if path.name == "__main__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), filename=str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name.split(".")[0] for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module.split(".")[0])
    return {name for name in names if name in sys.stdlib_module_names}


def test_cut_zip_is_much_smaller_and_holds_every_stdlib_module_the_engine_imports() -> None:
    in_zip = _cut_zip_names()
    with zipfile.ZipFile(FULL_ZIP) as full:
        assert len(in_zip) < len(full.namelist()) / 2
    imported = engine_stdlib_imports()
    assert {"decimal", "json"} <= imported  # the analysis sees the engine's real imports
    missing = []
    for name in sorted(imported):
        spec = importlib.util.find_spec(name)
        # Modules written in C are compiled into Pyodide's wasm, as into CPython: only Python source is in the zip.
        if spec is None or spec.origin in (None, "built-in", "frozen") or not spec.origin.endswith(".py"):
            continue
        if f"{name}.pyc" not in in_zip and f"{name}/__init__.pyc" not in in_zip:
            missing.append(name)
    assert missing == []


def test_the_zip_holds_bytecode_of_the_npm_sources_for_this_interpreter_and_start_up_loads_it() -> None:
    node = shutil.which("node")
    assert node, "node is not installed (scripts/install.sh)"
    _cut_zip_names()
    done = subprocess.run([node, str(Path(__file__).with_name("inspect_stdlib.mjs")), str(SITE_PYODIDE),
                           str(FULL_ZIP)], capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    report = json.loads(done.stdout)
    assert report["sources_in_zip"] == []  # nothing left to compile in the browser
    assert len(report["magic_ok"]) >= 100
    assert report["magic_wrong"] == [] and report["not_unchecked_hash"] == []
    assert report["hash_wrong"] == [] and report["no_source_in_npm_zip"] == []
    assert len(report["hash_ok"]) == len(report["magic_ok"])
    loaded = report["loaded_from_zip"]
    # What start-up and `import decimal, json` load: Pyodide's own modules, the stdlib's, all from bytecode.
    assert {"pyodide", "_pyodide._base", "json.decoder", "asyncio", "zipfile"} <= set(loaded)
    assert all(origin.endswith(".pyc") for origin in loaded.values()), loaded
    assert report["decimal_sum"] == "0.3"


def test_golden_cases_give_identical_json_in_pyodide_with_the_cut_stdlib(tmp_path: Path) -> None:
    node = shutil.which("node")
    assert node, "node is not installed (scripts/install.sh)"
    _cut_zip_names()
    all_cases = cases()
    path = tmp_path / "cases.json"
    path.write_text(as_json([{"profile": c["profile"], "lang": c["lang"]} for c in all_cases]), encoding="utf-8")
    done = subprocess.run([node, str(SCRIPT), str(SITE_PYODIDE), str(ROOT / "calculator"), str(path)],
                          capture_output=True, text=True, encoding="utf-8", timeout=300, check=False)
    assert done.returncode == 0, done.stderr[-3000:]
    results = json.loads(done.stdout)["results"]
    assert len(results) == len(all_cases) >= 800
    different = [case["id"] for case, in_pyodide in zip(all_cases, results)
                 if in_pyodide != calculator.estimate_json(as_json(case["profile"]), case["lang"])]
    assert different == []
    assert any(not json.loads(text)["valid"] for text in results)
