"""About this text (about/), the whole policy on one page (full-text/) and clause citations (issue 12)."""
from __future__ import annotations

import copy
import re
import sys
from collections import Counter
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

from site_build import citations
from site_build import render
from site_build.policy_data import PolicyError, iter_text_clauses, validate_policy


TITLE_ZH = "关于加快推进新型工业化高质量发展都市工业的若干意见"


@pytest.mark.parametrize(("clause_id", "count", "zh", "en"), [
    # The policy does not number the sentences of an article: a citation of one says the numbering is this site's.
    ("a3-2", 3, f"《{TITLE_ZH}》第三条第二句（本站按句编号：3-2）", "Article 3, sentence 2 (this site's numbering: 3-2)"),
    ("a32-1", 2, f"《{TITLE_ZH}》第三十二条第一句（本站按句编号：32-1）", "Article 32, sentence 1 (this site's numbering: 32-1)"),
    ("a10-1", 1, f"《{TITLE_ZH}》第十条", "Article 10"),
    ("s4-2", 2, f"《{TITLE_ZH}》附则（四）第二句（本站按句编号：附则4-2）", "Provision 4, sentence 2 (this site's numbering: S4-2)"),
    ("s5-1", 1, f"《{TITLE_ZH}》附则（五）", "Provision 5"),
    ("p-1", 1, f"《{TITLE_ZH}》序言", "Preamble"),
])
def test_citation_of_a_clause(policy, clause_id, count, zh, en):
    title = policy["document"]["title"]
    assert citations.citation(title, clause_id, "zh", clause_count=count) == zh
    assert citations.citation(title, clause_id, "en", clause_count=count) == f"{title['en']}, {en}"


def test_chinese_numerals_match_the_policys_own(policy):
    assert [citations.chinese_numeral(a["id"]) for a in policy["articles"]] == [a["numeral"] for a in policy["articles"]]
    with pytest.raises(ValueError, match="1..99"):
        citations.chinese_numeral(100)


@pytest.mark.parametrize("lang", render.LANGS)
def test_every_clause_on_its_page_carries_its_citation(policy, pages, lang):
    page = pages[lang]["articles/3.md"]
    cite = citations.citation(policy["document"]["title"], "a3-2", lang, clause_count=len(policy["articles"][2]["clauses"]))
    assert f'<div class="clause" id="a3-2" data-cite="{render.html_escape(cite)}">' in page
    assert f'data-cite-button="{render.ui("cite_button", lang)}"' in page


@pytest.mark.parametrize("lang", render.LANGS)
def test_full_text_holds_every_clause_once_in_order_with_both_languages(policy, pages, lang):
    page = pages[lang]["full-text/index.md"]
    ids = re.findall(r'<div class="clause" id="([^"]+)"', page)
    expected = [clause["id"] for clause, _ in iter_text_clauses(policy)]
    assert ids == expected
    assert max(Counter(ids).values()) == 1
    for clause, _ in iter_text_clauses(policy):
        for text_lang in render.LANGS:
            assert render.html_escape(clause[text_lang]) in page, (clause["id"], text_lang)
    # Each clause's permalink (for its citation) is its own article or provision page.
    assert 'id="a3-2" data-cite="' in page and 'data-permalink="../articles/3/#a3-2"' in page
    assert 'data-permalink="../supplementary/4/#s4-1"' in page
    assert page.split("---")[1].count("exclude: true") == 1  # not in the search index: the clauses are on their pages


@pytest.mark.parametrize("lang", render.LANGS)
def test_about_page_lists_source_errata_every_note_and_interpretation_and_the_changelog(policy, pages, lang):
    page = pages[lang]["about/index.md"]
    provenance = policy["provenance"]
    for text in [provenance["source"][lang], *(item[lang] for item in provenance["verification"]),
                 *(item[lang] for item in provenance["errata"]), *(entry[lang] for entry in provenance["changelog"])]:
        assert render.html_escape(text) in page
    for issuer in policy["document"]["issuers"]:
        assert render.html_escape(issuer[lang]) in page
    assert render.html_escape(policy["document"]["parent_plan"][lang]) in page
    notes = [clause for clause, _ in iter_text_clauses(policy) if clause.get("note")]
    assert notes
    for clause in notes:
        assert f'#note-{clause["id"]}">' in page and render.html_escape(clause["note"][lang]) in page
    interpretations = [rule for rule in policy["rules"] if rule.get("interpretation")]
    for rule in interpretations:
        assert f'#rule-{rule["id"].replace(".", "-")}">' in page
        assert render.html_escape(rule["interpretation"][lang]) in page
    for item in policy["cross_cutting"].values():
        if isinstance(item, dict) and isinstance(item.get("interpretation"), dict):
            assert render.html_escape(item["interpretation"][lang]) in page
    assert page.count('<time datetime="') == len(provenance["changelog"]) + 1  # and the date in force


@pytest.mark.parametrize(("change", "message"), [
    (lambda p: p["provenance"]["changelog"].insert(0, {"date": "2024-01-01", "zh": "旧", "en": "old"}),
     r"provenance\.changelog\[1\]\.date: .* later than the entry before it"),
    (lambda p: p["provenance"]["changelog"][0].update(date="27 Nov"), r"provenance\.changelog\[0\]\.date: expected"),
    (lambda p: p["provenance"]["errata"][0].update(clause="a99-1"), r"provenance\.errata\[0\]\.clause: no clause"),
    (lambda p: p["provenance"]["errata"][0].update(en=""), r"provenance\.errata\[0\]\.en: empty translation"),
    (lambda p: p["provenance"].pop("changelog"), r"provenance: missing key"),
])
def test_provenance_errors_say_where(policy, change, message):
    broken = copy.deepcopy(policy)
    change(broken)
    with pytest.raises(PolicyError, match=message):
        validate_policy(broken)


def test_about_and_full_text_escape_hostile_text(policy):
    hostile = copy.deepcopy(policy)
    hostile["provenance"]["changelog"][0]["en"] = "<script>alert(1)</script>"
    hostile["articles"][0]["clauses"][0]["en"] = '<img src=x onerror=alert(1)>'
    pages = render.render_site(hostile, lang="en")
    assert "<script>alert(1)" not in pages["about/index.md"]
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in pages["about/index.md"]
    assert "<img src=x" not in pages["full-text/index.md"]


@pytest.mark.parametrize("lang", render.LANGS)
def test_home_page_links_to_the_full_text_and_the_about_page(pages, lang):
    home = pages[lang]["index.md"]
    for key, href in (("full_text", "full-text/"), ("about", "about/")):
        assert (f'<li><a href="{href}">{render.ui(key, lang)}</a>\n'
                f'<span>{render.html_escape(render.ui(key + "_link_text", lang))}</span></li>') in home
