"""The pages made from a template (templates/) plus the data they need.

render.render_site renders each, in both languages: first the policy's own pages (pages/document.py:
home, parts, articles, 附则), then those below; render.site_nav places each of these after its `nav_after` entry,
in this order. A new page: its template in templates/, its strings in templates/ui.yaml, a module here defining PAGE
(with a data function if the template needs more than policy.yaml and the common helpers, see
render.template_context), and one entry below. Pages made from policy.yaml (one per article, ...) come from a
function of the policy, listed in TEMPLATE_PAGE_SETS. No module here imports render: they use the helpers of
labels, amounts, page_paths and templating, so that render can import them.
"""
from __future__ import annotations

from typing import Any, Callable, Mapping

from site_build.templating import TemplatePage

from site_build.pages import (about, api_page, apply, budget, embed, estimator, full_text, glossary_page, methodology,
                              offline_page, self_check_page)

TEMPLATE_PAGES: tuple[TemplatePage, ...] = (
    self_check_page.PAGE,
    estimator.PAGE,
    budget.PAGE,
    full_text.PAGE,
    methodology.PAGE,
    glossary_page.PAGE,
    about.PAGE,
    apply.PAGE,
    api_page.PAGE,
    embed.PAGE,
    offline_page.PAGE,
)

# policy -> its pages, rendered after TEMPLATE_PAGES.
TEMPLATE_PAGE_SETS: tuple[Callable[[Mapping[str, Any]], tuple[TemplatePage, ...]], ...] = (
    embed.embed_pages,
)
