"""Starting WebKitGTK under Selenium on a private virtual X server: shared by the WebKit tests (conftest.py) and
benchmarks/bench_webkit.py."""

from __future__ import annotations

import os
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import IO

from selenium import webdriver
from selenium.webdriver.remote.client_config import ClientConfig
from selenium.webdriver.remote.remote_connection import RemoteConnection
from selenium.webdriver.webkitgtk.service import Service

WEBKIT_DRIVER = Path("/usr/bin/WebKitWebDriver")
MINIBROWSER = Path("/usr/lib/x86_64-linux-gnu/webkit2gtk-4.1/MiniBrowser")
XVFB_STOP_TIMEOUT_S = 30


class DisplayError(RuntimeError):
    pass


@contextmanager
def virtual_display(xvfb: str | Path = "Xvfb") -> Iterator[str]:
    """A private virtual X server; yields its display (":N", the first free number: Xvfb -displayfd reports it).
    -noreset: by default the server resets when its last client leaves, and a browser that connects during the reset
    fails with "cannot open display" (then WebKitWebDriver waits for it forever: 1 in 25 sessions here)."""
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
            raise DisplayError(f"Xvfb exited ({server.wait(XVFB_STOP_TIMEOUT_S)}) before reporting a display")
        yield f":{number}"
    finally:
        server.terminate()
        server.wait(XVFB_STOP_TIMEOUT_S)


@contextmanager
def webkit_session(display: str, *, command_timeout_s: int,
                   log_output: int | IO[str] = subprocess.DEVNULL) -> Iterator[webdriver.Remote]:
    """One WebKitWebDriver session (MiniBrowser in automation mode, 1280×900) on `display`."""
    options = webdriver.WebKitGTKOptions()
    options.binary_location = str(MINIBROWSER)
    options.add_argument("--automation")
    # The driver's own environment: only it (and the browser it starts) sees the virtual display.
    service = Service(executable_path=str(WEBKIT_DRIVER), env={**os.environ, "DISPLAY": display}, log_output=log_output)
    service.start()
    try:
        # A bounded wait for each command's answer: if the browser dies, WebKitWebDriver may never answer, and an
        # unbounded HTTP wait would hang the run instead of failing it.
        executor = RemoteConnection(client_config=ClientConfig(remote_server_addr=service.service_url,
                                                               timeout=command_timeout_s))
        driver = webdriver.Remote(command_executor=executor, options=options)
        try:
            driver.set_window_size(1280, 900)
            yield driver
        finally:
            driver.quit()
    finally:
        service.stop()
