"""Embeddable calculators (issue 26): a page per calculator that other sites can put in an iframe, and the page that
says how (embed/).

- embed/articles/<n>/ (every article whose page has a calculator) and embed/estimator/: the calculator, one line
  naming the policy with a link to the full page on this site, and nothing else. The theme template
  overrides/embed.html drops Material's header, navigation, search, footer and script; the pages are left out of the
  nav and of search and carry `noindex`. The calculator runs in "embed mode" (the container's `data-embed`, the URL
  of the full page): docs/assets/frontend/embed/embed-frame.js. These are the only pages other origins may frame (the
  server's `Content-Security-Policy: frame-ancestors`, site_build/static_server.py and README's nginx snippet).
- embed/: the snippet for each calculator (docs/assets/frontend/embed.js inserts the iframe), a live example and
  what the host page must allow.
"""
from __future__ import annotations

import os
from typing import Any, Mapping

from site_build.labels import article_label, article_title
from site_build.page_paths import ESTIMATOR_PATH, article_path, link, to_root
from site_build.pages.document import has_calculator
from site_build.templating import TemplatePage, ui

GUIDE_PATH = "embed/index.md"
ESTIMATOR_EMBED_PATH = "embed/estimator/index.md"
# The host's script, relative to the site's root (the calculator's files are shared by both languages).
EMBED_SCRIPT = "assets/frontend/embed.js"
# The article the guide shows live.
LIVE_EXAMPLE = "3"


def embed_article_path(article_id: int) -> str:
    return f"embed/articles/{article_id}.md"


def _calculator_articles(policy: Mapping[str, Any]) -> list[Mapping[str, Any]]:
    return [article for article in policy["articles"] if has_calculator(policy, article["id"])]


def _source_line(policy: Mapping[str, Any], lang: str, article: Mapping[str, Any] | None) -> Mapping[str, Any]:
    document = policy["document"]["title"][lang]
    if article is None:
        return {"source": ui("embed_source_estimator", lang, document=document),
                "full_link_text": ui("embed_open_estimator", lang)}
    return {"source": ui("embed_source_article", lang, document=document,
                                   label=article_label(article, lang), title=article["title"][lang]),
            "full_link_text": ui("embed_open_article", lang)}


def _article_embed(article: Mapping[str, Any]) -> TemplatePage:
    path = embed_article_path(article["id"])

    def data(policy: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
        return {"article_id": article["id"], "full_page": link(path, article_path(article["id"])),
                **_source_line(policy, lang, article)}

    def title(policy: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
        return {"article": article_title(article, lang)}

    return TemplatePage(path=path, template="embed_calculator.md.j2", title="embed_article_title", data=data,
                        title_values=title, search_exclude=True, hide_toc=True, page_template="embed.html")


def _estimator_embed_data(policy: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
    return {"article_id": None, "full_page": link(ESTIMATOR_EMBED_PATH, ESTIMATOR_PATH),
            **_source_line(policy, lang, None)}


ESTIMATOR_EMBED = TemplatePage(path=ESTIMATOR_EMBED_PATH, template="embed_calculator.md.j2",
                               title="embed_estimator_title", data=_estimator_embed_data, search_exclude=True,
                               hide_toc=True, page_template="embed.html")


def embed_pages(policy: Mapping[str, Any]) -> tuple[TemplatePage, ...]:
    """The embeddable calculators: one per article with a calculator, then the estimator."""
    return (*(_article_embed(article) for article in _calculator_articles(policy)), ESTIMATOR_EMBED)


def guide_data(policy: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
    site_root = to_root(GUIDE_PATH, lang)
    public = os.environ.get("JIANGBEI_PUBLIC_URL", "").strip()  # as mkdocs.yml's extra.public_url
    if public.startswith(("http://", "https://")):
        site = public if public.endswith("/") else public + "/"
    else:  # the address is known only where the page is served: embed-guide.js writes it in
        site = ui("embed_site_placeholder", lang)
    calculators = [{"value": str(article["id"]), "name": article_title(article, lang),
                    "preview": link(GUIDE_PATH, embed_article_path(article["id"]))}
                   for article in _calculator_articles(policy)]
    calculators.append({"value": "estimator", "name": ui("estimator", lang),
                        "preview": link(GUIDE_PATH, ESTIMATOR_EMBED_PATH)})
    return {"calculators": calculators, "site_root": site_root, "site": site, "script_path": EMBED_SCRIPT,
            "live_example": LIVE_EXAMPLE}


PAGE = TemplatePage(path=GUIDE_PATH, template="embed.md.j2", title="embed", data=guide_data,
                    nav_after="api/index.md", boost=0.3, hide_toc=False)
