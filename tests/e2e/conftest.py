"""End-to-end harness: the built site, served from an OS-chosen loopback port, in Debian's Chromium.

Fixtures for tests (all tests in tests/e2e get them):
- `site_url`    (session) "http://127.0.0.1:<port>/", the root of the Chinese site; English is under "en/".
                Also the Playwright base URL, so `page.goto("en/")` works.
- `site_dir`    (session) Path of the built site that is served (built once per session if stale).
- `page`, `context`, `new_context` (pytest-playwright): every context they create is instrumented.
- `browser_log` (function) BrowserLog: console errors, page errors and every request of this test's contexts.
Every test that uses the browser fails if, by the end of its body, there was any console error, any uncaught page
error, or any request to another origin (`_browser_must_stay_clean`, autouse, and `pytest_runtest_call`). A test that
provokes problems on purpose checks them, then calls `browser_log.clear()`. Phone width: `new_context(viewport=...)`.
"""

from __future__ import annotations

import os
import subprocess
from collections.abc import Callable, Generator, Iterator
from pathlib import Path
from typing import Any

import pytest
from browser_log import BrowserLog, origin
from playwright.sync_api import BrowserContext
from static_server import start_server  # scripts/ is on sys.path (pytest `pythonpath` in pyproject.toml)

REPO_ROOT = Path(__file__).resolve().parents[2]
SITE_DIR = REPO_ROOT / "site"
CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"]
# Everything the built site is made from: if any of it is newer than site/index.html, the site is rebuilt.
SITE_SOURCES = ["mkdocs.yml", "mkdocs.en.yml", "policy.yaml", "package-lock.json",
                "docs", "overrides", "hooks", "calculator", "scripts"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.path)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


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
    server = start_server(directory=site_dir, host="127.0.0.1", port=0)
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="session")
def base_url(site_url: str) -> str:
    """Playwright's base URL (used by pytest-playwright's browser_context_args)."""
    return site_url


# ---- the browser ------------------------------------------------------------------------------------------------

@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict[str, Any]) -> dict[str, Any]:
    # Playwright cannot download its own browsers here; Debian's chromium is the browser. Missing = error, not skip.
    if not CHROMIUM.is_file():
        pytest.fail(f"{CHROMIUM} not found: run scripts/install.sh (apt-get install chromium)", pytrace=False)
    return {**browser_type_launch_args, "executable_path": str(CHROMIUM), "args": CHROMIUM_ARGS}


@pytest.fixture
def browser_log(site_url: str) -> BrowserLog:
    return BrowserLog(site_origin=origin(site_url))


@pytest.fixture
def new_context(new_context: Callable[..., BrowserContext], browser_log: BrowserLog) -> Callable[..., BrowserContext]:
    """pytest-playwright's context factory, with every context it creates watched by `browser_log`."""

    def create_watched_context(**kwargs: Any) -> BrowserContext:
        context = new_context(**kwargs)
        browser_log.watch(context)
        return context

    return create_watched_context


BROWSER_LOG = pytest.StashKey[BrowserLog]()


@pytest.fixture(autouse=True)
def _browser_must_stay_clean(request: pytest.FixtureRequest) -> None:
    """Every test that opens a browser context gets a log; `pytest_runtest_call` below fails the test on problems."""
    if "new_context" in request.fixturenames:
        request.node.stash[BROWSER_LOG] = request.getfixturevalue("browser_log")


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item: pytest.Item) -> Generator[None, None, None]:
    # Checked right after the test body (which may already have failed: that failure is reported as it is), so a
    # browser problem is this test's failure, not a teardown error.
    result = yield
    log = item.stash.get(BROWSER_LOG, None)
    problems = log.problems() if log else []
    if problems:
        pytest.fail("the browser reported problems during this test:\n  " + "\n  ".join(problems), pytrace=False)
    return result
