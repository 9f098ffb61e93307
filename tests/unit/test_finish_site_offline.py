"""site_build/finish_site.py for issue 24: the 404 pages' links work at any address, and the list of what the service
worker keeps offline once the runtime is cached."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from site_build import finish_site

PAGE_404 = ('<html><head><meta charset="utf-8"><link rel="stylesheet" href="/assets/stylesheets/main.css"></head>'
            '<body><a href="/." class="md-logo"></a><a href="//./" hreflang="zh"></a><a href="//./en/" hreflang="en">'
            '</a><a href="/articles/3/"></a><script id="__config" type="application/json">{"base": "/", "search": '
            '"/assets/javascripts/workers/site-search.js?x=1"}</script><script src="/assets/javascripts/b.js"></script>'
            '</body></html>')


def test_a_404_page_links_from_its_build_root_and_sets_its_base_from_the_public_url(
        monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("JIANGBEI_PUBLIC_URL", "https://example.org/jiangbei")
    page = finish_site.not_found_page(PAGE_404, "en/", ["articles", "en"], finish_site.public_root())
    for relative in ('href="assets/stylesheets/main.css"', 'href="." class="md-logo"', 'href="./" hreflang="zh"',
                     'href="./en/" hreflang="en"', 'href="articles/3/"', 'src="assets/javascripts/b.js"',
                     '"base": "."', '"search": "assets/javascripts/workers/site-search.js?x=1"'):
        assert relative in page
    assert 'href="/' not in page and 'src="/' not in page
    # The base script comes before any URL of the page, and knows the root and the build.
    script = page.index("data-jiangbei-404")
    assert page.index('<meta charset="utf-8">') < script < page.index("main.css")
    assert 'data-root="/jiangbei/" data-build="en/" data-top="articles en"' in page
    # Made again from its own output (finish_site runs on a built site again): the same page.
    assert finish_site.not_found_page(page, "en/", ["articles", "en"], "/jiangbei/") == page


def test_without_a_public_url_the_404_page_finds_its_root_in_the_browser(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("JIANGBEI_PUBLIC_URL", raising=False)
    assert finish_site.public_root() == ""
    assert 'data-root=""' in finish_site.not_found_page(PAGE_404, "", ["articles"], finish_site.public_root())


def test_the_site_files_are_every_page_but_the_embeds_and_what_pages_load(tmp_path: Path) -> None:
    for name in ("index.html", "en/index.html", "articles/3/index.html", "en/articles/3/index.html",
                 "embed/index.html", "embed/articles/3/index.html", "en/embed/estimator/index.html",
                 "offline/index.html", "assets/javascripts/bundle.1.min.js", "assets/javascripts/bundle.1.min.js.map",
                 "assets/javascripts/lunr/wordcut.js", "assets/frontend/app.js", "assets/frontend/app.js.br",
                 "en/assets/stylesheets/main.css", "search/search_docs.json", "search/search_index.json",
                 "pyodide/pyodide.asm.wasm", "pyodide/pyodide-lock.json", "pyodide/x.whl"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text("x", encoding="utf-8")
    (tmp_path / "assets/frontend/bundle.json").write_text(json.dumps({"bytes": {"pyodide.asm.wasm": 1, "x.whl": 1}}))
    files = finish_site.site_files(tmp_path)
    assert files["pages"] == ["", "articles/3/", "embed/", "en/", "en/articles/3/"]
    assert files["assets"] == ["assets/frontend/app.js", "assets/frontend/bundle.json",
                               "assets/javascripts/bundle.1.min.js", "en/assets/stylesheets/main.css",
                               "search/search_index.json"]
    assert files["runtime"] == ["pyodide/pyodide-lock.json", "pyodide/pyodide.asm.wasm", "pyodide/x.whl"]
