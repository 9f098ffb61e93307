"""Search through the real search box: each query of search_cases.yaml finds its article among the first 3 results."""
from __future__ import annotations

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


@pytest.mark.parametrize("case", CASES, ids=[_id(case) for case in CASES])
def test_query_finds_its_article_in_the_top_results(page: Page, site_url: str, case: dict[str, Any]) -> None:
    lang, query, article = case["lang"], case["query"], case["article"]
    page.goto("" if lang == "zh" else "en/")
    box = page.get_by_role("textbox", name=SEARCH_BOX[lang])
    box.fill(query)
    box.press("End")  # Material searches on key events; fill() alone does not trigger it
    results = page.locator("li.md-search-result__item")
    expect(results.first).to_be_visible()
    expect(page.locator(".md-search-result__meta")).not_to_contain_text(
        "没有找到" if lang == "zh" else "No matching")
    # Each result item is one page (its sections are folded into it); its first link is the page.
    hrefs = results.evaluate_all("items => items.map(item => item.querySelector('a').href)")
    pages = [re.sub(r"[?#].*$", "", href) for href in hrefs]
    expected = f"{site_url}{'' if lang == 'zh' else 'en/'}articles/{article}/"
    assert expected in pages[:TOP], f"{query!r}: article {article} not in the top {TOP}: {pages[:6]}"


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_search_index_is_segmented_with_zero_width_spaces(site_dir: Path, lang: str) -> None:
    index = json.loads((site_dir / ("" if lang == "zh" else "en") / "search" / "search_index.json")
                       .read_text(encoding="utf-8"))
    assert "\\u200b" in index["config"]["separator"]
    docs = {doc["location"]: doc for doc in index["docs"]}
    if lang == "zh":
        assert "\u200b改造\u200b" in docs["articles/3/#text"]["text"], "jieba segmentation off (setuptools >= 82?)"
    else:  # the English index holds the Chinese title of each article, segmented too
        assert "\u200b产业\u200b" in docs["articles/3/"]["text"], "jieba segmentation off (setuptools >= 82?)"
        assert "改造" not in docs["articles/3/#text"]["text"], "the English index should hold English clause text only"
    assert {"研发投入", "R&D investment"} <= set(docs["articles/10/"]["tags"])
