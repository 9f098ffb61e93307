"""A page loaded in full starts its calculator from a memory snapshot (issue 11): the first page that boots Python in
this browser makes one after its first result, the service worker stores it, and every later page load's worker
restores Python from it, with the calculator already imported, instead of booting it again. (A link to another
article opens it in place and keeps the worker: tests/e2e/test_in_page_navigation.py.) Results after a restore are
the engine's, in both languages; a damaged snapshot is replaced, and the page still boots and answers."""

from __future__ import annotations

from collections.abc import Callable

from calculator_form import (expect_result, expected_for, field, fill, page_path, use_language_switch, wait_ready,
                             widget)
from playwright.sync_api import BrowserContext, Page, expect

SNAPSHOT_PREFIX = "jiangbei-snapshot-"
# A real snapshot holds the whole WebAssembly memory of a booted Python (about 30 MB); a damaged one is tiny.
REAL_SNAPSHOT_BYTES = 10_000_000
DAMAGED_SNAPSHOT = "not a memory snapshot"

STORED_SNAPSHOT_BYTES = """async () => {
  let bytes = 0;
  for (const name of await caches.keys()) {
    if (!name.startsWith('%s')) continue;
    const cache = await caches.open(name);
    for (const request of await cache.keys()) bytes += (await (await cache.match(request)).arrayBuffer()).byteLength;
  }
  return bytes;
}""" % SNAPSHOT_PREFIX


def _how_started(page: Page) -> str:
    return str(page.evaluate("() => performance.getEntriesByName('calculator-ready')[0].detail.started"))


def _wait_for_real_snapshot(page: Page) -> None:
    page.wait_for_function(f"() => ({STORED_SNAPSHOT_BYTES})().then((bytes) => bytes > {REAL_SNAPSHOT_BYTES})")


def _snapshot_sent_to(page: Page) -> str:
    """Who the page told the calculator's worker to give the snapshot to (docs/assets/frontend/worker/snapshot.js)."""
    page.wait_for_function("() => performance.getEntriesByName('calculator-snapshot').length > 0")
    return str(page.evaluate("() => performance.getEntriesByName('calculator-snapshot')[0].detail.sentTo"))


def _load_article(page: Page, article: int, *, lang: str) -> None:
    """A full page load of the article (a new tab, a bookmark, a reload): a new document and a new worker."""
    page.goto(page_path("article", lang=lang, article=article))


def _check_result(page: Page, article: int, values: dict[str, str], *, lang: str) -> None:
    root = widget(page, article)
    wait_ready(root)
    fill(root, values)
    expect_result(root, expected_for(values, lang=lang), lang=lang)


def test_page_loads_restore_python_from_the_snapshot_and_a_damaged_one_is_replaced(
        new_context: Callable[..., BrowserContext]) -> None:
    page = new_context().new_page()
    page.goto(page_path("article", lang="zh", article=3))
    _check_result(page, 3, {"a3_investment": "8000000", "a3_orientation": "key"}, lang="zh")
    assert _how_started(page) == "cold"
    _wait_for_real_snapshot(page)
    # Its bytes go from the calculator's worker to the service worker, or the worker stores them itself when the
    # service worker is not active yet (first visit): never through the page.
    assert _snapshot_sent_to(page) in ("service worker", "calculator worker")

    _load_article(page, 11, lang="zh")
    first_unit = {"a11_first_unit_level": "domestic"}
    _check_result(page, 11, first_unit, lang="zh")
    assert _how_started(page) == "snapshot"

    # The snapshot holds no language: the language switch opens the English article with what was typed, restored
    # from the same snapshot, with the English result.
    use_language_switch(page, to="en")
    page.wait_for_url("**/en/articles/11/**")
    root = widget(page, 11)
    wait_ready(root)
    expect(field(root, "a11_first_unit_level")).to_have_value("domestic")
    expect_result(root, expected_for(first_unit, lang="en"), lang="en")
    assert _how_started(page) == "snapshot"

    _load_article(page, 6, lang="en")
    _check_result(page, 6, {"a6_integration_pilot_level": "national", "a6_integration_pilot_prev_level": "provincial"},
                  lang="en")
    assert _how_started(page) == "snapshot"

    # Damaged (a disk error, an interrupted write): the worker boots as usual, answers, and stores a good one again.
    page.evaluate("""async (text) => {
      for (const name of await caches.keys()) {
        if (!name.startsWith('%s')) continue;
        const cache = await caches.open(name);
        for (const request of await cache.keys()) await cache.put(request, new Response(text));
      }
    }""" % SNAPSHOT_PREFIX, DAMAGED_SNAPSHOT)
    assert page.evaluate(STORED_SNAPSHOT_BYTES) == len(DAMAGED_SNAPSHOT)
    _load_article(page, 3, lang="en")
    _check_result(page, 3, {"a3_investment": "2500000", "a3_orientation": "special"}, lang="en")
    assert _how_started(page) == "cold"
    _wait_for_real_snapshot(page)
    assert _snapshot_sent_to(page) == "service worker"  # active by now: it controls the page

    _load_article(page, 11, lang="en")
    _check_result(page, 11, {"a11_first_unit_level": "international"}, lang="en")
    assert _how_started(page) == "snapshot"


def test_without_a_service_worker_the_calculators_worker_stores_the_snapshot(
        new_context: Callable[..., BrowserContext]) -> None:
    page = new_context(service_workers="block").new_page()
    page.goto(page_path("article", lang="zh", article=3))
    _check_result(page, 3, {"a3_investment": "8000000", "a3_orientation": "key"}, lang="zh")
    assert _how_started(page) == "cold"
    assert _snapshot_sent_to(page) == "calculator worker"
    _wait_for_real_snapshot(page)
    _load_article(page, 11, lang="zh")
    _check_result(page, 11, {"a11_first_unit_level": "domestic"}, lang="zh")
    assert _how_started(page) == "snapshot"
