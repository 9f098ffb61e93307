"""The harness itself: the server sends the MIME types Pyodide needs, and the browser log sees every kind of problem
that must fail a test (so the autouse check cannot pass vacuously)."""

from __future__ import annotations

import urllib.request
from collections.abc import Callable
from pathlib import Path

from browser_log import BrowserLog
from playwright.sync_api import BrowserContext, expect
from site_build.static_server import serving


def test_server_sends_wasm_and_module_mime_types(tmp_path: Path) -> None:
    files = {"index.html": b"<!doctype html>", "runtime.wasm": b"\0asm\1\0\0\0", "worker.mjs": b"export {}"}
    for name, body in files.items():
        (tmp_path / name).write_bytes(body)
    types = {}
    with serving(tmp_path) as base:
        for name in files:
            with urllib.request.urlopen(base + name) as response:
                types[name] = response.headers["Content-Type"]
    assert types == {"index.html": "text/html", "runtime.wasm": "application/wasm", "worker.mjs": "text/javascript"}


def test_browser_log_records_console_errors_page_errors_and_off_origin_requests(
        new_context: Callable[..., BrowserContext], browser_log: BrowserLog, site_url: str) -> None:
    # No service worker: once the home page had registered it (when idle, so only sometimes under load), it fetched
    # the routed no-CSP page itself, which the page's route does not see, and the site's 404 page came instead.
    context = new_context(service_workers="block")
    page = context.new_page()
    page.goto("")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    assert browser_log.problems() == []
    assert site_url in browser_log.requests

    with page.expect_console_message(lambda message: message.type == "error"):
        page.evaluate("console.error('deliberate console error')")
    with page.expect_event("pageerror"):
        page.evaluate("setTimeout(() => { throw new Error('deliberate page error') }, 0)")
    # The site's own pages forbid off-origin fetches by CSP, so Chromium never sends them; a same-origin page
    # without CSP lets this check see that the recorder catches a request that does leave.
    # In a second page: the home page stays, and nothing it is still loading (the search worker) is cut off.
    other = context.new_page()
    other.route(f"{site_url}no-csp.html", lambda route: route.fulfill(
        body="<!doctype html><title>no CSP</title>", content_type="text/html"))
    other.goto("no-csp.html")
    with other.expect_request("https://example.com/off-origin.js"):
        other.evaluate("fetch('https://example.com/off-origin.js').catch(() => {})")

    problems = browser_log.problems()
    assert "console error: deliberate console error" in problems[0]
    assert "page error: deliberate page error" in problems
    assert "request to another origin: https://example.com/off-origin.js" in problems
    browser_log.clear()  # provoked on purpose and checked above; the autouse check must not fail this test
