"""How a clause is cited: 《关于…的若干意见》第三条第二句（本站按句编号：3-2） / Several Opinions …, Article 3, sentence 2
(this site's numbering: 3-2).

The policy numbers its articles and the six items of its 附则, but not the sentences within them: the site splits each
article into clauses at its sentences, and a citation of one of them says that the numbering is this site's.
The citation is written into each clause's markup at build time (data-cite); the copy button (docs/assets/frontend/
cite.js) adds the clause's permalink. Clause ids: n-1 (notice), p-1 (preamble), a3-2 (article 3, sentence 2), s4-1
(附则 item 4, sentence 1).
"""
from __future__ import annotations

import re
from typing import Mapping

from site_build.templating import ui

__all__ = ["chinese_numeral", "clause_address", "citation"]

_DIGITS = "零一二三四五六七八九"
# The parts of the document a clause id names, by the UI key of their name: the notice and the preamble (n, p) are one
# each; articles and 附则 items (a, s) are numbered.
_WHOLE = {"n": "notice", "p": "preamble"}
_NUMBERED = {"a": "article", "s": "supplementary_item"}


def chinese_numeral(n: int) -> str:
    """1 -> 一, 10 -> 十, 13 -> 十三, 32 -> 三十二 (1..99, as the policy numbers its articles)."""
    if not 1 <= n <= 99:
        raise ValueError(f"no Chinese numeral for {n}: expected 1..99")
    tens, units = divmod(n, 10)
    if tens == 0:
        return _DIGITS[units]
    return ("" if tens == 1 else _DIGITS[tens]) + "十" + (_DIGITS[units] if units else "")


def clause_address(clause_id: str, lang: str, *, clause_count: int) -> str:
    """Where a clause is: 第三条第二句（本站按句编号：3-2） / Article 3, sentence 2 (this site's numbering: 3-2). A lone
    clause is cited by its article or part alone, in the policy's own numbering."""
    match = re.fullmatch(r"([anps])(\d*)-(\d+)", clause_id)
    if not match:
        raise ValueError(f"clause id {clause_id!r}: expected n-1, p-1, a3-2 or s4-1")
    kind, number, clause = match.group(1), int(match.group(2) or 0), int(match.group(3))
    if kind in _WHOLE:
        where = ui(_WHOLE[kind], lang)
    else:
        where = ui(_NUMBERED[kind], lang, numeral=chinese_numeral(number), id=number)
    if clause_count == 1:
        return where
    values = {"where": where, "numeral": chinese_numeral(clause), "number": clause}
    if kind == "a":
        return ui("cite_sentence_labelled", lang, label=f"{number}-{clause}", **values)
    if kind == "s":
        return ui("cite_sentence_labelled", lang, label=ui("clause_label_s", lang, number=f"{number}-{clause}"), **values)
    return ui("cite_sentence", lang, **values)


def citation(title: Mapping[str, str], clause_id: str, lang: str, *, clause_count: int) -> str:
    """The citation of a clause, without its URL."""
    return ui("citation", lang, title=title[lang], address=clause_address(clause_id, lang, clause_count=clause_count))
