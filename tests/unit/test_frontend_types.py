"""The front end's JavaScript type-checks: TypeScript's `tsc --noEmit --checkJs` with `strict` on, from the JSDoc types
and the declarations beside them (docs/assets/frontend/types.d.ts, protocol.d.ts), no build step. One program per
context: the page (DOM), the calculator's module worker and the service worker (web worker globals).
TypeScript is pinned in package.json and installed by scripts/install.sh (npm ci)."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FRONTEND = ROOT / "docs" / "assets" / "frontend"
TSC = ROOT / "node_modules" / ".bin" / "tsc"
CONFIGS = ["tsconfig.json", "tsconfig.worker.json", "tsconfig.sw.json"]


def tsc(config: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([str(TSC), "-p", str(config), "--noEmit", "--pretty", "false"], cwd=ROOT,
                          capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize("config", CONFIGS)
def test_frontend_type_checks(config: str) -> None:
    completed = tsc(FRONTEND / config)
    assert completed.returncode == 0, f"tsc -p {config}:\n{completed.stdout}{completed.stderr}"


def test_typescript_is_pinned_exactly() -> None:
    pinned = json.loads((ROOT / "package.json").read_text(encoding="utf-8"))["devDependencies"]["typescript"]
    installed = json.loads((ROOT / "node_modules" / "typescript" / "package.json").read_text(encoding="utf-8"))
    assert pinned == installed["version"], "node_modules is not package-lock.json's: run scripts/install.sh"


def test_the_check_finds_an_untyped_parameter_and_a_wrong_message(tmp_path: Path) -> None:
    """The settings the programs share (strict, checkJs) and the protocol's types do reject mistakes."""
    (tmp_path / "bad.js").write_text(
        "export function untyped(value) { return value; }\n"
        "/** @param {Worker} worker */\n"
        "export function estimate(worker) {\n"
        '  worker.postMessage(/** @satisfies {PageToWorkerMessage} */ ({ type: "estimate", request: {} }));\n'
        "}\n", encoding="utf-8")
    (tmp_path / "tsconfig.json").write_text(json.dumps({
        "extends": str(FRONTEND / "tsconfig.base.json"),
        "compilerOptions": {"lib": ["es2023", "dom"]},
        "files": ["bad.js", str(FRONTEND / "types.d.ts"), str(FRONTEND / "protocol.d.ts")],
    }), encoding="utf-8")
    output = tsc(tmp_path / "tsconfig.json").stdout
    assert "bad.js(1," in output and "TS7006" in output, output  # `value` implicitly has an 'any' type
    assert "bad.js(4," in output, output  # an "estimate" without its id, and a request without profile and lang


def checked_files(root: Path) -> set[Path]:
    """The files the three programs of the front end under `root` check (tsc --listFilesOnly)."""
    checked: set[Path] = set()
    for config in CONFIGS:
        completed = subprocess.run([str(TSC), "-p", str(root / config), "--listFilesOnly"], cwd=ROOT,
                                   capture_output=True, text=True, timeout=120)
        assert completed.returncode == 0, f"tsc -p {config} --listFilesOnly:\n{completed.stdout}{completed.stderr}"
        checked |= {Path(line.strip()).resolve() for line in completed.stdout.splitlines() if line.strip()}
    return checked


def test_every_script_is_in_a_program() -> None:
    """No script of the front end escapes the check: each .js and .mjs file is in the page's, the worker's or the
    service worker's program (tsconfig.json takes the page's by a glob: a new file is checked without being listed)."""
    checked = checked_files(FRONTEND)
    scripts = {path.resolve() for pattern in ("*.js", "*.mjs") for path in FRONTEND.rglob(pattern)}
    assert sorted(str(path.relative_to(FRONTEND.resolve())) for path in scripts - checked) == []
