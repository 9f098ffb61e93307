"""The self-check page (self-check/, en/self-check/): yes/no answers list the awards they open, most valuable first,
each linking to its article; no Python is loaded; the estimator button carries the answers to the estimator, which
opens only the matching parts and focuses the first unanswered company fact that changes the result, else the
first field of the opened rules. Linked first on the home page and in the nav. axe finds no
WCAG 2.1 AA violation at desktop and phone width, light and dark.

Expectations come from policy.yaml through site_build/self_check.py (the same data the page is built from); the order
itself is tested against the clauses' figures in tests/unit/test_self_check.py.
"""
from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urljoin

import pytest
import calculator
from calculator_form import POLICY_PARTS, READY_TIMEOUT_MS
from playwright.sync_api import BrowserContext, Page, expect

from site_build.policy_data import load_policy
from site_build.self_check import opened_awards

REPO_ROOT = Path(__file__).resolve().parents[2]
AXE = REPO_ROOT / "node_modules" / "axe-core" / "axe.min.js"
POLICY = load_policy(REPO_ROOT / "policy.yaml")
QUESTIONS = {question["id"]: question for question in POLICY["self_check"]["questions"]}
RULES = {rule["id"]: rule for rule in POLICY["rules"]}
ARTICLE_PART = {article: part for part, articles in POLICY_PARTS.items() for article in articles}
TITLE = {"zh": "奖励自查", "en": "Award self-check"}
# Requests that would mean the page loads the calculator or Python.
CALCULATOR_FILES = re.compile(r"/pyodide/|worker\.mjs|calculator\.js|inputs\.json|bundle\.json|\.whl$")


def prefix(lang: str) -> str:
    return "" if lang == "zh" else "en/"


def expected_rules(yes: list[str]) -> list[str]:
    opened = {rule_id for question in yes for rule_id in QUESTIONS[question]["rules"]}
    return [rule["id"] for rule, _ in opened_awards(POLICY) if rule["id"] in opened]


def first_field(rules: list[str]) -> str:
    """The estimator field the hand-off focuses: in the form's order (parts, articles, each article's inputs), the
    first that one of these rules asks for."""
    asked = {input_id for rule_id in rules for input_id in RULES[rule_id]["inputs"]}
    articles = {RULES[rule_id]["article"] for rule_id in rules}
    for part in sorted(POLICY_PARTS):
        for article in POLICY_PARTS[part]:
            if article not in articles:
                continue
            for spec in calculator.list_inputs(article=article):
                if spec["group"] != "company" and spec["id"] in asked:
                    return str(spec["id"])
    raise AssertionError(f"no estimator field for {rules}")


def axe_problems(page: Page, context: str) -> list[str]:
    """axe-core's WCAG 2.1 A/AA violations in `context` ("document" or a selector), checked at rest."""
    assert AXE.is_file(), f"{AXE} missing: run scripts/install.sh (npm ci)"
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    page.add_script_tag(path=str(AXE))
    target = "document" if context == "document" else repr(context)
    result: dict[str, Any] = page.evaluate(
        f"() => axe.run({target}, {{runOnly: {{type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}}}})")
    assert result["testEngine"]["name"] == "axe-core" and result["passes"], "axe did not run"
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
            for v in result["violations"]]


def answer(page: Page, question: str, value: str) -> None:
    page.locator(f'fieldset#q-{question} input[value="{value}"]').check()


def shown_rules(page: Page) -> list[str]:
    return page.locator(".sc-awards > li:not([hidden])").evaluate_all("items => items.map(li => li.dataset.rule)")


def expect_awards(page: Page, rules: list[str]) -> None:
    expect(page.locator(".sc-awards > li:not([hidden])")).to_have_count(len(rules))
    assert shown_rules(page) == rules


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_answers_list_the_awards_most_valuable_first(new_context: Callable[..., BrowserContext], browser_log: Any,
                                                     lang: str) -> None:
    # No service worker: whatever is requested is what the page itself loads (the worker precaches the whole site).
    page = new_context(service_workers="block").new_page()
    page.goto(prefix(lang) + "self-check/")
    expect(page.get_by_role("heading", level=1)).to_have_text(TITLE[lang])
    questions = page.locator("form.self-check fieldset.sc-question")
    expect(questions).to_have_count(len(QUESTIONS))
    expect(questions.first.locator("legend")).to_contain_text(next(iter(QUESTIONS.values()))["text"][lang])
    status = page.locator(".sc-status")
    expect(page.locator(".sc-awards")).to_be_hidden()

    answer(page, "equipment", "yes")
    answer(page, "titles", "yes")
    answer(page, "capital", "yes")
    answer(page, "green", "no")
    rules = expected_rules(["equipment", "titles", "capital"])
    expect_awards(page, rules)
    count = {"zh": f"{len(rules)}项奖励可能适用", "en": f"{len(rules)} awards may apply"}[lang]
    expect(status).to_contain_text(count)
    # 首发上市、挂牌: up to 1300万 (第十九条, city and district combined), the largest award these answers open, comes first
    first = page.locator(".sc-awards > li:not([hidden])").first
    expect(first).to_have_attribute("data-rule", "a19.listing")
    expect(first.locator(".sc-amount")).to_have_text(
        {"zh": "最高1300万元（市区两级合计）", "en": "up to CNY 13 million (city and district combined)"}[lang])
    for index, rule_id in enumerate(rules):  # each award links to its article, at the rule's first clause
        rule = RULES[rule_id]
        item = page.locator(".sc-awards > li:not([hidden])").nth(index)
        expect(item.locator(".sc-award-title")).to_have_text(rule["title"][lang])
        # The resolved URL, not the attribute: Material's instant navigation rewrites every href as an absolute URL.
        expect(item.locator("a")).to_have_js_property(
            "href", urljoin(page.url, f"../articles/{rule['article']}/#{rule['clauses'][0]}"))

    answer(page, "capital", "no")  # changing an answer takes its awards away again
    expect_awards(page, expected_rules(["equipment", "titles"]))
    answer(page, "capital", "yes")
    expect_awards(page, rules)
    assert not [url for url in browser_log.requests if CALCULATOR_FILES.search(url)], \
        "the self-check page loaded calculator or Python files"
    # The estimator button carries the awards the answers opened, in the list's order.
    expect(page.locator("a.sc-to-estimator")).to_have_js_property(
        "href", urljoin(page.url, f"../estimator/#selfcheck={','.join(rules)}"))
    page.locator("button.sc-reset").click()  # clearing the answers empties the list and the hand-off
    expect(page.locator(".sc-awards")).to_be_hidden()
    empty = {"zh": "对上面的问题回答“是”", "en": "Answer “yes” to a question"}[lang]
    expect(status).to_have_text(re.compile("^" + re.escape(empty)))
    expect(page.locator("a.sc-to-estimator")).to_have_js_property("href", urljoin(page.url, "../estimator/"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_estimator_opens_only_the_sections_the_answers_point_to(new_context: Callable[..., BrowserContext],
                                                                 site_url: str, lang: str) -> None:
    # bypass_csp: for the injected axe script at the end.
    page = new_context(service_workers="block", bypass_csp=True).new_page()
    page.goto(prefix(lang) + "self-check/")
    answer(page, "equipment", "yes")
    answer(page, "titles", "yes")
    answer(page, "capital", "yes")
    rules = expected_rules(["equipment", "titles", "capital"])
    expect_awards(page, rules)
    page.locator("a.sc-to-estimator").click()
    expect(page).to_have_url(f"{site_url}{prefix(lang)}estimator/#selfcheck={','.join(rules)}")
    estimator = page.locator(".policy-estimator")
    # The form is drawn from inputs.json; the hand-off needs no engine.
    expect(estimator.locator("fieldset.pc-article[data-self-check]").first).to_be_attached(timeout=READY_TIMEOUT_MS)
    opened_parts = sorted({ARTICLE_PART[RULES[rule_id]["article"]] for rule_id in rules})
    for details in estimator.locator("details.pc-part").all():
        part = int(details.get_attribute("data-part") or 0)
        if part in opened_parts:
            expect(details).to_have_attribute("open", "")
        else:
            expect(details).not_to_have_attribute("open", re.compile(".*"))
    marked = sorted({RULES[rule_id]["article"] for rule_id in rules})
    expect(estimator.locator("fieldset.pc-article[data-self-check]")).to_have_count(len(marked))
    # First the company facts that change the result (附则三, 附则五), while one is unanswered (issue 24).
    expect(estimator.locator('[data-field="registered_in_district"]')).to_be_focused()
    note = {"zh": f"已按奖励自查的答案展开{len(opened_parts)}个部分，可能适用的{len(marked)}条",
            "en": f"Your self-check answers opened {len(opened_parts)} parts; the {len(marked)} articles"}[lang]
    expect(estimator.locator(".pc-handoff-note")).to_contain_text(note)
    assert axe_problems(page, ".policy-estimator") == []
    # With them answered (kept in this page's storage), the first field these rules ask for, in the form's order
    # (第三条 技术改造 comes first).
    for key, value in {"registered_in_district": "true", "above_size_industrial": "false"}.items():
        estimator.locator(f'[data-field="{key}"]').select_option(value)
    for key in ("rd_spend", "fiscal_contribution"):
        estimator.locator(f'[data-field="{key}"]').fill("1000000")
    page.reload()
    focused = first_field(rules)
    assert focused.startswith("a3_")
    expect(estimator.locator(f'[data-field="{focused}"]')).to_be_focused(timeout=READY_TIMEOUT_MS)


def test_home_page_and_nav_lead_to_the_self_check(new_context: Callable[..., BrowserContext]) -> None:
    # No service worker: its precaching of the whole site is not what this test is about.
    page = new_context(service_workers="block").new_page()
    for lang in ("zh", "en"):
        page.goto(prefix(lang))
        first_link = page.locator("article a[href]").first
        expect(first_link).to_have_js_property("href", urljoin(page.url, "self-check/"))
        expect(first_link).to_be_visible()
        nav_entries = page.locator(".md-nav--primary > .md-nav__list > .md-nav__item > a.md-nav__link")
        expect(nav_entries.nth(1)).to_have_text(TITLE[lang])  # right after the home page
        first_link.click()
        expect(page.get_by_role("heading", level=1)).to_have_text(TITLE[lang])


WIDTHS = {"desktop": 1280, "phone": 390}


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_self_check_has_no_wcag_aa_violation(new_context: Callable[..., BrowserContext], lang: str, width: str,
                                             scheme: str) -> None:
    # bypass_csp: the site's Content-Security-Policy (rightly) refuses the injected axe script.
    context = new_context(viewport={"width": WIDTHS[width], "height": 900}, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    page.goto(prefix(lang) + "self-check/")
    answer(page, "equipment", "yes")
    answer(page, "parks_platforms", "yes")  # awards for park operators and case-by-case ones too
    answer(page, "talent", "no")
    expect_awards(page, expected_rules(["equipment", "parks_platforms"]))
    problems = axe_problems(page, "document")
    assert not problems, "\n".join(problems)
