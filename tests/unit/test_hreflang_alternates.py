"""The <link rel="alternate" hreflang> of every page (overrides/main.html): fully-qualified URLs of this page in both
languages (plus x-default = the Chinese original) when the build is given JIANGBEI_PUBLIC_URL, none at all without it
(relative alternates are invalid: search engines and Lighthouse's `hreflang` audit require absolute hrefs).

Builds a two-page site with the project's theme overrides and the language entries of mkdocs.yml / mkdocs.en.yml (not
the whole site: the policy hooks are not needed to render a page's head)."""
from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest
import yaml

REPO = Path(__file__).resolve().parents[2]
PUBLIC_URL = "https://example.org/jiangbei"  # no trailing slash on purpose: the template adds it
ALTERNATE = re.compile(r'<link rel="alternate" href="([^"]*)" hreflang="([^"]*)">')
PAGES = {"": "index.md", "articles/3/": "articles/3/index.md"}


class _TagTolerantLoader(yaml.SafeLoader):
    """Reads mkdocs*.yml, whose Python and !ENV tags safe_load refuses: a tagged node becomes (tag, value)."""


def _tagged(loader: yaml.SafeLoader, tag_suffix: str, node: yaml.Node) -> tuple[str, Any]:
    if isinstance(node, yaml.SequenceNode):
        return (tag_suffix, loader.construct_sequence(node, deep=True))
    if isinstance(node, yaml.MappingNode):
        return (tag_suffix, loader.construct_mapping(node, deep=True))
    return (tag_suffix, loader.construct_scalar(node))  # type: ignore[arg-type]


_TagTolerantLoader.add_multi_constructor("!", _tagged)
_TagTolerantLoader.add_multi_constructor("tag:yaml.org,2002:python/", _tagged)


def _config(name: str) -> dict[str, Any]:
    loaded: dict[str, Any] = yaml.load((REPO / name).read_text(encoding="utf-8"), Loader=_TagTolerantLoader)
    return loaded


def _build(tmp: Path, lang: str, public_url: str | None) -> Path:
    """Builds the two pages in `lang` with the project's overrides; returns the site directory."""
    alternate = _config("mkdocs.yml" if lang == "zh" else "mkdocs.en.yml")["extra"]["alternate"]
    docs = tmp / f"docs-{lang}"
    for path in PAGES.values():
        (docs / path).parent.mkdir(parents=True, exist_ok=True)
        (docs / path).write_text(f"# {path}\n", encoding="utf-8")
    site = tmp / f"site-{lang}"
    config = {
        "site_name": "alternates test", "docs_dir": str(docs), "site_dir": str(site), "use_directory_urls": True,
        "theme": {"name": "material", "language": lang, "custom_dir": str(REPO / "overrides"), "font": False},
        "extra": {"alternate": alternate, "public_url": "PUBLIC_URL_PLACEHOLDER"},
    }
    config_text = yaml.safe_dump(config, allow_unicode=True).replace(
        "PUBLIC_URL_PLACEHOLDER", "!ENV [JIANGBEI_PUBLIC_URL, '']")
    config_file = tmp / f"mkdocs-{lang}.yml"
    config_file.write_text(config_text, encoding="utf-8")
    env = {key: value for key, value in os.environ.items() if key != "JIANGBEI_PUBLIC_URL"}
    if public_url is not None:
        env["JIANGBEI_PUBLIC_URL"] = public_url
    env["NO_MKDOCS_2_WARNING"] = "1"
    completed = subprocess.run([sys.executable, "-m", "mkdocs", "build", "--quiet", "--config-file", str(config_file)],
                               env=env, capture_output=True, text=True, cwd=tmp)
    assert completed.returncode == 0, completed.stderr
    return site


def _alternates(site: Path, page: str) -> dict[str, str]:
    found = ALTERNATE.findall((site / page / "index.html").read_text(encoding="utf-8"))
    return {hreflang: href for href, hreflang in found}


def test_mkdocs_yml_takes_the_public_url_from_the_environment() -> None:
    assert _config("mkdocs.yml")["extra"]["public_url"] == ("ENV", ["JIANGBEI_PUBLIC_URL", ""])
    # Both builds name the same language roots under the public URL.
    for name in ("mkdocs.yml", "mkdocs.en.yml"):
        paths = {entry["lang"]: entry["path"] for entry in _config(name)["extra"]["alternate"]}
        assert paths == {"zh": "", "en": "en/"}, name


@pytest.mark.parametrize("lang", ["zh", "en"])
def test_with_a_public_url_each_page_names_itself_in_both_languages_in_full(tmp_path: Path, lang: str) -> None:
    site = _build(tmp_path, lang, PUBLIC_URL)
    for page in PAGES:
        assert _alternates(site, page) == {
            "zh": f"{PUBLIC_URL}/{page}",
            "en": f"{PUBLIC_URL}/en/{page}",
            "x-default": f"{PUBLIC_URL}/{page}",
        }, page
    assert "hreflang" not in (site / "404.html").read_text(encoding="utf-8").split("</head>")[0]


def test_without_a_public_url_no_page_has_hreflang_alternates(tmp_path: Path) -> None:
    site = _build(tmp_path, "zh", None)
    for page in PAGES:
        head = (site / page / "index.html").read_text(encoding="utf-8").split("</head>")[0]
        assert 'rel="alternate"' not in head, page
        assert "<title>" in head  # the head is there, with Material's other metadata
        assert 'name="viewport"' in head and 'rel="icon"' in head
