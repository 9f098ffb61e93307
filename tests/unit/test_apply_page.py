"""The "how to apply" page (apply/, issue 24) says only what the policy says: 附则（一） in both languages, and each
article's departments as policy.yaml names them; readers' words for applying find it."""
from __future__ import annotations

import re
from html import escape
from typing import Any

import pytest

from site_build import render


@pytest.mark.parametrize("lang", render.LANGS)
def test_apply_page_quotes_provision_1_and_names_each_articles_departments(policy: dict[str, Any],
                                                                           pages: dict[str, dict[str, str]],
                                                                           lang: str) -> None:
    page = pages[lang]["apply/index.md"]
    provision = next(p for p in policy["supplementary"]["provisions"] if p["id"] == 1)
    for clause in provision["clauses"]:
        assert escape(clause["zh"]) in page and escape(clause["en"]) in page, clause["id"]
    separator = "、" if lang == "zh" else "; "
    items = re.findall(r'<li id="article-(\d+)" data-article="\1">(.*?)</li>', page)
    assert [int(number) for number, _ in items] == [article["id"] for article in policy["articles"]]
    for (_, item), article in zip(items, policy["articles"]):
        departments = separator.join(department[lang] for department in article["departments"])
        assert f"<strong>{escape(departments)}</strong>" in item, item
    for word in ("怎么申请", "申请", "how to apply", "apply"):
        assert f'  - "{word}"' in page, word
