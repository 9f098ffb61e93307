"""Search tags (policy.yaml search_tags) and the 附则's short titles: data, validation, and where they appear."""
from __future__ import annotations

import copy
from typing import Any

import pytest

from site_build import render
from site_build.policy_data import PolicyError, validate_policy


def _chinese(unit: dict[str, Any]) -> str:
    return unit.get("title", {}).get("zh", "") + "".join(c["zh"] for c in unit["clauses"])


def _article(policy: dict[str, Any], number: int) -> dict[str, Any]:
    return next(a for a in policy["articles"] if a["id"] == number)


def _provision(policy: dict[str, Any], number: int) -> dict[str, Any]:
    return next(p for p in policy["supplementary"]["provisions"] if p["id"] == number)


@pytest.mark.parametrize(("unit", "words"), [
    (("article", 3), {"技改", "technical renovation"}),
    (("article", 21), {"高企", "国高"}),
    (("provision", 5), {"上限", "封顶", "cap", "annual cap", "yearly cap"}),
    (("provision", 4), {"从高不重复", "stacking", "double dipping", "matching"}),
    (("provision", 1), {"申请", "申报", "怎么申请"}),
])
def test_pages_get_the_words_readers_use(policy: dict[str, Any], unit: tuple[str, int], words: set[str]) -> None:
    kind, number = unit
    chinese = _chinese(_article(policy, number) if kind == "article" else _provision(policy, number))
    assert words <= set(render.search_tags(policy, chinese))


def test_search_tags_go_only_to_pages_holding_their_phrase(policy: dict[str, Any]) -> None:
    assert "上限" not in render.search_tags(policy, _chinese(_provision(policy, 4)))
    assert "技改" not in render.search_tags(policy, _chinese(_article(policy, 10)))


def test_a_tag_phrase_the_text_lacks_is_an_error_naming_it(policy: dict[str, Any]) -> None:
    broken = copy.deepcopy(policy)
    broken["search_tags"][0]["where"] = "不存在的短语"
    with pytest.raises(PolicyError, match=r"search_tags\[0\]\.where: '不存在的短语' occurs nowhere"):
        validate_policy(broken)
    broken["search_tags"][0] = {"where": "技术改造", "words": []}
    with pytest.raises(PolicyError, match=r"search_tags\[0\]\.words"):
        validate_policy(broken)


def test_every_provision_has_a_short_title_in_both_languages(policy: dict[str, Any]) -> None:
    provision = _provision(policy, 5)
    assert render.provision_title(provision, "zh") == "附则（五）　年度奖补上限"
    assert render.provision_title(provision, "en") == "Provision 5 · Yearly cap"
    broken = copy.deepcopy(policy)
    del broken["supplementary"]["provisions"][2]["site_title"]
    with pytest.raises(PolicyError, match=r"supplementary\.provisions\[2\]: missing key\(s\) \['site_title'\]"):
        validate_policy(broken)


@pytest.mark.parametrize("lang", render.LANGS)
def test_provision_page_says_its_short_title_is_the_sites_own(policy: dict[str, Any], lang: str) -> None:
    page = render.render_site(policy, lang=lang)["supplementary/5.md"]
    title = _provision(policy, 5)["site_title"][lang]
    assert f"title: \"{'附则（五）　年度奖补上限' if lang == 'zh' else 'Supplementary Provisions · Provision 5 · Yearly cap'}\"" \
        in page
    assert '<p class="site-title-note">' in page and title in page.split('class="site-title-note">')[1].split("</p>")[0]
