"""The widget's life: usable before Pyodide, its state in the page's language, inputs kept across a reload, a share
link (inputs in the URL fragment only) restoring them in a fresh browser, a malformed link ignored with a notice, the
clear button, failure without WebAssembly or when Pyodide cannot load, and a widget exactly where awards can be
computed."""

from __future__ import annotations

import base64
import json
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from browser_log import BrowserLog
from calculator_form import (READY_TIMEOUT_MS, expect_result, expected_for, field, fill, page_path, set_field,
                             wait_ready, widget)
from playwright.sync_api import BrowserContext, Locator, Route, expect

import calculator

ARTICLE = 19
VALUES = {
    "a19_joint_stock": "true",
    "a19_equity_refinancing_in_district": "40,000,000",
    "a19_equity_majority_in_district": "true",
    "a19_bond_issues_in_district": "20000000\n150000000",
    "registered_in_district": "true",
    "fiscal_contribution": "900000",
    "other:a19.joint_stock": "50000",
}
READY_TEXT = {"zh": "计算器已就绪。", "en": "Calculator ready."}
LOADING_TEXT = {"zh": "计算器加载中", "en": "Loading the calculator"}


def _expect_values(root: Locator, values: dict[str, str]) -> None:
    for key, value in values.items():
        expect(field(root, key), key).to_have_value(value)


def test_form_is_usable_before_pyodide_and_computes_once_it_is_ready(new_context: Callable[..., BrowserContext]) -> None:
    page = new_context().new_page()
    held: list[Route] = []
    page.route("**/pyodide/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(page_path("article", lang="en", article=ARTICLE))
    root = widget(page, ARTICLE)
    expect(root).to_have_attribute("data-state", "loading")
    expect(root.locator(".pc-status")).to_contain_text(LOADING_TEXT["en"])
    set_field(root, "a19_joint_stock", "true")
    expect(root.locator(".pc-result")).to_have_text("The result appears once the calculator has loaded.")
    expect(page.locator("#a19-1")).to_be_visible()  # the article itself is there all along
    if not held:  # started at idle or at the first focus: by now it is on its way
        page.wait_for_event("request", lambda request: request.url.endswith("/pyodide.asm.wasm"))
    # The route handler runs on a later turn of Playwright's event loop than the request event: each round trip
    # to the page lets it run (bounded, no sleeping).
    for _ in range(200):
        if held:
            break
        page.evaluate("0")
    assert held
    for route in held:
        route.continue_()
    page.unroute("**/pyodide/pyodide.asm.wasm")
    wait_ready(root)
    expect(root.locator(".pc-status")).to_have_text(READY_TEXT["en"])
    expect_result(root, expected_for({"a19_joint_stock": "true"}, lang="en"), lang="en")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_reload_keeps_inputs_and_result(new_context: Callable[..., BrowserContext], lang: str) -> None:
    page = new_context().new_page()
    page.goto(page_path("article", lang=lang, article=ARTICLE))
    root = widget(page, ARTICLE)
    wait_ready(root)
    expect(root.locator(".pc-status")).to_have_text(READY_TEXT[lang])
    fill(root, VALUES)
    expected = expected_for(VALUES, lang=lang)
    expect_result(root, expected, lang=lang)
    page.reload()
    wait_ready(root)
    _expect_values(root, VALUES)
    expect_result(root, expected, lang=lang)


def test_share_link_restores_the_form_in_a_fresh_browser(new_context: Callable[..., BrowserContext],
                                                         browser_log: BrowserLog) -> None:
    page = new_context().new_page()
    page.goto(page_path("article", lang="zh", article=ARTICLE))
    root = widget(page, ARTICLE)
    wait_ready(root)
    fill(root, VALUES)
    root.locator(".pc-share-button").click()
    link = root.locator(".pc-share-url")
    expect(link).to_have_value(re.compile(r"#calc=[A-Za-z0-9_-]+$"))
    url = link.input_value()

    fresh = new_context().new_page()  # another context: no localStorage from the first
    fresh.goto(url)
    fresh_root = widget(fresh, ARTICLE)
    wait_ready(fresh_root)
    _expect_values(fresh_root, VALUES)
    expect(fresh_root.locator(".pc-notice")).to_have_text("已按链接恢复填写内容。")
    expect_result(fresh_root, expected_for(VALUES, lang="zh"), lang="zh")
    expect(fresh).to_have_url(re.compile(r"/articles/19/$"))  # the fragment is dropped once restored
    sent = [request for request in browser_log.requests if "calc=" in request]
    assert not sent, f"the inputs left the browser: {sent}"


def _fragment(state: object) -> str:
    return "#calc=" + base64.urlsafe_b64encode(json.dumps(state).encode("utf-8")).decode("ascii").rstrip("=")


@pytest.mark.parametrize("fragment", [
    "#calc=%%%not-base64%%%",
    "#calc=" + base64.urlsafe_b64encode(b"{not json").decode("ascii"),
    _fragment({"v": 1, "values": {"no_such_input": "1"}}),
    _fragment({"v": 1, "values": {"a19_listing": "perhaps"}}),
    _fragment({"v": 99, "values": {}}),
    _fragment(["a19_listing"]),
], ids=["not-base64", "not-json", "unknown-field", "impossible-choice", "unknown-version", "not-an-object"])
def test_malformed_share_link_is_ignored_with_a_notice(new_context: Callable[..., BrowserContext], fragment: str) -> None:
    page = new_context().new_page()
    page.goto(page_path("article", lang="en", article=ARTICLE) + fragment)
    root = widget(page, ARTICLE)
    expect(root.locator(".pc-notice")).to_have_text("The inputs in this link could not be read and were ignored.")
    for key in VALUES:
        expect(field(root, key)).to_have_value("")
    wait_ready(root)
    expect(root.locator(".pc-result")).to_have_attribute("data-state", "empty")


def test_clear_empties_the_form_and_what_a_reload_restores(new_context: Callable[..., BrowserContext]) -> None:
    page = new_context().new_page()
    page.goto(page_path("article", lang="zh", article=ARTICLE))
    root = widget(page, ARTICLE)
    wait_ready(root)
    fill(root, VALUES)
    expect_result(root, expected_for(VALUES, lang="zh"), lang="zh")
    root.locator(".pc-clear-button").click()
    # Clearing offers an undo (issue 13); the notice says what happened, next to its button.
    undo_box = root.locator(".pc-undo")
    expect(undo_box).to_contain_text("已清除填写内容。")
    expect(undo_box.get_by_role("button", name="撤销")).to_be_visible()
    for key in VALUES:
        expect(field(root, key)).to_have_value("")
    expect(root.locator(".pc-result")).to_have_attribute("data-state", "empty")
    page.reload()
    wait_ready(root)
    for key in VALUES:
        expect(field(root, key)).to_have_value("")


def test_without_webassembly_the_widget_says_so_in_both_languages(new_context: Callable[..., BrowserContext]) -> None:
    context = new_context()
    context.add_init_script("delete globalThis.WebAssembly;")
    page = context.new_page()
    page.goto(page_path("article", lang="zh", article=3))
    root = widget(page, 3)
    expect(root).to_have_attribute("data-state", "failed")
    status = root.locator(".pc-status")
    expect(status).to_contain_text("不支持 WebAssembly")
    expect(status).to_contain_text("lacks WebAssembly")
    expect(page.locator("#a3-1")).to_be_visible()
    # No chart will be drawn: the room kept for it while the runtime loaded is given back.
    assert root.locator(".pc-chart-body").evaluate_all("(bodies) => bodies.map((body) => body.style.minHeight)") == [""]
    expect(root.locator(".pc-chart-waiting")).to_have_count(0)
    expect(field(root, "a3_investment")).to_be_editable()  # the form stays; typing does not break anything
    set_field(root, "a3_investment", "5000000")
    expect(root).to_have_attribute("data-state", "failed")


def test_when_pyodide_cannot_load_the_widget_says_so(new_context: Callable[..., BrowserContext]) -> None:
    page = new_context().new_page()
    # A broken runtime (served with 200, so the browser logs no network error): Pyodide's start-up fails.
    page.route("**/pyodide/pyodide.asm.mjs", lambda route: route.fulfill(
        status=200, content_type="text/javascript", body='throw new Error("this runtime is broken");'))
    page.goto(page_path("article", lang="en", article=3))
    root = widget(page, 3)
    expect(root).to_have_attribute("data-state", "failed", timeout=READY_TIMEOUT_MS)
    expect(root.locator(".pc-status")).to_contain_text("The calculator failed to load")
    expect(root.locator(".pc-status")).to_contain_text("计算器加载失败")
    expect(page.locator("#a3-1")).to_be_visible()


def test_a_widget_exactly_on_articles_with_quantified_awards(site_dir: Path) -> None:
    rules = calculator.list_rules()
    quantified = {rule["article"] for rule in rules if rule["exactness"] != "unquantified"}
    for lang_dir in (site_dir, site_dir / "en"):
        for article in range(1, 33):
            page = (lang_dir / "articles" / str(article) / "index.html").read_text(encoding="utf-8")
            has_widget = f'class="policy-calculator" data-article="{article}"' in page
            assert has_widget == (article in quantified), f"{lang_dir}: article {article} widget={has_widget}"
            # The script is requested before the stylesheets (which hold up the parser at Material's inline head
            # script) and after the Content-Security-Policy (which applies only to what follows it).
            script = page.index('<script type="module" async src="../../') if lang_dir == site_dir else \
                page.index('<script type="module" async src="../../../')
            assert page.index('http-equiv="Content-Security-Policy"') < script < page.index('rel="stylesheet"'), \
                f"{lang_dir}: article {article}"
            assert "assets/frontend/app.js" in page[script:script + 120]
            assert ('<meta name="policy-calculator-page" content="yes">' in page[:script]) == has_widget
        estimator = (lang_dir / "estimator" / "index.html").read_text(encoding="utf-8")
        assert 'class="policy-estimator"' in estimator
