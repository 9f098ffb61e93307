"""Chinese sub-words added to the search index (site_build/search_subwords.py)."""
from __future__ import annotations

from site_build.search_subwords import SUBWORDS_FIELD, add_subwords, subwords


def test_parts_of_a_compound_are_sub_words_and_words_spanning_them_are_not() -> None:
    assert {"知识", "产权"} <= set(subwords("知识产权"))
    assert "识产" not in subwords("知识产权")
    assert "用地" in subwords("工业用地")
    assert "质量" in subwords("高质量")


def test_short_words_have_no_sub_words_and_a_word_is_not_its_own() -> None:
    assert subwords("产权") == ()
    assert "知识产权" not in subwords("知识产权")


def test_index_gets_a_words_field_with_the_sub_words_each_document_lacks() -> None:
    index = {"config": {"fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}}},
             "docs": [{"location": "a/", "title": "用地", "text": "<p>\u200b工业用地\u200b和\u200b知识产权\u200b</p>"},
                      {"location": "b/", "title": "", "text": "产权"}]}
    out = add_subwords(index)
    assert out["config"]["fields"][SUBWORDS_FIELD] == {"boost": 1.0}
    words = out["docs"][0][SUBWORDS_FIELD].split()
    assert {"工业", "知识", "产权"} <= set(words)
    assert "用地" not in words, "already a token of the title: not repeated"
    assert "识产" not in words
    assert SUBWORDS_FIELD not in out["docs"][1]
    assert "fields" in index["config"] and SUBWORDS_FIELD not in index["config"]["fields"], "input left unchanged"
