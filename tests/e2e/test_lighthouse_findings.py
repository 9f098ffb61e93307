"""What Lighthouse (benchmarks/lighthouse.py) found, checked as behaviour in both languages:
- hreflang: no page carries a <link rel="alternate" hreflang> whose href is relative (the build has no public URL),
  and the header's language switch names each language with a valid hreflang and leads to the same page;
- the search dialog has an accessible name;
- clause permalinks (and the award table's clause links) are touch targets of at least 24 x 24 CSS px, on a phone
  and on a desktop;
- the estimator's form, drawn by script after load, does not shift the page: cumulative layout shift <= 0.02
  (PerformanceObserver 'layout-shift', from the first byte of the document until the calculator is ready)."""
from __future__ import annotations

from typing import Callable

import pytest
from calculator_form import wait_ready, widget
from playwright.sync_api import BrowserContext, expect

LANGS = {"zh": "", "en": "en/"}
OTHER = {"zh": "en", "en": "zh"}
SEARCH_WORD = {"zh": "查找", "en": "Search"}  # Material's lang.t('search') in each language
WIDTHS = {"phone": 390, "desktop": 1280}
MIN_TARGET_PX = 24
MAX_LAYOUT_SHIFT = 0.02
# Sums layout shifts the way CLS does for a load without input (hadRecentInput excludes shifts the user caused).
LAYOUT_SHIFT_OBSERVER = """
window.__layoutShift = {total: 0, entries: []};
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) {
    if (entry.hadRecentInput) continue;
    window.__layoutShift.total += entry.value;
    window.__layoutShift.entries.push({
      value: entry.value,
      sources: (entry.sources || []).map((s) => (s.node && s.node.nodeType === 1
        ? s.node.tagName + "." + s.node.className : String(s.node && s.node.nodeName))),
    });
  }
}).observe({type: "layout-shift", buffered: true});
"""


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("path", ["", "articles/3/", "estimator/"], ids=["home", "article3", "estimator"])
def test_alternates_are_absolute_or_absent_and_the_switch_has_valid_hreflang(
        new_context: Callable[..., BrowserContext], site_url: str, lang: str, path: str) -> None:
    page = new_context().new_page()
    page.goto(LANGS[lang] + path)
    expect(page.locator("article h1")).to_be_visible()
    alternates = page.eval_on_selector_all(
        'head link[rel="alternate"][hreflang]', "links => links.map(l => l.getAttribute('href'))")
    relative = [href for href in alternates if not href.startswith(("http://", "https://"))]
    assert not relative, f"relative hreflang alternates on {LANGS[lang] + path}: {relative}"

    switch = page.locator(f'.md-header a.md-select__link[hreflang="{OTHER[lang]}"]')
    expect(switch).to_have_count(1)
    assert page.locator(".md-header a.md-select__link").evaluate_all(
        "links => links.map(l => l.getAttribute('hreflang')).sort()") == ["en", "zh"]
    # The switch leads to this page in the other language (same path under the other root).
    href = switch.evaluate("a => a.href")
    assert href == site_url + LANGS[OTHER[lang]] + path, href


@pytest.mark.parametrize("lang", LANGS)
def test_search_dialog_has_an_accessible_name(new_context: Callable[..., BrowserContext], lang: str) -> None:
    page = new_context(viewport={"width": 390, "height": 844}).new_page()
    page.goto(LANGS[lang] + "articles/3/")
    expect(page.locator("article h1")).to_be_visible()
    page.locator('label.md-header__button[for="__search"]').click()
    # The dialog element itself has no box of its own (its parts are positioned): its search box shows and has focus.
    dialog = page.get_by_role("dialog", name=SEARCH_WORD[lang], exact=True)
    expect(dialog).to_have_count(1)
    expect(dialog.get_by_role("textbox")).to_be_visible()
    expect(dialog.get_by_role("textbox")).to_be_focused()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_clause_links_are_24px_touch_targets(new_context: Callable[..., BrowserContext], lang: str,
                                                   width: str) -> None:
    page = new_context(viewport={"width": WIDTHS[width], "height": 900}).new_page()
    page.goto(LANGS[lang] + "articles/3/")
    links = page.locator(".clause__link")
    expect(links.first).to_be_visible()
    # The clause permalinks and the award table's links to the clauses (alone in their cell, not inside a sentence).
    sizes = page.locator(".clause__link, .award-table td:first-child a").evaluate_all(
        "links => links.map(a => { const r = a.getBoundingClientRect();"
        " return [a.getAttribute('href'), r.width, r.height]; })")
    assert len(sizes) >= 6, sizes
    small = [s for s in sizes if s[1] < MIN_TARGET_PX or s[2] < MIN_TARGET_PX]
    assert not small, f"clause links under {MIN_TARGET_PX} px at {WIDTHS[width]} px: {small}"
    # Still a permalink: following it targets its clause.
    # The link's hash, not its attribute: Material's instant navigation rewrites every href as an absolute URL.
    target = links.nth(1).evaluate("a => a.hash").lstrip("#")
    assert target.startswith("a3-"), target
    links.nth(1).click()
    expect(page.locator(".clause:target")).to_have_attribute("id", target)


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("lang", LANGS)
def test_estimator_form_does_not_shift_the_page(new_context: Callable[..., BrowserContext], lang: str,
                                                 width: str) -> None:
    context = new_context(viewport={"width": WIDTHS[width], "height": 823})
    context.add_init_script(LAYOUT_SHIFT_OBSERVER)
    page = context.new_page()
    page.goto(LANGS[lang] + "estimator/")
    root = widget(page)
    expect(root.locator("input, select").first).to_be_visible()
    wait_ready(root)
    # One more frame, so a shift caused by the ready state's own render is observed too.
    page.evaluate("() => new Promise(resolve => requestAnimationFrame(() => requestAnimationFrame(resolve)))")
    shift = page.evaluate("() => window.__layoutShift")
    assert shift["total"] <= MAX_LAYOUT_SHIFT, f"layout shift {shift['total']:.4f}: {shift['entries']}"
