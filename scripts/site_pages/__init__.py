"""The pages made from a template (templates/) plus the data they need, in the order they are rendered.

gen_pages.render_site renders each, in both languages; gen_pages.site_nav places each after its `nav_after` entry.
A new page: its template in templates/, its strings in templates/ui.yaml, a module here defining PAGE (with a data
function if the template needs more than policy.yaml and the common helpers, see gen_pages.template_context), and
one entry below. Pages made from policy.yaml (one per article, ...) come from a function of the policy, listed in
TEMPLATE_PAGE_SETS.
"""
from __future__ import annotations

from typing import Any, Callable, Mapping

from templating import TemplatePage

from site_pages import about, api_page, apply, budget, embed, estimator, full_text, self_check_page

TEMPLATE_PAGES: tuple[TemplatePage, ...] = (
    self_check_page.PAGE,
    estimator.PAGE,
    budget.PAGE,
    full_text.PAGE,
    about.PAGE,
    apply.PAGE,
    api_page.PAGE,
    embed.PAGE,
)

# policy -> its pages, rendered after TEMPLATE_PAGES.
TEMPLATE_PAGE_SETS: tuple[Callable[[Mapping[str, Any]], tuple[TemplatePage, ...]], ...] = (
    embed.embed_pages,
)
