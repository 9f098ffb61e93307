"""The glossary's terms on the pages: which terms a text uses, and the words a reader may search a page by."""
from __future__ import annotations

import re
from typing import Any, Mapping

from site_build.policy_data import glossary_forms, uses_term

__all__ = ["glossary_terms_in", "search_tags", "search_words"]


def glossary_terms_in(policy: Mapping[str, Any], chinese_text: str) -> list[tuple[int, Mapping[str, Any]]]:
    """Subject terms of the glossary (index, entry) whose Chinese term or a matching form occurs in the text.

    Names of responsible departments are left out: pages list their departments in their own line, and a
    department's name is no clue to what a page is about (区财政局 is named in 附则 and in many articles).
    """
    departments = {d["zh"] for article in policy["articles"] for d in article["departments"]}
    return [(index, entry) for index, entry in enumerate(policy["glossary"])
            if entry["zh"] not in departments and uses_term(policy["glossary"], index, chinese_text)]


def search_words(policy: Mapping[str, Any]) -> list[str]:
    """Every Chinese glossary form, for the search segmenter (see hooks/policy_pages.py for how they are used)."""
    words: list[str] = []
    for entry in policy["glossary"]:
        for form in glossary_forms(entry):
            word = re.sub(r"[（）()“”\"]", "", form)
            if word and word not in words:
                words.append(word)
    return words


def search_tags(policy: Mapping[str, Any], chinese_text: str) -> list[str]:
    """The glossary terms of a page, Chinese and English: the words a reader may search for it by."""
    tags: list[str] = []
    for _, entry in glossary_terms_in(policy, chinese_text):
        # Other English renderings (other_en, e.g. "technical renovation") are never used in the text, but readers
        # who know them still find the page.
        tags += [entry["zh"], entry["en"], *entry.get("other_en", [])]
    # Words readers use that the text does not (policy.yaml search_tags): abbreviations, synonyms, questions.
    for entry in policy.get("search_tags") or []:
        if entry["where"] in chinese_text:
            tags += [word for word in entry["words"] if word not in tags]
    return tags
