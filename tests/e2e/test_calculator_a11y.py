"""axe-core (from node_modules, injected from the file) finds no WCAG 2.1 A/AA or 2.2 AA violation (2.2: target size,
no control under 24 × 24 px) on an article with its widget
and on the estimator, each with a computed result and with a field in error, in both languages, desktop and phone."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from calculator_form import expect_result, expected_for, fill, page_path, set_field, wait_ready, widget
from playwright.sync_api import BrowserContext, Page, expect

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
WIDTHS = {"desktop": 1280, "phone": 390}
ARTICLE = 11
ARTICLE_VALUES = {"a11_first_unit_level": "international", "a11_first_unit_prev_level": "provincial",
                  "registered_in_district": "true"}
ESTIMATOR_VALUES = {"registered_in_district": "true", "fiscal_contribution": "300000", "a3_investment": "5000000",
                    "a8_national_centre": "true", "other:a3.renovation": "50000"}


def _axe(page: Page) -> None:
    # Checked at rest: filling the form scrolled the page, and Material's header fades its title in and out; a
    # half-faded title is not what a reader sees.
    page.add_style_tag(content="*, *::before, *::after { transition: none !important; animation: none !important; }")
    page.add_script_tag(path=str(AXE))
    result: dict[str, Any] = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})")
    assert result["testEngine"]["name"] == "axe-core" and result["passes"], "axe did not run"
    problems = [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
                for v in result["violations"]]
    assert not problems, "\n".join(problems)


def _open_all_details(page: Page) -> None:
    page.evaluate("() => document.querySelectorAll('.pc-calculator details').forEach(d => { d.open = true; })")


@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("kind", ["article", "estimator"])
def test_calculator_pages_have_no_wcag_aa_violation(new_context: Callable[..., BrowserContext], kind: str, lang: str,
                                                    width: str) -> None:
    assert AXE.is_file(), f"{AXE} missing: run scripts/install.sh (npm ci)"
    # bypass_csp: the site's Content-Security-Policy (rightly) refuses the injected axe script.
    page = new_context(viewport={"width": WIDTHS[width], "height": 900}, bypass_csp=True).new_page()
    article = ARTICLE if kind == "article" else None
    values = ARTICLE_VALUES if kind == "article" else ESTIMATOR_VALUES
    page.goto(page_path(kind, lang=lang, article=article))
    root = widget(page, article)
    wait_ready(root)
    fill(root, values)
    expect_result(root, expected_for(values, lang=lang), lang=lang)
    _open_all_details(page)
    _axe(page)
    set_field(root, "fiscal_contribution", "abc")  # a field in error, with its message
    expect(root.locator('[data-error-for="fiscal_contribution"]')).not_to_be_empty()
    _axe(page)
