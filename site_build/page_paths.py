"""Where the pages are: docs paths, the URLs MkDocs gives them, and relative links between them.

Both languages have the same docs paths (the language switch relies on it); the English build sits under en/.
"""
from __future__ import annotations

import posixpath

__all__ = ["page_url", "link", "to_root", "article_path", "part_path", "provision_path", "HOME_PATH",
           "SUPPLEMENTARY_PATH", "ESTIMATOR_PATH", "METHODOLOGY_PATH", "BUDGET_PATH", "GLOSSARY_PATH",
           "SELF_CHECK_PATH", "FULL_TEXT_PATH", "ABOUT_PATH", "LANG_ROOT_DEPTH"]

HOME_PATH = "index.md"
SUPPLEMENTARY_PATH = "supplementary/index.md"
ESTIMATOR_PATH = "estimator/index.md"
METHODOLOGY_PATH = "methodology.md"
BUDGET_PATH = "budget/index.md"
GLOSSARY_PATH = "glossary.md"
SELF_CHECK_PATH = "self-check/index.md"
FULL_TEXT_PATH = "full-text/index.md"
ABOUT_PATH = "about/index.md"
# How many directories a language's pages sit below the site's root (the English build is under en/).
LANG_ROOT_DEPTH = {"zh": 0, "en": 1}


def page_url(path: str) -> str:
    """The URL (relative to the site root, directory style) MkDocs gives a docs path."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def link(from_path: str, to_path: str, fragment: str = "") -> str:
    """A relative href from one page to another page (and fragment), as the browser resolves directory URLs."""
    here = page_url(from_path)
    target = page_url(to_path)
    relative = posixpath.relpath(target or ".", here or ".") if here else (target or "./")
    if here and relative == ".":
        relative = "./"
    elif relative != "./" and not relative.endswith("/"):
        relative += "/"
    return relative + (f"#{fragment}" if fragment else "")


def to_root(path: str, lang: str) -> str:
    """Relative URL from the page at docs path `path` in `lang` to the site's root (the Chinese build's)."""
    return "../" * (page_url(path).count("/") + LANG_ROOT_DEPTH[lang])


def article_path(article_id: int) -> str:
    return f"articles/{article_id}.md"


def part_path(part_id: int) -> str:
    return f"parts/{part_id}/index.md"


def provision_path(provision_id: int) -> str:
    return f"supplementary/{provision_id}.md"
