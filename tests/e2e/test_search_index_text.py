"""The search index reads each page's text with its tags taken out. Where the page put two labels or cells side by
side with nothing between them, the index (and the snippet a reader sees under a result) ran them together:
"ClauseAward", "projectsNext Article 4", "Issued byEconomy" (issue 13). Words glued this way are also not found."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

# A lower-case letter (or the end of a sentence or bracket) right before a capitalised word: in this site's English
# that only happens when two pieces of markup lost the space between them.
GLUED = re.compile(r"[a-z)\].:,;][A-Z][a-z]")


def glued_words(text: str) -> list[str]:
    return [text[max(0, m.start() - 20):m.end() + 20] for m in GLUED.finditer(text)]


def test_the_check_finds_glued_labels() -> None:
    assert glued_words("Type Notes 3-1 Technological upgrading subsidyTechnological upgrading projects")
    assert glued_words("Issued byEconomy and Information Technology Bureau")
    assert not glued_words("Article 3 · Encouraging greater investment. Next Article 4 (HNTE) and R&D; see Provision 5.")


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_no_search_entry_runs_two_labels_together(site_dir: Path, lang: str) -> None:
    # The documents are in search_docs.json (hooks/policy_pages.py); search_index.json holds the config only.
    docs_file = site_dir / ("en/" if lang == "en" else "") / "search" / "search_docs.json"
    docs = json.loads(docs_file.read_text(encoding="utf-8"))["docs"]
    assert len(docs) > 100
    glued = {doc["location"]: found for doc in docs if (found := glued_words(doc["title"] + " " + doc["text"]))}
    assert glued == {}
