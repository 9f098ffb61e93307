"""The header's light/dark switch (docs/assets/frontend/site/palette.js, in place of Material's palette component):
a first visit follows the system's preference, a load leaves a page already in the right colours untouched (Material's
component restyled the whole page three to four times on every load), the switch toggles by click and by Enter, and
the choice holds across in-place navigation and reloads, in both languages."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import BrowserContext, Locator, Page, expect

# Records every change of the body's palette attributes (the ones Material's CSS keys colours and transitions on) once
# the page is parsed, when a change restyles the whole drawn page (Material's inline script sets them while <body> is
# parsed, before any style exists: that costs nothing), and the scheme the body had then.
RECORD_PALETTE_CHANGES = """
window.__paletteChanges = [];
document.addEventListener("DOMContentLoaded", () => {
  window.__schemeWhenParsed = document.body.getAttribute("data-md-color-scheme");
  new MutationObserver((records) => {
    for (const record of records) {
      window.__paletteChanges.push(record.attributeName + "=" + document.body.getAttribute(record.attributeName));
    }
  }).observe(document.body, {attributes: true, attributeFilter: [
    "data-md-color-scheme", "data-md-color-primary", "data-md-color-accent", "data-md-color-switching"]});
});
"""
PAGE = "glossary/"
SCHEME = "() => document.body.getAttribute('data-md-color-scheme')"
HEADER_COLOUR = """() => '#' + getComputedStyle(document.querySelector('[data-md-component=header]')).backgroundColor
  .match(/\\d+/g).slice(0, 3).map((value) => (+value).toString(16).padStart(2, '0')).join('')"""
STORED_INDEX = """() => {
  const key = Object.keys(localStorage).find((name) => name.endsWith('.__palette'));
  return key ? JSON.parse(localStorage.getItem(key)).index : null;
}"""


def _context(new_context: Callable[..., BrowserContext], scheme: str) -> BrowserContext:
    context = new_context(color_scheme=scheme)
    context.add_init_script(RECORD_PALETTE_CHANGES)
    return context


def _switch(page: Page) -> Locator:
    """The visible switch: the one label that is not hidden. It is the label of the palette it switches to (the light
    one is for __palette_0, the dark one for __palette_1)."""
    return page.locator("form[data-site-palette] label.md-header__button:not([hidden])")


def _expect_browser_colours(page: Page, colour_schemes: set[str]) -> None:
    """theme-color is the header's colour; color-scheme (absent: "normal") is one of `colour_schemes`."""
    theme = page.locator('meta[name="theme-color"]')
    expect(theme).to_have_count(1)
    page.wait_for_function("(colour) => document.querySelector('meta[name=theme-color]').content === colour",
                           arg=page.evaluate(HEADER_COLOUR))
    # Waited for too: the header is the same indigo light and dark, so the theme-color above can match before the
    # switch has written the metas (palette.js, a frame after the switch).
    page.wait_for_function("(schemes) => schemes.includes("
                           "document.querySelector('meta[name=color-scheme]')?.content ?? 'normal')",
                           arg=sorted(colour_schemes))


def test_a_light_system_first_visit_leaves_the_page_as_drawn(new_context: Callable[..., BrowserContext]) -> None:
    page = _context(new_context, "light").new_page()
    page.goto(PAGE)
    expect(_switch(page)).to_have_attribute("for", "__palette_1")
    expect(_switch(page)).to_have_count(1)
    assert page.evaluate(SCHEME) == "default"
    _expect_browser_colours(page, {"normal"})  # no meta: adding one would restyle the page for the same colours
    # Nothing rewrote the body's colours or switched transitions off and on: no whole-page restyle.
    assert page.evaluate("() => window.__paletteChanges") == []
    assert page.evaluate(STORED_INDEX) == 0  # remembered, as Material does, so later pages need no media query


def test_a_dark_system_first_visit_turns_dark_and_later_pages_are_dark_when_parsed(
        new_context: Callable[..., BrowserContext]) -> None:
    page = _context(new_context, "dark").new_page()
    page.goto(PAGE)
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(_switch(page)).to_have_attribute("for", "__palette_0")
    # Dark from the first paint (the inline script in the header chose the option matching the system), not drawn
    # light and then switched.
    assert page.evaluate("() => window.__schemeWhenParsed") == "slate"
    assert page.evaluate("() => window.__paletteChanges") == []
    _expect_browser_colours(page, {"dark"})
    assert page.evaluate(STORED_INDEX) == 1
    page.goto("articles/1/")
    expect(_switch(page)).to_have_attribute("for", "__palette_0")
    # Material's inline script applied the stored choice before the first paint; the switch changed nothing.
    assert page.evaluate("() => window.__schemeWhenParsed") == "slate"
    assert page.evaluate("() => window.__paletteChanges") == []


def test_the_switch_toggles_by_click_and_enter_and_the_choice_holds(
        new_context: Callable[..., BrowserContext]) -> None:
    page = _context(new_context, "light").new_page()
    page.goto("en/" + PAGE)
    expect(_switch(page)).to_have_attribute("for", "__palette_1")
    _switch(page).click()
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    expect(_switch(page)).to_have_attribute("for", "__palette_0")
    expect(page.locator("body")).not_to_have_attribute("data-md-color-switching", "")  # transitions back on
    _expect_browser_colours(page, {"dark"})
    assert page.evaluate(STORED_INDEX) == 1

    # In place (the header stays): the switch still works on the next page.
    page.evaluate("() => { window.__sameDocument = true; }")
    page.locator('.md-nav--primary a.md-nav__link[href$="/articles/2/"]').first.evaluate("link => link.click()")
    page.wait_for_url("**/articles/2/")
    assert page.evaluate("() => window.__sameDocument === true")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    # Enter on the focused switch moves to the next palette, as in Material.
    page.locator("form[data-site-palette] input#__palette_1").focus()
    page.keyboard.press("Enter")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    expect(_switch(page)).to_have_attribute("for", "__palette_1")
    _expect_browser_colours(page, {"light"})

    page.reload()
    expect(_switch(page)).to_have_attribute("for", "__palette_1")
    assert page.evaluate("() => window.__schemeWhenParsed") == "default"
    assert page.evaluate(STORED_INDEX) == 0
