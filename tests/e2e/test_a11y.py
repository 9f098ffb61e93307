"""axe-core (from node_modules, injected from the file, no network) finds no WCAG 2.1 A/AA violation on the home page,
an article, a part page, the glossary and the 404 page, in both languages, at desktop and phone width, light and dark."""
from __future__ import annotations

from pathlib import Path
from typing import Any, Callable

import pytest
from browser_log import BrowserLog
from playwright.sync_api import BrowserContext, expect

AXE = Path(__file__).resolve().parents[2] / "node_modules" / "axe-core" / "axe.min.js"
PAGES = ["", "articles/3/", "parts/1/", "glossary/", "supplementary/5/", "methodology/", "no-such-page/"]
NOT_FOUND = "no-such-page/"  # any unknown address: the 404 page
WIDTHS = {"desktop": 1280, "phone": 390}
SCHEMES = ["light", "dark"]  # the palette follows prefers-color-scheme


def _violations(result: dict[str, Any]) -> list[str]:
    return [f"{v['id']} ({v['impact']}): {v['help']} — " + "; ".join(n["target"][0] for n in v["nodes"][:5])
            for v in result["violations"]]


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", WIDTHS, ids=list(WIDTHS))
@pytest.mark.parametrize("lang", ["zh", "en"])
@pytest.mark.parametrize("path", PAGES, ids=[p or "home" for p in PAGES])
def test_no_wcag_aa_violation(new_context: Callable[..., BrowserContext], browser_log: BrowserLog, path: str,
                              lang: str, width: str, scheme: str) -> None:
    assert AXE.is_file(), f"{AXE} missing: run scripts/install.sh (npm ci)"
    # bypass_csp: the site's Content-Security-Policy (rightly) refuses the injected axe script.
    context = new_context(viewport={"width": WIDTHS[width], "height": 900}, color_scheme=scheme, bypass_csp=True)
    page = context.new_page()
    page.goto(("" if lang == "zh" else "en/") + path)
    expect(page.locator("article h1")).to_be_visible()
    # The header's switch (palette.js, loaded after the page is parsed) is set up, with transitions back on should it
    # have corrected the colours; and Material eases some colours in: axe reads the colours shown, none may be halfway.
    if path != NOT_FOUND:  # the 404 page runs none of the site's scripts (hooks/calculator_assets.py)
        expect(page.locator("form[data-site-palette][data-mounted]")).to_have_count(1)
    expect(page.locator("body")).not_to_have_attribute("data-md-color-switching", "")
    page.wait_for_function("() => document.getAnimations().every((animation) => animation.playState !== 'running')")
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "() => axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']}})")
    assert result["testEngine"]["name"] == "axe-core" and result["passes"], "axe did not run"
    assert not result["violations"], "\n".join(_violations(result))
    if path == NOT_FOUND:
        browser_log.clear()  # the page's own 404 status, on purpose
