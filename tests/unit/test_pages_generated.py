"""The generated pages (site_build/render.py): complete, bilingual, linked, and made from policy.yaml alone."""
from __future__ import annotations

import copy
import posixpath
import re
import sys
from html import escape
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

from site_build import render


class _Anchors(HTMLParser):
    """Collects ids, hrefs and Markdown heading anchors of a generated page."""

    def __init__(self, markdown: str) -> None:
        super().__init__()
        self.ids: set[str] = set(re.findall(r"^#+ .*\{#([\w-]+)\}$", markdown, flags=re.M))
        self.hrefs: list[str] = []
        self.feed(markdown)

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        attributes = dict(attrs)
        if attributes.get("id"):
            self.ids.add(str(attributes["id"]))
        if tag == "a" and attributes.get("href"):
            self.hrefs.append(str(attributes["href"]))


def _resolve(from_path: str, href: str, paths: set[str]) -> tuple[str | None, str]:
    """The docs path (None if no page) and fragment a relative href from a generated page points to."""
    target, _, fragment = href.partition("#")
    if not target:
        return from_path, fragment
    url = posixpath.normpath(posixpath.join("/" + render.page_url(from_path), target))
    by_url = {"/" + render.page_url(path).rstrip("/"): path for path in paths}
    return by_url.get(url.rstrip("/") if url != "/" else "/"), fragment


def test_same_page_paths_in_both_languages(pages):
    assert set(pages["zh"]) == set(pages["en"])
    paths = set(pages["zh"])
    assert {f"articles/{n}.md" for n in range(1, 33)} <= paths
    assert {f"supplementary/{n}.md" for n in range(1, 7)} <= paths
    assert {f"parts/{n}/index.md" for n in range(1, 9)} <= paths
    assert {"index.md", "supplementary/index.md", "estimator/index.md", "methodology.md", "glossary.md"} <= paths


@pytest.mark.parametrize("lang", render.LANGS)
def test_every_article_and_provision_has_its_title_and_every_clause_in_both_languages(policy, pages, lang):
    for article in policy["articles"]:
        page = pages[lang][f"articles/{article['id']}.md"]
        title = render.article_title(article, lang).replace('"', '\\"')
        assert page.startswith(f'---\ntitle: "{title}"\n'), f"article {article['id']} {lang}: no title"
        for clause in article["clauses"]:
            assert f'id="{clause["id"]}"' in page
            assert f'href="#{clause["id"]}"' in page, f"{clause['id']}: no visible permalink"
            for text_lang in render.LANGS:  # both texts on both language's pages: Chinese is authoritative
                assert escape(clause[text_lang], quote=True) in page, f"{clause['id']}.{text_lang} missing ({lang})"
    for provision in policy["supplementary"]["provisions"]:
        page = pages[lang][f"supplementary/{provision['id']}.md"]
        for clause in provision["clauses"]:
            assert f'id="{clause["id"]}"' in page
            for text_lang in render.LANGS:
                assert escape(clause[text_lang], quote=True) in page


def test_calculator_mount_point_only_on_articles_with_quantified_rules(policy, pages):
    quantified = {rule["article"] for rule in policy["rules"] if rule["kind"] != "unquantified"}
    assert quantified, "policy.yaml has no quantified rule"
    for lang in render.LANGS:
        for article in policy["articles"]:
            page = pages[lang][f"articles/{article['id']}.md"]
            mount = f'<div class="policy-calculator" data-article="{article["id"]}"></div>'
            assert (mount in page) == (article["id"] in quantified), f"article {article['id']} ({lang})"
            assert page.count('class="policy-calculator"') <= 1
        assert '<div class="policy-estimator"></div>' in pages[lang]["estimator/index.md"]


def test_award_table_lists_every_rule_of_the_article_with_its_clauses(policy, pages):
    for rule in policy["rules"]:
        for lang in render.LANGS:
            page = pages[lang][f"articles/{rule['article']}.md"]
            assert escape(rule["title"][lang], quote=True) in page, f"{rule['id']} ({lang})"
            assert escape(render.describe_amount(rule, lang), quote=True) in page
            for clause in rule["clauses"]:
                assert f'href="#{clause}"' in page


def test_amounts_read_as_the_clause_writes_them(policy):
    renovation = next(r for r in policy["rules"] if r["id"] == "a3.renovation")
    assert "一般：不超过4%，最高200万元" in render.describe_amount(renovation, "zh")
    assert "general: up to 4%, at most CNY 2 million" in render.describe_amount(renovation, "en")
    assert render.money({"value": "0.5", "unit": "万元"}, "en") == "CNY 5,000"
    assert render.money({"value": "1300", "unit": "万元"}, "en") == "CNY 13 million"
    assert render.money({"value": "2.5", "unit": "亿元"}, "en") == "CNY 250 million"


def test_up_to_only_where_the_amount_is_a_maximum(policy):
    """Issue 23: 第十六条 最高予以80万元/亩 is "up to"; 第十九条's 0.3% is a fixed rate, not "up to 0.3%"; its
    1300万元 is the city's and the district's subsidies together."""
    rules = {rule["id"]: rule for rule in policy["rules"]}
    assert render.describe_amount(rules["a16.land"], "zh") == "每亩最高80万元"
    assert render.describe_amount(rules["a16.land"], "en") == "up to CNY 800,000 per mu"
    assert render.describe_amount(rules["a19.equity_refinancing"], "zh") == "0.3%，最高100万元"
    assert render.describe_amount(rules["a19.equity_refinancing"], "en") == "0.3%, at most CNY 1 million"
    assert render.describe_amount(rules["a19.listing"], "zh") == "最高1300万元（市区两级合计）"
    assert render.describe_amount(rules["a19.listing"], "en") == "at most CNY 13 million (city and district combined)"
    for rule in policy["rules"]:  # a rate is "up to" exactly where the rule's amount is a maximum
        if rule["kind"] == "rate":
            assert ("up to" in render.describe_amount(rule, "en")) == (rule["exactness"] == "maximum"), rule["id"]


def test_unknown_rule_kind_is_a_loud_error_naming_the_rule(policy):
    broken = copy.deepcopy(policy)
    broken["rules"][0]["kind"] = "lottery"
    with pytest.raises(ValueError, match=re.escape(repr(broken["rules"][0]["id"])) + ".*lottery"):
        render.render_site(broken, lang="zh")


def _built_files() -> set[str]:
    """Files the build writes beside the pages (site-root paths): the static API, the calculator's wheel, and the budget
    page's sample and template."""
    import calculator
    from site_build.api_v1 import api_files
    from site_build.budget_files import SAMPLE_NAME, TEMPLATE_NAME

    return ({f"/api/v1/{name}" for name in api_files()} | {f"/pyodide/jiangbei_policy-{calculator.__version__}-py3-none-any.whl"}
            | {f"/assets/budget/{name}" for name in (SAMPLE_NAME, TEMPLATE_NAME)})


def _built_file(lang: str, from_path: str, href: str) -> str | None:
    """The site-root path of a link to a built file (the English pages sit one level down, under en/), else None."""
    url = posixpath.normpath(posixpath.join("/" + ("en/" if lang == "en" else "") + render.page_url(from_path), href))
    return url if url in BUILT_FILES else None


BUILT_FILES = _built_files()


def test_every_internal_link_and_fragment_resolves(pages):
    for lang, site in pages.items():
        anchors = {path: _Anchors(text) for path, text in site.items()}
        for path, found in anchors.items():
            for href in found.hrefs:
                assert not href.startswith(("http:", "https:", "//", "/")), f"{lang}/{path}: absolute link {href}"
                if _built_file(lang, path, href):
                    continue
                target, fragment = _resolve(path, href, set(site))
                assert target is not None, f"{lang}/{path}: {href} points nowhere"
                if fragment:
                    assert fragment in anchors[target].ids, f"{lang}/{path}: {href}: no #{fragment} in {target}"


def test_nav_lists_every_page_once(policy, pages):
    # Not in the nav: the embeddable calculators (issue 26), framed by other sites, never visited here; the offline
    # page (issue 24), which the service worker shows for a page not saved yet.
    for lang in render.LANGS:
        listed = list(render.nav_paths(render.site_nav(policy, lang=lang)))
        in_nav = [path for path in pages[lang]
                  if not path.startswith(("embed/articles/", "embed/estimator/", "offline/"))]
        assert sorted(listed) == sorted(in_nav), lang


def test_user_text_is_escaped(policy):
    hostile = copy.deepcopy(policy)
    hostile["articles"][0]["clauses"][0]["en"] = '<img src=x onerror=alert(1)> & "quotes"'
    page = render.render_site(hostile, lang="en")["articles/1.md"]
    assert "<img src=x" not in page
    assert "&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;" in page


def test_a_change_in_policy_changes_only_the_pages_that_show_it(policy, pages):
    changed = copy.deepcopy(policy)
    changed["articles"][9]["clauses"][0]["zh"] += "（测试修改）"
    after = render.render_site(changed, lang="zh")
    differing = {path for path in after if after[path] != pages["zh"][path]}
    assert "articles/10.md" in differing
    assert "（测试修改）" in after["articles/10.md"]
    # full-text/ holds every clause (since the full-text page was added); budget/ quotes the clauses of the figures a
    # reader may change
    assert differing <= {"articles/10.md", "parts/2/index.md", "glossary.md", "full-text/index.md", "budget/index.md"}


@pytest.mark.parametrize("lang", render.LANGS)
def test_every_translators_note_is_shown_on_its_article_page_and_links_its_clause(policy, pages, lang):
    noted = [(article, clause) for article in policy["articles"] for clause in article["clauses"] if clause.get("note")]
    assert {clause["id"] for _, clause in noted} >= {"a13-2", "a19-4"}
    for article, clause in noted:
        page = pages[lang][f"articles/{article['id']}.md"]
        item = re.search(rf'<li id="note-{clause["id"]}">(.*?)</li>', page)
        assert item, f"{clause['id']}: no translator's note on the {lang} page"
        assert f'href="#{clause["id"]}"' in item.group(1)
        assert escape(clause["note"][lang], quote=True) in item.group(1)
        assert escape("译注" if lang == "zh" else "Translator's note", quote=True) in item.group(1)


def test_english_pages_say_the_chinese_original_is_authoritative(pages):
    assert "Chinese original (authoritative)" in pages["en"]["articles/3.md"]
    assert "中文原文为权威文本" in pages["zh"]["articles/3.md"]


def test_search_segmenter_splits_compounds_and_keeps_unsplittable_terms(policy):
    jieba = pytest.importorskip("jieba")
    sys.path.insert(0, str(ROOT / "hooks"))
    import policy_pages

    words = render.search_words(policy)
    assert {"技术改造", "小升规", "首台套", "研发投入"} <= set(words)
    policy_pages.tune_segmenter(words)
    assert list(jieba.cut("技术改造项目")) == ["技术", "改造", "项目"]  # so 改造 alone finds article 3
    assert "小巨人" in list(jieba.cut("国家级专精特新“小巨人”"))  # not 小 (a stop word) + 巨人


def test_search_tags_are_subject_terms_and_award_titles(policy, pages):
    tags = render.search_tags(policy, "会同区财政局，对符合条件的技术改造项目给予补助")
    # A department's name is no subject: not a tag. Other English renderings of a term are, so readers find the page.
    assert tags[:4] == ["技术改造", "technological upgrading", "technical renovation", "technical transformation"]
    assert "区财政局" not in tags and "技改" in tags  # then the words readers use (policy.yaml search_tags)
    article_3 = pages["en"]["articles/3.md"].split("---")[1]
    for tag in ("技术改造", "technological upgrading", "technical renovation", "技术改造项目补助", "Technological upgrading subsidy"):
        assert f'  - "{tag}"' in article_3


def test_segmenter_leaves_longer_names_in_their_words(policy):
    pytest.importorskip("jieba")
    sys.path.insert(0, str(ROOT / "hooks"))
    import policy_pages

    actions = policy_pages.tune_segmenter(render.search_words(policy))
    assert "区财政局" not in actions  # 财政局 alone must still find the issuer on the home page


def test_methodology_lists_the_sci_tech_awards_with_reasons(pages, policy):
    """附则四's 科技类型 reading (issue 9, defect 8): every listed award, its verdict and its reason, in both languages."""
    entries = policy["cross_cutting"]["take_higher"]["sci_tech_reading"]
    rules = {rule["id"]: rule for rule in policy["rules"]}
    for lang in render.LANGS:
        page = pages[lang]["methodology.md"]
        section = page[page.index('<ul class="sci-tech">'):]
        section = section[:section.index("</ul>")]
        assert section.count("<li>") == len(entries)
        for entry in entries:
            assert render.html_escape(entry["reason"][lang]) in section
            for rule_id in entry["rules"]:
                assert render.html_escape(rules[rule_id]["title"][lang]) in section
    zh = pages["zh"]["methodology.md"]
    assert "双创示范基地" in zh and "<strong>否</strong>" in zh and "<strong>是</strong>" in zh
