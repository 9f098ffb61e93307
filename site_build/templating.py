"""Pages as Jinja2 templates: one template (templates/<name>.md.j2) plus the data it needs.

A templated page is a `TemplatePage` listed in site_build/pages/__init__.py. render.render_site renders it and
render.site_nav places it, so a new page adds a template, a small data module and its strings in
templates/ui.yaml, and no code in render.py.

Every interface string lives in templates/ui.yaml (Chinese and English); templates use
`ui("key", name=value)`, Python uses `templating.ui("key", lang, name=value)`. What differs between the languages
(words, punctuation, word order) is a string of that table, so no Python module branches on the language.

Autoescaping is on for every template: any text printed with {{ }} is HTML-escaped (the same way as
render.html_escape, so a page moved into a template keeps its HTML byte for byte). Only building blocks that
escape their own text (the macros of templates/blocks.j2, heading) return Markup. Pages are Markdown (headings make the
table of contents, permalinks and search sections) around HTML blocks: put text inside HTML elements, where Markdown
leaves it alone.
"""
from __future__ import annotations

import traceback
from dataclasses import dataclass
from html import escape
from pathlib import Path
from types import MappingProxyType
from typing import Any, Callable, Mapping

import jinja2
import yaml
from markupsafe import Markup

__all__ = ["TEMPLATES_DIR", "UI_FILE", "UI", "UIError", "LANGS", "OTHER", "ORIGINAL_LANG", "load_ui", "ui", "TemplatePage",
           "environment", "render_template"]

ROOT = Path(__file__).resolve().parents[1]
TEMPLATES_DIR = ROOT / "templates"
UI_FILE = TEMPLATES_DIR / "ui.yaml"
LANGS = ("zh", "en")
OTHER = MappingProxyType({"zh": "en", "en": "zh"})
# The language of the authoritative text: a page in another language is a translation and names the original.
ORIGINAL_LANG = "zh"


class UIError(ValueError):
    """templates/ui.yaml is malformed; the message names the key."""


def load_ui(path: Path = UI_FILE) -> Mapping[str, Mapping[str, str]]:
    """The UI table: {key: {"zh": text, "en": text}}, both languages present and non-empty.

    The two texts may use different placeholders ({numeral} 第三条, {id} Article 3): ui() is given both.
    """
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    if not isinstance(data, dict):
        raise UIError(f"{path.name}: expected a mapping of keys to {{zh, en}}")
    table: dict[str, Mapping[str, str]] = {}
    for key, texts in data.items():
        if not isinstance(texts, dict) or set(texts) != set(LANGS):
            raise UIError(f"{path.name}: {key}: expected exactly the languages {LANGS}")
        for lang in LANGS:
            if not isinstance(texts[lang], str) or not texts[lang].strip():
                raise UIError(f"{path.name}: {key}.{lang}: empty text")
        table[key] = MappingProxyType(dict(texts))
    return MappingProxyType(table)


UI = load_ui()


def ui(key: str, lang: str, **values: Any) -> str:
    """An interface string in `lang`, with {placeholders} filled."""
    try:
        texts = UI[key]
    except KeyError:
        raise KeyError(f"unknown UI string {key!r}: add it to templates/ui.yaml") from None
    return texts[lang].format(**values)

# (policy, lang) -> the template's own variables.
PageData = Callable[[Mapping[str, Any], str], Mapping[str, Any]]


def _no_data(policy: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
    return {}


def _no_tags(policy: Mapping[str, Any], lang: str) -> list[str]:
    return []


def _no_values(policy: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
    return {}


@dataclass(frozen=True)
class TemplatePage:
    """A page rendered from templates/<template>, with the same docs path in both languages.

    title: UI key of the page title (the theme's h1) and of its nav entry; title_values fills its {placeholders}.
    title_text: the title itself, from the policy, instead (the policy's own pages: an article's title).
    nav_after: docs path of the nav entry this page follows (a section counts by its first page); None: not in the nav.
    page_template: the theme template that renders the page (front matter `template:`, a file in overrides/), instead
    of Material's main.html.
    """
    path: str
    template: str
    title: str
    data: PageData = _no_data
    nav_after: str | None = None
    boost: float | None = None
    hide_toc: bool = False
    search_exclude: bool = False
    tags: Callable[[Mapping[str, Any], str], list[str]] = _no_tags
    title_values: PageData = _no_values
    page_template: str | None = None
    title_text: Callable[[Mapping[str, Any], str], str] | None = None


def _escape_like_site(value: Any) -> Any:
    """Escape text the way render.html_escape does; Markup and non-text values are left to autoescaping."""
    if isinstance(value, str) and not isinstance(value, Markup):
        return Markup(escape(value, quote=True))
    return value


def environment() -> jinja2.Environment:
    """The Jinja2 environment of all page templates: autoescaped, undefined names are errors."""
    return jinja2.Environment(
        loader=jinja2.FileSystemLoader(TEMPLATES_DIR),
        autoescape=True,
        undefined=jinja2.StrictUndefined,
        finalize=_escape_like_site,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )


_ENV = environment()


def render_template(name: str, context: Mapping[str, Any]) -> str:
    """Render templates/<name> with `context`; an error names the template and line."""
    try:
        return _ENV.get_template(name).render(context)
    except jinja2.TemplateError as error:
        raise ValueError(f"template {_where(error, name)}: {error}") from error


def _where(error: jinja2.TemplateError, name: str) -> str:
    """template:line of an error. Syntax errors carry it; runtime errors only in the (Jinja-rewritten) traceback."""
    lineno = getattr(error, "lineno", None)
    filename = getattr(error, "name", None) or name
    if lineno is None:
        frames = [f for f in traceback.extract_tb(error.__traceback__) if f.filename.startswith(str(TEMPLATES_DIR))]
        if frames:
            filename, lineno = Path(frames[-1].filename).relative_to(TEMPLATES_DIR).as_posix(), frames[-1].lineno
    return f"{filename}:{lineno if lineno is not None else '?'}"
