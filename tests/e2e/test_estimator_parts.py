"""The estimator draws a part's fields when the part is first needed (issue 11: drawing all 124 fields at load was one
long main-thread task). At load only the company facts are drawn; a click on a part's summary draws its articles and
fields; the field finder draws the part of an article it finds; a share link naming fields (and a repeatable row) in
parts not drawn yet restores every value, opens exactly those parts and gives CPython's result; what was given is
listed (print view) in the form's order whatever order the parts were drawn in."""

from __future__ import annotations

import base64
import json
from collections.abc import Callable
from typing import Any

from calculator_form import expect_result, field, page_path, wait_ready, widget
from site_build.calculator_inputs import build_inputs_document
from playwright.sync_api import BrowserContext, Locator, expect

import calculator

DOCUMENT = build_inputs_document()
ROW = "item:a3.renovation:2:"
# In the link, a part-4 field comes first and the row before the article-3 fields: parts are drawn in that order.
SHARED = {
    "a14_green_factory_level": "national",
    f"{ROW}a3_investment": "5000000",
    f"{ROW}a3_orientation": "key",
    f"{ROW}event_date": "2024-03-01",
    "registered_in_district": "true",
    "fiscal_contribution": "1500000",
    "a3_investment": "60000000",
    "a3_orientation": "general",
}
# The profile the form sends for SHARED (rows.js: with a row, the rule's inputs go in as items).
SHARED_PROFILE = {
    "company": {"registered_in_district": True, "fiscal_contribution": "1500000"},
    "facts": {"a14_green_factory_level": "national"},
    "items": {"a3.renovation": [
        {"a3_investment": "60000000", "a3_orientation": "general"},
        {"a3_investment": "5000000", "a3_orientation": "key", "event_date": "2024-03-01"}]},
}


def _article(article_id: int) -> dict[str, Any]:
    return next(article for article in DOCUMENT["articles"] if article["id"] == article_id)


def _part_keys(part: dict[str, Any]) -> set[str]:
    """The field keys a part draws: its articles' own inputs and, per take-the-higher rule, another policy's amount
    and its source."""
    keys: set[str] = set()
    for article_id in part["articles"]:
        article = _article(article_id)
        keys |= {key for key in article["inputs"] if DOCUMENT["inputs"][key]["group"] != "company"}
        keys |= {f"{kind}:{rule['id']}" for rule in article["rules"] if rule["take_higher"] for kind in ("other", "other-source")}
    return keys


def _part(root: Locator, part_id: int) -> Locator:
    return root.locator(f'details.pc-part[data-part="{part_id}"]')


def _part_of_article(article_id: int) -> dict[str, Any]:
    return next(part for part in DOCUMENT["parts"] if article_id in part["articles"])


def test_parts_are_drawn_when_opened_or_found(new_context: Callable[..., BrowserContext]) -> None:
    page = new_context().new_page()
    page.goto(page_path("estimator", lang="en"))
    root = widget(page)
    parts = DOCUMENT["parts"]
    expect(root.locator("details.pc-part")).to_have_count(len(parts))
    # At load: the company facts only; every part closed, its summary drawn and nothing in it.
    expect(root.locator("[data-field]")).to_have_count(len(DOCUMENT["company_inputs"]))
    assert set(root.locator("[data-field]").evaluate_all("cs => cs.map(c => c.dataset.field)")) == set(
        DOCUMENT["company_inputs"])
    expect(root.locator("details.pc-part[open]")).to_have_count(0)
    expect(root.locator("fieldset.pc-article")).to_have_count(0)
    expect(root.locator("details.pc-part > summary")).to_have_count(len(parts))

    # A click on a part's summary draws its articles, in order, with their fields, and opens it.
    part = parts[1]
    _part(root, part["id"]).locator(":scope > summary").click()
    expect(_part(root, part["id"])).to_have_attribute("open", "")
    articles = _part(root, part["id"]).locator("fieldset.pc-article")
    expect(articles).to_have_count(len(part["articles"]))
    assert articles.evaluate_all("fs => fs.map(f => Number(f.dataset.article))") == part["articles"]
    drawn = _part(root, part["id"]).locator("[data-field]").evaluate_all("cs => cs.map(c => c.dataset.field)")
    assert sorted(drawn) == sorted(_part_keys(part))
    expect(_part(root, parts[0]["id"]).locator("fieldset.pc-article")).to_have_count(0)
    # Closing and opening it again keeps what it holds (drawn once).
    _part(root, part["id"]).locator(":scope > summary").click()
    _part(root, part["id"]).locator(":scope > summary").click()
    expect(articles).to_have_count(len(part["articles"]))

    # The finder finds an article of a part not drawn yet: that part is drawn and opened, showing that article only.
    target = parts[-1]["articles"][-1]
    target_part = _part_of_article(target)
    expect(_part(root, target_part["id"]).locator("fieldset.pc-article")).to_have_count(0)
    root.locator(".pc-finder-input").fill(f"article{target}")
    expect(_part(root, target_part["id"])).to_have_attribute("open", "")
    expect(root.locator("fieldset.pc-article:visible")).to_have_count(1)
    expect(root.locator(f'fieldset.pc-article[data-article="{target}"]')).to_be_visible()
    expect(root.locator("details.pc-part:visible")).to_have_count(1)
    # Show all: every part back, the drawn ones with all their articles.
    root.locator(".pc-finder-clear").click()
    expect(root.locator("details.pc-part:visible")).to_have_count(len(parts))
    expect(_part(root, target_part["id"]).locator("fieldset.pc-article:visible")).to_have_count(
        len(target_part["articles"]))


def _link(site_url: str, values: dict[str, str]) -> str:
    state = json.dumps({"v": 1, "values": values}).encode("utf-8")
    return f"{site_url}en/estimator/#calc=" + base64.urlsafe_b64encode(state).decode("ascii").rstrip("=")


def test_share_link_into_parts_not_drawn_restores_and_computes(new_context: Callable[..., BrowserContext],
                                                               site_url: str) -> None:
    expected = calculator.estimate(SHARED_PROFILE, lang="en")
    assert expected["valid"] and len(expected["lines"]) == 3, expected["errors"]
    page = new_context().new_page()
    page.goto(_link(site_url, SHARED))
    root = widget(page)
    wait_ready(root)
    for key, value in SHARED.items():
        expect(field(root, key), key).to_have_value(value)
    expect(root.locator(f'.pc-row[data-row="2"]')).to_have_count(1)
    expect_result(root, expected, lang="en")
    # Exactly the parts holding a value are drawn and open, their counters say how many; the others stay empty.
    holding = sorted({_part_of_article(3)["id"], _part_of_article(14)["id"]})
    assert root.locator("details.pc-part[open]").evaluate_all("ds => ds.map(d => Number(d.dataset.part))") == holding
    for part in DOCUMENT["parts"]:
        if part["id"] not in holding:
            expect(_part(root, part["id"]).locator("fieldset.pc-article")).to_have_count(0)
    expect(_part(root, _part_of_article(14)["id"]).locator(".pc-count")).to_have_text(" (1 filled)")

    # What was given (print view) is listed in the form's order, rows last (as before parts were drawn on demand),
    # although the link drew part 4 before part 1.
    filled_in_form_order = root.locator("[data-field]").evaluate_all(
        "cs => cs.filter(c => c.value !== '').map(c => [c.dataset.field, c.labels[0].textContent])")
    expected_order = ([label for key, label in filled_in_form_order if not key.startswith("item:")]
                      + [label for key, label in filled_in_form_order if key.startswith("item:")])
    assert root.locator(".pc-given-table th").all_text_contents() == expected_order
