"""Issue 24: the whole site offline after one visit, the offline page, and the 404 page's links at any address.

- A reader who opened only article 3 and let its calculator run has, once the service worker's background fill is
  done, every page of both languages: offline, article 21 reads and computes the engine's amount, the estimator and
  the full text are there, in both languages, on a phone and on a desktop.
- A page of the site that is not saved (here: one kept from the fill) gets the offline page in its language, with a
  working link home; an address that is no page of the site gets the 404 page.
- The 404 page is served at any unknown path (site_build/static_server.py, like GitHub Pages and nginx's error_page):
  its language links, stylesheet and logo link go to the site's root, at the host's root and under a sub-path.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest
from browser_log import BrowserLog
from calculator_form import expect_result, expected_for, fill, page_path, wait_ready, widget
from playwright.sync_api import BrowserContext, Page, Route, expect
from site_build.static_server import serving

# The service worker's answers, counted from the start of each document (sw.template.js).
LISTEN = """
window.__filled = null;
if ("serviceWorker" in navigator) navigator.serviceWorker.addEventListener("message", (event) => {
  if (event.data && event.data.type === "filled") window.__filled = event.data;
});
"""
# Kept from the background fill: offline, it must get the offline page.
NOT_SAVED = "en/glossary/"
OFFLINE_TITLE = {"zh": "您已离线，此页尚未保存", "en": "You are offline; this page is not saved yet"}
HOME_LINK = {"zh": "返回首页", "en": "Back to the home page"}
A21_VALUES = {"registered_in_district": "true", "a21_high_tech_level": "first"}
ESTIMATOR_VALUES = {"registered_in_district": "true", "fiscal_contribution": "100000", "a8_national_centre": "true"}


def _site_files(site_dir: Path) -> dict[str, list[str]]:
    match = re.search(r"const SITE_FILES = (\{.*?\});\n", (site_dir / "sw.js").read_text("utf-8"))
    assert match, "sw.js lists no SITE_FILES"
    return dict(json.loads(match.group(1)))


def _cached(page: Page) -> set[str]:
    return set(page.evaluate("""async () => {
      const urls = [];
      for (const name of await caches.keys()) {
        if (!name.startsWith("jiangbei-policy-")) continue;
        for (const request of await (await caches.open(name)).keys()) urls.push(request.url);
      }
      return urls;
    }"""))


@pytest.mark.parametrize("width", [390, 1280])
def test_after_article_3_and_its_calculator_every_page_works_offline_in_both_languages(
        new_context: Callable[..., BrowserContext], site_dir: Path, site_url: str, browser_log: BrowserLog,
        width: int) -> None:
    context = new_context(viewport={"width": width, "height": 800})
    context.add_init_script(LISTEN)

    def refuse(route: Route) -> None:  # the server is down for this one page (its fill fails, offline it is missing)
        route.fulfill(status=503, body="")

    context.route(f"{site_url}{NOT_SAVED}", refuse)
    page = context.new_page()
    page.goto(page_path("article", lang="zh", article=3))
    root = widget(page, 3)
    wait_ready(root)
    values = {"a3_investment": "7500000", "a3_orientation": "key", "registered_in_district": "true"}
    fill(root, values)
    expect_result(root, expected_for(values, lang="zh"), lang="zh")
    # The fill runs once the runtime is cached, after the page is idle: nothing more is opened online.
    page.wait_for_function("() => window.__filled !== null", timeout=120_000)
    files = _site_files(site_dir)
    wanted = {site_url + path for path in files["pages"] + files["assets"] + files["runtime"]}
    assert wanted - _cached(page) == {site_url + NOT_SAVED}
    assert page.evaluate("() => window.__filled.complete") is False  # one page did not come
    assert {"articles/21/", "en/articles/21/", "estimator/", "en/estimator/", "full-text/",
            "en/full-text/"} <= set(files["pages"])

    context.unroute(f"{site_url}{NOT_SAVED}")
    context.set_offline(True)
    for lang in ("zh", "en"):
        page.goto(page_path("article", lang=lang, article=21))
        expect(page.get_by_role("heading", level=1)).to_contain_text("21" if lang == "en" else "第二十一条")
        root = widget(page, 21)
        wait_ready(root)
        fill(root, A21_VALUES)
        result = expected_for(A21_VALUES, lang=lang)
        assert result["total_cny"] == "100000.00"  # the engine's own amount for a first high-tech recognition
        expect_result(root, result, lang=lang)

        page.goto(page_path("estimator", lang=lang))
        estimator = widget(page)
        wait_ready(estimator)
        fill(estimator, ESTIMATOR_VALUES)
        expect_result(estimator, expected_for(ESTIMATOR_VALUES, lang=lang), lang=lang)

        page.goto(("en/" if lang == "en" else "") + "full-text/")
        expect(page.locator("#a21-1")).to_be_visible()
        expect(page.locator("link[rel=stylesheet][href*='main.']")).to_have_count(1)
        assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"

    # Not saved: the offline page, in its language, under the address asked for; its link home works offline.
    page.goto(NOT_SAVED)
    expect(page).to_have_url(site_url + NOT_SAVED)
    expect(page.get_by_role("heading", level=1)).to_have_text(OFFLINE_TITLE["en"])
    page.get_by_role("link", name=HOME_LINK["en"]).click()
    expect(page).to_have_url(site_url + "en/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    # No page of the site at all: the 404 page.
    page.goto("articles/99/")
    expect(page.get_by_role("heading", level=1)).to_have_text(NOT_FOUND_TITLE["zh"])
    page.goto("en/articles/99/")  # the English build's, from the offline cache
    expect(page.get_by_role("heading", level=1)).to_have_text(NOT_FOUND_TITLE["en"])
    browser_log.clear()  # the refused page's 503 (during the fill) is this test's doing


def test_offline_page_is_built_in_both_languages_and_installed_with_the_worker(site_dir: Path) -> None:
    sw = (site_dir / "sw.js").read_text("utf-8")
    precache = json.loads(re.search(r"const PRECACHE = (\[.*?\]);", sw).group(1))  # type: ignore[union-attr]
    assert {"offline/", "en/offline/"} <= set(precache)
    for lang, prefix in (("zh", ""), ("en", "en/")):
        html = (site_dir / prefix / "offline" / "index.html").read_text("utf-8")
        assert f"<h1>{OFFLINE_TITLE[lang]}</h1>" in html
        assert f'href="../">{HOME_LINK[lang]}</a>' in html


@pytest.fixture(scope="module")
def sub_path_url(site_dir: Path) -> Iterator[str]:
    with serving(site_dir, prefix="/jiangbei/") as url:
        yield url


NOT_FOUND_TITLE = {"zh": "找不到此页 · Page not found", "en": "Page not found · 找不到此页"}
NOT_FOUND_SAYS = {"zh": "本站没有这个地址的页面（HTTP 404）",
                  "en": "This site has no page at this address (HTTP 404)"}
NOT_FOUND_LINKS = "() => [...document.querySelectorAll('.not-found a')].map(a => a.href)"
NOT_FOUND_TARGETS = ["", "self-check/", "estimator/", "glossary/"]
LANGUAGE_LINKS = "() => [...document.querySelectorAll('.md-header a.md-select__link')].map(a => [a.lang, a.href])"


@pytest.mark.parametrize("width", [390, 1280])
def test_the_404_page_links_to_the_site_at_any_address_at_the_root_and_under_a_sub_path(
        new_context: Callable[..., BrowserContext], site_url: str, sub_path_url: str, browser_log: BrowserLog,
        width: int) -> None:
    context = new_context(viewport={"width": width, "height": 800})
    page = context.new_page()
    # First visits (nothing stored): any depth at the root; under the sub-path, an address inside the site's folders.
    cases = [(site_url, "no-such-page/"), (site_url, "articles/99/"), (site_url, "en/a/b/c"),
             (sub_path_url, "articles/99/"), (sub_path_url, "en/nothing/here/"), (sub_path_url, "parts/9/x/")]
    for base, path in cases:
        response = page.goto(base + path)
        assert response is not None and response.status == 404, (base, path)
        expect(page.get_by_role("heading", level=1)).to_have_text(NOT_FOUND_TITLE["zh"])
        expect(page.locator(".not-found")).to_contain_text(NOT_FOUND_SAYS["zh"])
        expect(page.locator(".not-found")).to_contain_text(NOT_FOUND_SAYS["en"])
        assert page.evaluate(LANGUAGE_LINKS) == [["zh", base], ["en", base + "en/"]], (base, path)
        # Its ways back into the site, at the site's root whatever the address's depth.
        assert page.evaluate(NOT_FOUND_LINKS) == [base + target for target in NOT_FOUND_TARGETS], (base, path)
        # Its own stylesheet and logo link resolve at the site's root too.
        assert page.evaluate("() => getComputedStyle(document.querySelector('.md-header')).position") == "sticky"
        assert page.evaluate("() => document.querySelector('a.md-logo').href") == base
    # After a visit of the site, an address outside its folders under the sub-path too.
    page.goto(sub_path_url)
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.wait_for_function("() => localStorage.getItem('jiangbei-site-roots') !== null")
    page.goto(sub_path_url + "no-such-page/")
    assert page.evaluate(LANGUAGE_LINKS) == [["zh", sub_path_url], ["en", sub_path_url + "en/"]]
    # The links lead there: the English home page under the sub-path.
    page.locator(".md-header .md-select").first.hover()
    page.locator('.md-header a.md-select__link[hreflang="en"]').click()
    expect(page).to_have_url(sub_path_url + "en/")
    expect(page.get_by_role("heading", level=1)).to_be_visible()
    page.goto(sub_path_url + "en/nothing/here/")
    page.locator(".not-found").get_by_role("link", name="企业综合测算 · Whole-company estimator").click()
    expect(page).to_have_url(sub_path_url + "estimator/")
    expect(page.get_by_role("heading", level=1)).to_have_text("企业综合测算")
    browser_log.clear()  # the 404 responses, on purpose


def test_the_404_page_has_the_site_search_and_the_colour_switch(new_context: Callable[..., BrowserContext],
                                                                 site_url: str, browser_log: BrowserLog) -> None:
    """Its header is every page's: the search finds the policy's pages (its index is built when search-start.js asks,
    so without the site's script it stayed "正在初始化搜索引擎" for ever), and the light/dark switch is set up."""
    page = new_context(viewport={"width": 1280, "height": 800}).new_page()
    # Any unknown address gets the Chinese build's page; the English build's is what the offline worker gives under
    # en/ (and what a host may serve there): its script is the whole site's, one level up.
    for address, lang, box_name, query in (("nothing/at/all/", "zh", "搜索", "技术改造"),
                                           ("en/404.html", "en", "Search", "technological transformation")):
        page.goto(site_url + address)
        expect(page.get_by_role("heading", level=1)).to_have_text(NOT_FOUND_TITLE[lang])
        expect(page.locator("form[data-site-palette][data-mounted]")).to_have_count(1)
        box = page.get_by_role("textbox", name=box_name)
        box.fill(query)
        box.press("End")  # Material searches on key events
        results = page.locator("li.md-search-result__item")
        expect(results.first).to_be_visible()
        hrefs = results.evaluate_all("items => items.map(item => item.querySelector('a').href.replace(/[?#].*$/, ''))")
        assert site_url + ("en/" if lang == "en" else "") + "articles/3/" in hrefs, (address, hrefs)
    browser_log.clear()  # the page's own 404 status, on purpose
