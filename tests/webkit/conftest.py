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

import os
import shutil
import subprocess
from collections.abc import Iterator
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.webkitgtk.service import Service

WEBKIT_DRIVER = Path("/usr/bin/WebKitWebDriver")
MINIBROWSER = Path("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
XVFB = "Xvfb"
XVFB_START_TIMEOUT_S = 30
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
    """A private virtual X server; the display number is the first free one (Xvfb -displayfd reports it). -noreset:
    by default the server resets when its last client leaves, and a browser that connects during the reset fails
    with "cannot open display" (then WebKitWebDriver waits for it forever: 1 in 25 sessions here)."""
    xvfb = _require(Path(found) if (found := shutil.which(XVFB)) else None, XVFB)
    read_end, write_end = os.pipe()
    server = subprocess.Popen([str(xvfb), "-displayfd", str(write_end), "-screen", "0", "1280x1024x24",
                               "-nolisten", "tcp", "-noreset"], pass_fds=[write_end], stdout=subprocess.DEVNULL,
                              stderr=subprocess.DEVNULL)
    os.close(write_end)
    try:
        with os.fdopen(read_end, "rb") as reader:
            # Xvfb writes the number once it accepts connections; EOF means it exited.
            number = reader.readline().decode().strip()
        if not number:
            pytest.fail(f"Xvfb exited ({server.wait(XVFB_START_TIMEOUT_S)}) before reporting a display", pytrace=False)
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(XVFB_START_TIMEOUT_S)


@pytest.fixture(scope="session")
def webkit(x_display: str) -> Iterator[webdriver.Remote]:
    driver_path = _require(WEBKIT_DRIVER, str(WEBKIT_DRIVER))
    options = webdriver.WebKitGTKOptions()
    options.binary_location = str(_require(MINIBROWSER, str(MINIBROWSER)))
    options.add_argument("--automation")
    # The driver's own environment: only it (and the browser it starts) sees the virtual display.
    service = Service(executable_path=str(driver_path), env={**os.environ, "DISPLAY": x_display})
    service.start()
    try:
        # A bounded wait for each command's answer: if the browser dies, WebKitWebDriver may never answer, and an
        # unbounded HTTP wait would hang CI instead of failing this test.
        executor = RemoteConnection(client_config=ClientConfig(remote_server_addr=service.service_url,
                                                               timeout=COMMAND_TIMEOUT_S))
        driver = webdriver.Remote(command_executor=executor, options=options)
        try:
            driver.set_window_size(1280, 900)
            yield driver
        finally:
            driver.quit()
    finally:
        service.stop()



@pytest.fixture(scope="session")
def webkit_storage(webkit: webdriver.Remote) -> dict[str, bool]:
    return {}
