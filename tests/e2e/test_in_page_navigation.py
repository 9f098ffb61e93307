"""Links between the site's pages open in place (issue 11): the document stays, and so does the calculator's worker
with Python in it, so the next article computes at once (it reports `started: "kept"`). Clause permalinks, the
language switch, back and forward, the hand-off to the estimator and offline copies work after such navigations as
they do after full page loads."""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

from calculator_form import (expect_result, expected_for, field, fill, page_path, use_language_switch, wait_ready,
                             wait_settled, widget)
from playwright.sync_api import BrowserContext, Page, expect

# Set on the first document; a full page load would lose it.
MARK_DOCUMENT = "() => { window.__firstDocument = true; }"
SAME_DOCUMENT = "() => window.__firstDocument === true"
HOW_STARTED = "() => performance.getEntriesByName('calculator-ready').map((mark) => mark.detail.started)"
PAGE_IS_CACHED = "async (url) => Boolean(await caches.match(url))"


def _click_nav_link(page: Page, path: str) -> None:
    """A click on the page's link in the site navigation, as a reader moves on."""
    page.locator(f'.md-nav--primary a.md-nav__link[href$="/{path}"]').first.evaluate("link => link.click()")
    page.wait_for_url(f"**/{path}")


def _started(page: Page) -> list[str]:
    page.wait_for_function("() => performance.getEntriesByName('calculator-ready').length > 0")
    return [str(value) for value in page.evaluate(HOW_STARTED)]


def _check_result(page: Page, article: int, values: dict[str, str], *, lang: str) -> None:
    root = widget(page, article)
    wait_ready(root)
    fill(root, values)
    expect_result(root, expected_for(values, lang=lang), lang=lang)


def test_links_open_pages_in_place_and_keep_python(new_context: Callable[..., BrowserContext]) -> None:
    page = new_context().new_page()

    # The self-check runs no Python; its award links lead to a clause of an article.
    page.goto("self-check/")
    page.evaluate(MARK_DOCUMENT)
    page.locator('#q-rd_spending input[value="yes"]').check()
    award_link = page.locator('li[data-rule="a10.rd_growth"] a[href$="articles/10/#a10-1"]')
    expect(award_link).to_be_visible()
    award_link.click()
    page.wait_for_url("**/articles/10/#a10-1")
    expect(page.locator("h1")).to_contain_text("第十条")
    expect(page).to_have_title("第十条　引导企业加大研发投入 - 江北区都市工业政策")
    expect(page.locator("#a10-1")).to_be_in_viewport()  # the clause permalink still lands on its clause
    assert page.evaluate(SAME_DOCUMENT), "the link should open the article in place"
    wait_ready(widget(page, 10))
    assert _started(page) in (["cold"], ["snapshot"]), "the first calculator of this document boots Python"

    # The next article: in place, Python kept, the engine's result.
    _click_nav_link(page, "articles/3/")
    expect(page.locator("h1")).to_contain_text("第三条")
    expect(page.locator("h1")).to_be_focused()  # as after a page load, the reader starts at the new page's title
    values = {"a3_investment": "8000000", "a3_orientation": "key"}
    _check_result(page, 3, values, lang="zh")
    assert _started(page) == ["kept"]
    assert page.evaluate(SAME_DOCUMENT)

    # A clause permalink on the page opened in place.
    page.locator('a.clause__link[href$="#a3-2"]').click()
    page.wait_for_url("**/articles/3/#a3-2")
    expect(page.locator("#a3-2")).to_be_in_viewport()

    # The language switch names the page now shown (not the one first loaded) and takes the inputs along.
    use_language_switch(page, to="en")
    page.wait_for_url("**/en/articles/3/**")
    root = widget(page, 3)
    wait_ready(root)
    expect(field(root, "a3_investment")).to_have_value("8000000")
    expect_result(root, expected_for(values, lang="en"), lang="en")
    assert not page.evaluate(SAME_DOCUMENT), "another language is another site: a full page load"

    # English pages open in place too; back returns to the article before, its inputs and result with it.
    page.evaluate(MARK_DOCUMENT)
    _click_nav_link(page, "en/articles/11/")
    first_unit = {"a11_first_unit_level": "domestic"}
    _check_result(page, 11, first_unit, lang="en")
    assert _started(page) == ["kept"]
    page.go_back()
    page.wait_for_url("**/en/articles/3/**")
    root = widget(page, 3)
    wait_ready(root)
    expect_result(root, expected_for(values, lang="en"), lang="en")
    assert page.evaluate(SAME_DOCUMENT), "back to a page opened in place stays in the document"

    # "Add to my whole-company estimate" opens the estimator in place, with the widget's inputs.
    root.locator(".pc-add-to-estimate").click()
    page.wait_for_url("**/en/estimator/**")
    estimator = widget(page)
    wait_ready(estimator)
    expect(field(estimator, "a3_investment")).to_have_value("8000000")
    expect(estimator.locator(".pc-result")).to_have_attribute("data-state", "result")
    assert page.evaluate(SAME_DOCUMENT)
    assert _started(page) == ["kept"]

    # Pages opened in place are kept for offline use, as pages loaded in full are.
    article_11 = page.evaluate("() => new URL('../articles/11/', location.href).href")
    page.wait_for_function(PAGE_IS_CACHED, arg=article_11)
    page.context.set_offline(True)
    page.goto(page_path("article", lang="en", article=11))
    _check_result(page, 11, {"a11_first_unit_level": "international"}, lang="en")
    page.context.set_offline(False)


def test_a_link_to_a_fragment_targets_it_when_the_page_arrives_late(new_context: Callable[..., BrowserContext]) -> None:
    """Material records the scroll offset 100 ms after a scroll. A click that follows a scroll (as a reader scrolls to
    a term and clicks it) and a page that takes longer than that to arrive would have Material restore that offset
    instead of following the fragment: the glossary row would be neither in view nor the :target."""
    # No service worker: once the calculator is ready it would control the page, and fetch the glossary itself (the
    # page's route would not see it) and again for the offline cache.
    page = new_context(service_workers="block").new_page()
    page.goto("articles/17/")
    wait_settled(widget(page, 17))  # the terms are under the calculator: they move while it is drawn
    page.evaluate(MARK_DOCUMENT)
    late: list[str] = []

    def arrive_late(route: Any) -> None:
        late.append(route.request.url)
        response = route.fetch()
        page.wait_for_timeout(400)  # the server's delay, not the test's: the assertions below wait on conditions
        route.fulfill(response=response)

    page.route("**/glossary/", arrive_late)
    term = page.locator(".terms").get_by_role("link", name="小升规")
    term.scroll_into_view_if_needed()
    term.click()
    page.wait_for_url(re.compile(r"glossary/#term-\d+$"))
    row = page.locator("tr:target")
    expect(row).to_contain_text("小升规")
    expect(row).to_be_in_viewport()
    assert late, "the glossary was fetched in place"
    assert page.evaluate(SAME_DOCUMENT), "the glossary opened in place"


def test_a_permalink_on_the_page_itself_stays_in_the_page(new_context: Callable[..., BrowserContext]) -> None:
    """A clause permalink of the page itself is the browser's fragment navigation. Material's instant navigation used
    to take its popstate for a new location: it fetched the same page again and replaced the content (the calculator
    was set up again), and when that fetch took longer than Material's 100 ms offset record the clause was no longer
    the :target (CI under load: test_clause_links_are_24px_touch_targets[chromium-en-phone])."""
    page = new_context(viewport={"width": 390, "height": 900}).new_page()
    page.goto(page_path("article", lang="en", article=3))
    root = widget(page, 3)
    wait_ready(root)
    mark_content = "() => { document.querySelector('[data-md-component=container]').dataset.firstContent = 'yes'; }"
    same_content = "() => document.querySelector('[data-md-component=container]').dataset.firstContent === 'yes'"
    page.evaluate(mark_content)
    links = page.locator(".clause__link")
    for index in (1, 2):  # the page's first fragment navigation, and one more
        target = links.nth(index).evaluate("a => a.hash").lstrip("#")
        page.evaluate("() => history.replaceState(null, '')")
        links.nth(index).click()
        expect(page.locator(".clause:target")).to_have_attribute("id", target)
        expect(page.locator(f"#{target}")).to_be_in_viewport()
        # Material records the scroll offset in the history entry 100 ms after the click's scroll; a fetch of the
        # page, started by the click's popstate, has replaced the content by then when it comes from the offline cache.
        page.wait_for_function("() => history.state !== null")
        assert page.evaluate(same_content), f"the page's content was replaced after a click on #{target}"
        expect(page.locator(".clause:target")).to_have_attribute("id", target)
