"""What the browser did during one e2e test: console errors, uncaught page errors, every request.

The fixtures in conftest.py attach a BrowserLog to every browser context a test opens, and fail the test if
`problems()` is not empty after its body.
"""

from __future__ import annotations

import dataclasses
from urllib.parse import urlsplit

from playwright.sync_api import BrowserContext, ConsoleMessage, Request, WebError

# Schemes that never leave the page's origin (inline data, object URLs).
LOCAL_SCHEMES = {"data", "blob", "about"}


def origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"


@dataclasses.dataclass
class BrowserLog:
    """What the browser did during one test, in order."""

    site_origin: str
    console_errors: list[str] = dataclasses.field(default_factory=list)
    page_errors: list[str] = dataclasses.field(default_factory=list)
    requests: list[str] = dataclasses.field(default_factory=list)
    # Not a problem in itself (a page that goes cancels its loads), but named next to a page error it explains.
    failed_requests: list[str] = dataclasses.field(default_factory=list)

    def off_origin_requests(self) -> list[str]:
        return [url for url in self.requests
                if urlsplit(url).scheme not in LOCAL_SCHEMES and origin(url) != self.site_origin]

    def problems(self) -> list[str]:
        problems = ([f"console error: {text}" for text in self.console_errors]
                    + [f"page error: {text}" for text in self.page_errors]
                    + [f"request to another origin: {url}" for url in self.off_origin_requests()])
        if problems and self.failed_requests:
            problems += [f"(request that failed, for the record: {failure})" for failure in self.failed_requests]
        return problems

    def clear(self) -> None:
        """Forgets everything recorded so far: only for tests that provoke problems on purpose and have checked them."""
        self.console_errors.clear()
        self.page_errors.clear()
        self.requests.clear()
        self.failed_requests.clear()

    def record_console(self, message: ConsoleMessage) -> None:
        if message.type == "error":
            where = message.location
            self.console_errors.append(f"{message.text} (at {where.get('url')}:{where.get('lineNumber')})")

    def record_page_error(self, error: WebError) -> None:
        self.page_errors.append(str(error.error))

    def record_request(self, request: Request) -> None:
        self.requests.append(request.url)

    def record_failed_request(self, request: Request) -> None:
        self.failed_requests.append(f"{request.url}: {request.failure}")

    def watch(self, context: BrowserContext) -> None:
        context.on("console", self.record_console)
        context.on("weberror", self.record_page_error)
        context.on("request", self.record_request)
        context.on("requestfailed", self.record_failed_request)


def _origin(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.scheme}://{parts.netloc}"
