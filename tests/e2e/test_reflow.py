"""Issue 24, part 1: every page reflows at 320 CSS px and at 390 px with text at 200% (WCAG 2.2 1.4.10, 1.4.4), in both
languages, before and after its calculator has drawn its result, charts and tables.

- All pages (every index.html of the build, embeds included, and the 404 page) at 320 px on a phone: nothing scrolls
  sideways; a calculator page is measured again with a real result drawn (a golden case of its article, the
  estimator with a four-article year).
- The key pages (home, articles 3 and 20 with a result and chart, the estimator with its parts open and a result,
  self-check, budget with its sample run, full text, glossary) at 320 px and at 390 px with 200% text: no sideways
  scrolling, the header's controls on screen, axe (WCAG 2.2 A/AA) clean; at 200% every text field of a calculator is at
  least 40% of the screen's width, a dropdown's chosen option is shown whole (in the box, or on the echo line where the
  browser cannot wrap it), and the sticky total bar covers at most 12% of the screen's height.
- At 390 px and 1280 px (100% text) no dropdown cuts off any of its options.

Text at 200% is Chromium's own text-size setting (Settings > Appearance > Font size), set through the DevTools protocol
(`Page.setFontSizes`): the default font goes from 16 px to 32 px (monospace 13 to 26), so every rem and em doubles,
Material's `html { font-size: 125% }` included, and media queries in em see the larger text, as in a reader's browser.
A phone (`is_mobile`): content wider than the screen widens the page, as on a real phone, so it is measured.
"""

from __future__ import annotations

import re
from collections.abc import Generator
from pathlib import Path
from typing import Any

import pytest
from calculator_form import (READY_TIMEOUT_MS, RESULT_TIMEOUT_MS, article_of_case, fill, form_values, golden_cases,
                             page_path, wait_ready, widget)
from playwright.sync_api import BrowserContext, Page, expect
from test_phone_width import site_pages

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
NARROW = {"width": 320, "height": 640}
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}
LANGS = ["zh", "en"]
PREFIX = {"zh": "", "en": "en/"}
# A year of four articles, as the finance manager of issue 13 typed it, with an amount long enough to be cut off.
ESTIMATOR_YEAR = {
    "registered_in_district": "true", "above_size_industrial": "true", "a3_investment": "60000000",
    "a3_orientation": "key", "a10_new_rd_investment": "300万", "a20_srdi_level": "little_giant",
    "a20_srdi_prev_level": "provincial_hidden_or_city_key", "a21_high_tech_level": "first",
    "fiscal_contribution": "1.2亿",
}
# One valid golden case per article: what each article's widget is filled with.
EXAMPLES: dict[int, dict[str, str]] = {}
for _case in golden_cases():
    _article = article_of_case(_case)
    if _article is not None and _article not in EXAMPLES:
        EXAMPLES[_article] = form_values(_case["profile"])

# What does not fit the screen: the page's width, and the elements reaching past its right edge that no narrower
# scrolling box holds (hidden ones too: they widen the page all the same), widest first.
MEASURE = """() => {
  const width = window.__screenWidth;
  const shown = (node) => node.checkVisibility({visibilityProperty: true, opacityProperty: true});
  const name = (node) => `${node.tagName.toLowerCase()}.${String(node.className.baseVal ?? node.className).split(" ")[0]}`;
  const wide = [];
  for (const node of document.querySelectorAll("body *")) {
    const box = node.getBoundingClientRect();
    if (!box.width || !box.height || box.right <= width + 0.5) continue;
    let held = false;
    for (let box2 = node.parentElement; box2 && box2 !== document.body; box2 = box2.parentElement) {
      if (getComputedStyle(box2).overflowX !== "visible" && box2.getBoundingClientRect().right <= width + 0.5) { held = true; break; }
    }
    if (!held) wide.push([box.right, `${shown(node) ? "" : "(hidden) "}${name(node)} ${Math.round(box.left)}..${Math.round(box.right)}`]);
  }
  wide.sort((a, b) => b[0] - a[0]);
  const header = [...document.querySelectorAll(".md-header a, .md-header button, .md-header label, .md-header input")]
    .filter((node) => shown(node) && node.getBoundingClientRect().width)
    .filter((node) => { const box = node.getBoundingClientRect(); return box.left < -0.5 || box.right > width + 0.5; })
    .map((node) => `${name(node)} ${Math.round(node.getBoundingClientRect().left)}..${Math.round(node.getBoundingClientRect().right)}`);
  return {width, pageWidth: Math.max(document.documentElement.scrollWidth, window.innerWidth),
          wide: wide.slice(0, 5).map((entry) => entry[1]), header};
}"""
# Text fields of the calculators narrower than 40% of the screen.
NARROW_FIELDS = """() => [...document.querySelectorAll(
    ".pc-calculator input:not([type=checkbox]):not([type=radio]):not([type=file]), .pc-calculator select, .pc-calculator textarea")]
  .filter((node) => node.checkVisibility({visibilityProperty: true}))
  .map((node) => [node.dataset.field || node.className, Math.round(node.getBoundingClientRect().width)])
  .filter(([, width]) => width < 0.4 * window.__screenWidth)"""
# Dropdowns whose chosen option (or, with `all`, any option) does not show whole: a wrapping select (appearance
# base-select) must not clip its content; a native one must be as wide as a copy of it holding only that option.
CUT_SELECTS = """(all) => {
  const cut = [];
  for (const select of document.querySelectorAll(".pc-calculator select")) {
    if (!select.checkVisibility({visibilityProperty: true}) || select.selectedIndex < 0) continue;
    const chosen = select.selectedIndex;
    for (const index of all ? [...Array(select.options.length).keys()] : [chosen]) {
      select.selectedIndex = index;
      const label = select.options[index].text;
      let shownWhole;
      if (getComputedStyle(select).appearance === "base-select") {
        shownWhole = select.scrollWidth <= select.clientWidth + 1 && select.scrollHeight <= select.clientHeight + 1;
      } else {
        const copy = select.cloneNode(false);
        copy.removeAttribute("id");
        copy.append(select.options[index].cloneNode(true));
        copy.style.cssText = "position:absolute;visibility:hidden;width:auto;min-width:0;max-width:none";
        select.after(copy);
        shownWhole = copy.getBoundingClientRect().width <= select.getBoundingClientRect().width + 0.5;
        copy.remove();
        // Where the box cannot show it, the echo line under it must (field-echo.js).
        const echo = document.getElementById(`${select.id}-echo`);
        if (!shownWhole && !all && echo && echo.textContent === label && echo.checkVisibility()) shownWhole = true;
      }
      if (!shownWhole) cut.push(`${select.dataset.field}: ${label}`);
    }
    select.selectedIndex = chosen;
  }
  return cut;
}"""
# The share of the screen's height the sticky total bar covers while the reader is in the form.
BAR_SHARE = """() => {
  const bar = document.querySelector(".pc-running-total");
  if (!bar || !bar.checkVisibility({visibilityProperty: true})) return 0;
  const position = getComputedStyle(bar).position;
  if (position !== "sticky" && position !== "fixed") return 0;
  const box = bar.getBoundingClientRect();
  const height = window.visualViewport.height;
  return Math.max(0, Math.min(box.bottom, height) - Math.max(box.top, 0)) / height;
}"""
OPEN_ALL = "() => document.querySelectorAll('.pc-calculator details').forEach((d) => { d.open = true; })"
PARTS_DRAWN = ("() => [...document.querySelectorAll('details.pc-part')].every("
               "(d) => d.querySelector('fieldset.pc-article'))")
CHARTS_DRAWN = ("() => [...document.querySelectorAll('figure.pc-chart')].every("
                "(f) => f.dataset.state === 'drawn' || f.dataset.state === 'empty')")


@pytest.fixture(scope="module")
def browser_context_args(browser_context_args: dict[str, Any]) -> dict[str, Any]:
    # A phone: content wider than the screen widens the page (as on a real phone) instead of being cut off.
    # bypass_csp: for the injected axe script.
    return {**browser_context_args, "is_mobile": True, "has_touch": True, "bypass_csp": True}


@pytest.fixture(scope="module")
def pages(module_context: BrowserContext) -> Generator[dict[str, Page], None, None]:
    """The module's pages: one with 100% text, one with 200% (Chromium's text-size setting)."""
    normal = module_context.new_page()
    large = module_context.new_page()
    module_context.new_cdp_session(large).send("Page.setFontSizes", {"fontSizes": {"standard": 32, "fixed": 26}})
    yield {"100%": normal, "200%": large}


def at(page: Page, viewport: dict[str, int]) -> Page:
    page.set_viewport_size(viewport)
    return page


def goto(page: Page, path: str) -> None:
    page.goto(path)
    page.evaluate("(width) => { window.__screenWidth = width; }", page.viewport_size["width"])
    expect(page.locator("article h1, article .embed-source").first).to_be_visible()
    # Measured at rest: Material's search box shrinks to nothing on a phone through a delayed transition, and caught
    # halfway it reached past the screen's edge (seen once: api/, "button.md-search__icon -37..-19").
    page.wait_for_function("() => document.getAnimations().every((animation) => animation.playState !== 'running')")


def overflow(page: Page, where: str) -> list[str]:
    """What makes the page wider than the screen, or reaches past its edge in the header ([] when all fits)."""
    measured = page.evaluate(MEASURE)
    problems = []
    if measured["pageWidth"] > measured["width"]:
        problems.append(f"{where}: the page is {measured['pageWidth'] - measured['width']} px too wide, widest "
                        f"{measured['wide']}")
    if measured["header"]:
        problems.append(f"{where}: header controls off the screen {measured['header']}")
    return problems


def draw_result(page: Page, path: str) -> bool:
    """Fills the page's calculator with a valid case and waits for its result and charts; False without one."""
    match = re.search(r"articles/(\d+)/", path)
    if match and page.locator(".policy-calculator").count():
        article = int(match.group(1))
        root = widget(page, article)
        values = EXAMPLES[article]
    elif page.locator(".policy-estimator").count():
        root = widget(page)
        values = ESTIMATOR_YEAR
    else:
        return False
    wait_ready(root)
    fill(root, values)
    expect(root.locator(".pc-result")).to_have_attribute("data-state", "result", timeout=RESULT_TIMEOUT_MS)
    expect(root.locator(".pc-result li.pc-line").first).to_be_attached(timeout=RESULT_TIMEOUT_MS)
    page.wait_for_function(CHARTS_DRAWN, timeout=RESULT_TIMEOUT_MS)
    page.evaluate(OPEN_ALL)
    if page.locator("details.pc-part").count():
        page.wait_for_function(PARTS_DRAWN)
        page.evaluate(OPEN_ALL)
    return True


def run_budget_sample(page: Page) -> None:
    budget = page.locator(".policy-budget")
    expect(budget).to_have_attribute("data-engine", "ready", timeout=READY_TIMEOUT_MS)
    page.locator(".budget-sample").click()
    expect(budget).to_have_attribute("data-runs", "1", timeout=READY_TIMEOUT_MS)
    expect(page.locator("[data-total-cny]")).to_be_visible()


def axe_violations(page: Page) -> list[str]:
    # Material eases some colours in (a button just clicked): axe reads the colours shown, none may be halfway.
    page.wait_for_function("() => document.getAnimations().every((animation) => animation.playState !== 'running')")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate("() => axe.run(document, {runOnly: {type: 'tag', values: "
                           "['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa']}})")
    assert result["testEngine"]["name"] == "axe-core" and result["passes"], "axe did not run"
    return [f"{v['id']}: {v['help']} — " + "; ".join(str(n["target"][0]) for n in v["nodes"][:4])
            for v in result["violations"]]


def all_pages(site_dir: Path, lang: str) -> list[str]:
    found = [path for path in site_pages(site_dir) if path.startswith("en/") == (lang == "en")]
    return [*found, f"{PREFIX[lang]}404.html"]


@pytest.mark.parametrize("lang", LANGS)
def test_every_page_fits_320_px_before_and_after_its_calculator_draws(pages: dict[str, Page], site_dir: Path,
                                                                      lang: str) -> None:
    page = at(pages["100%"], NARROW)
    paths = all_pages(site_dir, lang)
    assert len(paths) > 80 and f"{PREFIX[lang]}embed/articles/3/" in paths, paths
    problems: list[str] = []
    drawn = 0
    for path in paths:
        goto(page, path)
        problems += overflow(page, path)
        if draw_result(page, path):
            drawn += 1
            problems += overflow(page, f"{path} with a result")
    assert drawn > 50, drawn  # the articles, their embeds and the estimator
    assert not problems, "wider than 320 px:\n" + "\n".join(problems)


KEY_PAGES = ["", "articles/3/", "articles/20/", "estimator/", "self-check/", "budget/", "full-text/", "glossary/"]
MODES = {"320px": ("100%", NARROW), "390px-text-200%": ("200%", PHONE)}


@pytest.mark.parametrize("mode", MODES)
@pytest.mark.parametrize("lang", LANGS)
def test_key_pages_reflow_with_large_text(pages: dict[str, Page], lang: str, mode: str) -> None:
    text, viewport = MODES[mode]
    page = at(pages[text], viewport)
    problems: list[str] = []
    for key in KEY_PAGES:
        path = PREFIX[lang] + key
        goto(page, path)
        problems += overflow(page, path)
        if key == "budget/":
            run_budget_sample(page)
        elif draw_result(page, path) and text == "200%":
            problems += [f"{path}: field {name} is {width} px wide, under 40% of {viewport['width']} px"
                         for name, width in page.evaluate(NARROW_FIELDS)]
            problems += [f"{path}: dropdown cuts off its choice, {cut}" for cut in page.evaluate(CUT_SELECTS, False)]
            # The reader is in the form: a field in the middle of the screen.
            page.locator('[data-field="registered_in_district"]').evaluate(
                "(node) => node.scrollIntoView({block: 'center'})")
            share = page.evaluate(BAR_SHARE)
            if share > 0.12:
                problems.append(f"{path}: the sticky total bar covers {share:.0%} of the screen's height")
        problems += overflow(page, f"{path} after its result")
        problems += [f"{path}: axe {violation}" for violation in axe_violations(page)]
    assert not problems, f"{lang} at {mode}:\n" + "\n".join(problems)


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", LANGS)
def test_no_dropdown_cuts_off_an_option(pages: dict[str, Page], lang: str, width: int) -> None:
    page = at(pages["100%"], PHONE if width == 390 else DESKTOP)
    cut: list[str] = []
    for kind in ("estimator", "article"):
        goto(page, page_path(kind, lang=lang, article=3))
        expect(page.locator(".pc-form").first).to_be_attached()
        page.evaluate(OPEN_ALL)
        if kind == "estimator":
            page.wait_for_function(PARTS_DRAWN)
            page.evaluate(OPEN_ALL)
        options = page.locator(".pc-calculator select option").count()
        assert options > (300 if kind == "estimator" else 10), options
        cut += page.evaluate(CUT_SELECTS, True)
    assert not cut, f"{len(cut)} options cut off at {width} px:\n" + "\n".join(cut[:20])
