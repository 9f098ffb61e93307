"""Offline: after one visit online, the service worker has precached the site and Pyodide under a versioned cache
(older caches deleted on activation); with the browser context offline, an article and the estimator reload, the
calculator starts and computes the engine's result."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

from calculator_form import expect_result, expected_for, fill, page_path, wait_ready, widget
from playwright.sync_api import BrowserContext, Page, expect

CACHE_PREFIX = "jiangbei-policy-"
STALE_CACHE = CACHE_PREFIX + "0000000000000000"


def _cache_version(site_dir: Path) -> str:
    match = re.search(r'const CACHE_NAME = CACHE_PREFIX \+ "([0-9a-f]{16})"', (site_dir / "sw.js").read_text("utf-8"))
    assert match, "sw.js has no versioned cache name"
    return CACHE_PREFIX + match.group(1)


def _wait_until_controlled(page: Page) -> None:
    # The worker claims the page once it has activated, which happens only after every precache download succeeded.
    page.evaluate("() => navigator.serviceWorker.ready.then(() => new Promise(resolve => {"
                  " if (navigator.serviceWorker.controller) resolve(); "
                  " else navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), {once: true}); }))")


def test_article_and_estimator_work_offline_after_one_visit(new_context: Callable[..., BrowserContext],
                                                           site_dir: Path) -> None:
    context = new_context()
    page = context.new_page()
    page.goto(page_path("article", lang="en", article=3))
    # A cache of an older build: activation of this build's worker must delete it.
    page.evaluate(f"() => caches.open('{STALE_CACHE}').then(() => true)")
    wait_ready(widget(page, 3))
    _wait_until_controlled(page)
    assert page.evaluate("() => caches.keys()") == [_cache_version(site_dir)]

    context.set_offline(True)
    values = {"a3_investment": "7,500,000", "a3_orientation": "key", "registered_in_district": "true"}
    page.reload()
    root = widget(page, 3)
    expect(page.locator("#a3-2")).to_be_visible()
    wait_ready(root)
    fill(root, values)
    expect_result(root, expected_for(values, lang="en"), lang="en")

    page.goto(page_path("estimator", lang="zh"))  # never visited: precached with the rest of the site
    estimator = widget(page)
    wait_ready(estimator)
    values = {"registered_in_district": "true", "fiscal_contribution": "100000", "a8_national_centre": "true",
              "a6_design_centre_level": "national", "a6_design_centre_prev_level": "provincial"}
    fill(estimator, values)
    expect_result(estimator, expected_for(values, lang="zh"), lang="zh")
