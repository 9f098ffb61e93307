"""How a clause is cited: 《关于…的若干意见》第三条第二款（3-2） / Several Opinions …, Article 3(2).

The citation is written into each clause's markup at build time (data-cite); the copy button (docs/assets/calculator/
cite.js) adds the clause's permalink. Clause ids: n-1 (notice), p-1 (preamble), a3-2 (article 3, clause 2), s4-1
(supplementary provision 4, clause 1).
"""
from __future__ import annotations

import re
from typing import Mapping

__all__ = ["chinese_numeral", "clause_address", "citation"]

_DIGITS = "零一二三四五六七八九"


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 13 -> 十三, 32 -> 三十二 (1..99, as the policy numbers its articles)."""
    if not 1 <= n <= 99:
        raise ValueError(f"no Chinese numeral for {n}: expected 1..99")
    tens, units = divmod(n, 10)
    if tens == 0:
        return _DIGITS[units]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[units] if units else "")


def clause_address(clause_id: str, lang: str, *, clause_count: int) -> str:
    """Where a clause is: 第三条第二款（3-2） / Article 3(2). A lone clause is cited by its article or part alone."""
    match = re.fullmatch(r"([anps])(\d*)-(\d+)", clause_id)
    if not match:
        raise ValueError(f"clause id {clause_id!r}: expected n-1, p-1, a3-2 or s4-1")
    kind, number, clause = match.group(1), int(match.group(2) or 0), int(match.group(3))
    whole = clause_count == 1
    if lang == "zh":
        paragraph = "" if whole else f"第{chinese_numeral(clause)}款"
        if kind == "a":
            return f"第{chinese_numeral(number)}条{paragraph}（{number}-{clause}）"
        if kind == "s":
            return f"附则（{chinese_numeral(number)}）{paragraph}（附则{number}-{clause}）"
        return ("印发通知" if kind == "n" else "序言") + paragraph
    paragraph = "" if whole else f"({clause})"
    if kind == "a":
        return f"Article {number}{paragraph}"
    if kind == "s":
        return f"Supplementary Provision {number}{paragraph}"
    part = "Notice of issue" if kind == "n" else "Preamble"
    return part + ("" if whole else f", paragraph {clause}")


def citation(title: Mapping[str, str], clause_id: str, lang: str, *, clause_count: int) -> str:
    """The citation of a clause, without its URL."""
    address = clause_address(clause_id, lang, clause_count=clause_count)
    if lang == "zh":
        return f"《{title['zh']}》{address}"
    return f"{title['en']}, {address}"
