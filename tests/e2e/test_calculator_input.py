"""Bad input in an article's widget: the engine's message appears next to the field (aria-describedby), in the page's
language; the field keeps exactly what was typed; nothing crashes, nothing renders as NaN/undefined, and typed text
is never inserted as HTML. Input the engine accepts as people type it (full-width digits, thousands separators) gives
the same result as CPython."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from calculator_form import (expect_in_both_languages, expect_result, expected_for, field, page_path, set_field,
                             wait_ready, widget)
from playwright.sync_api import BrowserContext, Dialog, Locator, expect

ARTICLE = 19  # money, a bool, and a list of amounts (bond issues) in one widget
HUGE_PASTE = "123456789" * 20_000  # 180,000 characters pasted into one field

# (kind, field, typed text): each is refused by the engine with a message for that field.
REFUSED = [
    ("blank (spaces only)", "a19_equity_refinancing_in_district", "   "),
    ("letters", "a19_equity_refinancing_in_district", "abc"),
    ("negative", "a19_equity_refinancing_in_district", "-5"),
    ("1e400", "a19_equity_refinancing_in_district", "1e400"),
    ("NaN", "a19_equity_refinancing_in_district", "NaN"),
    ("Infinity", "a19_equity_refinancing_in_district", "Infinity"),
    ("another currency", "a19_equity_refinancing_in_district", "200万美元"),
    ("number words", "a19_equity_refinancing_in_district", "两百万"),
    ("HTML paste", "a19_equity_refinancing_in_district", "<img src=x onerror=alert(1)>"),
    ("huge paste", "a19_equity_refinancing_in_district", HUGE_PASTE),
    ("three decimals", "a19_equity_refinancing_in_district", "5000000.001"),
    ("misplaced separators", "a19_equity_refinancing_in_district", "50,00,000"),
    ("absurd magnitude", "a19_equity_refinancing_in_district", "1000000000000000"),
    ("date before 2024", "event_date", "2023-12-31"),
    ("not a date", "event_date", "31/12"),
    ("bad item in a list", "a19_bond_issues_in_district", "3000000\n<b>abc</b>"),
]
# Typed the way people type; the engine reads them, so the result must equal CPython's for the same text.
ACCEPTED = [
    ("full-width digits", "a19_equity_refinancing_in_district", "５０００００００"),
    ("thousands separators", "a19_equity_refinancing_in_district", "50,000,000"),
    ("full-width separators and spaces", "a19_equity_refinancing_in_district", " ５０，０００，０００ "),
    ("万 after the number (issue 13)", "a19_equity_refinancing_in_district", "800万"),
    ("亿 after the number (issue 13)", "a19_equity_refinancing_in_district", "1.2亿"),
]


def _error_messages(values: dict[str, str], key: str, lang: str) -> dict[str, str]:
    """The engine's messages for the field, in each language ({"zh": ..., "en": ...})."""
    result = expected_for(values, lang=lang)
    assert not result["valid"], f"CPython accepts {values[key][:40]!r}: the case tests nothing"
    messages: dict[str, list[str]] = {"zh": [], "en": []}
    for error in result["errors"]:
        path = error["field"]
        base, _, item = path.partition("[")
        if base.split(".", 1)[-1] != key:
            continue
        messages["zh"].append(f"第{int(item[:-1]) + 1}项：{error['zh']}" if item else error["zh"])
        messages["en"].append(f"Item {int(item[:-1]) + 1}: {error['en']}" if item else error["en"])
    assert messages["zh"], f"CPython gives no error for {key}: {result['errors']}"
    return {each: " ".join(lines) for each, lines in messages.items()}


def _open_widget(new_context: Callable[..., BrowserContext], lang: str) -> tuple[Locator, list[Dialog]]:
    page = new_context().new_page()
    dialogs: list[Dialog] = []

    def record_dialog(dialog: Dialog) -> None:
        dialogs.append(dialog)
        dialog.dismiss()

    page.on("dialog", record_dialog)
    page.goto(page_path("article", lang=lang, article=ARTICLE))
    root = widget(page, ARTICLE)
    wait_ready(root)
    return root, dialogs


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_refused_input_shows_the_engines_message_next_to_the_field(new_context: Callable[..., BrowserContext],
                                                                   lang: str) -> None:
    root, dialogs = _open_widget(new_context, lang)
    set_field(root, "a19_listing", "true")  # a valid line, so the page has something to lose
    for kind, key, raw in REFUSED:
        values = {"a19_listing": "true", key: raw}
        messages = _error_messages(values, key, lang)
        set_field(root, key, raw)
        control = field(root, key)
        error = root.locator(f'[data-error-for="{key}"]')
        expect_in_both_languages(error, messages, lang, f"{kind}: message")
        expect(control, f"{kind}: the field keeps what was typed").to_have_value(raw)
        expect(control, kind).to_have_attribute("aria-invalid", "true")
        described_by = (control.get_attribute("aria-describedby") or "").split()
        assert error.get_attribute("id") in described_by, f"{kind}: message not linked by aria-describedby"
        expect(root.locator(".pc-result"), kind).to_have_attribute("data-state", "invalid")
        widget_text = root.inner_text()
        for bad in ("NaN", "undefined", "[object Object]"):
            assert bad not in widget_text.replace(raw, ""), f"{kind}: {bad} rendered"
        assert root.locator("img, b").count() == 0, f"{kind}: typed text was inserted as HTML"
        set_field(root, key, "")  # back to "not given": the error goes, the valid line comes back
        expect(error, kind).to_have_text("")
        expect(control, kind).not_to_have_attribute("aria-invalid", "true")
        expect_result(root, expected_for({"a19_listing": "true"}, lang=lang), lang=lang)
    assert not dialogs, f"a dialog opened: {[d.message for d in dialogs]}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_numbers_typed_as_people_type_them_give_the_engines_result(new_context: Callable[..., BrowserContext],
                                                                   lang: str) -> None:
    root, _ = _open_widget(new_context, lang)
    set_field(root, "a19_equity_majority_in_district", "true")
    for kind, key, raw in ACCEPTED:
        values = {"a19_equity_majority_in_district": "true", key: raw}
        expected = expected_for(values, lang=lang)
        assert expected["valid"] and expected["lines"], f"{kind}: CPython refuses {raw!r}"
        set_field(root, key, raw)
        expect_result(root, expected, lang=lang)
        expect(field(root, key), kind).to_have_value(raw)
        expect(root.locator(f'[data-error-for="{key}"]'), kind).to_have_text("")


def test_emptying_a_field_removes_its_award_and_says_what_to_do(new_context: Callable[..., BrowserContext]) -> None:
    root, _ = _open_widget(new_context, "en")
    set_field(root, "a19_equity_refinancing_in_district", "40000000")
    set_field(root, "a19_equity_majority_in_district", "true")
    expect_result(root, expected_for({"a19_equity_refinancing_in_district": "40000000",
                                      "a19_equity_majority_in_district": "true"}, lang="en"), lang="en")
    set_field(root, "a19_equity_refinancing_in_district", "")
    set_field(root, "a19_equity_majority_in_district", "")
    result = root.locator(".pc-result")
    expect(result).to_have_attribute("data-state", "empty")
    expect(result).to_have_text("The estimate appears here once you fill in the conditions above.")
    expect(root.locator(".pc-error:not(:empty)")).to_have_count(0)
