"""The whole-company estimator: a profile over several articles where 累进补差 (progressive top-up), 从高不重复
(take the higher) and the yearly cap of 附则（五） all bite. Filled in through the form, the displayed total, lines and
reductions equal CPython's `calculator.estimate`; the CSV and JSON downloads carry the same figures; the print view
shows the result without the form; a share link restores the whole profile in a fresh browser."""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import pytest
from calculator_form import expect_result, expected_for, field, fill, page_path, wait_ready, widget
from playwright.sync_api import BrowserContext, Locator, Page, expect

PROFILE_VALUES = {
    "registered_in_district": "true",
    "above_size_industrial": "true",
    "rd_spend": "3,000,000",
    "fiscal_contribution": "1500000",
    "event_date": "2024-08-15",
    "a3_investment": "8650000",
    "a3_orientation": "special",
    "a6_design_centre_level": "national",
    "a6_design_centre_prev_level": "provincial",
    "a8_national_centre": "true",
    "a11_first_unit_level": "international",
    "a11_first_unit_prev_level": "provincial",
    "a14_green_factory_level": "national",
    "a14_green_factory_prev_level": "district_3star",
    "a19_joint_stock": "true",
    "other:a19.joint_stock": "100000",
    "a19_bond_issues_in_district": "20000000\n150000000",
    "a28_national_talent_grant": "1000000",
}
# What comes off a line after its article's own amount (computed_cny): the Supplementary Provisions' stages and an
# award's own yearly ceiling. 附则五 is on no line: one deduction from the total (result.yearly_cap).
CROSS_CUTTING = ("other_year", "before_policy_date", "exclusion", "comprehensive_support", "take_higher", "yearly_cap_per_rule")


def _reduction_sums(result: dict[str, Any], reasons: tuple[str, ...]) -> dict[str, Decimal]:
    sums: dict[str, Decimal] = {}
    for line in result["lines"]:
        if not line["counts_toward_company_total"]:
            continue
        for reduction in line["reductions"]:
            amount = Decimal(reduction["amount_cny"])
            if reduction["reason"] in reasons and amount:
                sums[reduction["reason"]] = sums.get(reduction["reason"], Decimal(0)) + amount
    return sums


def _totals_rows(result: dict[str, Any]) -> dict[str, Decimal]:
    """The deductions the totals table shows, by reason: the lines' stage reductions, then 附则五 once."""
    rows = _reduction_sums(result, CROSS_CUTTING)
    cap = result["yearly_cap"]
    if cap and Decimal(cap["reduction_cny"]):
        rows["yearly_cap"] = Decimal(cap["reduction_cny"])
    return rows


def _filled_estimator(new_context: Callable[..., BrowserContext], lang: str) -> tuple[Page, Locator, dict[str, Any]]:
    expected = expected_for(PROFILE_VALUES, lang=lang)
    assert expected["valid"], expected["errors"]
    # The profile is meant to make every cross-cutting reduction of interest bite; if the rules change, say so.
    assert Decimal(expected["totals"]["yearly_cap_reduction_cny"]) > 0, "the yearly cap does not bite"
    assert _reduction_sums(expected, ("top_up",)), "累进补差 does not bite"
    assert _reduction_sums(expected, ("take_higher",)), "从高不重复 does not bite"
    page = new_context(accept_downloads=True).new_page()
    page.goto(page_path("estimator", lang=lang))
    root = widget(page)
    wait_ready(root)
    fill(root, PROFILE_VALUES)
    expect_result(root, expected, lang=lang)
    return page, root, expected


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_estimator_total_lines_and_reductions_equal_the_engine(new_context: Callable[..., BrowserContext],
                                                               lang: str) -> None:
    _, root, expected = _filled_estimator(new_context, lang)
    totals = root.locator("table.pc-totals")
    expect(totals.locator("tr.pc-before td")).to_have_attribute("data-cny", expected["totals"]["before_cross_cutting_cny"])
    expect(totals.locator("tr.pc-after td")).to_have_attribute("data-cny", expected["total_cny"])
    shown_reasons = totals.locator("tr.pc-reduction-row")
    sums = _totals_rows(expected)
    assert "yearly_cap" in sums and "take_higher" in sums, sums
    expect(shown_reasons).to_have_count(len(sums))
    for reason, amount in sums.items():
        expect(totals.locator(f'tr[data-reason="{reason}"] td')).to_have_attribute("data-cny", f"{amount:.2f}")
    assert Decimal(expected["totals"]["before_cross_cutting_cny"]) - sum(sums.values()) == Decimal(expected["total_cny"])
    expect(root.locator(".pc-within")).to_contain_text("累进补差" if lang == "zh" else "Progressive top-up")
    # Each line shows its own amount (附则五 is not shared out among them) and lists its own reductions with the reason
    # the engine gives, linked to the clause.
    expect(root.locator('.pc-lines [data-reason="yearly_cap"]')).to_have_count(0)
    for line in expected["lines"]:
        shown = root.locator(f'li.pc-line[data-rule="{line["rule"]}"] .pc-reductions > li')
        real = [r for r in line["reductions"] if Decimal(r["amount_cny"])]
        expect(shown).to_have_count(len(real))
        for index, reduction in enumerate(real):
            expect(shown.nth(index)).to_contain_text(reduction["text"])
            expect(shown.nth(index).locator("a.pc-clause")).to_have_count(1)
    expect(root.locator(".pc-individual td")).to_have_attribute("data-cny", expected["totals"]["individual_awards_cny"])


def test_estimator_downloads_csv_and_json_with_the_engines_figures(new_context: Callable[..., BrowserContext]) -> None:
    page, root, expected = _filled_estimator(new_context, "zh")
    with page.expect_download() as json_download:
        root.locator(".pc-download-json").click()
    assert json_download.value.suggested_filename.endswith(".json")
    saved = json.loads(open(json_download.value.path(), encoding="utf-8").read())
    assert saved["result"]["total_cny"] == expected["total_cny"]
    assert [line["amount_cny"] for line in saved["result"]["lines"]] == [line["amount_cny"] for line in expected["lines"]]
    assert saved["profile"]["company"]["fiscal_contribution"] == PROFILE_VALUES["fiscal_contribution"]

    with page.expect_download() as csv_download:
        root.locator(".pc-download-csv").click()
    assert csv_download.value.suggested_filename.endswith(".csv")
    text = open(csv_download.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(text)))
    assert rows[0][0] == "条" and rows[0][4] == "金额（元）" and rows[0][9] == "责任单位"
    blank = rows.index([])  # the result, an empty row, then what was filled in (issue 13)
    by_rule = {row[1]: row for row in rows[1:blank] if row[1]}
    for line in expected["lines"]:
        assert by_rule[line["rule"]][4] == (line["amount_cny"] or "")
    # The clauses each line's computation cited, as readers cite them (not the whole article), and the department.
    a3 = next(line for line in expected["lines"] if line["rule"] == "a3.renovation")
    assert by_rule["a3.renovation"][8] == "；".join(_cited_zh(clause) for clause in a3["clauses_applied"])
    assert "第三条第三句（本站按句编号：3-3）" in by_rule["a3.renovation"][8] and "：3-2）" not in by_rule["a3.renovation"][8]
    assert by_rule["a3.renovation"][9] == "区经信局"
    # Below the lines: before the Supplementary Provisions, 附则五 once, the total, the year.
    summary = [row for row in rows[1:blank] if not row[1]]
    assert [row[2] for row in summary] == ["适用附则前合计", "附则（五）年度上限", "合计", "估算年度"]
    assert summary[0][4] == expected["totals"]["before_cross_cutting_cny"]
    assert summary[1][4] == f"-{expected['yearly_cap']['reduction_cny']}" and summary[1][8] == "附则（五）第一句（本站按句编号：附则5-1）"
    assert summary[2][4] == expected["total_cny"] and summary[3][4] == str(expected["year"])
    assert sum(Decimal(row[4]) for row in rows[1:blank] if row[1] and row[4] and expected_counted(expected, row[1])) \
        - Decimal(expected["yearly_cap"]["reduction_cny"]) == Decimal(expected["total_cny"])
    assert rows[blank + 1] == ["填写项", "填写内容"]
    given_rows = rows[blank + 2:]
    # Every value typed, and the source of the other policy's amount (its default, a city policy, is what it means).
    assert len(given_rows) == len(PROFILE_VALUES) + 1 and all(len(row) == 2 for row in given_rows)
    assert ["股份制改造奖励：该金额来自", "市级政策"] in given_rows, given_rows
    assert ["本年度对本区财政的实际贡献（元）", PROFILE_VALUES["fiscal_contribution"]] in given_rows


def _cited_zh(clause: str) -> str:
    """"a3-3" as the site cites it in Chinese: "第三条第三句（本站按句编号：3-3）" (articles below 30, sentences below 10)."""
    digits = "零一二三四五六七八九"
    number, paragraph = (int(part) for part in clause[1:].split("-"))
    article = digits[number] if number < 10 else f"{digits[number // 10] if number >= 20 else ''}十{digits[number % 10] if number % 10 else ''}"
    return f"第{article}条第{digits[paragraph]}句（本站按句编号：{number}-{paragraph}）"


def expected_counted(result: dict[str, Any], rule: str) -> bool:
    return any(line["rule"] == rule and line["counts_toward_company_total"] for line in result["lines"])


def test_estimator_print_view_shows_the_result_and_what_was_given(new_context: Callable[..., BrowserContext]) -> None:
    page, root, expected = _filled_estimator(new_context, "en")
    page.emulate_media(media="print")
    expect(root.locator(".pc-form")).to_be_hidden()
    expect(root.locator(".pc-actions")).to_be_hidden()
    expect(page.locator(".md-header")).to_be_hidden()
    expect(root.locator(".pc-total")).to_be_visible()
    given = root.locator(".pc-given")
    expect(given).to_be_visible()
    expect(given).to_contain_text("Actual fiscal contribution to the district this year (CNY)")
    expect(given).to_contain_text("1500000")
    page.emulate_media(media="screen")
    expect(root.locator(".pc-form")).to_be_visible()
    expect(given).to_be_hidden()


def test_estimator_share_link_restores_every_field(new_context: Callable[..., BrowserContext]) -> None:
    _, root, expected = _filled_estimator(new_context, "en")
    root.locator(".pc-share-button").click()
    url = root.locator(".pc-share-url").input_value()
    fresh = new_context().new_page()
    fresh.goto(url)
    fresh_root = widget(fresh)
    wait_ready(fresh_root)
    for key, value in PROFILE_VALUES.items():
        expect(field(fresh_root, key), key).to_have_value(value)
    expect_result(fresh_root, expected, lang="en")
    # A share link is opened for its result: the page goes there (issue 13).
    expect(fresh_root.locator(".pc-total")).to_be_in_viewport()
