"""Chinese sub-words for the search index: the dictionary words inside each word that jieba makes of a page.

Material's search plugin segments Chinese with jieba (accurate mode), so 工业用地 and 知识产权 are single tokens and
a reader's 用地 or 产权 would not match them. `add_subwords` gives every document of search_index.json a `words`
field with the sub-words of its longer tokens (the site's search worker, overrides/assets/javascripts/workers/
site-search.js, matches query words against it like any other field). The sub-words of a word are:
- its parts: how jieba's own dictionary splits it (知识产权 -> 知识|产权), or, where jieba keeps it whole, its best
  dictionary split without itself;
- every dictionary word of two or more characters inside one part (高质量 -> 质量).
Words that span two parts (识产 in 知识产权) are never added: a reader does not type them, and a page must not
be found by them. Every sub-word is a substring of the page's text, so a query never finds a page that lacks it.
"""
from __future__ import annotations

import html
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


def _split_without_itself(tokenizer: Any, word: str) -> list[str]:
    dag = tokenizer.get_DAG(word)
    dag[0] = [end for end in dag[0] if end != len(word) - 1] or [0]
    route: dict[int, tuple[float, int]] = {}
    tokenizer.calc(word, dag, route)
    pieces, start = [], 0
    while start < len(word):
        end = route[start][1] + 1
        pieces.append(word[start:end])
        start = end
    return pieces


@lru_cache(maxsize=None)
def subwords(word: str) -> tuple[str, ...]:
    """The sub-words of a Chinese word, in order of appearance (empty for words of fewer than three characters)."""
    if len(word) < 3:
        return ()
    tokenizer = _plain_jieba()
    pieces = list(tokenizer.cut(word))
    if len(pieces) == 1:
        pieces = _split_without_itself(tokenizer, word)
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
