"""WebKit smoke test (issue 11, "Second engine"): the built site's calculator in WebKitGTK gives the engine's amounts
in an article widget, after following a link to the next article, and in the English estimator. One browser session
for all of it (Pyodide compiles once per session), pages in the order a reader opens them.

The next article's worker restores Python from the memory snapshot the first page made (issue 11): in WebKitGTK the
service worker runs on http://127.0.0.1 (a secure context) and controls the page, the page hands it the 30 MB
snapshot, which it stores in Cache Storage (the page does not store it itself), and the next page's worker restores
from it. A fresh automation session starts with empty storage, so the first page boots cold."""

from __future__ import annotations

from selenium import webdriver
from webkit_page import (
    REAL_SNAPSHOT_BYTES, SNAPSHOT_FILE, SNAPSHOT_TIMEOUT_S, assert_page_clean, expect_result, expected_for, fill,
    follow_article_link, how_started, open_page, page_cache_puts, service_worker_controls_page, snapshot_sent_to,
    stored_snapshot_bytes,
    wait_for, wait_ready, widget,
)

ARTICLE_3_CASES = [
    {"a3_investment": "8000000", "a3_orientation": "key"},
    {"a3_investment": "2500000", "a3_orientation": "special"},
]
ARTICLE_11_CASE = {"a11_first_unit_level": "domestic"}
# A few fields across two articles (3 and 14) plus the company facts every article checks.
ESTIMATOR_CASE = {
    "registered_in_district": "true",
    "fiscal_contribution": "1500000",
    "a3_investment": "8650000",
    "a3_orientation": "special",
    "a14_green_factory_level": "national",
}


def test_article_widget_the_next_article_in_place_and_a_page_load_from_the_snapshot(
        webkit: webdriver.Remote, site_url: str, webkit_storage: dict[str, bool]) -> None:
    open_page(webkit, site_url + "articles/3/")
    root = widget(webkit, 3)
    wait_ready(webkit, root)
    assert how_started(webkit) == "cold", "a fresh WebKit session should have nothing stored yet"
    for values in ARTICLE_3_CASES:
        fill(webkit, root, values)
        expect_result(webkit, root, expected_for(values, lang="zh"))
    # After its first result the worker makes the snapshot; the service worker stores it in Cache Storage.
    wait_for(webkit, lambda d: stored_snapshot_bytes(d) > REAL_SNAPSHOT_BYTES, SNAPSHOT_TIMEOUT_S,
             "the memory snapshot in Cache Storage", stored_snapshot_bytes)
    webkit_storage["snapshot"] = True
    assert service_worker_controls_page(webkit), "no service worker: the snapshot could only be the page's own copy"
    assert not [url for url in page_cache_puts(webkit) if url.endswith(SNAPSHOT_FILE)], \
        "the page stored the snapshot itself: its bytes should never pass through the page"
    assert snapshot_sent_to(webkit) == "service worker", \
        "the calculator's worker stored the snapshot itself (its fallback): the service worker did not take it"
    assert_page_clean(webkit)

    # A link opens the next article in place: the worker, Python in it, is kept.
    follow_article_link(webkit, 11)
    root = widget(webkit, 11)
    wait_ready(webkit, root)
    fill(webkit, root, ARTICLE_11_CASE)
    expect_result(webkit, root, expected_for(ARTICLE_11_CASE, lang="zh"))
    assert how_started(webkit) == "kept"
    assert_page_clean(webkit)

    # A full load of an article (a new tab, a bookmark) restores Python from the snapshot.
    open_page(webkit, site_url + "articles/11/")
    root = widget(webkit, 11)
    wait_ready(webkit, root)
    fill(webkit, root, ARTICLE_11_CASE)
    expect_result(webkit, root, expected_for(ARTICLE_11_CASE, lang="zh"))
    assert how_started(webkit) == "snapshot"
    assert service_worker_controls_page(webkit), "the offline service worker does not control the next article"
    assert_page_clean(webkit)


def test_english_estimator(webkit: webdriver.Remote, site_url: str, webkit_storage: dict[str, bool]) -> None:
    open_page(webkit, site_url + "en/estimator/")
    root = widget(webkit)
    wait_ready(webkit, root)
    # The snapshot holds no language: after an earlier test stored one, the English estimator restores it too.
    assert how_started(webkit) == ("snapshot" if webkit_storage.get("snapshot") else "cold")
    fill(webkit, root, ESTIMATOR_CASE)
    expect_result(webkit, root, expected_for(ESTIMATOR_CASE, lang="en"))
    assert_page_clean(webkit)
