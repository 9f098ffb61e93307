"""No element of any page, in either language, is wider than a 390 px phone screen (tables included: a table that
scrolls sideways inside its wrapper still counts). Material's off-canvas drawer and search overlay are left out: they
sit outside the screen on purpose until opened."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from playwright.sync_api import BrowserContext, Page, Route, expect

PHONE = {"width": 390, "height": 844}
# Elements wider than the screen, with where they are (a few per page).
TOO_WIDE = """() => {
  const width = document.documentElement.clientWidth;
  const found = [];
  for (const node of document.querySelectorAll("body *")) {
    if (node.closest(".md-sidebar, .md-search, .md-header")) continue;
    const box = node.getBoundingClientRect();
    if (box.width === 0 || box.height === 0) continue;
    if (box.right > width + 0.5 || box.left < -0.5) {
      found.push(`${node.tagName.toLowerCase()}.${String(node.className).split(" ")[0]} ${Math.round(box.left)}..${Math.round(box.right)}`);
    }
  }
  return {width, scrollWidth: document.documentElement.scrollWidth, found: found.slice(0, 4)};
}"""


def site_pages(site_dir: Path) -> list[str]:
    pages = []
    for index in sorted(site_dir.rglob("index.html")):
        relative = index.parent.relative_to(site_dir)
        if relative.parts and relative.parts[0] in {"assets", "pyodide"}:
            continue
        pages.append("" if str(relative) == "." else f"{relative.as_posix()}/")
    return pages


def too_wide(page: Page) -> list[str]:
    measured = page.evaluate(TOO_WIDE)
    problems = list(measured["found"])
    if measured["scrollWidth"] > measured["width"]:
        problems.append(f"page scrolls sideways: {measured['scrollWidth']} > {measured['width']}")
    return problems


def test_no_element_wider_than_a_phone_on_any_page(new_context: Callable[..., BrowserContext], site_dir: Path) -> None:
    pages = site_pages(site_dir)
    assert len(pages) > 60 and "en/glossary/" in pages, pages
    page = new_context(viewport=PHONE, service_workers="block").new_page()
    # Layout only: the calculator's runtime is held back (never loaded), the forms are drawn all the same.
    held: list[Route] = []
    page.route("**/pyodide/pyodide.asm.wasm", lambda route: held.append(route))
    problems = {}
    for path in pages:
        page.goto(path, wait_until="domcontentloaded")
        expect(page.locator("article h1, article .embed-source").first).to_be_visible()  # an embed page has no heading
        if page.locator(".policy-calculator, .policy-estimator").count():
            expect(page.locator(".pc-form").first).to_be_attached()
            page.evaluate("() => document.querySelectorAll('.pc-calculator details').forEach(d => { d.open = true; })")
            # The estimator draws a part's fields when the part opens: open what that drew too (its inner details).
            page.wait_for_function("() => [...document.querySelectorAll('details.pc-part')].every("
                                   "d => d.querySelector('fieldset.pc-article'))")
            page.evaluate("() => document.querySelectorAll('.pc-calculator details').forEach(d => { d.open = true; })")
        found = too_wide(page)
        if found:
            problems[path] = found
    assert not problems, "wider than 390 px:\n" + "\n".join(f"{path}: {found}" for path, found in problems.items())
