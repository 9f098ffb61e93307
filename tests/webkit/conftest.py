"""WebKit harness: the built site in WebKitGTK (Debian's `webkit2gtk-driver`, i.e. WebKitWebDriver driving its
MiniBrowser), through Selenium, on a virtual X server. Many readers are on iPhones, where every browser is WebKit.

Fixtures:
- `site_url` (session, tests/conftest.py) the built site on an OS-chosen loopback port.
- `webkit`   (session) one Selenium session for every WebKit test: Pyodide is compiled once per session, so each
             test reuses it (CI must stay under 30 minutes). Missing packages are a failure, never a skip.
- `webkit_storage` (session) what earlier tests left in the session's storage ({"snapshot": True} once one test saw
             the memory snapshot stored), so a later test knows how its page's worker must start.
Pages are driven through tests/webkit/webkit_page.py, which also fails a test on JS errors.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from webkit_browser import MINIBROWSER, WEBKIT_DRIVER, DisplayError, virtual_display, webkit_session

XVFB = "Xvfb"
# Longer than any wait of webkit_page.py (the longest is READY_TIMEOUT_S, polled in short commands).
COMMAND_TIMEOUT_S = 300


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    for item in items:
        if Path(str(item.path)).is_relative_to(Path(__file__).parent):
            item.add_marker(pytest.mark.webkit)


def _require(path: Path | None, what: str) -> Path:
    if path is None or not path.exists():
        pytest.fail(f"{what} not found: run scripts/install.sh (apt-get install webkit2gtk-driver xvfb)", pytrace=False)
    return path


@pytest.fixture(scope="session")
def x_display() -> Iterator[str]:
    xvfb = _require(Path(found) if (found := shutil.which(XVFB)) else None, XVFB)
    try:
        with virtual_display(xvfb) as display:
            yield display
    except DisplayError as error:
        pytest.fail(str(error), pytrace=False)


@pytest.fixture(scope="session")
def webkit(x_display: str) -> Iterator[webdriver.Remote]:
    _require(WEBKIT_DRIVER, str(WEBKIT_DRIVER))
    _require(MINIBROWSER, str(MINIBROWSER))
    with webkit_session(x_display, command_timeout_s=COMMAND_TIMEOUT_S) as driver:
        yield driver


@pytest.fixture(scope="session")
def webkit_storage(webkit: webdriver.Remote) -> dict[str, bool]:
    return {}
