"""Issue 23's front end, in Chromium, on the real pages in both languages (zh at the root, English under en/), each
figure checked against CPython's `calculator.estimate` for the profile the form sends:

- article 3: a key-industry project cites clause 3-2 (the branch that fired, `line.clause`); another policy's amount
  has its source next to it (a labelled select, city by default): a provincial amount leaves the award whole, a city
  one reduces it; the source is kept across a reload and in a share link; 附则五 in the widget is said once under the
  total while the line keeps its amount; the engine's error on the amount comes back to the amount's field;
- article 19: with two bond issues (5000万, 2亿) the chart's point for the reader's value is the line's 45万 (not the
  amount of one issue alone); a chart that would be 0 everywhere (equity refinancing without its precondition) says
  what to set;
- the estimator: 附则五 is one row of the totals table (the lines keep their own amounts, before − deductions = total),
  one row of the CSV and of the scenario comparison; the year estimated and how it was chosen; an item of another year
  is not counted, says so first and carries its warning; an excluded company (not registered in the district) shows
  its reason before the total and has no near miss; 第二条 (一事一议) says whom to ask instead of an empty box.

The tests share one browser context (`module_context`); each opens pages of its own.
"""

from __future__ import annotations

import base64
import csv
import functools
import io
import json
from collections.abc import Generator
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
from calculator_form import (expect_result, field, fill, golden_cases, open_part_of, page_path, set_field, wait_ready,
                             widget)
from site_build.calculator_inputs import build_inputs_document
from playwright.sync_api import BrowserContext, Locator, Page, expect

import calculator

DOCUMENT = build_inputs_document()
TIMEOUT_MS = 30_000
SOURCES = {"zh": ["市级政策", "本区其他政策", "省级政策", "国家级政策"],
           "en": ["A city policy", "Another policy of this district", "A provincial policy", "A national policy"]}
CITED_3_2 = {"zh": "依据条款：第三条第二句（本站按句编号：3-2）", "en": "Clause: Article 3, sentence 2 (this site's numbering: 3-2)"}
# The help under another policy's amount names the policies of 附则四, and says provincial/national do not reduce.
OTHER_HELP = {"zh": ("市级政策或本区现行政策", "省级、国家级政策的金额不扣减本项"),
              "en": ("a city policy or a current policy of this district",
                     "A provincial or national amount does not reduce this award")}
YEARLY_CAP_LABEL = {"zh": "附则（五）年度上限", "en": "Yearly cap (Provision 5)"}
YEAR_LINE = {"zh": "估算年度：2024年（按企业情况中的事项日期）",
             "en": "Year estimated: 2024 (from the event date in the company facts)"}
BLOCKED_LABEL = {"zh": "不予计算：", "en": "Not counted:"}
CSV_CLAUSES_COLUMN = 8


@pytest.fixture
def fresh_page(module_context: BrowserContext) -> Generator[Page, None, None]:
    page = module_context.new_page()
    yield page
    page.close()


def _line(result: dict[str, Any], rule: str, item: int = 0) -> dict[str, Any]:
    return next(line for line in result["lines"] if line["rule"] == rule and line["item"] == item)


def _fen(cny: str) -> int:
    return int(Decimal(cny) * 100)


def _shared_values(root: Locator) -> dict[str, str]:
    """The inputs in the calculator's share link (#calc=<base64url JSON>)."""
    root.locator("button.pc-share-button").click()
    link = root.locator("input.pc-share-url").input_value()
    encoded = link.split("#calc=", 1)[1]
    state = json.loads(base64.urlsafe_b64decode(encoded + "=" * (-len(encoded) % 4)).decode("utf-8"))
    return {str(key): str(value) for key, value in state["values"].items()}


# ---- article 3: the clause that fired, another policy's source -------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_article_3_cites_3_2_for_a_key_project_and_weighs_the_other_policys_source(fresh_page: Page,
                                                                                   lang: str) -> None:
    page = fresh_page
    page.goto(page_path("article", lang=lang, article=3))
    root = widget(page, 3)
    wait_ready(root)
    facts = {"a3_investment": "8000000", "a3_orientation": "key"}
    fill(root, facts)
    expected = calculator.estimate({"facts": facts}, lang=lang)
    expect_result(root, expected, lang=lang)
    assert _line(expected, "a3.renovation")["clause"] == "a3-2"
    line = root.locator('li.pc-line[data-rule="a3.renovation"]')
    expect(line.locator(".pc-next-clause")).to_have_text(CITED_3_2[lang])

    # The source select sits right after the amount, labelled and described like every field; city by default.
    amount, source = field(root, "other:a3.renovation"), field(root, "other-source:a3.renovation")
    pair = root.locator('.pc-other-policy[data-rule="a3.renovation"]')
    expect(pair.locator("[data-field]")).to_have_count(2)
    assert pair.locator("[data-field]").evaluate_all("cs => cs.map(c => c.dataset.field)") == [
        "other:a3.renovation", "other-source:a3.renovation"]
    assert source.locator("option").all_text_contents() == SOURCES[lang]
    expect(source).to_have_value("")
    for control in (amount, source):
        assert control.evaluate("c => c.labels.length === 1 && c.labels[0].textContent.length > 0")
        described = (control.get_attribute("aria-describedby") or "").split()
        assert all(page.locator(f"#{id_}").count() == 1 for id_ in described), described
        assert control.evaluate("c => c.id + '-error'") in described
    help_text = page.locator(f'#{(amount.get_attribute("aria-describedby") or "").split()[1]}').text_content() or ""
    for words in OTHER_HELP[lang]:
        assert words in help_text, help_text

    # A provincial amount: 附则四 names only city and district policies, so the award stays whole and says why.
    set_field(root, "other:a3.renovation", "100000")
    set_field(root, "other-source:a3.renovation", "provincial")
    provincial = calculator.estimate(
        {"facts": facts, "other_policy_awards": {"a3.renovation": {"amount": "100000", "source": "provincial"}}},
        lang=lang)
    whole = _line(provincial, "a3.renovation")
    assert whole["amount_cny"] == whole["computed_cny"] == _line(expected, "a3.renovation")["amount_cny"]
    expect_result(root, provincial, lang=lang)
    expect(line.locator(".pc-reductions")).to_have_count(0)
    outside = [step["text"] for step in whole["explanation"] if step["clause"] == "s4-1"]
    assert outside, whole["explanation"]
    expect(line.locator(".pc-steps")).to_contain_text(outside[0])

    # The same amount from a city policy is take-the-higher: 10万 less.
    set_field(root, "other-source:a3.renovation", SOURCES[lang][0])
    city = calculator.estimate({"facts": facts, "other_policy_awards": {"a3.renovation": "100000"}}, lang=lang)
    assert _fen(_line(city, "a3.renovation")["amount_cny"]) == _fen(whole["amount_cny"]) - _fen("100000.00")
    expect_result(root, city, lang=lang)
    expect(line.locator('.pc-reductions li[data-reason="take_higher"]')).to_have_count(1)

    # The source is kept in the share link and across a reload.
    set_field(root, "other-source:a3.renovation", "national")
    shared = _shared_values(root)
    assert shared["other-source:a3.renovation"] == "national" and shared["other:a3.renovation"] == "100000"
    page.reload()
    wait_ready(root)
    expect(field(root, "other-source:a3.renovation")).to_have_value("national")
    expect(field(root, "other:a3.renovation")).to_have_value("100000")
    expect_result(root, provincial, lang=lang)  # national, like provincial, reduces nothing

    # 附则五 in the widget: the line keeps its own amount, the total is capped, the one deduction said under it.
    set_field(root, "fiscal_contribution", "300000")
    capped = calculator.estimate({"company": {"fiscal_contribution": "300000"}, "facts": facts, "other_policy_awards": {
        "a3.renovation": {"amount": "100000", "source": "national"}}}, lang=lang)
    assert capped["yearly_cap"]["applied"] and _line(capped, "a3.renovation")["amount_cny"] == whole["amount_cny"]
    expect_result(root, capped, lang=lang)
    expect(root.locator(".pc-yearly-cap")).to_have_attribute("data-cny", capped["yearly_cap"]["reduction_cny"])
    expect(root.locator(".pc-yearly-cap")).to_contain_text(capped["yearly_cap"]["text"])

    # The engine's refusal of the amount ({amount, source}.amount) comes back to the amount's own field.
    set_field(root, "other:a3.renovation", "12abc")
    error = root.locator('[data-error-for="other:a3.renovation"]')
    expect(error).not_to_be_empty(timeout=TIMEOUT_MS)
    expect(field(root, "other:a3.renovation")).to_have_attribute("aria-invalid", "true")
    expect(root.locator('[data-error-for="other-source:a3.renovation"]')).to_be_empty()


# ---- article 19: the chart agrees with the line ------------------------------------------------------------------


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_article_19_bonds_chart_gives_the_lines_amount_and_an_empty_chart_says_what_to_set(fresh_page: Page,
                                                                                           lang: str) -> None:
    page = fresh_page
    page.goto(page_path("article", lang=lang, article=19))
    root = widget(page, 19)
    wait_ready(root)
    facts = {"a19_bond_issues_in_district": "50000000\n200000000"}
    fill(root, facts)
    expected = calculator.estimate({"facts": facts}, lang=lang)
    expect_result(root, expected, lang=lang)
    bonds = _line(expected, "a19.bonds")
    assert bonds["amount_cny"] == "450000.00", bonds
    chart = root.locator('figure.pc-chart[data-rule="a19.bonds"]')
    point = chart.locator("circle.pc-chart-point")
    expect(point).to_have_attribute("data-x", "50000000", timeout=TIMEOUT_MS)
    expect(point).to_have_attribute("data-cny", bonds["amount_cny"])
    legend = chart.locator(".pc-chart-legend")
    expect(legend).to_contain_text(bonds["amount_display"])
    expect(legend).to_contain_text("第1期" if lang == "zh" else "first issue")  # says what it varies
    expect(chart.locator("table.pc-chart-table tr.pc-chart-row-current")).to_have_attribute("data-cny",
                                                                                          bonds["amount_cny"])

    # Cleared, nothing typed: the equity-refinancing chart would be 0 everywhere (its precondition is not met): no flat
    # line, but what to set.
    root.locator("button.pc-clear-button").click()
    expect(root.locator(".pc-result")).to_have_attribute("data-state", "empty")
    equity = root.locator('figure.pc-chart[data-rule="a19.equity_refinancing"]')
    expect(equity).to_have_attribute("data-state", "empty", timeout=TIMEOUT_MS)
    expect(equity.locator("svg")).to_have_count(0)
    label = DOCUMENT["inputs"]["a19_equity_majority_in_district"]["label"][lang]
    expect(equity.locator(".pc-chart-empty")).to_contain_text(label)

    # Set the precondition: the equity chart is drawn, its point the line's amount.
    set_field(root, "a19_equity_majority_in_district", "true")
    set_field(root, "a19_equity_refinancing_in_district", "40000000")
    expect(equity).to_have_attribute("data-state", "drawn", timeout=TIMEOUT_MS)
    with_equity = calculator.estimate({"facts": {"a19_equity_majority_in_district": True,
                                                 "a19_equity_refinancing_in_district": "40000000"}}, lang=lang)
    expect(equity.locator("circle.pc-chart-point")).to_have_attribute(
        "data-cny", _line(with_equity, "a19.equity_refinancing")["amount_cny"], timeout=TIMEOUT_MS)


# ---- the estimator: 附则五 once, the year, another year, an excluded company, 第二条 --------------------------------

ESTIMATOR_VALUES = {
    "registered_in_district": "true",
    "fiscal_contribution": "500000",
    "event_date": "2024-08-15",
    "a3_investment": "8650000",
    "a3_orientation": "special",
    "a19_bond_issues_in_district": "20000000\n150000000",
}
ROW = "item:a3.renovation:2:"
ROW_VALUES = {f"{ROW}a3_investment": "5000000", f"{ROW}a3_orientation": "key", f"{ROW}event_date": "2025-03-01"}


def _estimator_profile(registered: bool = True, fiscal: str = "500000") -> dict[str, Any]:
    """The profile the estimator sends for ESTIMATOR_VALUES and the row (rows.js: the rule's inputs go in as items)."""
    return {"company": {"registered_in_district": registered, "fiscal_contribution": fiscal,
                        "event_date": "2024-08-15"},
            "facts": {"a19_bond_issues_in_district": "20000000\n150000000"},
            "items": {"a3.renovation": [{"a3_investment": "8650000", "a3_orientation": "special"},
                                        {"a3_investment": "5000000", "a3_orientation": "key", "event_date": "2025-03-01"}]}}


@functools.cache
def _golden_with_deductions(lang: str) -> list[dict[str, Any]]:
    """The engine's results for the golden profiles (tests/unit/golden) whose total is less than the articles' own
    amounts: a stage of the Supplementary Provisions, an award's yearly ceiling or 附则五 takes something off."""
    results = [calculator.estimate(case["profile"], lang=lang) for case in golden_cases()]
    return [result for result in results
            if result["valid"] and result["totals"]["before_cross_cutting_cny"] != result["total_cny"]]


def _csv_rows(page: Page, root: Locator) -> list[list[str]]:
    with page.expect_download() as download:
        root.locator(".pc-download-csv").click()
    return list(csv.reader(io.StringIO(Path(download.value.path()).read_text(encoding="utf-8-sig"))))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_estimator_yearly_cap_once_at_the_total_the_year_and_an_excluded_company(fresh_page: Page, lang: str) -> None:
    page = fresh_page
    page.goto(page_path("estimator", lang=lang))
    root = widget(page)
    wait_ready(root)
    fill(root, ESTIMATOR_VALUES)
    root.locator('button.pc-row-add[data-rule="a3.renovation"]').click()
    fill(root, ROW_VALUES)
    expected = calculator.estimate(_estimator_profile(), lang=lang)
    assert expected["valid"], expected["errors"]
    cap = expected["yearly_cap"]
    assert cap and cap["applied"], "the yearly cap does not bite"
    expect_result(root, expected, lang=lang)  # the total, and every line with its own amount

    # 附则五: one row of the totals table, from result.yearly_cap; no line carries it; before − deductions = total.
    totals = root.locator("table.pc-totals")
    cap_row = totals.locator('tr[data-reason="yearly_cap"]')
    expect(cap_row).to_have_count(1)
    expect(cap_row.locator("td")).to_have_attribute("data-cny", cap["reduction_cny"])
    expect(cap_row.locator("th")).to_contain_text(YEARLY_CAP_LABEL[lang])
    expect(root.locator('.pc-lines [data-reason="yearly_cap"]')).to_have_count(0)
    before = totals.locator("tr.pc-before td").get_attribute("data-cny") or ""
    assert before == expected["totals"]["before_cross_cutting_cny"]
    deductions = [_fen(cny or "") for cny in totals.locator("tr.pc-reduction-row td").evaluate_all(
        "tds => tds.map(td => td.dataset.cny)")]
    assert _fen(before) - sum(deductions) == _fen(expected["total_cny"]), (before, deductions, expected["total_cny"])
    counted = sum(_fen(line["amount_cny"]) for line in expected["lines"] if line["counts_toward_company_total"])
    assert counted - _fen(cap["reduction_cny"]) == _fen(expected["total_cny"])

    # The same breakdown (render.js totalsBreakdown) for every golden case with a deduction after the articles' own
    # amounts: the articles' amounts − the rows = the engine's total, no row negative, none unnamed.
    render_js = page.url.split(page_path("estimator", lang=lang))[0] + "assets/frontend/calculator/render.js"
    golden = _golden_with_deductions(lang)
    checked = page.evaluate("""async ([url, results]) => {
      const { totalsBreakdown } = await import(url);
      return results.map((result) => totalsBreakdown(result).rows.map((row) => [row.reason, String(row.fen)]));
    }""", [render_js, golden])
    assert len(checked) == len(golden) > 50
    for result, shown in zip(golden, checked):
        assert all(int(fen) > 0 and reason != "other_stage" for reason, fen in shown), shown
        articles = _fen(result["totals"]["before_cross_cutting_cny"])
        assert articles - sum(int(fen) for _, fen in shown) == _fen(result["total_cny"]), (result["total_cny"], shown)

    # The year and how it was chosen; the project of 2025 is not counted, says so first, and has its warning.
    expect(root.locator(".pc-year")).to_contain_text(YEAR_LINE[lang])
    other = _line(expected, "a3.renovation", 1)
    assert other["blocked"] and other["why_not"][0]["reason"] == "other_year"
    other_shown = root.locator('li.pc-line[data-rule="a3.renovation"]').nth(1)
    expect(other_shown.locator(".pc-why-not-label")).to_have_text(BLOCKED_LABEL[lang])
    expect(other_shown.locator(".pc-why-not li").first).to_have_attribute("data-reason", "other_year")
    warning = next(w for w in expected["warnings"] if w["code"] == "other_year")
    expect(root.locator(".pc-warnings")).to_contain_text(warning["text"])
    near = root.locator(".pc-near-misses")
    expect(near.locator('li[data-rule="a19.bonds"]')).to_have_count(1)  # a near miss is still one
    expect(near.locator(":scope > ul > li")).to_have_count(
        sum(1 for line in expected["lines"] if line["why_not"] and not line["blocked"]))

    # The CSV: one yearly-cap row, the lines' own amounts, the clauses each line cited, the year.
    rows = _csv_rows(page, root)
    blank = rows.index([])
    by_label = {row[2]: row for row in rows[1:blank] if not row[1]}
    assert [row[2] for row in rows[1:blank]].count(YEARLY_CAP_LABEL[lang]) == 1
    assert by_label[YEARLY_CAP_LABEL[lang]][4] == f"-{cap['reduction_cny']}"
    lines = [row for row in rows[1:blank] if row[1]]
    assert [row[4] for row in lines] == [line["amount_cny"] for line in expected["lines"]]
    first = _line(expected, "a3.renovation")
    assert len(lines[0][CSV_CLAUSES_COLUMN].split("；" if lang == "zh" else "; ")) == len(first["clauses_applied"])
    assert f"{first['clause'][1:]}）" in lines[0][CSV_CLAUSES_COLUMN] or f"{first['clause'][1:]})" in lines[0][CSV_CLAUSES_COLUMN]
    assert "3-2）" not in lines[0][CSV_CLAUSES_COLUMN] and "3-2)" not in lines[0][CSV_CLAUSES_COLUMN]
    assert by_label["合计" if lang == "zh" else "Total"][4] == expected["total_cny"]
    assert by_label["估算年度" if lang == "zh" else "Year estimated"][4] == "2024"

    # Scenario A/B: the articles' amounts and the yearly cap as its own row make each total.
    root.locator("button.pc-keep-a").click()
    set_field(root, "fiscal_contribution", "600000")
    more = calculator.estimate(_estimator_profile(fiscal="600000"), lang=lang)
    expect_result(root, more, lang=lang)
    compare = root.locator(".pc-compare")
    cap_compare = compare.locator('tr[data-reason="yearly_cap"]')
    expect(cap_compare).to_have_attribute("data-a-cny", str(-_fen(cap["reduction_cny"])))
    expect(cap_compare).to_have_attribute("data-b-cny", str(-_fen(more["yearly_cap"]["reduction_cny"])))
    for side, result in (("a", expected), ("b", more)):
        parts = compare.locator("tbody tr:not(.pc-compare-total)").evaluate_all(
            f"rs => rs.map(r => r.dataset.{side}Cny)")
        assert sum(int(fen) for fen in parts) == _fen(result["total_cny"]), (side, parts)
    root.locator("button.pc-drop-a").click()

    # Not registered in the district (附则三): the reason before the total, every line says it first, no near miss.
    set_field(root, "registered_in_district", "false")
    excluded = calculator.estimate(_estimator_profile(registered=False), lang=lang)
    assert excluded["eligible"] is False
    expect_result(root, excluded, lang=lang)
    reason = _line(excluded, "a3.renovation")["why_not"][0]
    assert reason["reason"] == "excluded"
    box = root.locator(".pc-result .pc-ineligible")
    expect(box).to_contain_text(reason["text"])
    assert root.locator(".pc-result").evaluate(
        "r => r.querySelector('.pc-ineligible').compareDocumentPosition(r.querySelector('.pc-summary')) & 4") == 4
    expect(root.locator(".pc-near-misses")).to_have_count(0)
    for index, line in enumerate(excluded["lines"]):
        shown = root.locator("li.pc-line").nth(index)
        expect(shown.locator(".pc-why-not li").first).to_have_attribute("data-reason", line["why_not"][0]["reason"])
        expect(shown.locator(".pc-why-not-label")).to_have_text(BLOCKED_LABEL[lang])

    # 第二条 (一事一议): no amount to estimate, so its box says so and whom to ask, never empty.
    open_part_of(root, "a3_investment")
    note = root.locator('fieldset.pc-article[data-article="2"] .pc-unquantified-article')
    expect(note).to_be_visible()
    article_2 = next(article for article in DOCUMENT["articles"] if article["id"] == 2)
    for rule in article_2["rules"]:
        expect(note).to_contain_text(rule["title"][lang])
    for department in article_2["departments"]:
        expect(note).to_contain_text(department[lang])
    expect(note.locator("a.pc-next-contacts")).to_have_count(1)
