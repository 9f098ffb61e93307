"""End-to-end harness: the built site, served from an OS-chosen loopback port, in Debian's Chromium.

Fixtures for tests (all tests in tests/e2e get them):
- `site_url`    (session) "http://127.0.0.1:<port>/", the root of the Chinese site; English is under "en/".
                Also the Playwright base URL, so `page.goto("en/")` works.
- `site_dir`    (session) Path of the built site that is served (built once per session if stale).
                `site_url` and `site_dir` come from tests/conftest.py (one server for e2e and tests/webkit).
- `page`, `context`, `new_context` (pytest-playwright): every context they create is instrumented.
- `browser_log` (function) BrowserLog: console errors, page errors and every request of this test's contexts.
- `module_context` (module) one watched browser context shared by a module's tests (its pages keep the calculator's
                cached runtime between tests); its log is cleared when each test starts and checked when it ends.
Every test that uses the browser fails if, by the end of its body, there was any console error, any uncaught page
error, or any request to another origin (`_browser_must_stay_clean`, autouse, and `pytest_runtest_call`). A test that
provokes problems on purpose checks them, then calls `browser_log.clear()`. Phone width: `new_context(viewport=...)`.
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from pathlib import Path
from typing import Any

import pytest
from browser_log import BrowserLog, origin
from playwright.sync_api import Browser, BrowserContext, expect

# expect() waits up to this long for its condition (Playwright's default is 5 s). A passing check returns as soon as
# its condition holds; the longer wait only matters on a loaded machine, where an in-page navigation or a result can
# take more than 5 s to appear (a clean-clone CI run under load: the glossary opened from a term in article 17).
expect.set_options(timeout=15_000)

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-component-update", "--disable-sync"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.path)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.e2e)


# ---- the site (`site_dir`, `site_url`: tests/conftest.py, shared with tests/webkit) ------------------------------


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


@pytest.fixture(scope="module")
def module_browser_log(site_url: str) -> BrowserLog:
    return BrowserLog(site_origin=origin(site_url))


@pytest.fixture(scope="module")
def module_context(browser: Browser, browser_context_args: dict[str, Any],
                   module_browser_log: BrowserLog) -> Generator[BrowserContext, None, None]:
    """One browser context for all tests of a module, watched by `module_browser_log`. Each test opens its own page;
    pages that share a path share its saved inputs (localStorage), so each test uses pages of its own."""
    context = browser.new_context(**browser_context_args)
    module_browser_log.watch(context)
    yield context
    context.close()


BROWSER_LOG = pytest.StashKey[BrowserLog]()


@pytest.fixture(autouse=True)
def _browser_must_stay_clean(request: pytest.FixtureRequest) -> None:
    """Every test that opens a browser context gets a log; `pytest_runtest_call` below fails the test on problems."""
    if "new_context" in request.fixturenames:
        request.node.stash[BROWSER_LOG] = request.getfixturevalue("browser_log")
    elif "module_context" in request.fixturenames:
        log = request.getfixturevalue("module_browser_log")
        log.clear()  # what an earlier test of the module did is that test's (checked when it ended)
        request.node.stash[BROWSER_LOG] = log


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
