"""MkDocs hook (mkdocs.yml `hooks:`): puts the calculator's script on every page and on the 404 page, its CSS on
calculator pages, the budget page's CSS on it, and the self-check's CSS on the pages that show it (self-check, home,
estimator). A calculator page also gets a skip link to its calculator, after Material's "skip to content" (issue 24).

The script (app.js) draws the article widgets and the estimator where the pages have their containers, and registers
the offline service worker everywhere. Its files live once, at the top of the built site (site/assets/frontend/,
written by site_build/bundle_pyodide.py), so English pages (site/en/) point one level further up.
"""

from __future__ import annotations

import html
import re
import sys
from pathlib import Path

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.structure.pages import Page

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))
# Imported now: MkDocs restores sys.path right after it has loaded this hook (as hooks/policy_pages.py does).
from site_build.templating import ui  # noqa: E402

VIEWPORT_META = re.compile(r'<meta name="viewport"[^>]*>')
CALCULATOR_META = "policy-calculator-page"
CALCULATOR_MARKERS = ('class="policy-calculator"', 'class="policy-estimator"')
# The budget page (budget/): the calculator's worker runs its batches; its own stylesheet, not the widgets'.
BUDGET_MARKER = 'class="policy-budget"'
# The self-check page, the home page's link to it, and the estimator's marks for what the self-check handed over.
SELF_CHECK_MARKERS = ('class="self-check ', 'class="home-start"', 'class="policy-estimator"')
# Material's skip links, the first stop of the Tab key; on the next in-page navigation Material replaces this element
# with the new page's, so the link comes and goes with the calculator.
SKIP_COMPONENT = re.compile(r'(<div data-md-component="skip">.*?)(</div>)', re.DOTALL)
EMBED_MARKER = "data-embed="  # the calculators of the embed pages (templates/embed_calculator.md.j2)
SKIP_TARGET = "pc-calculator"  # the id the first calculator's container gets


def site_root_from(url: str, config: MkDocsConfig) -> str:
    """Relative URL from the page at `url` (its build's) to the top of the whole site (the Chinese build's root)."""
    prefix = "../" * url.count("/")  # "articles/3/" is two levels down; the home page ("") and "404.html" none
    if config.theme["language"] == "en":  # English pages live under /en/
        prefix += "../"
    return prefix or "./"


def app_script(root: str) -> str:
    return f'<script type="module" async src="{root}assets/frontend/app.js"></script>'


def add_to_head(output: str, *, script: str, styles: str) -> str:
    """The script after the viewport meta, hence after the Content-Security-Policy meta that finish_site.py puts right
    after <meta charset> (a policy applies only to what follows it); the stylesheets at the end of the head."""
    viewport = VIEWPORT_META.search(output)
    if viewport and viewport.start() < output.find("</head>"):
        output = output[:viewport.end()] + script + output[viewport.end():]
    else:
        styles += script
    return output.replace("</head>", styles + "</head>", 1)


def add_skip_link(output: str, lang: str) -> str:
    """A link after Material's "skip to content" to the page's first calculator, so that its first field is three
    Tabs from the top instead of dozens past the sidebar. calculator.js moves the focus to the first field; without it
    the link still leads to the container, from which the next Tab reaches the first field."""
    skip = SKIP_COMPONENT.search(output)
    marker = min((found for found in (output.find(m) for m in CALCULATOR_MARKERS) if found >= 0), default=-1)
    if skip is None or marker < 0 or EMBED_MARKER in output:
        return output  # an embed page (in another site's frame): no header, no sidebar, its first field comes first
    label = html.escape(ui("skip_to_calculator", lang))
    link = f'<a href="#{SKIP_TARGET}" class="md-skip pc-skip">{label}</a>'
    output = output[:marker] + f'id="{SKIP_TARGET}" ' + output[marker:]  # before the marker: skip precedes it
    return output[:skip.end(1)] + link + output[skip.end(1):]


def on_post_page(output: str, /, *, page: Page, config: MkDocsConfig) -> str | None:
    root = site_root_from(page.url, config)
    # The script first, before the stylesheets: the inline script of Material's head waits for every stylesheet above
    # it, and so would the discovery of a script below it (measured: app.js requested ~150 ms after the page arrived).
    # app.js is async: it runs as soon as it has loaded, while the page is still being parsed and styled.
    script = ""
    styles = ""
    widgets = any(marker in output for marker in CALCULATOR_MARKERS)
    if widgets or BUDGET_MARKER in output:
        # Read by app.js: on a calculator page it starts the calculator's worker once the page is parsed.
        script += f'<meta name="{CALCULATOR_META}" content="yes">'
        script += f'<link rel="modulepreload" href="{root}assets/frontend/worker/engine.js">'
    if widgets:
        styles += f'<link rel="stylesheet" href="{root}assets/frontend/calculator/calculator.css">'
        output = add_skip_link(output, str(config.theme["language"]))
    if BUDGET_MARKER in output:
        styles += f'<link rel="stylesheet" href="{root}assets/frontend/budget/budget.css">'
    if any(marker in output for marker in SELF_CHECK_MARKERS):
        styles += f'<link rel="stylesheet" href="{root}assets/frontend/self-check/self-check.css">'
    script += app_script(root)
    return add_to_head(output, script=script, styles=styles)


def on_post_template(output: str, /, *, template_name: str, config: MkDocsConfig) -> str | None:
    """The 404 page is a template, not a page: it gets the site's script here (its light/dark switch, and the search,
    whose index is built only when search-start.js asks for it). Its relative links resolve against the <base> that
    site_build/finish_site.py sets before them."""
    if template_name != "404.html":
        return output
    return add_to_head(output, script=app_script(site_root_from(template_name, config)), styles="")
