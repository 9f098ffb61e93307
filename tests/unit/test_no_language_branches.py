"""Issue 22: no Python module of the build branches on the language. What differs between Chinese and English pages
(words, punctuation, word order, formats) is a string of templates/ui.yaml, looked up by the language's key."""
from __future__ import annotations

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
BUILD_CODE = ("scripts", "site_build")
# lang == "zh", "en" != lang, site.lang == 'zh', `if zh`, `... if lang in ("zh",) ...`: every way of asking which
# language a page is in.
BRANCH = re.compile(r"""\blang\s*[!=]=\s*["'](?:zh|en)["']|["'](?:zh|en)["']\s*[!=]=\s*[\w.]*lang\b|\bif\s+(?:not\s+)?(?:zh|en)\b"""
                    r"""|\blang\s+(?:not\s+)?in\s*[(\[{]\s*["'](?:zh|en)["']\s*,?\s*[)\]}]""")


def python_files() -> list[Path]:
    return sorted(path for folder in BUILD_CODE for path in (ROOT / folder).rglob("*.py"))


def test_no_build_module_branches_on_the_language() -> None:
    assert len(python_files()) > 10
    found = [f"{path.relative_to(ROOT)}:{number}: {line.strip()}" for path in python_files()
             for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if BRANCH.search(line)]
    assert not found, "language-dependent text belongs in templates/ui.yaml:\n" + "\n".join(found)


def test_the_pattern_finds_the_usual_forms() -> None:
    for line in ('x = "：" if lang == "zh" else ": "', "if site.lang != 'en':", 'if "zh" == lang:', "if zh:",
                 'if lang in ("en",):'):
        assert BRANCH.search(line), line
    for line in ('text = entry["zh"]', "for lang in LANGS:", 'ui("colon", lang)'):
        assert not BRANCH.search(line), line
