"""WebKit smoke test (issue 11, "Second engine"): the built site's calculator in WebKitGTK gives the engine's amounts
in an article widget, after following a link to the next article, and in the English estimator. One browser session
for all of it (Pyodide compiles once per session)."""

from __future__ import annotations

from selenium import webdriver
from webkit_page import (
    assert_page_clean, expect_result, expected_for, fill, follow_article_link, how_started, open_page,
    stored_snapshot_bytes, wait_ready, widget,
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


def test_article_widget_then_the_next_article(webkit: webdriver.WebKitGTK, site_url: str) -> None:
    open_page(webkit, site_url + "articles/3/")
    root = widget(webkit, 3)
    wait_ready(webkit, root)
    first_start = how_started(webkit)
    for values in ARTICLE_3_CASES:
        fill(webkit, root, values)
        expect_result(webkit, root, expected_for(values, lang="zh"))
    assert_page_clean(webkit)
    print("article 3 started", first_start, "snapshot bytes", stored_snapshot_bytes(webkit))

    follow_article_link(webkit, 11)
    root = widget(webkit, 11)
    wait_ready(webkit, root)
    fill(webkit, root, ARTICLE_11_CASE)
    expect_result(webkit, root, expected_for(ARTICLE_11_CASE, lang="zh"))
    print("article 11 started", how_started(webkit), "snapshot bytes", stored_snapshot_bytes(webkit))
    print(webkit.execute_script("return [window.isSecureContext, !!navigator.serviceWorker.controller, performance.getEntriesByName('calculator-ready')[0].detail]"))
    assert_page_clean(webkit)


def test_english_estimator(webkit: webdriver.WebKitGTK, site_url: str) -> None:
    open_page(webkit, site_url + "en/estimator/")
    root = widget(webkit)
    wait_ready(webkit, root)
    fill(webkit, root, ESTIMATOR_CASE)
    expect_result(webkit, root, expected_for(ESTIMATOR_CASE, lang="en"))
    assert_page_clean(webkit)
