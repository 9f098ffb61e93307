"""Offline and mobile data: the service worker installs with a few small files only and caches what the reader uses.
After one visit online, every page the reader opened, and the calculator once it has run, work with the network off;
a page without a calculator downloads no part of the Pyodide runtime; the runtime crosses the network once (the
service worker takes it from the HTTP cache, not from the network again); older caches are deleted on activation."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

from calculator_form import expect_result, expected_for, fill, page_path, wait_ready, widget
from playwright.sync_api import BrowserContext, Page, Request, expect

CACHE_PREFIX = "jiangbei-policy-"
STALE_CACHE = CACHE_PREFIX + "0000000000000000"
RUNTIME = ("pyodide.asm.wasm", "python_stdlib.zip", "pyodide.asm.mjs", "pyodide.mjs", "pyodide-lock.json")


def _cache_version(site_dir: Path) -> str:
    match = re.search(r'const CACHE_NAME = CACHE_PREFIX \+ "([0-9a-f]{16})"', (site_dir / "sw.js").read_text("utf-8"))
    assert match, "sw.js has no versioned cache name"
    return CACHE_PREFIX + match.group(1)


def _wait_until_controlled(page: Page) -> None:
    # The worker claims the page once it has activated (its install downloads only the few PRECACHE files).
    page.evaluate("() => navigator.serviceWorker.ready.then(() => new Promise(resolve => {"
                  " if (navigator.serviceWorker.controller) resolve(); "
                  " else navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), {once: true}); }))")


def _wait_until_cached(page: Page, relative_url: str) -> None:
    """Waits until the service worker's cache holds `relative_url` (relative to the current page)."""
    page.wait_for_function("url => caches.match(new URL(url, location.href).href).then(Boolean)", arg=relative_url)


# The service worker answers a page's {type: "remember"} with {type: "remembered"} once everything the page loaded
# before it was controlled is in the cache (sw.template.js). Counted from the start of each document.
COUNT_REMEMBERED = """
window.__remembered = 0;
if ("serviceWorker" in navigator) navigator.serviceWorker.addEventListener("message", (event) => {
  if (event.data && event.data.type === "remembered") window.__remembered += 1;
});
"""


def _wait_until_remembered(page: Page) -> None:
    """Waits until the service worker has cached every file this page loaded (its modules loaded on demand too), so
    that going offline next cannot cut a page whose last script was still being cached."""
    page.wait_for_function("() => window.__remembered > 0")


def _cached_urls(page: Page) -> list[str]:
    return list(page.evaluate("""async () => {
      const urls = [];
      for (const name of await caches.keys()) for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      return urls;
    }"""))


def _body_bytes(requests: list[tuple[Request, dict[str, Any]]], name: str) -> int:
    return sum(sizes["responseBodySize"] for request, sizes in requests if request.url.endswith("/pyodide/" + name))


def test_pages_and_calculator_work_offline_after_one_visit_and_the_runtime_crosses_the_network_once(
        new_context: Callable[..., BrowserContext], site_dir: Path) -> None:
    context = new_context()
    context.add_init_script(COUNT_REMEMBERED)
    finished: list[tuple[Request, dict[str, Any]]] = []
    context.on("requestfinished", lambda request: finished.append((request, request.sizes())))
    page = context.new_page()
    page.goto(page_path("article", lang="en", article=3))
    # A cache of an older build: activation of this build's worker must delete it.
    page.evaluate(f"() => caches.open('{STALE_CACHE}').then(() => true)")
    wait_ready(widget(page, 3))
    _wait_until_controlled(page)
    # (The calculator's memory snapshot has a cache of its own: tests/e2e/test_snapshot_start.py.)
    assert [name for name in page.evaluate("() => caches.keys()") if name.startswith(CACHE_PREFIX)] \
        == [_cache_version(site_dir)]
    _wait_until_remembered(page)
    for name in RUNTIME:  # what the calculator's worker fetched, handed to the service worker
        _wait_until_cached(page, f"../../../pyodide/{name}")
    _wait_until_cached(page, "./")

    page.goto(page_path("estimator", lang="zh"))  # opened once online, after the runtime was cached
    wait_ready(widget(page))
    _wait_until_cached(page, "./")
    # Once over the network (compressed or not), never a second time for the offline cache.
    wasm = site_dir / "pyodide" / "pyodide.asm.wasm"
    for name in ("pyodide.asm.wasm", "python_stdlib.zip"):
        sent = _body_bytes(finished, name)
        assert 0 < sent <= (site_dir / "pyodide" / name).stat().st_size, name
    assert _body_bytes(finished, "pyodide.asm.wasm") < 1.5 * min(wasm.stat().st_size,
                                                                 (site_dir / "pyodide" / "pyodide.asm.wasm.br").stat().st_size)

    context.set_offline(True)
    page.goto(page_path("article", lang="en", article=3))
    root = widget(page, 3)
    expect(page.locator("#a3-2")).to_be_visible()
    wait_ready(root)
    values = {"a3_investment": "7,500,000", "a3_orientation": "key", "registered_in_district": "true"}
    fill(root, values)
    expect_result(root, expected_for(values, lang="en"), lang="en")

    page.goto(page_path("estimator", lang="zh"))
    estimator = widget(page)
    wait_ready(estimator)
    values = {"registered_in_district": "true", "fiscal_contribution": "100000", "a8_national_centre": "true",
              "a6_design_centre_level": "national", "a6_design_centre_prev_level": "provincial"}
    fill(estimator, values)
    expect_result(estimator, expected_for(values, lang="zh"), lang="zh")

    # An address that is no page of the site: the worker answers with the site's own 404 page, not a browser error.
    # (Pages never opened are kept too, once the runtime is cached: tests/e2e/test_offline_site.py.)
    page.goto("articles/99/")
    expect(page.get_by_role("heading", level=1)).to_have_text("找不到此页 · Page not found")


def test_a_page_without_a_calculator_downloads_no_part_of_the_runtime_and_works_offline(
        new_context: Callable[..., BrowserContext]) -> None:
    context = new_context()
    context.add_init_script(COUNT_REMEMBERED)
    requests: list[str] = []
    context.on("request", lambda request: requests.append(request.url))
    page = context.new_page()
    page.goto("")
    _wait_until_controlled(page)
    _wait_until_remembered(page)
    _wait_until_cached(page, "./")
    _wait_until_cached(page, "sitemap.xml")
    assert [url for url in requests if "/pyodide/" in url or url.endswith("/worker.mjs")] == []
    assert [url for url in _cached_urls(page) if "/pyodide/" in url] == []

    context.set_offline(True)
    page.reload()
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # Search too: the documents its worker fetches were installed with the service worker (a worker's own requests
    # are not in the page's list of what it loaded).
    box = page.get_by_role("textbox", name="搜索")
    box.fill("技术改造")
    box.press("End")  # Material searches on key events; fill() alone does not trigger it
    expect(page.locator("li.md-search-result__item").first).to_contain_text("第三条")
