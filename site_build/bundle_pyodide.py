"""Bundles the in-browser calculator into the built site (run after both MkDocs builds, see scripts/build.sh).

Writes, shared by the Chinese (site/) and English (site/en/) builds:
- site/pyodide/: the Pyodide runtime from the pinned npm package (node_modules/pyodide) with its standard library cut
  down to the files that Pyodide's start-up and the calculator import (recorded by running them under Node,
  scripts/stdlib_imports.mjs) and compiled to bytecode by that Pyodide (scripts/compile_bytecode.mjs; stored
  uncompressed so that the site's .br/.gz copies compress it whole), the `calculator` package as a pure-Python wheel
  (stored uncompressed too), and a lock file made by pyodide-build's `pyodide lockfile add-wheels` from a copy of the npm
  package's pyodide-lock.json (then reduced to the packages the calculator needs: the others have no file here);
- site/assets/frontend/: the widget, estimator and worker scripts and CSS from docs/assets/frontend/, and inputs.json, the
  declared inputs (labels, units, bounds, help in both languages) that the form is built from before Pyodide loads.

Nothing is downloaded: the runtime comes from node_modules, the wheel is built offline without build isolation.
"""

from __future__ import annotations

import argparse
import base64
import hashlib
import io
import json
import os
import shutil
import subprocess
import sys
import tempfile
import zipfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from site_build import precompress

REPO = Path(__file__).resolve().parent.parent
PYODIDE_NPM_DIR = REPO / "node_modules" / "pyodide"
# Only what a browser worker needs: the ES module loader, the Emscripten module, the wasm binary, the standard library.
PYODIDE_RUNTIME_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip")
WEB_SOURCE_DIR = REPO / "docs" / "assets" / "frontend"
# The calculator's JSON entry point for the worker (calculator/README.md): estimate_json(profile_json, lang) -> str.
ENGINE_MODULE = "calculator"
ENGINE_JSON_ENTRY = "estimate_json"
WHEEL_PROJECT_FILES = ("pyproject.toml",)  # the long description is calculator/README.md
STDLIB_ZIP = "python_stdlib.zip"
STDLIB_RECORDER = REPO / "scripts" / "stdlib_imports.mjs"
BYTECODE_COMPILER = REPO / "scripts" / "compile_bytecode.mjs"
EXAMPLE_PROFILES = REPO / "calculator" / "examples"
# Zip timestamps from a fixed date: the same sources give the same wheel bytes, hence the same sha256 and cache version.
REPRODUCIBLE_EPOCH = "315532800"


class BundleError(RuntimeError):
    pass


def write_if_changed(path: Path, data: bytes) -> bool:
    """Writes `data` to `path` only when its content differs; returns whether it wrote."""
    if path.is_file() and path.read_bytes() == data:
        return False
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(data)
    return True


def run(command: list[str], *, cwd: Path, env: dict[str, str] | None = None) -> None:
    completed = subprocess.run(command, cwd=cwd, env=env, capture_output=True, text=True)
    if completed.returncode != 0:
        raise BundleError(f"command failed ({completed.returncode}): {' '.join(command)}\n"
                          f"{completed.stdout[-3000:]}\n{completed.stderr[-3000:]}")


def build_calculator_wheel(*, python: Path, work_dir: Path) -> Path:
    """Builds the pure-Python wheel from a copy of the project files, so the working tree gets no build/ litter."""
    project = work_dir / "project"
    project.mkdir()
    for name in WHEEL_PROJECT_FILES:
        shutil.copy2(REPO / name, project / name)
    shutil.copytree(REPO / "calculator", project / "calculator",
                    ignore=shutil.ignore_patterns("__pycache__", "*.pyc"))
    out_dir = work_dir / "wheel"
    env = {**os.environ, "SOURCE_DATE_EPOCH": REPRODUCIBLE_EPOCH}
    run([str(python), "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out_dir)], cwd=project, env=env)
    wheels = sorted(out_dir.glob("*-py3-none-any.whl"))
    if len(wheels) != 1:
        raise BundleError(f"expected one pure-Python wheel in {out_dir}, found {[w.name for w in wheels]}")
    return wheels[0]


def dependency_closure(packages: dict[str, Any], roots: list[str]) -> set[str]:
    needed: set[str] = set()
    pending = list(roots)
    while pending:
        name = pending.pop()
        if name in needed:
            continue
        if name not in packages:
            raise BundleError(f"pyodide-lock.json: package {name!r} is required but not in the lock file")
        needed.add(name)
        pending.extend(packages[name]["depends"])
    return needed


def make_lock_file(*, wheel: Path, pyodide_cli: Path, work_dir: Path) -> tuple[dict[str, Any], str]:
    """Runs `pyodide lockfile add-wheels`; returns the lock reduced to the wheel's closure, and the wheel's lock name."""
    source_lock = work_dir / "pyodide-lock.npm.json"
    shutil.copy2(PYODIDE_NPM_DIR / "pyodide-lock.json", source_lock)
    new_lock = work_dir / "pyodide-lock.json"
    run([str(pyodide_cli), "lockfile", "add-wheels", "--input", str(source_lock), "--output", str(new_lock),
         "--base-path", str(wheel.parent), str(wheel)], cwd=work_dir)
    lock = json.loads(new_lock.read_text(encoding="utf-8"))
    added = [name for name, entry in lock["packages"].items() if entry["file_name"] == wheel.name]
    if len(added) != 1:
        raise BundleError(f"{new_lock}: expected one entry for {wheel.name}, found {added}")
    keep = dependency_closure(lock["packages"], added)
    lock["packages"] = {name: entry for name, entry in lock["packages"].items() if name in keep}
    return lock, added[0]


def node_command() -> str:
    node = shutil.which("node")
    if node is None:
        raise BundleError("node not found (scripts/install.sh)")
    return node


def npm_runtime(work_dir: Path) -> Path:
    """A copy of the npm package's runtime (full stdlib, its own lock file) to run Pyodide under Node at build time."""
    runtime = work_dir / "runtime"
    if not runtime.is_dir():
        runtime.mkdir()
        for name in (*PYODIDE_RUNTIME_FILES, "pyodide-lock.json"):
            shutil.copy2(PYODIDE_NPM_DIR / name, runtime / name)
    return runtime


def record_stdlib_files(*, wheel: Path, work_dir: Path) -> list[str]:
    """The stdlib zip's files imported when Pyodide starts as the worker starts it and runs the calculator."""
    node = node_command()
    runtime = npm_runtime(work_dir)
    shutil.copy2(wheel, runtime / wheel.name)
    profiles = work_dir / "profiles.json"
    profiles.write_text(json.dumps([json.loads(path.read_text(encoding="utf-8"))
                                    for path in sorted(EXAMPLE_PROFILES.glob("*.json"))]), encoding="utf-8")
    completed = subprocess.run([node, str(STDLIB_RECORDER), str(runtime), wheel.name, str(profiles)], cwd=work_dir,
                               capture_output=True, text=True)
    if completed.returncode != 0:
        raise BundleError(f"{STDLIB_RECORDER.name} failed ({completed.returncode}):\n{completed.stderr[-3000:]}")
    files: list[str] = json.loads(completed.stdout)
    if not any(name.startswith("decimal") for name in files):
        raise BundleError(f"{STDLIB_RECORDER.name}: the recorded imports lack decimal, so they are not the engine's")
    return files


def stored_copy(zip_path: Path, *, keep: Callable[[str], bool] = lambda name: True) -> bytes:
    """The entries of `zip_path` that `keep` accepts, in order, stored uncompressed with their dates and modes (the
    same input gives the same bytes), so that the site's .br/.gz copies compress the whole archive."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(zip_path) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_STORED) as target:
        for info in source.infolist():
            if keep(info.filename):
                copy = zipfile.ZipInfo(info.filename, date_time=info.date_time)
                copy.external_attr = info.external_attr
                target.writestr(copy, source.read(info), compress_type=zipfile.ZIP_STORED)
    return buffer.getvalue()


def cut_stdlib(full_zip: Path, keep: list[str]) -> bytes:
    """The stdlib zip with only `keep` (and the directory entries above them), stored uncompressed, reproducibly."""
    wanted = set(keep)
    parents = {name[: index + 1] for name in wanted for index, char in enumerate(name) if char == "/"}
    with zipfile.ZipFile(full_zip) as source:
        missing = wanted - set(source.namelist())
    if missing:
        raise BundleError(f"{full_zip}: recorded files not in the zip: {sorted(missing)}")
    return stored_copy(full_zip, keep=lambda name: name in wanted or name in parents)


def compile_stdlib(stdlib_zip: bytes, *, work_dir: Path) -> bytes:
    """The stdlib zip as bytecode, compiled by the shipped Pyodide under Node (scripts/compile_bytecode.mjs)."""
    stdlib_in, stdlib_out = work_dir / "stdlib-source.zip", work_dir / "stdlib-bytecode.zip"
    stdlib_in.write_bytes(stdlib_zip)
    completed = subprocess.run([node_command(), str(BYTECODE_COMPILER), str(npm_runtime(work_dir)), str(stdlib_in),
                                str(stdlib_out)], cwd=work_dir, capture_output=True, text=True)
    if completed.returncode != 0:
        raise BundleError(f"{BYTECODE_COMPILER.name} failed ({completed.returncode}):\n{completed.stderr[-3000:]}")
    return stdlib_out.read_bytes()


def stored_uncompressed(wheel: Path, *, work_dir: Path) -> Path:
    """The wheel with its files stored, not deflated: the site's .br copy of the whole wheel is then smaller (48 KB
    against 67 KB deflated), as with the stdlib zip. RECORD's hashes are of the files' content, so they still hold."""
    target_dir = work_dir / "stored"
    target_dir.mkdir()
    target = target_dir / wheel.name
    target.write_bytes(stored_copy(wheel))
    return target


def export_inputs(*, python: Path) -> bytes:
    """inputs.json from the calculator's public API, computed by the same interpreter that runs the tests."""
    completed = subprocess.run([str(python), str(REPO / "scripts" / "calculator_inputs.py")], cwd=REPO,
                               capture_output=True)
    if completed.returncode != 0:
        raise BundleError(f"scripts/calculator_inputs.py failed:\n{completed.stderr.decode('utf-8', 'replace')}")
    return completed.stdout


def bundle(*, site_dir: Path, python: Path, pyodide_cli: Path) -> list[str]:
    if not (site_dir / "index.html").is_file() or not (site_dir / "en" / "index.html").is_file():
        raise BundleError(f"{site_dir}: build both MkDocs sites first (site/index.html and site/en/index.html)")
    for name in PYODIDE_RUNTIME_FILES + ("pyodide-lock.json",):
        if not (PYODIDE_NPM_DIR / name).is_file():
            raise BundleError(f"{PYODIDE_NPM_DIR / name} missing: run scripts/install.sh (npm ci)")
    written: list[str] = []
    pyodide_dir = site_dir / "pyodide"
    assets_dir = site_dir / "assets" / "frontend"
    with tempfile.TemporaryDirectory(prefix="bundle-pyodide-") as tmp:
        work_dir = Path(tmp)
        wheel = stored_uncompressed(build_calculator_wheel(python=python, work_dir=work_dir), work_dir=work_dir)
        stdlib_files = record_stdlib_files(wheel=wheel, work_dir=work_dir)
        stdlib_zip = compile_stdlib(cut_stdlib(PYODIDE_NPM_DIR / STDLIB_ZIP, stdlib_files), work_dir=work_dir)
        lock, package_name = make_lock_file(wheel=wheel, pyodide_cli=pyodide_cli, work_dir=work_dir)
        outputs: dict[Path, bytes] = {pyodide_dir / wheel.name: wheel.read_bytes()}
        for name in PYODIDE_RUNTIME_FILES:
            outputs[pyodide_dir / name] = (PYODIDE_NPM_DIR / name).read_bytes()
        outputs[pyodide_dir / STDLIB_ZIP] = stdlib_zip
        outputs[pyodide_dir / "pyodide-lock.json"] = (json.dumps(lock, ensure_ascii=False, sort_keys=True)
                                                      + "\n").encode("utf-8")
        # The worker reads which package to load from here rather than hard-coding the wheel's project name.
        # `bytes`: what the worker downloads (uncompressed sizes), so the widget can show "x MB of y MB".
        runtime_bytes = {name: len(outputs[pyodide_dir / name]) for name in (*PYODIDE_RUNTIME_FILES, wheel.name)}
        # `transfer`: what a host serving the .br copies sends of each (scripts/precompress.py), for "x MB of y MB" in
        # the bytes that cross the network until each response says its own size.
        transfer_bytes = {name: precompress.size_sent(outputs[pyodide_dir / name], name) for name in runtime_bytes}
        # `snapshotKey`: the worker's memory snapshot is valid only for exactly these runtime files and this wheel.
        runtime_hash = hashlib.sha256()
        for name in sorted(runtime_bytes):
            runtime_hash.update(name.encode("utf-8") + b"\0" + hashlib.sha256(outputs[pyodide_dir / name]).digest())
        wheel_digest = base64.b64encode(hashlib.sha256(outputs[pyodide_dir / wheel.name]).digest()).decode("ascii")
        outputs[assets_dir / "bundle.json"] = (json.dumps({"package": package_name, "wheel": wheel.name,
                                                           "wheelIntegrity": f"sha256-{wheel_digest}",
                                                           "module": ENGINE_MODULE, "entry": ENGINE_JSON_ENTRY,
                                                           "bytes": runtime_bytes,
                                                           "transfer": transfer_bytes,
                                                           "snapshotKey": runtime_hash.hexdigest()[:16]},
                                                          sort_keys=True) + "\n").encode("utf-8")
    outputs[assets_dir / "inputs.json"] = export_inputs(python=python)
    for source in sorted(WEB_SOURCE_DIR.rglob("*")):
        if source.is_file() and source.suffix in {".js", ".mjs", ".css"} and not source.name.endswith(".template.js"):
            outputs[assets_dir / source.relative_to(WEB_SOURCE_DIR)] = source.read_bytes()
    # Stale wheels from earlier versions would be precached for nothing.
    for old in pyodide_dir.glob("*.whl") if pyodide_dir.is_dir() else []:
        if old not in outputs:
            old.unlink()
    for path, data in outputs.items():
        if write_if_changed(path, data):
            written.append(str(path.relative_to(site_dir)))
    return written


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--site-dir", type=Path, default=REPO / "site")
    parser.add_argument("--python", type=Path, default=REPO / ".venv" / "bin" / "python",
                        help="interpreter with `build` and setuptools (the .venv)")
    parser.add_argument("--pyodide-cli", type=Path, default=REPO / ".venv-pyodide" / "bin" / "pyodide",
                        help="pyodide-build's command line (the .venv-pyodide)")
    options = parser.parse_args()
    try:
        written = bundle(site_dir=options.site_dir.resolve(), python=options.python, pyodide_cli=options.pyodide_cli)
    except BundleError as error:
        sys.exit(f"[bundle_pyodide] error: {error}")
    print(f"[bundle_pyodide] {len(written)} file(s) written under {options.site_dir}")


if __name__ == "__main__":
    main()
