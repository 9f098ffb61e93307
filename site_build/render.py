"""Render every page of the site, in one language, from policy.yaml.

`render_site(policy, lang=...)` returns {docs path: Markdown}; `site_nav(policy, lang=...)` returns the MkDocs nav.
hooks/policy_pages.py feeds both to MkDocs as generated (virtual) files, so policy.yaml is the only source: nothing
is written into docs/ and nothing is hand-copied.

Every page is a Jinja2 template plus its data (site_build/templating.py, templates/, site_build/pages/), rendered here
with the helpers of `template_context`: Markdown headings (for the table of contents, permalinks and search sections)
around HTML blocks, every text escaped. Interface strings: templates/ui.yaml.

Both languages have the same page paths (the language switch relies on it):
  index.md, parts/<n>/index.md, articles/<n>.md, supplementary/index.md, supplementary/<n>.md,
  methodology.md, glossary.md, and the other pages of site_build/pages/
"""
from __future__ import annotations

import re
from html import escape
from typing import Any, Iterable, Mapping

from markupsafe import Markup

from site_build import citations
from site_build import templating
from site_build.amounts import describe_amount, money
from site_build.glossary_terms import glossary_terms_in, search_tags, search_words
from site_build.labels import article_label, article_title, clause_label, date, part_title, provision_title
from site_build.page_paths import (ESTIMATOR_PATH, GLOSSARY_PATH, HOME_PATH, METHODOLOGY_PATH, SELF_CHECK_PATH,
                        SUPPLEMENTARY_PATH, BUDGET_PATH, article_path, link, page_url, part_path, provision_path)
from site_build.pages import TEMPLATE_PAGE_SETS, TEMPLATE_PAGES
from site_build.pages.document import document_pages, has_calculator
from site_build.templating import LANGS, OTHER, ORIGINAL_LANG, UI, ui

__all__ = ["LANGS", "OTHER", "UI", "ui", "render_site", "site_nav", "render_template_page", "template_context",
           "page_url", "article_title", "part_title", "provision_title", "clause_label", "describe_amount", "money",
           "glossary_terms_in", "search_tags", "search_words", "has_calculator", "html_escape", "nav_paths"]


def html_escape(text: str) -> str:
    return escape(str(text), quote=True)


def front_matter(title: str, *, boost: float | None = None, hide_toc: bool = False,
                 tags: Iterable[str] = (), search_exclude: bool = False, template: str | None = None) -> str:
    """YAML front matter. The theme renders `title` as the page's h1 (the content has no h1 of its own); `template`
    names another theme template than main.html (overrides/)."""
    lines = ["---", f"title: {_yaml_string(title)}"]
    if template is not None:
        lines.append(f"template: {_yaml_string(template)}")
    tags = list(tags)
    if tags:
        # Material indexes page tags for search (strongly boosted) without showing them as tags: they are what
        # the page shows elsewhere, its glossary terms (terms line) and its awards' titles (award table).
        lines += ["tags:"] + [f"  - {_yaml_string(tag)}" for tag in tags]
    if hide_toc:
        lines += ["hide:", "  - toc"]
    if search_exclude:  # the page repeats text other pages hold: it would only crowd the search results
        lines += ["search:", "  exclude: true"]
    elif boost is not None:
        lines += ["search:", f"  boost: {boost}"]
    return "\n".join(lines + ["---", ""])


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def heading(level: int, text: str, anchor: str) -> str:
    """A Markdown heading with a fixed anchor (attr_list), so links survive translation changes."""
    safe = text.replace("{", "(").replace("}", ")")
    return f"{'#' * level} {safe} {{#{anchor}}}"


def one_line(text: str, *, limit: int) -> str:
    """The first sentence-like piece of a clause, cut to `limit` characters, for overview lists."""
    piece = re.split(r"(?<=[。；;])|(?<=\.)\s", text, maxsplit=1)[0].strip()
    if len(piece) > limit:
        cut = piece[:limit]
        if " " in cut and re.search(r"[A-Za-z]", cut):
            cut = cut.rsplit(" ", 1)[0]
        piece = cut.rstrip("，,、；; ") + "…"
    return piece


def award_flags(rule: Mapping[str, Any], lang: str) -> str:
    """The award table's flags cell: top-up, matching, sci-tech (附则四), or a dash."""
    flags = [ui(f"flag_{name}", lang) for name in ("top_up", "matching", "sci_tech") if rule["flags"].get(name)]
    return " · ".join(flags) if flags else "—"


# ---------------------------------------------------------------------------------------------------------------------
# Rendering

def template_context(policy: Mapping[str, Any], lang: str, here: str) -> dict[str, Any]:
    """What every page template sees, bound to its language and its own docs path. The HTML building blocks are
    macros of templates/blocks.j2, which a template imports `with context`.

    Helpers that build Markdown return Markup; everything else is escaped on output.
    """
    title = policy["document"]["title"]
    return {
        "policy": policy, "lang": lang, "other_lang": OTHER[lang], "original_lang": ORIGINAL_LANG, "here": here,
        "langs": LANGS,
        "ui": lambda key, **values: ui(key, lang, **values),
        "ui_in": lambda in_lang, key, **values: ui(key, in_lang, **values),
        "ui_text": lambda key: UI[key][lang],  # placeholders unfilled, for the scripts that fill them
        "link": lambda to_path, fragment="": link(here, to_path, fragment),
        "paths": {"home": HOME_PATH, "supplementary": SUPPLEMENTARY_PATH, "estimator": ESTIMATOR_PATH,
                  "methodology": METHODOLOGY_PATH, "glossary": GLOSSARY_PATH, "budget": BUDGET_PATH,
                  "self_check": SELF_CHECK_PATH},
        "article_path": article_path, "part_path": part_path, "provision_path": provision_path,
        "article_label": lambda article: article_label(article, lang),
        "article_title": lambda article, in_lang=lang: article_title(article, in_lang),
        "part_title": lambda part, in_lang=lang: part_title(part, in_lang),
        "provision_title": lambda provision, in_lang=lang: provision_title(provision, in_lang),
        "clause_label": lambda clause_id: clause_label(clause_id, lang),
        "citation": lambda clause_id, count: citations.citation(title, clause_id, lang, clause_count=count),
        "date": lambda iso: date(iso, lang),
        "money": lambda amount: money(amount, lang),
        "describe_amount": lambda rule: describe_amount(rule, lang),
        "award_flags": lambda rule: award_flags(rule, lang),
        "glossary_terms": lambda chinese_text: glossary_terms_in(policy, chinese_text),
        "one_line": lambda text: one_line(text, limit=int(ui("overview_line_limit", lang))),
        "heading": lambda level, text, anchor, quote=True: Markup(heading(level, escape(str(text), quote=quote),
                                                                          anchor)),
    }


def render_template_page(page: templating.TemplatePage, policy: Mapping[str, Any], lang: str) -> str:
    """Front matter from the page's settings, then its template rendered with the common context and its own data."""
    context = template_context(policy, lang, page.path)
    clash = set(context) & set(data := page.data(policy, lang))
    if clash:
        raise ValueError(f"{page.path}: page data {sorted(clash)} would hide names every template uses")
    title = (page.title_text(policy, lang) if page.title_text is not None
             else ui(page.title, lang, **page.title_values(policy, lang)))
    matter = front_matter(title, boost=page.boost, hide_toc=page.hide_toc, tags=page.tags(policy, lang),
                          search_exclude=page.search_exclude, template=page.page_template)
    return matter + "\n" + templating.render_template(page.template, {**context, **data})


def _template_pages(policy: Mapping[str, Any]) -> tuple[templating.TemplatePage, ...]:
    """The pages after the policy's own: the fixed ones, then those made from policy.yaml (one per article, ...)."""
    return TEMPLATE_PAGES + tuple(page for pages_of in TEMPLATE_PAGE_SETS for page in pages_of(policy))


def render_site(policy: Mapping[str, Any], *, lang: str) -> dict[str, str]:
    """Every page of one language: {docs path: Markdown}."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    # The policy's own pages first, in document order; then the others in nav order. MkDocs keeps this order, in
    # the search index too.
    pages = {page.path: render_template_page(page, policy, lang) for page in document_pages(policy)}
    others: dict[str, str] = {}
    for page in _template_pages(policy):
        if page.path in pages or page.path in others:
            raise ValueError(f"templated page {page.path} ({page.template}) has the path of another page")
        others[page.path] = render_template_page(page, policy, lang)
    order = {path: index for index, path in enumerate(nav_paths(site_nav(policy, lang=lang)))}
    return pages | dict(sorted(others.items(), key=lambda item: order.get(item[0], len(order))))


def nav_paths(nav: Iterable[Any]) -> Iterable[str]:
    """Every docs path of a nav, in its order."""
    for item in nav:
        if isinstance(item, str):
            yield item
        else:
            for value in item.values():
                yield from (nav_paths(value) if isinstance(value, list) else [value])


def site_nav(policy: Mapping[str, Any], *, lang: str) -> list[Any]:
    """The MkDocs nav: home, a section per part (its overview page first), 附则, then the other pages, each after
    the entry its `nav_after` names."""
    nav: list[Any] = [{ui("home", lang): HOME_PATH}]
    for part in policy["parts"]:
        children: list[Any] = [part_path(part["id"])]
        children += [{article_title(a, lang): article_path(a["id"])}
                     for a in policy["articles"] if a["part"] == part["id"]]
        nav.append({part_title(part, lang): children})
    supplementary = policy["supplementary"]
    nav.append({supplementary["title"][lang]: [SUPPLEMENTARY_PATH] + [
        {provision_title(p, lang): provision_path(p["id"])} for p in supplementary["provisions"]]})
    for page in _template_pages(policy):
        if page.nav_after is not None:
            _nav_insert(nav, page.nav_after, {ui(page.title, lang): page.path})
    return nav


def _nav_insert(nav: list[Any], after: str, entry: Mapping[str, str]) -> None:
    """Put `entry` right after the top-level nav entry for docs path `after` (a section: its first page)."""
    for index, item in enumerate(nav):
        target = next(iter(item.values())) if isinstance(item, Mapping) else item
        if isinstance(target, list):
            target = target[0]
        if target == after:
            nav.insert(index + 1, dict(entry))
            return
    raise ValueError(f"nav: no entry for {after!r} to place {dict(entry)} after")
