"""The pages made from a template (templates/) plus the data they need, in the order they are rendered.

gen_pages.render_site renders each, in both languages; gen_pages.site_nav places each after its `nav_after` entry.
A new page: its template in templates/, its strings in templates/ui.yaml, a module here defining PAGE (with a data
function if the template needs more than policy.yaml and the common helpers, see gen_pages.template_context), and
one entry below.
"""
from __future__ import annotations

from templating import TemplatePage

from site_pages import about, api_page, budget, estimator, full_text, self_check_page

TEMPLATE_PAGES: tuple[TemplatePage, ...] = (
    self_check_page.PAGE,
    estimator.PAGE,
    budget.PAGE,
    full_text.PAGE,
    about.PAGE,
    api_page.PAGE,
)
