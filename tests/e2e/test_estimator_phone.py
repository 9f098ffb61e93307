"""Issue 13, the estimator on a phone and on a desktop, in both languages: the finance manager's four-article year
(an 800万元 key-industry renovation, a national Little Giant after a provincial hidden champion, R&D up 300万元, a first
high-tech recognition) typed the way people write amounts. One page load per language and width checks, in order:
the finder (技改 → 第三条, 高企 → 第二十一条), the echo of 万/亿 amounts, the result equal to CPython's for the same
amounts in digits, the running total, the error summary and its links, clear and undo, the print (at most 3 A4
pages) and the language switch keeping the inputs. Expectations come from `calculator.estimate`; nothing is hard-coded.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from calculator_form import (expect_result, expected_for, field, fill, page_path, set_field, use_language_switch,
                             wait_ready, widget)
from playwright.sync_api import BrowserContext, Locator, Page, Route, expect
from site_build.policy_data import load_policy

import calculator

REPO_ROOT = Path(__file__).resolve().parents[2]
POLICY_TITLE = load_policy(REPO_ROOT / "policy.yaml")["document"]["title"]
WIDTHS = {"phone": 390, "desktop": 1280}
# As she typed them.
TYPED = {
    "registered_in_district": "true",
    "above_size_industrial": "true",
    "a3_investment": "800万",
    "a3_orientation": "key",
    "a10_new_rd_investment": "300万",
    "a20_srdi_level": "little_giant",
    "a20_srdi_prev_level": "provincial_hidden_or_city_key",
    "a21_high_tech_level": "first",
    "fiscal_contribution": "1.2亿",
}
# The same amounts in digits.
DIGITS = {**TYPED, "a3_investment": "8000000", "a10_new_rd_investment": "3000000", "fiscal_contribution": "120000000"}
ECHO = {
    "zh": {"a3_investment": "= 8,000,000 元（800万元）", "fiscal_contribution": "= 120,000,000 元（1.2亿元）"},
    "en": {"a3_investment": "= CNY 8,000,000 (8 million)", "fiscal_contribution": "= CNY 120,000,000 (120 million)"},
}
FINDS = {"技改": [3], "高企": [21], "technical renovation": [3], "国高": [21], "IPO": [19]}


def _echo(root: Locator, key: str) -> Locator:
    return root.locator(f'.pc-field:has([data-field="{key}"]) .pc-echo')


def _visible_articles(root: Locator) -> list[int]:
    return [int(n) for n in root.locator("fieldset.pc-article:visible").evaluate_all(
        "nodes => nodes.map(n => n.dataset.article)")]


def _grouped(cny: str) -> str:
    return f"{Decimal(cny):,.0f}" if Decimal(cny) == Decimal(cny).to_integral() else f"{Decimal(cny):,.2f}"


def _running_text(result: dict[str, Any], lang: str) -> str:
    up_to = result["total_kind_of_amount"] == "maximum"
    if lang == "zh":
        return f"合计 {'最高' if up_to else ''}{result['total_display']}"
    return f"Total {'up to ' if up_to else ''}CNY {_grouped(result['total_cny'])}"


def _pdf_pages(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page(?![a-zA-Z])", pdf))


def _switch_language(page: Page, lang: str, target: str = "estimator/") -> None:
    other = "en" if lang == "zh" else "zh"
    use_language_switch(page, to=other)
    page.wait_for_url(re.compile(("/en/" if other == "en" else r"127\.0\.0\.1:\d+/") + re.escape(target)))


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_four_article_year_typed_as_people_write_it(new_context: Callable[..., BrowserContext], lang: str,
                                                     width: str) -> None:
    expected = expected_for(DIGITS, lang=lang)
    assert expected["valid"] and len(expected["lines"]) == 4, expected
    # No service worker: this test is not about offline use, and its precache download would only slow it down.
    page = new_context(viewport={"width": WIDTHS[width], "height": 844}, service_workers="block").new_page()
    page.goto(page_path("estimator", lang=lang))
    root = widget(page)

    # Find a field: the filter shows only the matching articles, in either language.
    finder = root.locator(".pc-finder-input")
    for query, articles in FINDS.items():
        finder.fill(query)
        expect(root.locator(".pc-finder-status")).not_to_be_empty()
        assert _visible_articles(root) == articles, query
    finder.fill("")
    expect(root.locator("fieldset.pc-article[hidden]")).to_have_count(0)

    # Typed as she wrote it, before and after the calculator is ready: the echo says how it is read.
    fill(root, TYPED)
    for key, echo in ECHO[lang].items():
        expect(_echo(root, key)).to_have_text(echo)
    wait_ready(root)
    expect_result(root, expected, lang=lang)

    # The running total follows the reader in the form and jumps to the breakdown.
    field(root, "a3_investment").scroll_into_view_if_needed()
    bar = root.locator(".pc-running-total")
    expect(bar).to_be_in_viewport()
    expect(bar).to_have_attribute("data-total-cny", expected["total_cny"])
    expect(bar.locator(".pc-running-amount")).to_have_text(_running_text(expected, lang))
    bar.locator(".pc-running-link").click()
    expect(root.locator(".pc-total")).to_be_in_viewport()

    # Refused amounts and a date before 2024: every error in the summaries (both languages), each link focuses its field.
    errors = {"a3_investment": "两百万", "a10_new_rd_investment": "200万美元", "event_date": "2023-12-31"}
    fill(root, errors)
    for place in ("form", "result"):
        summary = root.locator(f".pc-error-summary-{place}")
        expect(summary).to_be_visible()
        expect(summary.locator("li")).to_have_count(len(errors))
    engine_errors = calculator.estimate({"company": {"event_date": "2023-12-31"}})["errors"]
    summary = root.locator(".pc-error-summary-result")
    expect(summary).to_contain_text(engine_errors[0]["zh"])
    expect(summary).to_contain_text(engine_errors[0]["en"])
    for key in errors:
        expect(root.locator(f'[data-error-for="{key}"]')).not_to_be_empty()
        summary.locator(f'a[data-error-link="{key}"]').click()
        expect(field(root, key)).to_be_focused()
        summary.scroll_into_view_if_needed()
    fill(root, {key: TYPED.get(key, "") for key in errors})
    expect_result(root, expected, lang=lang)
    expect(root.locator(".pc-error-summary-form")).to_be_hidden()

    # Clear, then undo: every input is back, and so is the result.
    root.locator(".pc-clear-button").click()
    for key in TYPED:
        expect(field(root, key)).to_have_value("")
    undo = root.locator(".pc-undo button")
    expect(undo).to_be_visible()
    undo.click()
    for key, value in TYPED.items():
        expect(field(root, key)).to_have_value(value)
    expect_result(root, expected, lang=lang)

    # Print: title, date and policy on top, the inputs listed, at most 3 A4 pages.
    page.emulate_media(media="print")
    header = root.locator(".pc-print-header")
    expect(header).to_be_visible()
    expect(header).to_contain_text(POLICY_TITLE[lang])
    expect(root.locator(".pc-given")).to_contain_text("800万")
    pages = _pdf_pages(page.pdf(format="A4"))
    assert 1 <= pages <= 3, f"the print is {pages} A4 pages"
    page.emulate_media(media="screen")

    # The language switch keeps every input; the other language computes the same total.
    _switch_language(page, lang)
    other = "en" if lang == "zh" else "zh"
    root = widget(page)
    for key, value in TYPED.items():
        expect(field(root, key)).to_have_value(value)
    wait_ready(root)
    expect_result(root, expected_for(DIGITS, lang=other), lang=other)


def test_amounts_are_echoed_and_flagged_before_the_calculator_is_ready(
        new_context: Callable[..., BrowserContext]) -> None:
    page = new_context(viewport={"width": 390, "height": 844}, service_workers="block").new_page()
    held: list[Route] = []
    page.route("**/pyodide/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(page_path("estimator", lang="zh"))
    root = widget(page)
    set_field(root, "a3_investment", "800万")
    expect(_echo(root, "a3_investment")).to_have_text("= 8,000,000 元（800万元）")
    set_field(root, "a3_investment", "8000000")
    expect(_echo(root, "a3_investment")).to_have_text("= 8,000,000 元（800万元）")
    for typed in ("两百万", "200万美元", "100万 200万"):
        set_field(root, "a3_investment", typed)
        expect(_echo(root, "a3_investment")).to_be_empty()
        expect(root.locator('[data-error-for="a3_investment"]')).not_to_be_empty()
        expect(root.locator(".pc-error-summary-form a[data-error-link=\"a3_investment\"]")).to_be_visible()
    expect(root).not_to_have_attribute("data-state", "ready")
    set_field(root, "a3_investment", "")
    expect(root.locator(".pc-error-summary-form")).to_be_hidden()


def test_widget_inputs_go_into_the_estimator_and_across_the_language_switch(
        new_context: Callable[..., BrowserContext]) -> None:
    # Form state only: the runtime is held back (never loaded), the forms work without it.
    page = new_context(viewport={"width": 390, "height": 844}, service_workers="block").new_page()
    held: list[Route] = []
    page.route("**/pyodide/pyodide.asm.wasm", lambda route: held.append(route))
    page.goto(page_path("estimator", lang="en"))
    set_field(widget(page), "fiscal_contribution", "1500000")  # already in the (English) estimator: kept
    page.goto(page_path("article", lang="zh", article=3))
    article = widget(page, 3)
    values = {"a3_investment": "800万", "a3_orientation": "key", "registered_in_district": "true"}
    fill(article, values)
    _switch_language(page, "zh", target="articles/3/")
    article = widget(page, 3)
    for key, value in values.items():
        expect(field(article, key)).to_have_value(value)
    article.locator(".pc-add-to-estimate").click()
    page.wait_for_url(re.compile(r"/en/estimator/"))
    estimator = widget(page)
    for key, value in {**values, "fiscal_contribution": "1500000"}.items():
        expect(field(estimator, key)).to_have_value(value)
