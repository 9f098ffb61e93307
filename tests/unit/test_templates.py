"""Page templates (site_build/templating.py, templates/): the UI table, autoescaping, and templated pages in the site."""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]

from site_build import render
from site_build import templating
from site_build.pages import TEMPLATE_PAGES  # noqa: E402


def test_ui_table_has_both_languages_for_every_key():
    assert len(templating.UI) >= 60
    for key, texts in templating.UI.items():
        assert set(texts) == {"zh", "en"}, key
        assert texts["zh"].strip() and texts["en"].strip(), key


@pytest.mark.parametrize(("body", "message"), [
    ("home:\n  zh: 首页\n", r"home: expected exactly the languages"),
    ("home:\n  zh: 首页\n  en: ''\n", r"home\.en: empty text"),
    ("- home\n", r"expected a mapping"),
])
def test_malformed_ui_table_is_an_error_naming_the_key(tmp_path, body, message):
    path = tmp_path / "ui.yaml"
    path.write_text(body, encoding="utf-8")
    with pytest.raises(templating.UIError, match=message):
        templating.load_ui(path)


def test_every_ui_key_a_template_uses_exists():
    used = {(path.name, key) for path in templating.TEMPLATES_DIR.glob("*.j2")
            for key in re.findall(r"""\bui\(\s*["'](\w+)["']\s*[,)]""", path.read_text(encoding="utf-8"))}
    assert used, "no template uses ui()"
    assert [(name, key) for name, key in sorted(used) if key not in templating.UI] == []


def test_unknown_ui_key_says_where_to_add_it():
    with pytest.raises(KeyError, match="templates/ui.yaml"):
        render.ui("no_such_string", "en")


def test_templates_escape_text_like_the_rest_of_the_site():
    hostile = """<img src=x onerror=alert(1)> & "it's" """
    rendered = templating.environment().from_string("<p title=\"{{ text }}\">{{ text }}</p>").render(text=hostile)
    assert "<img" not in rendered
    escaped = render.html_escape(hostile)
    assert rendered == f'<p title="{escaped}">{escaped}</p>'


def test_undefined_name_in_a_template_is_an_error_naming_the_template(tmp_path, monkeypatch):
    with pytest.raises(ValueError, match=r"template estimator\.md\.j2:\d+: 'ui' is undefined"):
        templating.render_template("estimator.md.j2", {})


def test_templated_pages_are_rendered_in_both_languages_and_in_the_nav(policy):
    assert TEMPLATE_PAGES, "no templated page"
    for lang in render.LANGS:
        pages = render.render_site(policy, lang=lang)
        nav_paths = str(render.site_nav(policy, lang=lang))
        for page in TEMPLATE_PAGES:
            markdown = pages[page.path]
            title = render.ui(page.title, lang).replace('"', '\\"')
            assert markdown.startswith(f'---\ntitle: "{title}"\n'), (lang, page.path)
            if page.nav_after is not None:
                assert f"'{page.path}'" in nav_paths, (lang, page.path)


def test_template_page_data_may_not_hide_common_names(policy):
    page = templating.TemplatePage(path="x.md", template="estimator.md.j2", title="estimator",
                                   data=lambda policy, lang: {"ui": "shadow"})
    with pytest.raises(ValueError, match=r"x\.md: page data \['ui'\]"):
        render.render_template_page(page, policy, "zh")


def test_estimator_page_from_its_template(policy):
    zh = render.render_site(policy, lang="zh")["estimator/index.md"]
    assert zh == ('---\ntitle: "企业综合测算"\nhide:\n  - toc\nsearch:\n  boost: 0.3\n---\n\n'
                  "<p>一次填写企业情况，估算贵企业按本政策可获得的全部奖励与补助。测算结果不是官方决定。</p>\n\n"
                  "<p>先填写企业情况，再展开各部分填写适用的条件。结果先按各条计算（含各条规定的累进补差），再依次适用附则的"
                  "从高不重复、综合扶持、不予享受的情形和年度上限，并说明每一项扣减的理由。计算在您的浏览器内完成。</p>\n\n"
                  '<p><a href="../methodology/">测算方法</a></p>\n\n<div class="policy-estimator"></div>\n')


def test_templated_pages_take_their_places_in_the_nav(policy):
    nav = render.site_nav(policy, lang="en")
    firsts = [next(iter(item.values())) for item in nav]
    firsts = [value[0] if isinstance(value, list) else value for value in firsts]
    assert firsts[firsts.index("supplementary/index.md"):] == [
        "supplementary/index.md", "full-text/index.md", "estimator/index.md", "budget/index.md", "methodology.md", "apply/index.md",
        "glossary.md",
        "about/index.md", "api/index.md", "embed/index.md"]


def test_every_calculator_has_an_embed_page_out_of_the_nav_and_of_search(policy):
    """Issue 26: embed/articles/<n>/ for each article whose page has a calculator, and embed/estimator/; in the
    theme's embed.html (no header, navigation or search), excluded from search and from the nav, holding the
    calculator in embed mode (data-embed: the full page) and one line with a link to the full page (new tab)."""
    with_calculator = [a["id"] for a in policy["articles"] if render.has_calculator(policy, a["id"])]
    assert 3 in with_calculator and 5 not in with_calculator  # article 5 has no amount to compute
    for lang in render.LANGS:
        pages = render.render_site(policy, lang=lang)
        nav = str(render.site_nav(policy, lang=lang))
        embeds = {path for path in pages if path.startswith("embed/") and path != "embed/index.md"}
        assert embeds == {f"embed/articles/{n}.md" for n in with_calculator} | {"embed/estimator/index.md"}
        for path in embeds:
            markdown = pages[path]
            assert 'template: "embed.html"' in markdown and "search:\n  exclude: true" in markdown, path
            assert f"'{path}'" not in nav, path
            full = "../../estimator/" if "estimator" in path else f"../../../articles/{path.split('/')[-1][:-3]}/"
            assert f'data-embed="{full}"' in markdown, path
            assert f'<a href="{full}" target="_blank" rel="noopener">' in markdown, path
        assert "'embed/index.md'" in nav
        assert '<div class="policy-calculator" data-article="3" data-embed="../../../articles/3/"></div>' in \
            pages["embed/articles/3.md"]


def test_budget_units_in_chinese_are_the_calculators_names():
    """The budget page's units come from ui.yaml; in Chinese they must stay the calculator's own names (200万元)."""
    from calculator._parameters import UNIT_NAMES
    from site_build.pages.budget import UNIT_KEYS

    assert set(UNIT_KEYS) == set(UNIT_NAMES)
    assert {unit: render.ui(key, "zh") for unit, key in UNIT_KEYS.items()} == {u: n[0] for u, n in UNIT_NAMES.items()}
