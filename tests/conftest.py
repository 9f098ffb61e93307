"""Suite-wide rules and the built site. Under CI=true a test that cannot run must fail, never skip: a skipped browser or
Pyodide test would otherwise let CI pass without proving anything.

Fixtures for the browser tests (tests/e2e in Chromium, tests/webkit in WebKitGTK):
- `site_dir` (session) Path of the built site that is served (built once per session if stale).
- `site_url` (session) "http://127.0.0.1:<port>/", the root of the Chinese site; English is under "en/".
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Generator, Iterator
from pathlib import Path

import pytest
from site_build.static_server import serving

REPO_ROOT = Path(__file__).resolve().parents[1]
SITE_DIR = REPO_ROOT / "site"
# Everything the built site is made from: if any of it is newer than site/index.html, the site is rebuilt.
SITE_SOURCES = ["mkdocs.yml", "mkdocs.en.yml", "policy.yaml", "package-lock.json",
                "docs", "overrides", "hooks", "calculator", "scripts", "site_build", "templates"]

IN_CI = os.environ.get("CI", "").strip().lower() in {"1", "true", "yes"}


def _fail_instead_of_skip(report: pytest.TestReport | pytest.CollectReport) -> None:
    if IN_CI and report.skipped and not hasattr(report, "wasxfail"):
        report.outcome = "failed"
        report.longrepr = f"CI=true: a skipped test is a failure here. Skip reason: {report.longrepr}"


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]
                              ) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    _fail_instead_of_skip(report)
    return report


@pytest.hookimpl(wrapper=True)
def pytest_make_collect_report(collector: pytest.Collector
                               ) -> Generator[None, pytest.CollectReport, pytest.CollectReport]:
    report = yield
    _fail_instead_of_skip(report)
    return report


# ---- the site ---------------------------------------------------------------------------------------------------

def _newest_source_mtime() -> float:
    newest = 0.0
    for name in SITE_SOURCES:
        path = REPO_ROOT / name
        files = [path] if path.is_file() else path.rglob("*")
        for file in files:
            if file.is_file() and "__pycache__" not in file.parts:
                newest = max(newest, file.stat().st_mtime)
    return newest


def _site_is_fresh() -> bool:
    if os.environ.get("JIANGBEI_SITE_FRESH") == "1":  # set by scripts/test.sh right after it built the site
        return True
    index = SITE_DIR / "index.html"
    return index.is_file() and (SITE_DIR / "en" / "index.html").is_file() \
        and index.stat().st_mtime >= _newest_source_mtime()


@pytest.fixture(scope="session")
def site_dir() -> Path:
    if not _site_is_fresh():
        subprocess.run(["bash", str(REPO_ROOT / "scripts" / "build.sh")], cwd=REPO_ROOT, check=True)
    return SITE_DIR


@pytest.fixture(scope="session")
def site_url(site_dir: Path) -> Iterator[str]:
    with serving(site_dir) as base_url:
        yield base_url
