"""No doubled quotation marks in any text the site shows (issue 24): the policy's names often carry their own quotes
(“机器换人”项目, “创客中国”江北分赛奖励, the “Top 50”), and wrapping them again read ““机器换人”项目”.

Scanned: the engine's results for every golden case (tests/unit/golden/*.yaml) in both languages, the calculator's
inputs.json (as site_build/calculator_inputs.py builds it), every generated page in both languages, and, when the site is
built, the text of every HTML page under site/.
"""
from __future__ import annotations

import json
import re
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pytest
import yaml
from site_build.calculator_inputs import build_inputs_document

import calculator
from calculator._text import quoted

ROOT = Path(__file__).resolve().parents[2]
GOLDEN = sorted((ROOT / "tests" / "unit" / "golden").glob("*.yaml"))
SITE = ROOT / "site"
# Two opening quotes in a row (“‘“ too), two closing ones, or English straight quotes doubled.
DOUBLED = re.compile(r"“‘?“|”’?”|‘‘|’’|\"\"")


def _strings(value: Any) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)


def _doubled(texts: Iterator[str]) -> list[str]:
    return sorted({text[max(0, m.start() - 20):m.end() + 20] for text in texts for m in DOUBLED.finditer(text)})


class _Text(HTMLParser):
    """The text of an HTML (or Markdown-with-HTML) page, attribute values that people read included."""

    def __init__(self) -> None:
        super().__init__()
        self.texts: list[str] = []
        self.in_code = 0  # inside <script> or <style>: code, not text people read

    def handle_data(self, data: str) -> None:
        if not self.in_code:
            self.texts.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag in {"script", "style"}:
            self.in_code = max(0, self.in_code - 1)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in {"script", "style"}:
            self.in_code += 1
        self.texts.extend(value for name, value in attrs if name in {"title", "aria-label", "alt", "content"} and value)


def _page_text(markup: str) -> list[str]:
    parser = _Text()
    parser.feed(markup)
    return parser.texts


def test_quoted_leaves_a_name_with_its_own_quotes_as_it_is() -> None:
    assert quoted("技术改造项目可补助投资额（元）") == "“技术改造项目可补助投资额（元）”"
    assert quoted("“机器换人”项目") == "“机器换人”项目"
    assert quoted("the company's R&D") == "“the company's R&D”"
    assert quoted("Jiangbei District's industrial “Top 50”") == "Jiangbei District's industrial “Top 50”"


@pytest.mark.parametrize("path", GOLDEN, ids=[path.stem for path in GOLDEN])
def test_engine_results_of_every_golden_case_in_both_languages(path: Path) -> None:
    texts: list[str] = []
    for case in yaml.safe_load(path.read_text(encoding="utf-8")):
        for lang in ("zh", "en"):
            result = calculator.estimate(case["profile"], lang=lang)
            # Error texts may quote what was typed; only the engine's own words are checked there.
            texts += [text for text in _strings({k: v for k, v in result.items() if k != "errors"})]
            texts += [error[key] for error in result.get("errors", []) for key in ("zh", "en")
                      if not DOUBLED.search(json.dumps(case["profile"], ensure_ascii=False))]
    assert _doubled(iter(texts)) == []


def test_the_engine_quotes_names_that_carry_quotes_once() -> None:
    # The cases the walk found: 第十三条 “机器换人”, 第二十条 专精特新“小巨人”, 附则四 “创客中国”, 第十七条 “北岸精锐”.
    result = calculator.estimate({"company": {"event_date": "2024-06-01"}, "facts": {
        "a13_project_investment": "1000000", "a13_project_type": "robots",
        "a20_srdi_level": "national_champion", "a20_srdi_prev_level": "little_giant"}}, lang="zh")
    said = json.dumps(result, ensure_ascii=False)
    assert "““" not in said and "””" not in said
    assert "适用“机器换人”：" in said, said


def test_inputs_json() -> None:
    assert _doubled(_strings(build_inputs_document())) == []


def test_generated_pages_in_both_languages(pages: dict[str, dict[str, str]]) -> None:
    texts = [text for lang_pages in pages.values() for markup in lang_pages.values() for text in _page_text(markup)]
    assert len(texts) > 1000
    assert _doubled(iter(texts)) == []


@pytest.mark.skipif(not (SITE / "index.html").is_file(), reason="the site is not built (scripts/build.sh)")
def test_built_html_pages() -> None:
    pages = sorted(SITE.rglob("*.html"))
    assert len(pages) > 100
    doubled = {str(page.relative_to(SITE)): found for page in pages
               if (found := _doubled(iter(_page_text(page.read_text(encoding="utf-8")))))}
    assert doubled == {}
