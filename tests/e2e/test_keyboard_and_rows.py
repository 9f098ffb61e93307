"""Issue 24, parts 4, 5 and 7 (keyboard, the self-check's hand-off, small things), in Chromium on the real pages in
both languages, at 390 px and 1280 px, every figure checked against CPython's `calculator.estimate`:

- a skip link "跳到计算器 / Skip to the calculator" after Material's "skip to content" puts the calculator's first
  field three keys from the top (Tab, Tab, Enter), on every calculator page and after an in-page navigation;
- a field focused for the reader and still empty has no red (error) border; a refused one has;
- a pasted 60-digit amount is refused as too large, in the engine's words, next to the field, and not echoed;
- the print carries no status message ("已按链接恢复填写内容。");
- a part's "已填 N 项" counts its rows' fields; removing a row can be undone from the keyboard;
- the self-check's hand-off points to the company facts that change the result and focuses the first unanswered;
  the result asks for the fiscal contribution where 附则五's yearly cap was not checked.

The tests share one browser context (`module_context`); each opens pages of its own.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from pathlib import Path

import pytest
from site_build.calculator_inputs import build_inputs_document
from calculator_form import (expect_in_both_languages, expect_result, expected_for, field, open_part_of, page_path,
                             set_field, wait_ready, widget)
from playwright.sync_api import BrowserContext, Locator, Page, expect

import calculator

SKIP = {"zh": "跳到计算器", "en": "Skip to the calculator"}
RED = "rgb(198, 40, 40)"  # calculator.css: the border of a refused field
RESTORED = {"zh": "已按链接恢复填写内容。", "en": "The inputs from the link have been restored."}
ROW_REMOVED = {"zh": "已删除项目 2。", "en": "Project 2 removed."}
FILLED = {"zh": "（已填 {n} 项）", "en": " ({n} filled)"}
ASK_FISCAL = {"zh": "填入对本区财政贡献以核对年度上限",
              "en": "Enter the company's fiscal contribution to the district to check the yearly cap"}
ASK_FIELD = {"zh": "填写“{label}”", "en": "Fill in “{label}”"}
COMPANY_QUESTIONS = ["registered_in_district", "above_size_industrial", "rd_spend", "fiscal_contribution"]
SIXTY_DIGITS = "2" * 60
CASES = [pytest.param(lang, width, id=f"{lang}-{width}") for lang in ("zh", "en") for width in (390, 1280)]
INPUTS = {spec["id"]: spec for spec in calculator.list_inputs()}


@pytest.fixture
def fresh_page(module_context: BrowserContext) -> Generator[Page, None, None]:
    page = module_context.new_page()
    yield page
    page.close()


def focused(page: Page) -> Locator:
    return page.locator(":focus")


def border_color(page: Page) -> str:
    return str(page.evaluate("() => getComputedStyle(document.activeElement).borderTopColor"))


def open_fresh(page: Page, path: str) -> None:
    """Opens `path` with no saved inputs (the module's pages share localStorage)."""
    page.goto(path)
    page.evaluate("() => localStorage.clear()")
    page.reload()


def skip_to_calculator(page: Page, lang: str) -> None:
    """On a page just loaded, once its form is drawn: Tab until the skip link (at most two Tabs), then Enter."""
    expect(page.locator(".pc-form [data-field]").first).to_be_attached()
    page.keyboard.press("Tab")
    if not page.evaluate("() => document.activeElement?.matches('a.pc-skip')"):
        page.keyboard.press("Tab")
    link = focused(page)
    expect(link).to_have_class(re.compile(r"\bpc-skip\b"))
    expect(link).to_have_text(SKIP[lang])
    expect(link).to_be_in_viewport()
    expect(link).to_have_css("opacity", "1")  # shown once focused (Material's skip link style)
    page.keyboard.press("Enter")


def engine_error(key: str, value: str, lang: str) -> str:
    spec = INPUTS[key]
    result = calculator.estimate({spec["group"]: {key: value}}, lang=lang)
    assert not result["valid"]
    (error,) = result["errors"]
    return str(error[lang])


@pytest.mark.parametrize(("lang", "width"), CASES)
def test_article_widget_keyboard_paste_rows_and_print(fresh_page: Page, module_context: BrowserContext,
                                                      lang: str, width: int) -> None:
    page = fresh_page
    page.set_viewport_size({"width": width, "height": 844})
    open_fresh(page, page_path("article", lang=lang, article=3))
    root = widget(page, 3)
    first = root.locator(".pc-form [data-field]").first
    expect(first).to_have_attribute("data-field", "a3_investment")

    # The skip link lands on the first field; focused and empty, it is not marked as an error.
    skip_to_calculator(page, lang)
    expect(first).to_be_focused()
    expect(first).to_be_in_viewport()
    assert first.input_value() == ""
    assert border_color(page) != RED
    wait_ready(root)

    # A pasted 60-digit number: refused as too large in the engine's words, kept, not echoed; then red when focused.
    first.fill(SIXTY_DIGITS)
    expect_in_both_languages(root.locator('[data-error-for="a3_investment"]'),
                             {each: engine_error("a3_investment", SIXTY_DIGITS, each) for each in ("zh", "en")}, lang)
    expect(first).to_have_value(SIXTY_DIGITS)
    expect(first).to_have_attribute("aria-invalid", "true")
    expect(root.locator(f"#{first.get_attribute('id')}-echo")).to_have_text("")
    first.focus()
    assert border_color(page) == RED

    # Rows: two more projects; removing project 2 moves project 3 up and offers an undo, focused; undo (Enter) puts
    # project 2 back with its values, focused, and the result back to the engine's.
    values = {"a3_investment": "60000000", "a3_orientation": "general"}
    for key, value in values.items():
        set_field(root, key, value)
    rows = {2: "5000000", 3: "3000000"}
    for number, amount in rows.items():
        root.locator("button.pc-row-add").click()
        set_field(root, f"item:a3.renovation:{number}:a3_investment", amount)
        set_field(root, f"item:a3.renovation:{number}:a3_orientation", "key")
    items = [values, *({"a3_investment": amount, "a3_orientation": "key"} for amount in rows.values())]
    with_rows = calculator.estimate({"items": {"a3.renovation": items}}, lang=lang)["total_cny"]
    total = root.locator(".pc-total")
    expect(root.locator("li.pc-line")).to_have_count(3)
    expect(total).to_have_attribute("data-total-cny", with_rows)
    root.locator('.pc-row[data-row="2"] button.pc-row-remove').click()
    expect(root.locator(".pc-row")).to_have_count(1)
    expect(field(root, "item:a3.renovation:2:a3_investment")).to_have_value(rows[3])
    undo = root.locator(".pc-row-undo")
    expect(undo).to_contain_text(ROW_REMOVED[lang])
    expect(undo.get_by_role("button")).to_be_focused()
    expect(root.locator("li.pc-line")).to_have_count(2)
    page.keyboard.press("Enter")
    expect(root.locator(".pc-row")).to_have_count(2)
    expect(field(root, "item:a3.renovation:2:a3_investment")).to_have_value(rows[2])
    expect(field(root, "item:a3.renovation:2:a3_investment")).to_be_focused()
    expect(field(root, "item:a3.renovation:3:a3_investment")).to_have_value(rows[3])
    expect(undo).to_be_hidden()
    expect(total).to_have_attribute("data-total-cny", with_rows)

    # The share link restores the inputs and says so on screen; the print does not carry that message.
    root.locator("button.pc-share-button").click()
    link = root.locator("input.pc-share-url").input_value()
    shared = module_context.new_page()
    shared.set_viewport_size({"width": width, "height": 844})
    shared.goto(link)
    shared_root = widget(shared, 3)
    notice = shared_root.locator(".pc-notice")
    expect(notice).to_have_text(RESTORED[lang])
    expect(notice).to_be_visible()
    wait_ready(shared_root)
    expect(shared_root.locator(".pc-total")).to_have_attribute("data-total-cny", with_rows)
    shared.emulate_media(media="print")
    expect(notice).to_be_hidden()
    assert RESTORED[lang] not in shared.locator("body").inner_text()
    shared.close()


@pytest.mark.parametrize(("lang", "width"), CASES)
def test_estimator_skip_counts_and_self_check_hand_off(fresh_page: Page, lang: str, width: int) -> None:
    page = fresh_page
    page.set_viewport_size({"width": width, "height": 844})
    open_fresh(page, page_path("estimator", lang=lang))
    root = widget(page)

    # The skip link lands on the estimator's first field.
    skip_to_calculator(page, lang)
    registered = field(root, "registered_in_district")
    expect(root.locator(".pc-form [data-field]").first).to_be_focused()
    expect(registered).to_be_focused()
    page.goto(page_path("estimator", lang=lang) + "#selfcheck=a3.renovation")
    page.reload()

    # The hand-off points to the company facts that change the result and focuses the first one unanswered; focused
    # and empty, it is not marked as an error.
    company = root.locator(".pc-handoff-company")
    expect(company.locator("a")).to_have_text([INPUTS[key]["label"][lang] for key in COMPANY_QUESTIONS])
    expect(registered).to_be_focused()
    assert border_color(page) != RED
    company.locator("a").nth(3).click()
    expect(field(root, "fiscal_contribution")).to_be_focused()

    wait_ready(root)

    # Without the fiscal contribution the result says 附则五's cap was not checked and asks for it, with a link; so
    # does every warning that an input would settle (the engine's `asks`): each of them links to its field.
    values = {"registered_in_district": "true", "a3_investment": "60000000", "a3_orientation": "general"}
    for key, value in values.items():
        set_field(root, key, value)
    expected = expected_for(values, lang=lang)
    assert "yearly_cap_not_applied" in {warning["code"] for warning in expected["warnings"]}
    expect_result(root, expected, lang=lang)
    asked = [input_id for warning in expected["warnings"] for input_id in warning["asks"]]
    assert {"fiscal_contribution", "event_date", "rd_spend"} <= set(asked), asked
    for input_id in ("event_date", "rd_spend"):
        link = root.locator(f'a.pc-ask-field[data-ask="{input_id}"]')
        expect(link).to_have_text(ASK_FIELD[lang].format(label=INPUTS[input_id]["label"][lang]))
        link.click()
        expect(field(root, input_id)).to_be_focused()
    ask = root.locator('a.pc-ask-field[data-ask="fiscal_contribution"]')
    expect(ask).to_have_text(ASK_FISCAL[lang])
    ask.click()
    fiscal = field(root, "fiscal_contribution")
    expect(fiscal).to_be_focused()
    fiscal.fill("100000")
    capped = expected_for({**values, "fiscal_contribution": "100000"}, lang=lang)
    assert capped["yearly_cap"] and capped["yearly_cap"]["applied"]
    expect_result(root, capped, lang=lang)
    expect(ask).to_have_count(0)

    # A part's count includes its rows' fields.
    open_part_of(root, "a3_investment")
    part = root.locator('details.pc-part:has([data-field="a3_investment"])')
    counter = part.locator(":scope > summary .pc-count")
    expect(counter).to_have_text(FILLED[lang].format(n=2))
    part.locator('button.pc-row-add[data-rule="a3.renovation"]').click()
    set_field(root, "item:a3.renovation:2:a3_investment", "5000000")
    expect(counter).to_have_text(FILLED[lang].format(n=3))
    set_field(root, "item:a3.renovation:2:event_date", "2024-03-01")
    expect(counter).to_have_text(FILLED[lang].format(n=4))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_skip_link_follows_in_page_navigation(fresh_page: Page, lang: str) -> None:
    page = fresh_page
    page.set_viewport_size({"width": 1280, "height": 844})
    page.goto(page_path("estimator", lang=lang))
    wait_ready(widget(page))
    page.evaluate("() => { window.keptDocument = true; }")
    # To article 21 in place (soft-navigation.js): the skip link is the new page's, and leads to its widget.
    page.locator('.md-nav--primary a.md-nav__link[href$="articles/21/"]').first.dispatch_event("click")
    root = widget(page, 21)
    expect(root.locator(".pc-form [data-field]").first).to_be_attached()
    assert page.evaluate("() => window.keptDocument === true")
    link = page.locator("a.pc-skip")
    expect(link).to_have_text(SKIP[lang])
    link.focus()
    expect(link).to_be_in_viewport()
    expect(link).to_have_css("opacity", "1")
    page.keyboard.press("Enter")
    expect(root.locator(".pc-form [data-field]").first).to_be_focused()
    # To a page without a calculator (the full text): no skip link.
    page.locator('.md-nav--primary a.md-nav__link[href$="full-text/"]').first.dispatch_event("click")
    expect(page.locator(".policy-calculator")).to_have_count(0)
    expect(page.locator("a.md-skip").first).to_be_attached()
    expect(page.locator("a.pc-skip")).to_have_count(0)
    assert page.evaluate("() => window.keptDocument === true")


def test_every_calculator_page_has_one_skip_link_to_its_calculator(site_dir: Path) -> None:
    pages = embeds = 0
    for html_file in sorted(site_dir.rglob("index.html")):
        html = html_file.read_text(encoding="utf-8")
        if not re.search(r'class="policy-(?:calculator|estimator)"', html) or 'data-md-component="skip"' not in html:
            continue
        links = re.findall(r'<a href="#([^"]+)" class="md-skip pc-skip">([^<]+)</a>', html)
        if "data-embed=" in html:  # an embed page, in another site's frame: its first field is its first stop
            embeds += 1
            assert links == [], html_file
            continue
        pages += 1
        lang = "en" if html_file.relative_to(site_dir).parts[0] == "en" else "zh"
        assert links == [("pc-calculator", SKIP[lang])], html_file
        skip = html.index('data-md-component="skip"')
        assert skip < html.index('id="pc-calculator" class="policy-'), html_file
    # Every article widget (inputs.json `calculable`) and the estimator, in both languages; their embed pages none.
    widgets = sum(bool(article["calculable"]) for article in build_inputs_document()["articles"])
    assert widgets >= 27 and pages == embeds == 2 * (widgets + 1)
