"""Issue 10's widget features, in Chromium, both languages: why a line pays less is shown next to its amount (and the
estimator lists near misses); the what-if chart exists, its point moves with the input, and its table equals CPython's
engine at three values; the estimator's scenario A/B comparison shows the engine's difference; axe finds no WCAG 2.1
AA violation on these widgets at 1280 and 390 px in light and dark schemes. One page load checks several cases."""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from pathlib import Path
from typing import Any

import calculator
import pytest
from calculator_form import expect_result, expected_for, fill, page_path, set_field, wait_ready, widget
from playwright.sync_api import BrowserContext, Locator, Page, expect

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
CHART_TIMEOUT_MS = 30_000


def _why_not_texts(line: dict[str, Any]) -> list[str]:
    if "why_not" in line:
        return [entry["text"] for entry in line["why_not"]]
    return [r["text"] for r in line["reductions"] if Decimal(r["amount_cny"]) == 0]


def _line(result: dict[str, Any], rule: str) -> dict[str, Any]:
    return next(line for line in result["lines"] if line["rule"] == rule)


def _chart(root: Locator, rule: str) -> Locator:
    return root.locator(f'figure.pc-chart[data-rule="{rule}"]')


def _wait_chart_point(chart: Locator, x: str) -> None:
    expect(chart.locator("circle.pc-chart-point")).to_have_attribute("data-x", x, timeout=CHART_TIMEOUT_MS)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_article_widget_why_not_and_what_if_chart(new_context: Callable[..., BrowserContext], lang: str) -> None:
    page = new_context().new_page()
    page.goto(page_path("article", lang=lang, article=3))
    root = widget(page, 3)
    wait_ready(root)
    chart = _chart(root, "a3.renovation")
    expect(chart.locator("svg[role=img]")).to_have_count(1)

    # Below the 200万元 threshold: the reason (with the gap, as the engine words it) is next to the amount.
    values = {"a3_investment": "1800000", "a3_orientation": "key"}
    fill(root, values)
    expected = expected_for(values, lang=lang)
    expect_result(root, expected, lang=lang)
    reasons = _why_not_texts(_line(expected, "a3.renovation"))
    assert reasons, "the engine gives no reason for a zero line below the threshold"
    why_not = root.locator('li.pc-line[data-rule="a3.renovation"] .pc-why-not')
    expect(why_not).to_be_visible()
    for reason in reasons:
        expect(why_not).to_contain_text(reason)
    expect(why_not.locator("a.pc-clause")).not_to_have_count(0)
    _wait_chart_point(chart, "1800000")
    expect(chart.locator("circle.pc-chart-point")).to_have_attribute("data-cny", "0.00")

    # The point moves right and up when the investment grows; the aria-label names the reader's value.
    set_field(root, "a3_investment", "30000000")
    _wait_chart_point(chart, "30000000")
    point = chart.locator("circle.pc-chart-point")
    expect(point).to_have_attribute("data-cny", _line(expected_for({**values, "a3_investment": "30000000"}, lang=lang),
                                                        "a3.renovation")["computed_cny"])
    low_x = float(point.get_attribute("cx") or "nan")
    set_field(root, "a3_investment", "45000000")
    _wait_chart_point(chart, "45000000")
    assert float(point.get_attribute("cx") or "nan") > low_x
    label = chart.locator("svg[role=img]").get_attribute("aria-label") or ""
    assert ("4500万元" if lang == "zh" else "45,000,000") in label, label

    # The data table: every row is the engine's amount for the reader's profile with that investment; three checked.
    rows = chart.locator("table.pc-chart-table tbody tr")
    expect(rows).not_to_have_count(0)
    points = [(row.get_attribute("data-x"), row.get_attribute("data-cny")) for row in rows.all()]
    assert len(points) >= 5, points
    by_x = dict(points)
    for x in ("1999999.99", "2000000", "50000000"):
        profile = {"facts": {"a3_investment": x, "a3_orientation": "key"}}
        engine_line = _line(calculator.estimate(profile, lang=lang), "a3.renovation")
        assert by_x.get(x) == engine_line["computed_cny"], (x, by_x.get(x), engine_line)
    assert by_x["1999999.99"] == "0.00" and Decimal(by_x["2000000"]) > 0  # the threshold's cliff is drawn
    assert by_x["50000000"] == by_x[max(by_x, key=Decimal)]  # flat past the cap


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_level_rule_ladder_marks_the_readers_level(new_context: Callable[..., BrowserContext], lang: str) -> None:
    page = new_context().new_page()
    page.goto(page_path("article", lang=lang, article=11))
    root = widget(page, 11)
    wait_ready(root)
    fill(root, {"a11_first_unit_level": "domestic"})
    chart = _chart(root, "a11.first_unit")
    expect(chart.locator("rect.pc-chart-bar-current")).to_have_attribute("data-level", "domestic", timeout=CHART_TIMEOUT_MS)
    for level in ("international", "domestic", "provincial"):
        engine_line = _line(calculator.estimate({"facts": {"a11_first_unit_level": level}}, lang=lang), "a11.first_unit")
        expect(chart.locator(f'rect.pc-chart-bar[data-level="{level}"]')).to_have_attribute("data-cny", engine_line["computed_cny"])


def _estimator_total(root: Locator, expected: dict[str, Any]) -> None:
    expect(root.locator(".pc-total")).to_have_attribute("data-total-cny", expected["total_cny"], timeout=CHART_TIMEOUT_MS)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_estimator_near_misses_and_scenario_comparison(new_context: Callable[..., BrowserContext], lang: str) -> None:
    page = new_context().new_page()
    page.goto(page_path("estimator", lang=lang))
    root = widget(page)
    wait_ready(root)
    values_a = {"registered_in_district": "true", "a3_investment": "1800000", "a3_orientation": "general",
                "a10_new_rd_investment": "2000000"}
    fill(root, values_a)
    expected_a = expected_for(values_a, lang=lang)
    expect_result(root, expected_a, lang=lang)
    near = root.locator(".pc-near-misses")
    expect(near.locator('li[data-rule="a3.renovation"]')).to_contain_text(_why_not_texts(_line(expected_a, "a3.renovation"))[0])

    keep = root.locator("button.pc-keep-a")
    expect(keep).to_be_enabled()
    keep.click()
    values_b = {**values_a, "a3_investment": "8000000", "a3_orientation": "special"}
    set_field(root, "a3_investment", "8000000")
    set_field(root, "a3_orientation", "special")
    expected_b = expected_for(values_b, lang=lang)
    expect_result(root, expected_b, lang=lang)
    compare = root.locator(".pc-compare")
    expect(compare).to_be_visible()
    fen = lambda cny: str(int(Decimal(cny) * 100))  # noqa: E731
    total_row = compare.locator("tr.pc-compare-total")
    expect(total_row).to_have_attribute("data-a-cny", fen(expected_a["total_cny"]))
    expect(total_row).to_have_attribute("data-b-cny", fen(expected_b["total_cny"]))
    expect(total_row).to_have_attribute("data-difference-fen",
                                        str(int((Decimal(expected_b["total_cny"]) - Decimal(expected_a["total_cny"])) * 100)))
    article_row = compare.locator('tr[data-article="3"]')
    difference = Decimal(_line(expected_b, "a3.renovation")["amount_cny"]) - Decimal(_line(expected_a, "a3.renovation")["amount_cny"])
    expect(article_row).to_have_attribute("data-difference-fen", str(int(difference * 100)))
    assert difference > 0
    expect(compare.locator('tr[data-article="10"]')).to_have_attribute("data-difference-fen", "0")
    root.locator("button.pc-drop-a").click()
    expect(compare).to_be_hidden()


def _axe(page: Page) -> None:
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    assert result["testEngine"]["name"] == "axe-core" and result["passes"], "axe did not run"
    problems = [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
                for v in result["violations"]]
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1280, 390])
def test_new_widgets_have_no_wcag_aa_violation(new_context: Callable[..., BrowserContext], width: int, scheme: str) -> None:
    # A fresh context per page: the article's why-not and chart, then the estimator's near misses and A/B comparison.
    def fresh_page() -> Page:
        return new_context(viewport={"width": width, "height": 900}, color_scheme=scheme, bypass_csp=True).new_page()

    for lang in ("zh", "en"):
        page = fresh_page()
        page.goto(page_path("article", lang=lang, article=3))
        root = widget(page, 3)
        wait_ready(root)
        fill(root, {"a3_investment": "1800000"})
        expect(root.locator(".pc-why-not")).to_be_visible(timeout=CHART_TIMEOUT_MS)
        _wait_chart_point(_chart(root, "a3.renovation"), "1800000")
        _axe(page)
        page = fresh_page()
        page.goto(page_path("estimator", lang=lang))
        root = widget(page)
        wait_ready(root)
        fill(root, {"a3_investment": "1800000", "a10_new_rd_investment": "2000000"})
        expect(root.locator(".pc-near-misses")).to_be_visible(timeout=CHART_TIMEOUT_MS)
        root.locator("button.pc-keep-a").click()
        set_field(root, "a3_investment", "8000000")
        expect(root.locator(".pc-compare tr.pc-compare-total")).not_to_have_attribute("data-difference-fen", "0",
                                                                                      timeout=CHART_TIMEOUT_MS)
        _axe(page)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_repeatable_rows_added_removed_and_shared(new_context: Callable[..., BrowserContext], lang: str) -> None:
    page = new_context().new_page()
    page.goto(page_path("article", lang=lang, article=3))
    root = widget(page, 3)
    wait_ready(root)
    fill(root, {"a3_investment": "60000000", "a3_orientation": "general"})
    root.locator('button.pc-row-add[data-rule="a3.renovation"]').click()
    row = "item:a3.renovation:2:"
    expect(root.locator(f'[data-field="{row}a3_investment"]')).to_be_focused()
    fill(root, {f"{row}a3_investment": "5000000", f"{row}a3_orientation": "key", f"{row}event_date": "2024-03-01"})
    two_items = {"items": {"a3.renovation": [
        {"a3_investment": "60000000", "a3_orientation": "general"},
        {"a3_investment": "5000000", "a3_orientation": "key", "event_date": "2024-03-01"}]}}
    expected = calculator.estimate(two_items, lang=lang)
    assert expected["valid"] and len(expected["lines"]) == 2, expected["errors"]
    expect_result(root, expected, lang=lang)

    # A bad value in the row: the engine's message next to that row's field, what was typed kept.
    set_field(root, f"{row}a3_investment", "abc")
    expect(root.locator(f'[data-error-for="{row}a3_investment"]')).not_to_be_empty(timeout=CHART_TIMEOUT_MS)
    expect(root.locator(f'[data-field="{row}a3_investment"]')).to_have_value("abc")
    set_field(root, f"{row}a3_investment", "5000000")
    expect_result(root, expected, lang=lang)

    # The share link carries the row: a fresh browser draws it with its values and the same result.
    root.locator("button.pc-share-button").click()
    link = root.locator("input.pc-share-url").input_value()
    assert "#calc=" in link
    fresh = new_context().new_page()
    fresh.goto(link)
    fresh_root = widget(fresh, 3)
    wait_ready(fresh_root)
    expect(fresh_root.locator(f'[data-field="{row}a3_investment"]')).to_have_value("5000000")
    expect(fresh_root.locator(f'[data-field="{row}event_date"]')).to_have_value("2024-03-01")
    expect_result(fresh_root, expected, lang=lang)

    # Removing the row leaves one project, computed as the facts form.
    root.locator('.pc-row[data-row="2"] button.pc-row-remove').click()
    expect(root.locator(".pc-row")).to_have_count(0)
    one = expected_for({"a3_investment": "60000000", "a3_orientation": "general"}, lang=lang)
    expect_result(root, one, lang=lang)
