"""Every built page carries a Content-Security-Policy: scripts from 'self' plus 'wasm-unsafe-eval' and the sha256 of
that page's own inline scripts, never 'unsafe-inline' or 'unsafe-eval'; workers and connections 'self' only. In the
browser the policy is enforced and nothing on the page (Material's inline scripts, the calculator, its worker,
Pyodide) trips it (a violation would be a console error, which fails the test)."""

from __future__ import annotations

import base64
import hashlib
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from browser_log import BrowserLog
from calculator_form import expect_result, expected_for, fill, page_path, wait_ready, widget
from playwright.sync_api import BrowserContext, expect

CSP_META = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')
INLINE_SCRIPT = re.compile(r"<script(?![^>]*\bsrc=)(?![^>]*type=\"application/json\")[^>]*>(.*?)</script>", re.DOTALL)


def _directives(policy: str) -> dict[str, list[str]]:
    return {parts[0]: parts[1:] for parts in (d.split() for d in policy.split(";")) if parts}


def test_every_page_has_a_strict_script_policy(site_dir: Path) -> None:
    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 70
    for page in pages:
        html = page.read_text(encoding="utf-8")
        found = CSP_META.findall(html)
        assert len(found) == 1, f"{page}: {len(found)} CSP meta elements"
        head = html[: html.index("</head>")]
        assert head.index("Content-Security-Policy") < head.index("<script"), f"{page}: a script precedes the CSP"
        directives = _directives(found[0])
        scripts = directives["script-src"]
        assert scripts[:2] == ["'self'", "'wasm-unsafe-eval'"], f"{page}: {scripts}"
        assert "'unsafe-inline'" not in scripts and "'unsafe-eval'" not in scripts, f"{page}: {scripts}"
        assert directives["worker-src"] == ["'self'"] and directives["connect-src"] == ["'self'"]
        assert directives["default-src"] == ["'self'"] and directives["object-src"] == ["'none'"]
        hashes = {f"'sha256-{base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()}'"
                  for body in INLINE_SCRIPT.findall(html)}
        assert hashes == {source for source in scripts if source.startswith("'sha256-")}, f"{page}: hashes differ"


@pytest.mark.parametrize("kind", ["article", "estimator"])
def test_the_policy_is_enforced_and_the_calculator_runs_under_it(new_context: Callable[..., BrowserContext],
                                                                 browser_log: BrowserLog, kind: str) -> None:
    page = new_context().new_page()
    article = 3 if kind == "article" else None
    page.goto(page_path(kind, lang="zh", article=article))
    # Enforced: an inline script added now has no matching hash and must not run.
    with page.expect_console_message(lambda message: "Content Security Policy" in message.text):
        page.evaluate("() => { const s = document.createElement('script'); s.textContent = 'window.__ran = true';"
                      " document.head.append(s); }")
    assert page.evaluate("() => window.__ran === undefined")
    browser_log.clear()  # that violation was the point; from here on, any console error fails the test
    root = widget(page, article)
    wait_ready(root)
    values = {"a3_investment": "5000000", "registered_in_district": "true"}
    fill(root, values)
    expect_result(root, expected_for(values, lang="zh"), lang="zh")
    expect(page.locator(".md-search__input")).to_be_visible()
