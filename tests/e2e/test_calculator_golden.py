"""Every golden case of the engine that fits one article's widget, filled in through that widget's form in Chromium,
shows the same total and the same lines (rule, amount, display text) as `calculator.estimate` in CPython.

One browser context per part of the policy (its articles share the HTTP cache, so Pyodide compiles faster after the
first), one page load per article; the cases of that article are filled one after another, with the widget's
"clear" button between them. Chinese pages for every case; English pages for every article's first case.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Callable
from typing import Any

import pytest
from calculator_form import (POLICY_PARTS, article_of_case, expect_result, fill, form_values, golden_cases, page_path, wait_ready,
                             widget)
from playwright.sync_api import BrowserContext, expect

import calculator

CASES_BY_ARTICLE: dict[int, list[dict[str, Any]]] = defaultdict(list)
for _case in golden_cases():
    _article = article_of_case(_case)
    if _article is not None:
        CASES_BY_ARTICLE[_article].append(_case)


def test_golden_cases_cover_most_quantified_articles() -> None:
    quantified = {rule["article"] for rule in calculator.list_rules() if rule["exactness"] != "unquantified"}
    covered = set(CASES_BY_ARTICLE)
    assert covered <= quantified
    assert len(covered) >= len(quantified) - 2, f"articles without a widget-sized golden case: {sorted(quantified - covered)}"
    assert sum(len(cases) for cases in CASES_BY_ARTICLE.values()) >= 60


PARTS = {part: [a for a in articles if a in CASES_BY_ARTICLE] for part, articles in POLICY_PARTS.items()}


@pytest.mark.parametrize("part", [part for part, articles in PARTS.items() if articles], ids=lambda part: f"part-{part}")
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_widget_matches_engine_for_golden_cases(new_context: Callable[..., BrowserContext], part: int,
                                                lang: str) -> None:
    context = new_context()
    for article in PARTS[part]:
        _check_article(context, article, lang)


def _check_article(context: BrowserContext, article: int, lang: str) -> None:
    cases = CASES_BY_ARTICLE[article] if lang == "zh" else CASES_BY_ARTICLE[article][:1]
    page = context.new_page()
    page.goto(page_path("article", lang=lang, article=article))
    root = widget(page, article)
    wait_ready(root)
    for case in cases:
        root.locator(".pc-clear-button").click()
        expect(root.locator(".pc-result")).to_have_attribute("data-state", "empty")
        fill(root, form_values(case["profile"]))
        expected = calculator.estimate(case["profile"], lang=lang)
        assert expected["valid"], f"{case['id']}: golden case is not valid in CPython: {expected['errors']}"
        try:
            expect_result(root, expected, lang=lang)
        except AssertionError as error:
            raise AssertionError(f"{case['id']}: {error}") from error
    page.close()
