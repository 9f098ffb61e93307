"""The built site: every article and provision in both languages, aligned clauses, permalinks, language switch,
calculator mount points, system fonts only."""
from __future__ import annotations

import re
import sys
from html.parser import HTMLParser
from pathlib import Path
from typing import Any, Callable

import pytest
from calculator_form import wait_settled, widget
from playwright.sync_api import BrowserContext, Page, expect

ROOT = Path(__file__).resolve().parents[2]

from site_build.policy_data import load_policy

POLICY = load_policy(ROOT / "policy.yaml")
LANG_ROOT = {"zh": "", "en": "en/"}


class _PageText(HTMLParser):
    """The h1 text, the element ids, and the text inside each clause element of a built page."""

    def __init__(self, html: str) -> None:
        super().__init__()
        self.h1 = ""
        self.ids: set[str] = set()
        self.clause_text: dict[str, str] = {}
        self._in_h1 = False
        self._clause: str | None = None
        self._depth = 0
        self.feed(html)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if tag == "h1":
            self._in_h1 = True
        if self._clause is not None and tag == "div":
            self._depth += 1
        if tag == "div" and "clause" in (attributes.get("class") or "").split() and attributes.get("id"):
            self._clause, self._depth = str(attributes["id"]), 1
            self.clause_text[self._clause] = ""

    def handle_endtag(self, tag: str) -> None:
        if tag == "h1":
            self._in_h1 = False
        if self._clause is not None and tag == "div":
            self._depth -= 1
            if self._depth == 0:
                self._clause = None

    def handle_data(self, data: str) -> None:
        if self._in_h1:
            self.h1 += data
        if self._clause is not None:
            self.clause_text[self._clause] += data


def _built(site_dir: Path, lang: str, path: str) -> _PageText:
    file = site_dir / LANG_ROOT[lang] / path / "index.html"
    assert file.is_file(), f"no page {file}"
    return _PageText(file.read_text(encoding="utf-8"))


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_every_article_and_provision_has_a_page_with_its_title_and_every_clause(site_dir: Path, lang: str) -> None:
    for article in POLICY["articles"]:
        page = _built(site_dir, lang, f"articles/{article['id']}")
        assert article["title"][lang] in page.h1, f"article {article['id']} ({lang}): h1 is {page.h1!r}"
        for clause in article["clauses"]:
            assert clause["id"] in page.clause_text, f"{clause['id']} missing on the {lang} page"
            for text_lang in ("zh", "en"):  # both languages on both sites; Chinese is authoritative
                assert clause[text_lang] in page.clause_text[clause["id"]], f"{clause['id']}.{text_lang} ({lang})"
    for provision in POLICY["supplementary"]["provisions"]:
        page = _built(site_dir, lang, f"supplementary/{provision['id']}")
        assert page.h1.strip(), f"provision {provision['id']} ({lang}) has no h1"
        for clause in provision["clauses"]:
            for text_lang in ("zh", "en"):
                assert clause[text_lang] in page.clause_text[clause["id"]], f"{clause['id']}.{text_lang} ({lang})"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_part_pages_list_their_articles(site_dir: Path, lang: str) -> None:
    for part in POLICY["parts"]:
        html = (site_dir / LANG_ROOT[lang] / "parts" / str(part["id"]) / "index.html").read_text(encoding="utf-8")
        html = html[html.index("<article"):html.index("</article>")]  # the content, not the site navigation
        assert part["title"][lang] in html
        for article in POLICY["articles"]:
            assert (f'href="../../articles/{article["id"]}/"' in html) == (article["part"] == part["id"])


def _box(page: Page, selector: str) -> dict[str, float]:
    box = page.locator(selector).bounding_box()
    assert box is not None, f"{selector} not rendered"
    return box


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_clauses_side_by_side_on_wide_screens_and_stacked_on_phones(
        new_context: Callable[..., BrowserContext], lang: str) -> None:
    wide = new_context(viewport={"width": 1280, "height": 900}).new_page()
    wide.goto(LANG_ROOT[lang] + "articles/3/")
    zh, en = _box(wide, "#a3-2 .clause__text--zh"), _box(wide, "#a3-2 .clause__text--en")
    assert abs(zh["y"] - en["y"]) < 2 and abs(zh["x"] - en["x"]) > 200, (zh, en)
    first, second = (zh, en) if lang == "zh" else (en, zh)
    assert first["x"] < second["x"], "the page's own language comes first"
    phone = new_context(viewport={"width": 390, "height": 800}).new_page()
    phone.goto(LANG_ROOT[lang] + "articles/3/")
    zh, en = _box(phone, "#a3-2 .clause__text--zh"), _box(phone, "#a3-2 .clause__text--en")
    assert abs(zh["x"] - en["x"]) < 2 and abs(zh["y"] - en["y"]) > 20, (zh, en)
    assert zh["x"] + zh["width"] <= 390 and en["x"] + en["width"] <= 390, "clause wider than the phone"


def test_clause_permalink_is_visible_and_lands_on_the_clause(page: Page, site_url: str) -> None:
    page.goto("articles/3/")
    link = page.locator("#a3-2 a.clause__link")
    expect(link).to_be_visible()
    expect(link).to_have_text("3-2")
    link.click()
    expect(page).to_have_url(site_url + "articles/3/#a3-2")
    expect(page.locator("#a3-2")).to_be_in_viewport()
    expect(page.locator("#a3-2")).to_contain_text("对符合江北区重点产业导向的技术改造项目")


def test_english_article_shows_the_chinese_original_as_authoritative(page: Page) -> None:
    page.goto("en/articles/10/")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Article 10")
    expect(page.locator(".original-title")).to_have_text("第十条　引导企业加大研发投入")
    expect(page.locator(".original-title")).to_have_attribute("lang", "zh")
    expect(page.locator("#a10-1 .clause__text--zh")).to_have_attribute("lang", "zh")
    expect(page.locator("article")).to_contain_text("The Chinese original is the authoritative text")
    expect(page.locator("#a10-1 .clause__text--zh")).to_contain_text("按照其年度新增研发投入总额")


@pytest.mark.parametrize(("start", "button", "link", "target"), [
    ("articles/10/", "选择当前语言", "English", "en/articles/10/"),
    ("en/articles/10/", "Select language", "中文", "articles/10/"),
    ("en/glossary/", "Select language", "中文", "glossary/"),
])
def test_language_switch_lands_on_the_same_page(page: Page, site_url: str, start: str, button: str, link: str,
                                                target: str) -> None:
    # Material's script fetches the sitemap of each <link rel="alternate"> in the head and may then take over clicks
    # into that site. A build without JIANGBEI_PUBLIC_URL has no such links (overrides/main.html): no other language's
    # sitemap is fetched and nothing taken over; with them, the switch's target="_self" keeps Material's hands off.
    # A page's own sitemap is fetched by Material's instant navigation (navigation.instant), which is ours to use.
    sitemaps: list[str] = []
    page.on("request", lambda request: sitemaps.append(request.url) if request.url.endswith("sitemap.xml") else None)
    page.goto(start)
    expect(page.locator("article h1")).to_be_visible()
    page.get_by_role("button", name=button).click()
    page.get_by_role("link", name=link, exact=True).click()
    expect(page).to_have_url(site_url + target)
    expect(page.locator("html")).to_have_attribute("lang", "en" if target.startswith("en/") else "zh")
    own_sitemaps = {site_url + ("en/" if path.startswith("en/") else "") + "sitemap.xml" for path in (start, target)}
    assert set(sitemaps) <= own_sitemaps, sitemaps
    assert len(sitemaps) <= 2, sitemaps


def test_award_table_and_calculator_mount_point(page: Page) -> None:
    page.goto("articles/3/")
    table = page.locator(".award-table table")
    expect(table.locator("caption")).to_have_text("第三条规定的奖励与补助")
    expect(table).to_contain_text("技术改造项目补助")
    expect(table).to_contain_text("一般：不超过4%，最高200万元")
    expect(table).to_contain_text("最高额")
    # The mount point follows the award table.
    mount = page.locator('div.policy-calculator[data-article="3"]')
    expect(mount).to_have_count(1)
    assert page.evaluate("""() => {
        const table = document.querySelector('.award-table');
        const mount = document.querySelector('.policy-calculator');
        return !!(table.compareDocumentPosition(mount) & Node.DOCUMENT_POSITION_FOLLOWING);
    }""")
    page.goto("articles/1/")  # no quantified award: no calculator
    expect(page.locator(".policy-calculator")).to_have_count(0)
    expect(page.locator("article")).to_contain_text("本条没有规定具体金额的奖励或补助")


def test_flags_are_shown_for_top_up_and_matching_awards(page: Page) -> None:
    page.goto("en/articles/11/")
    expect(page.locator(".award-table")).to_contain_text("Progressive top-up · Matching")


@pytest.mark.parametrize(("lang", "nav"), [("zh", "企业综合测算"), ("en", "Whole-company estimator")])
def test_estimator_page_from_the_nav(page: Page, site_url: str, lang: str, nav: str) -> None:
    page.goto(LANG_ROOT[lang])
    page.locator(".md-nav--primary").get_by_role("link", name=nav, exact=True).first.click()
    expect(page).to_have_url(site_url + LANG_ROOT[lang] + "estimator/")
    expect(page.locator("div.policy-estimator")).to_have_count(1)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_home_page_links_to_parts_glossary_methodology_and_estimator(page: Page, site_url: str, lang: str) -> None:
    page.goto(LANG_ROOT[lang])
    hrefs = page.locator("article a").evaluate_all("links => links.map(a => a.href)")
    base = site_url + LANG_ROOT[lang]
    expected = [f"{base}parts/{n}/" for n in range(1, 9)] + [
        f"{base}supplementary/", f"{base}glossary/", f"{base}methodology/", f"{base}estimator/"]
    assert set(expected) <= set(hrefs), sorted(set(expected) - set(hrefs))


def test_methodology_says_an_estimate_is_not_an_official_decision(page: Page) -> None:
    page.goto("methodology/")
    expect(page.locator("article")).to_contain_text("不是官方决定")
    expect(page.locator("#ask")).to_be_visible()
    page.goto("en/methodology/")
    expect(page.locator("article")).to_contain_text("not an official decision")


def test_glossary_entries_are_anchored_and_linked_from_articles(page: Page, site_url: str) -> None:
    page.goto("articles/17/")
    wait_settled(widget(page, 17))  # the terms are under the calculator: they move while it is drawn
    page.locator(".terms").get_by_role("link", name="小升规").click()
    expect(page).to_have_url(re.compile(r"glossary/#term-\d+$"))
    row = page.locator("tr:target")
    expect(row).to_contain_text("小升规")
    expect(row).to_contain_text("small-to-above-size upgrade")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_system_fonts_only(page: Page, browser_log: Any, lang: str) -> None:
    page.goto(LANG_ROOT[lang] + "articles/3/")
    expect(page.locator("#a3-1")).to_be_visible()
    family = page.evaluate("() => getComputedStyle(document.querySelector('#a3-1 .clause__text--zh')).fontFamily")
    for name in ("PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC"):
        assert name in family, family
    fonts = [url for url in browser_log.requests if url.split("?")[0].endswith((".woff", ".woff2", ".ttf", ".otf"))]
    assert not fonts, f"web fonts downloaded: {fonts}"
