"""Chinese sub-words for the search index: the dictionary words inside each word that jieba makes of a page.

Material's search plugin segments Chinese with jieba (accurate mode), so 工业用地 and 知识产权 are single tokens and
a reader's 用地 or 产权 would not match them. `add_subwords` gives every document of search_index.json a `words`
field with the sub-words of its longer tokens (the site's search worker, overrides/assets/javascripts/workers/
site-search.js, matches query words against it like any other field). The sub-words of a word are:
- its parts: its best split by jieba's own dictionary without itself (知识产权 -> 知识|产权), or jieba's split
  with word discovery where that leaves fewer single characters (月进规 -> 月|进规);
- every dictionary word of two or more characters inside one part (高质量 -> 质量).
Words that span two parts (识产 in 知识产权) are never added: a reader does not type them, and a page must not
be found by them. Every sub-word is a substring of the page's text, so a query never finds a page that lacks it.
"""
from __future__ import annotations

import html
import math
import re
from collections.abc import Iterable, Mapping
from functools import lru_cache
from typing import Any

__all__ = ["subwords", "add_subwords", "SUBWORDS_FIELD"]

SUBWORDS_FIELD = "words"
HAN_RUN = re.compile(r"[\u4e00-\u9fff]+")


@lru_cache(maxsize=1)
def _plain_jieba() -> Any:
    """jieba with its own dictionary only: the site's tuned dictionary (hooks/policy_pages.py) is left as it is."""
    import jieba  # type: ignore[import-untyped]
    tokenizer = jieba.Tokenizer()
    tokenizer.check_initialized()
    return tokenizer


def split_without_itself(tokenizer: Any, word: str) -> list[str]:
    """The best split of `word` into smaller dictionary words: fewest single characters, then most probable by
    jieba's word frequencies (工业用地 -> 工业|用地, not 工业用|地)."""
    best: list[tuple[int, float, list[str]] | None] = [None] * (len(word) + 1)
    best[0] = (0, 0.0, [])
    for i in range(len(word)):
        here = best[i]
        if here is None:
            continue
        for j in range(i + 1, len(word) + 1):
            piece = word[i:j]
            if piece == word or (len(piece) > 1 and tokenizer.FREQ.get(piece, 0) <= 0):
                continue
            cost = (here[0] + (len(piece) == 1), here[1] - math.log(max(tokenizer.FREQ.get(piece, 0), 1) / tokenizer.total))
            current = best[j]
            if current is None or cost < current[:2]:
                best[j] = (*cost, here[2] + [piece])
    result = best[len(word)]
    return result[2] if result else list(word)


def _singles(pieces: list[str]) -> int:
    return sum(len(piece) == 1 for piece in pieces)


@lru_cache(maxsize=None)
def subwords(word: str) -> tuple[str, ...]:
    """The sub-words of a Chinese word, in order of appearance (empty for words of fewer than three characters)."""
    if len(word) < 3:
        return ()
    tokenizer = _plain_jieba()
    pieces = split_without_itself(tokenizer, word)
    # Where the dictionary leaves single characters (月|进|规), jieba's word discovery may know better (月|进规).
    discovered = list(tokenizer.cut(word))
    if len(discovered) > 1 and _singles(discovered) < _singles(pieces):
        pieces = discovered
    found: list[str] = []
    for piece in pieces:
        inside = [piece[i:i + n] for n in range(len(piece) - 1, 1, -1) for i in range(len(piece) - n + 1)]
        candidates = ([piece] if piece != word else []) + [w for w in inside if tokenizer.FREQ.get(w, 0) > 0]
        found += [w for w in candidates if len(w) >= 2 and w not in found]
    return tuple(found)


def _tokens(value: str) -> list[str]:
    """The Chinese tokens of an indexed field: jieba's words, between the plugin's zero-width spaces."""
    text = html.unescape(re.sub(r"<[^>]+>", "", value))
    return [run for piece in text.split("\u200b") for run in HAN_RUN.findall(piece)]


def document_subwords(fields: Iterable[str]) -> list[str]:
    tokens = [token for value in fields for token in _tokens(value)]
    present = set(tokens)
    found: list[str] = []
    for token in dict.fromkeys(tokens):
        found += [w for w in subwords(token) if w not in present and w not in found]
    return found


def add_subwords(index: Mapping[str, Any]) -> dict[str, Any]:
    """search_index.json with a `words` field (boost 1, as the text) on each document that has sub-words."""
    config = dict(index["config"])
    config["fields"] = {**config["fields"], SUBWORDS_FIELD: {"boost": 1.0}}
    docs = []
    for doc in index["docs"]:
        words = document_subwords([doc.get("title") or "", doc.get("text") or ""])
        docs.append({**doc, SUBWORDS_FIELD: " ".join(words)} if words else dict(doc))
    return {**index, "config": config, "docs": docs}
