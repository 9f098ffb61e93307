"""The site's own stylesheets are well formed. A browser drops every rule after an unclosed block without a word, so
one lost brace (as a merge once left in calculator.css) silently unstyles everything below it: the what-if charts
were drawn as black shapes."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
STYLESHEETS = sorted([*ROOT.glob("docs/assets/**/*.css"), *ROOT.glob("overrides/assets/**/*.css")])
COMMENT = re.compile(r"/\*.*?\*/", re.S)
STRING = re.compile(r"\"(?:[^\"\\\n]|\\.)*\"|'(?:[^'\\\n]|\\.)*'")


def brace_problems(css: str) -> list[str]:
    """Where the blocks of a stylesheet do not balance: an unclosed comment, a stray '}', or blocks left open."""
    if "/*" in COMMENT.sub("", css):
        return ["unclosed comment"]
    depth = 0
    problems = []
    for number, line in enumerate(STRING.sub('""', COMMENT.sub(lambda m: "\n" * m[0].count("\n"), css)).splitlines(), 1):
        for char in line:
            depth += {"{": 1, "}": -1}.get(char, 0)
            if depth < 0:
                problems.append(f"line {number}: '}}' closes nothing")
                depth = 0
    if depth:
        problems.append(f"{depth} block(s) left open at the end")
    return problems


def test_the_check_finds_an_unclosed_block() -> None:
    assert brace_problems(".a {\n  color: red;\n.b { color: blue; }\n") == ["1 block(s) left open at the end"]
    assert brace_problems(".a { color: red; }\n}\n") == ["line 2: '}' closes nothing"]
    assert brace_problems(".a { content: \"}\"; } /* { */") == []


def test_there_are_stylesheets() -> None:
    names = {path.name for path in STYLESHEETS}
    assert {"calculator.css", "site.css", "pages.css"} <= names


@pytest.mark.parametrize("path", STYLESHEETS, ids=lambda path: str(path.relative_to(ROOT)))
def test_stylesheet_blocks_balance(path: Path) -> None:
    assert brace_problems(path.read_text(encoding="utf-8")) == []
