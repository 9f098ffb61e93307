"""Search through the real search box: each query of search_cases.yaml finds its article among the first 3 results."""
from __future__ import annotations

import html
import json
import re
from pathlib import Path
from typing import Any

import pytest
import yaml
from playwright.sync_api import Page, expect

CASES: list[dict[str, Any]] = yaml.safe_load((Path(__file__).with_name("search_cases.yaml")).read_text(encoding="utf-8"))
TOP = 3
SEARCH_BOX = {"zh": "搜索", "en": "Search"}


def _id(case: dict[str, Any]) -> str:
    return f"{case['lang']}-{case['query']}"


def _result_pages(page: Page, lang: str, query: str) -> list[str]:
    """Search through the search box of the site in `lang`; the result pages in order, as paths ("articles/3/")."""
    page.goto("" if lang == "zh" else "en/")
    home = page.url
    box = page.get_by_role("textbox", name=SEARCH_BOX[lang])
    box.fill(query)
    box.press("End")  # Material searches on key events; fill() alone does not trigger it
    results = page.locator("li.md-search-result__item")
    expect(results.first).to_be_visible()
    expect(page.locator(".md-search-result__meta")).not_to_contain_text(
        "没有找到" if lang == "zh" else "No matching")
    # Each result item is one page (its sections are folded into it); its first link is the page.
    hrefs = results.evaluate_all("items => items.map(item => item.querySelector('a').href)")
    return [re.sub(r"[?#].*$", "", href).removeprefix(home) for href in hrefs]


@pytest.mark.parametrize("case", CASES, ids=[_id(case) for case in CASES])
def test_query_finds_its_page_in_the_top_results(page: Page, case: dict[str, Any]) -> None:
    lang, query, top = case["lang"], case["query"], case.get("top", TOP)
    expected = f"articles/{case['article']}/" if "article" in case else f"supplementary/{case['provision']}/"
    pages = _result_pages(page, lang, query)
    assert expected in pages[:top], f"{query!r}: {expected} not in the top {top}: {pages[:6]}"


def _index(site_dir: Path, lang: str) -> dict[str, Any]:
    """The search index as the search worker builds it: search_index.json's config and search_docs.json's documents."""
    folder = site_dir / ("" if lang == "zh" else "en") / "search"
    index: dict[str, Any] = json.loads((folder / "search_index.json").read_text(encoding="utf-8"))
    docs: list[dict[str, Any]] = json.loads((folder / index["config"]["docs_file"]).read_text(encoding="utf-8"))["docs"]
    return {**index, "docs": docs}


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_the_page_fetches_an_index_without_documents_and_the_search_worker_fetches_them(
        page: Page, site_dir: Path, site_url: str, lang: str) -> None:
    # Material's script parses search_index.json on the page's main thread and copies it to its worker: it holds the
    # config only (hooks/policy_pages.py), so that the page does not spend 100 ms (400 on a phone) on the documents.
    folder = site_dir / ("" if lang == "zh" else "en") / "search"
    assert (folder / "search_index.json").stat().st_size < 2_000
    assert len(_index(site_dir, lang)["docs"]) > 100
    worker_requests: list[str] = []
    # The page's own requests (its search worker's among them), not the service worker's precache.
    page.context.on("request", lambda request: worker_requests.append(request.url)
                    if request.url.endswith("/search/search_docs.json") and request.service_worker is None else None)
    assert _result_pages(page, lang, "技术改造" if lang == "zh" else "technological upgrading")[0] == "articles/3/"
    assert worker_requests == [f"{site_url}{'' if lang == 'zh' else 'en/'}search/search_docs.json"]


def _page_contents(index: dict[str, Any]) -> dict[str, str]:
    """{page path: its indexed title, text and tags, markup and segmentation marks removed, lower case}."""
    contents: dict[str, str] = {}
    for doc in index["docs"]:
        value = " ".join([doc["title"], doc["text"], *doc.get("tags", [])])
        value = html.unescape(re.sub(r"<[^>]+>", " ", value)).replace("\u200b", "")
        # The index's separator also splits camel case, as in table headers run together ("and capType").
        value = re.sub(r"(?<=[a-z])(?=[A-Z][a-z])", " ", value).lower()
        path = doc["location"].split("#")[0]
        contents[path] = contents.get(path, "") + "\n" + value
    return contents


@pytest.mark.parametrize(("lang", "query", "holds"), [
    ("zh", "用地", r"用地"),
    ("zh", "产权", r"产权"),
    ("zh", "上限", r"上限"),
    ("en", "cap", r"\bcap(s|ped|ping)?\b"),
    ("en", "annual cap", r"\bannual(ly)?\b|\bcap(s|ped|ping)?\b"),
])
def test_every_result_holds_the_query(page: Page, site_dir: Path, lang: str, query: str, holds: str) -> None:
    """No result lacks the query: 用地 finds 工业用地 but "cap" never finds a page only for "capacity"."""
    contents = _page_contents(_index(site_dir, lang))
    assert any(re.search(r"\bcapa", text) for text in contents.values()) or lang == "zh", "no 'capacity' to avoid?"
    pages = _result_pages(page, lang, query)
    lacking = [path for path in pages if not re.search(holds, contents[path])]
    assert not lacking, f"{query!r} found pages that do not hold it: {lacking}"


@pytest.mark.parametrize(("lang", "query"), [("zh", "研发 补助"), ("zh", "知识产权 奖励"), ("en", "innovation voucher")])
def test_pages_holding_every_word_come_first(page: Page, site_dir: Path, lang: str, query: str) -> None:
    contents = _page_contents(_index(site_dir, lang))
    words = query.lower().split()
    pages = _result_pages(page, lang, query)
    holds_all = [all(word in contents[path] for word in words) for path in pages]
    assert holds_all[0], f"{query!r}: the first result {pages[0]} lacks a word"
    # Material lists a result's "missing" words; the first page holds every word, so none is listed for it.
    expect(page.locator("li.md-search-result__item").first.locator(".md-search-result__terms")).to_have_count(0)
    first_partial = holds_all.index(False) if False in holds_all else len(holds_all)
    assert all(holds_all[:first_partial]) and not any(holds_all[first_partial:]), \
        f"{query!r}: a page with every word ranks after one without: {list(zip(pages, holds_all))[:12]}"


def test_the_site_search_worker_wraps_materials(page: Page, site_dir: Path) -> None:
    """The search box uses the site's worker, which loads Material's from the same folder."""
    page.goto("")
    config = json.loads(page.locator("#__config").text_content() or "{}")
    assert re.fullmatch(r"assets/javascripts/workers/site-search\.js\?material=search\.[0-9a-f]+\.min\.js",
                        config["search"]), config["search"]
    material = config["search"].split("material=")[1]
    assert (site_dir / "assets" / "javascripts" / "workers" / material).is_file()


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_search_index_is_segmented_with_zero_width_spaces(site_dir: Path, lang: str) -> None:
    index = _index(site_dir, lang)
    assert "\\u200b" in index["config"]["separator"]
    docs = {doc["location"]: doc for doc in index["docs"]}
    if lang == "zh":
        assert "\u200b改造\u200b" in docs["articles/3/#text"]["text"], "jieba segmentation off (setuptools >= 82?)"
    else:  # the English index holds the Chinese title of each article, segmented too
        assert "\u200b产业\u200b" in docs["articles/3/"]["text"], "jieba segmentation off (setuptools >= 82?)"
        assert "改造" not in docs["articles/3/#text"]["text"], "the English index should hold English clause text only"
    assert {"研发投入", "R&D investment"} <= set(docs["articles/10/"]["tags"])
