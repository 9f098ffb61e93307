"""About this text, copy citation, and the whole policy on one page, printed (issue 12), in both languages."""
from __future__ import annotations

import io
import re
import unicodedata
from pathlib import Path
from typing import Any, Callable
from urllib.parse import urldefrag, urljoin

import pytest
from playwright.sync_api import Browser, BrowserContext, Page, expect
from pypdf import PdfReader

from site_build import render
from site_build.policy_data import iter_text_clauses, load_policy

ROOT = Path(__file__).resolve().parents[2]
POLICY = load_policy(ROOT / "policy.yaml")
LANG_ROOT = {"zh": "", "en": "en/"}
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
CLIPBOARD = ["clipboard-read", "clipboard-write"]


def _ui(key: str, lang: str, **values: Any) -> str:
    return render.ui(key, lang, **values)


def _refuse_clipboard(browser: Browser, page: Page) -> None:
    """Deny clipboard writes in this page's context (left alone, Chromium may allow them to a focused page)."""
    target = page.context.new_cdp_session(page).send("Target.getTargetInfo")["targetInfo"]
    browser.new_browser_cdp_session().send("Browser.setPermission", {
        "permission": {"name": "clipboard-write"}, "setting": "denied", "browserContextId": target["browserContextId"]})


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_about_page_links_resolve(page: Page, site_url: str, lang: str) -> None:
    page.goto(LANG_ROOT[lang] + "about/")
    expect(page.get_by_role("heading", level=1)).to_have_text(_ui("about", lang))
    for anchor, key in (("source", "about_source"), ("verification", "about_verification"), ("errata", "about_errata"),
                        ("translator-notes", "about_translator_notes"), ("interpretations", "about_interpretations"),
                        ("changelog", "about_changelog")):
        expect(page.locator(f"h2#{anchor}")).to_contain_text(_ui(key, lang))
    hrefs = page.locator("article.md-content__inner a[href]").evaluate_all("links => links.map(a => a.href)")
    assert len(hrefs) > 20, hrefs
    pages: dict[str, str] = {}
    for href in hrefs:
        url, fragment = urldefrag(href)
        assert url.startswith(site_url), f"about page links off the site: {href}"
        if url not in pages:
            response = page.request.get(url)
            assert response.ok, f"{href}: HTTP {response.status}"
            pages[url] = response.text()
        if fragment:
            assert re.search(rf'\bid="{re.escape(fragment)}"', pages[url]), f"{href}: no #{fragment} on that page"
    # Every translator's note is linked, to the note beside its clause.
    for clause, _ in iter_text_clauses(POLICY):
        if clause.get("note"):
            assert any(href.endswith(f"#note-{clause['id']}") for href in hrefs), clause["id"]


def _citation(lang: str, clause_id: str, article: int) -> str:
    count = len(POLICY["articles"][article - 1]["clauses"])
    from site_build import citations
    return citations.citation(POLICY["document"]["title"], clause_id, lang, clause_count=count)


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_copy_citation_by_keyboard_when_the_clipboard_is_granted(
        new_context: Callable[..., BrowserContext], site_url: str, lang: str) -> None:
    page = new_context(permissions=CLIPBOARD).new_page()
    page.goto(LANG_ROOT[lang] + "articles/3/")
    button = page.get_by_role("button", name=_ui("cite_button_label", lang, label="3-2"))
    # cite.js inserts the button after the page has loaded: a Tab pressed before that goes to the next link.
    expect(button).to_be_attached()
    page.locator("#a3-2 .clause__link").focus()
    page.keyboard.press("Tab")
    expect(button).to_be_focused()
    page.keyboard.press("Enter")
    expected = f"{_citation(lang, 'a3-2', 3)} {site_url}{LANG_ROOT[lang]}articles/3/#a3-2"
    status = page.locator(".cite-status")
    expect(status).to_have_text(_ui("cite_copied", lang, citation=expected))
    expect(status).to_have_attribute("role", "status")
    expect(status).to_have_attribute("aria-live", "polite")
    assert page.evaluate("navigator.clipboard.readText()") == expected
    expect(page.locator("#a3-2 .clause__cite-fallback")).to_have_count(0)
    if lang == "zh":
        assert expected.startswith("《关于加快推进新型工业化高质量发展都市工业的若干意见》第三条第二句（本站按句编号：3-2） http")
    else:
        assert expected.startswith("Several Opinions on Accelerating New Industrialisation and the High-Quality "
                                   "Development of Urban Industry, Article 3, sentence 2 (this site's numbering: 3-2) http")

    # On the whole policy, a clause's citation points at its own page, not at full-text/.
    page.goto(LANG_ROOT[lang] + "full-text/")
    page.locator("#s4-1 .clause__cite").click()
    provision = POLICY["supplementary"]["provisions"][3]
    from site_build import citations
    cite = citations.citation(POLICY["document"]["title"], "s4-1", lang, clause_count=len(provision["clauses"]))
    expected = f"{cite} {site_url}{LANG_ROOT[lang]}supplementary/4/#s4-1"
    expect(page.locator(".cite-status")).to_have_text(_ui("cite_copied", lang, citation=expected))
    assert page.evaluate("navigator.clipboard.readText()") == expected


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_copy_citation_falls_back_to_selected_text_when_the_clipboard_is_refused(
        new_context: Callable[..., BrowserContext], browser: Browser, site_url: str, lang: str) -> None:
    page = new_context().new_page()
    _refuse_clipboard(browser, page)
    page.goto(LANG_ROOT[lang] + "articles/3/")
    page.get_by_role("button", name=_ui("cite_button_label", lang, label="3-1")).press("Enter")
    expected = f"{_citation(lang, 'a3-1', 3)} {site_url}{LANG_ROOT[lang]}articles/3/#a3-1"
    fallback = page.locator("#a3-1 .clause__cite-fallback")
    expect(fallback).to_contain_text(_ui("cite_refused", lang))
    text = fallback.locator(".clause__cite-text")
    expect(text).to_have_text(expected)
    expect(text).to_be_focused()
    assert page.evaluate("String(getSelection())") == expected, "the citation is selected, ready to copy"
    expect(page.locator(".cite-status")).to_have_text(f"{_ui('cite_refused', lang)} {expected}")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_full_text_holds_every_clause_once_in_order(page: Page, lang: str) -> None:
    page.goto(LANG_ROOT[lang] + "full-text/")
    expect(page.get_by_role("heading", level=1)).to_have_text(_ui("full_text", lang))
    ids = page.locator("[id]").evaluate_all("nodes => nodes.map(n => n.id)")
    clause_ids = [clause["id"] for clause, _ in iter_text_clauses(POLICY)]
    assert len(clause_ids) > 80
    for clause_id in clause_ids:
        assert ids.count(clause_id) == 1, clause_id
    on_page = page.locator(".clause").evaluate_all("nodes => nodes.map(n => n.id)")
    assert on_page == clause_ids
    # Both languages of a clause, the page's own first.
    first, second = (lang, render.OTHER[lang])
    clause = POLICY["articles"][18]["clauses"][3]
    expect(page.locator(f"#{clause['id']} .clause__text--{first}")).to_have_text(clause[first])
    expect(page.locator(f"#{clause['id']} .clause__text--{second}")).to_have_text(clause[second])


def _pdf_pages(page: Page) -> list[str]:
    reader = PdfReader(io.BytesIO(page.pdf(format="A4")))
    for pdf_page in reader.pages:  # A4 portrait: 210 × 297 mm = 595.3 × 841.9 pt (Chromium rounds to whole pixels)
        size = (float(pdf_page.mediabox.width), float(pdf_page.mediabox.height))
        assert abs(size[0] - 595.3) < 2 and abs(size[1] - 841.9) < 2, size
    return [pdf_page.extract_text() or "" for pdf_page in reader.pages]


def _squeeze(text: str) -> str:
    """Text without white space, NFKC: PDF text extraction gives some CJK characters as their Kangxi radical
    look-alikes (⼤ for 大), which NFKC maps back, and full-width punctuation as ASCII."""
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", text))


@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", ["full-text/", "articles/3/"])
def test_printed_page_has_no_navigation_text(page: Page, lang: str, path: str) -> None:
    page.goto(LANG_ROOT[lang] + path)
    expect(page.locator(".clause__cite").first).to_be_attached()  # printed as the reader would see it
    pages = _pdf_pages(page)
    text = _squeeze("\n".join(pages))
    site_name = "江北区都市工业政策" if lang == "zh" else "Jiangbei Urban Industry Policy"
    nav_only = [site_name, _ui("estimator", lang), _ui("methodology", lang), _ui("glossary", lang),
                _ui("about", lang), _ui("cite_button", lang), "Search" if lang == "en" else "搜索",
                _ui("next", lang), _ui("previous", lang)]
    if lang == "en":  # 目录, the Chinese table of contents' title, is also a word of Article 1
        nav_only.append("Table of contents")
    leaked = [word for word in nav_only if _squeeze(word) in text]
    assert not leaked, f"navigation text in the printed {path}: {leaked}"
    if path == "full-text/":
        assert 10 < len(pages) < 40, len(pages)
        # Every clause id in the margin, once; each part starts a page.
        for clause, _ in iter_text_clauses(POLICY):
            assert _squeeze(render.clause_label(clause["id"], lang)) in text, clause["id"]
        starts = [_squeeze(p) for p in pages]
        for part in POLICY["parts"]:
            title = _squeeze(render.part_title(part, lang))
            assert any(start.startswith(title) for start in starts), f"{title} does not start a page"
        assert any(start.startswith(_squeeze(POLICY["supplementary"]["title"][lang])) for start in starts)
    else:
        assert _squeeze(POLICY["articles"][2]["clauses"][1]["zh"]) in text


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", ["about/", "full-text/"])
def test_no_wcag_aa_violation_on_the_new_pages(new_context: Callable[..., BrowserContext], browser: Browser,
                                               path: str, lang: str, width: int) -> None:
    # bypass_csp: the site's Content-Security-Policy (rightly) refuses the injected axe script.
    context = new_context(viewport={"width": width, "height": 900}, bypass_csp=True)
    page = context.new_page()
    _refuse_clipboard(browser, page)
    page.goto(LANG_ROOT[lang] + path)
    expect(page.locator("article h1")).to_be_visible()
    if path == "full-text/":
        expect(page.locator("#a3-2 .clause__cite")).to_be_attached()
        # The refused-clipboard fallback is part of the page too.
        page.locator("#a3-2 .clause__cite").click()
        expect(page.locator("#a3-2 .clause__cite-fallback")).to_be_visible()
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    assert result["testEngine"]["name"] == "axe-core" and result["passes"], "axe did not run"
    violations = [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
                  for v in result["violations"]]
    assert not violations, "\n".join(violations)
