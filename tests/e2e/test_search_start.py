"""The search worker builds its index when the page wants search (docs/assets/frontend/site/search-start.js), not while
the page and its calculator start: on a page with a calculator once the calculator is ready, elsewhere at the first
idle moment after load, and at once when the reader focuses the search field."""

from __future__ import annotations

from collections.abc import Callable

from calculator_form import hold_wasm, page_path, release_wasm, wait_ready, widget
from playwright.sync_api import BrowserContext, Page, Request, expect

# What the page and the search worker say on the channel, seen by a listener of the test's own in the page.
CHANNEL_LOG = """
window.__searchChannel = [];
new BroadcastChannel("jiangbei-search").addEventListener("message", (event) => window.__searchChannel.push(event.data.type));
"""
SEARCH_BOX = {"zh": "搜索", "en": "Search"}


def _watched_context(new_context: Callable[..., BrowserContext]) -> tuple[BrowserContext, list[str]]:
    """A context whose pages log the search channel (window.__searchChannel), and the search documents as its pages'
    search workers request them (not the service worker's precache)."""
    context = new_context()
    context.add_init_script(CHANNEL_LOG)
    requests: list[str] = []

    def record(request: Request) -> None:
        if request.url.endswith("/search/search_docs.json") and request.service_worker is None:
            requests.append(request.url)

    context.on("request", record)
    return context, requests


def _wait_until_the_worker_waits(page: Page) -> None:
    page.wait_for_function("() => window.__searchChannel.includes('waiting')")


def _search(page: Page, lang: str, query: str, finds: str) -> None:
    box = page.get_by_role("textbox", name=SEARCH_BOX[lang])
    box.fill(query)
    box.press("End")  # Material searches on key events; fill() alone does not trigger it
    expect(page.locator("li.md-search-result__item").first).to_contain_text(finds)


def test_on_a_calculator_page_search_waits_for_the_calculator_or_the_reader(
        new_context: Callable[..., BrowserContext]) -> None:
    context, docs = _watched_context(new_context)

    # The calculator cannot get ready. The worker has its setup and waits: the page has not asked for the index, and
    # the worker has not fetched the documents.
    page = context.new_page()
    hold_wasm(page)
    page.goto(page_path("article", lang="zh", article=3))
    _wait_until_the_worker_waits(page)
    assert docs == []
    assert "build" not in page.evaluate("() => window.__searchChannel")
    # The reader opens search: the index is built now, and search works while the calculator still loads.
    _search(page, "zh", "技术改造", "第三条")
    assert len(docs) == 1
    expect(widget(page, 3)).to_have_attribute("data-state", "loading")
    page.close()

    # Another page: when its calculator gets ready, the page asks for the index by itself.
    page = context.new_page()
    held = hold_wasm(page)
    page.goto(page_path("article", lang="en", article=3))
    _wait_until_the_worker_waits(page)
    assert "build" not in page.evaluate("() => window.__searchChannel")
    assert len(docs) == 1
    release_wasm(page, held)
    wait_ready(widget(page, 3))
    page.wait_for_function("() => window.__searchChannel.includes('build')")
    _search(page, "en", "technological upgrading", "Article 3")
    assert docs[1:] == [docs[1]] and docs[1].endswith("/en/search/search_docs.json")


def test_on_a_page_without_a_calculator_search_is_built_when_the_page_is_idle(
        new_context: Callable[..., BrowserContext]) -> None:
    context, docs = _watched_context(new_context)
    page = context.new_page()
    page.goto("en/")
    # Nobody touches the page: once it is idle, the page asks for the index.
    page.wait_for_function("() => window.__searchChannel.includes('build')")
    _search(page, "en", "technological upgrading", "Article 3")
    assert docs and all(url.endswith("/en/search/search_docs.json") for url in docs)
