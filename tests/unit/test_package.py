"""The engine as a package others can install (issue 26): the wheel `jiangbei-policy`, built from this tree, installs
with pip in a new virtual environment and gives `python -m calculator`, `import calculator` and `__version__`."""
from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import venv
import zipfile
from email.parser import Parser
from pathlib import Path

import pytest

import calculator

ROOT = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out, project = tmp_path_factory.mktemp("wheel"), tmp_path_factory.mktemp("project")
    # Built from a copy of what the wheel is made of, so the tree gets no build/ litter.
    shutil.copy2(ROOT / "pyproject.toml", project / "pyproject.toml")
    shutil.copytree(ROOT / "calculator", project / "calculator", ignore=shutil.ignore_patterns("__pycache__"))
    subprocess.run([sys.executable, "-m", "build", "--wheel", "--no-isolation", "--outdir", str(out)], cwd=project, check=True,
                   capture_output=True)
    (built,) = out.glob("jiangbei_policy-*-py3-none-any.whl")
    return built


def test_the_wheel_carries_the_version_the_readme_and_the_rule_data(wheel: Path) -> None:
    assert wheel.name == f"jiangbei_policy-{calculator.__version__}-py3-none-any.whl"
    with zipfile.ZipFile(wheel) as archive:
        names = archive.namelist()
        metadata = Parser().parsestr(archive.read(f"jiangbei_policy-{calculator.__version__}.dist-info/METADATA").decode("utf-8"))
    assert "calculator/_data/policy_rules.json" in names
    assert not [n for n in names if n.startswith(("tests/", "scripts/", "docs/"))]
    assert metadata["Name"] == "jiangbei-policy" and metadata["Requires-Python"] == ">=3.11"
    assert metadata.get_payload().strip() == (ROOT / "calculator" / "README.md").read_text(encoding="utf-8").strip()
    assert re.fullmatch(r"\d+\.\d+\.\d+", calculator.__version__)
    assert f"## {calculator.__version__} " in (ROOT / "CHANGELOG.md").read_text(encoding="utf-8")


def test_the_wheel_installs_in_a_new_venv_and_runs(wheel: Path, tmp_path: Path) -> None:
    env_dir = tmp_path / "venv"
    venv.EnvBuilder(with_pip=True).create(env_dir)
    python = env_dir / "bin" / "python"
    subprocess.run([str(python), "-m", "pip", "install", "--quiet", "--no-index", "--no-deps", str(wheel)], check=True,
                   capture_output=True)
    # Run from outside the tree, so that only the installed package can be imported.
    version = subprocess.run([str(python), "-c", "import calculator, sys; print(calculator.__version__, calculator.__file__)"],
                             cwd=tmp_path, check=True, capture_output=True, text=True).stdout.split()
    assert version[0] == calculator.__version__ and str(env_dir) in version[1]
    profile = ROOT / "calculator" / "examples" / "manufacturer.json"
    done = subprocess.run([str(python), "-m", "calculator", "estimate", str(profile), "--json"], cwd=tmp_path, check=True,
                          capture_output=True, text=True, encoding="utf-8")
    assert json.loads(done.stdout)["total_cny"] == calculator.estimate(json.loads(profile.read_text(encoding="utf-8")))["total_cny"]
