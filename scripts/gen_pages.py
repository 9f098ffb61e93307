"""Render every page of the site, in one language, from policy.yaml.

`render_site(policy, lang=...)` returns {docs path: Markdown}; `site_nav(policy, lang=...)` returns the MkDocs nav.
hooks/policy_pages.py feeds both to MkDocs as generated (virtual) files, so policy.yaml is the only source: nothing
is written into docs/ and nothing is hand-copied. Pages are Markdown headings (for the table of contents, permalinks
and search sections) around HTML blocks built here with every text escaped. Interface strings: templates/ui.yaml.

New pages are not written here: each is a Jinja2 template plus its data (scripts/templating.py, scripts/site_pages/),
rendered by render_site with the helpers of `template_context`.

Both languages have the same page paths (the language switch relies on it):
  index.md, parts/<n>/index.md, articles/<n>.md, supplementary/index.md, supplementary/<n>.md,
  estimator/index.md, methodology.md, glossary.md, and the templated pages of scripts/site_pages/
"""
from __future__ import annotations

import posixpath
import re
from dataclasses import dataclass
from decimal import Decimal
from html import escape
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping, Sequence

from markupsafe import Markup

import citations
import templating
from policy_data import uses_term

__all__ = ["LANGS", "UI", "render_site", "site_nav", "page_url", "article_title", "describe_amount", "money",
           "glossary_terms_in", "search_tags", "search_words"]

LANGS = ("zh", "en")
OTHER = MappingProxyType({"zh": "en", "en": "zh"})
# HTML lang attributes of the two texts.
HTML_LANG = MappingProxyType({"zh": "zh", "en": "en"})

# Every interface string of the generated pages, in both languages: templates/ui.yaml.
UI = templating.UI


def ui(key: str, lang: str, **values: Any) -> str:
    """An interface string in `lang`, with {placeholders} filled."""
    try:
        texts = UI[key]
    except KeyError:
        raise KeyError(f"unknown UI string {key!r}: add it to templates/ui.yaml") from None
    return texts[lang].format(**values)


# ---------------------------------------------------------------------------------------------------------------------
# Paths, URLs and labels

def page_url(path: str) -> str:
    """The URL (relative to the site root, directory style) MkDocs gives a docs path."""
    if path == "index.md":
        return ""
    if path.endswith("/index.md"):
        return path[: -len("index.md")]
    return path[: -len(".md")] + "/"


def link(from_path: str, to_path: str, fragment: str = "") -> str:
    """A relative href from one page to another page (and fragment), as the browser resolves directory URLs."""
    here = page_url(from_path)
    target = page_url(to_path)
    relative = posixpath.relpath(target or ".", here or ".") if here else (target or "./")
    if here and relative == ".":
        relative = "./"
    elif relative != "./" and not relative.endswith("/"):
        relative += "/"
    return relative + (f"#{fragment}" if fragment else "")


def article_path(article_id: int) -> str:
    return f"articles/{article_id}.md"


def part_path(part_id: int) -> str:
    return f"parts/{part_id}/index.md"


def provision_path(provision_id: int) -> str:
    return f"supplementary/{provision_id}.md"


SUPPLEMENTARY_PATH = "supplementary/index.md"
ESTIMATOR_PATH = "estimator/index.md"
METHODOLOGY_PATH = "methodology.md"
BUDGET_PATH = "budget/index.md"  # the budget page (site_pages/budget.py), linked from home and methodology
GLOSSARY_PATH = "glossary.md"


def article_label(article: Mapping[str, Any], lang: str) -> str:
    return ui("article", lang, numeral=article["numeral"], id=article["id"])


def article_title(article: Mapping[str, Any], lang: str) -> str:
    separator = "　" if lang == "zh" else " · "
    return f"{article_label(article, lang)}{separator}{article['title'][lang]}"


def part_title(part: Mapping[str, Any], lang: str) -> str:
    separator = "　" if lang == "zh" else " · "
    return f"{ui('part', lang, numeral=part['numeral'], id=part['id'])}{separator}{part['title'][lang]}"


def provision_title(provision: Mapping[str, Any], lang: str) -> str:
    """附则（五）　年度奖补上限 / Provision 5 · Yearly cap: the policy's label and the site's own short title."""
    separator = "　" if lang == "zh" else " · "
    label = ui("supplementary_item", lang, numeral=provision["numeral"], id=provision["id"])
    return f"{label}{separator}{provision['site_title'][lang]}"


def clause_label(clause_id: str, lang: str) -> str:
    """a3-2 -> 3-2 (article clauses); s4-1 -> 附则4-1 / S4-1; n-1 and p-1 stay as they are."""
    kind, number = clause_id[0], clause_id[1:]
    if kind == "a":
        return number
    if kind == "s":
        return ("附则" if lang == "zh" else "S") + number
    return clause_id


def html_escape(text: str) -> str:
    return escape(str(text), quote=True)


def lang_span(text: str, text_lang: str, page_lang: str, *, tag: str = "span", cls: str = "") -> str:
    """Text in `text_lang`, marked with a lang attribute when it differs from the page's language."""
    attributes = f' class="{cls}"' if cls else ""
    if text_lang != page_lang:
        attributes += f' lang="{HTML_LANG[text_lang]}"'
    return f"<{tag}{attributes}>{html_escape(text)}</{tag}>"


def front_matter(title: str, *, boost: float | None = None, hide_toc: bool = False,
                 tags: Iterable[str] = (), search_exclude: bool = False, template: str | None = None) -> str:
    """YAML front matter. The theme renders `title` as the page's h1 (the content has no h1 of its own); `template`
    names another theme template than main.html (overrides/)."""
    lines = ["---", f"title: {_yaml_string(title)}"]
    if template is not None:
        lines.append(f"template: {_yaml_string(template)}")
    tags = list(tags)
    if tags:
        # Material indexes page tags for search (strongly boosted) without showing them as tags: they are what
        # the page shows elsewhere, its glossary terms (terms line) and its awards' titles (award table).
        lines += ["tags:"] + [f"  - {_yaml_string(tag)}" for tag in tags]
    if hide_toc:
        lines += ["hide:", "  - toc"]
    if search_exclude:  # the page repeats text other pages hold: it would only crowd the search results
        lines += ["search:", "  exclude: true"]
    elif boost is not None:
        lines += ["search:", f"  boost: {boost}"]
    return "\n".join(lines + ["---", ""])


def _yaml_string(text: str) -> str:
    return '"' + text.replace("\\", "\\\\").replace('"', '\\"') + '"'


def heading(level: int, text: str, anchor: str) -> str:
    """A Markdown heading with a fixed anchor (attr_list), so links survive translation changes."""
    safe = text.replace("{", "(").replace("}", ")")
    return f"{'#' * level} {safe} {{#{anchor}}}"


# ---------------------------------------------------------------------------------------------------------------------
# Glossary terms and search words

def _forms(entry: Mapping[str, Any]) -> list[str]:
    return list(dict.fromkeys([entry["zh"], *entry.get("match", [])]))


def glossary_terms_in(policy: Mapping[str, Any], chinese_text: str) -> list[tuple[int, Mapping[str, Any]]]:
    """Subject terms of the glossary (index, entry) whose Chinese term or a matching form occurs in the text.

    Names of responsible departments are left out: pages list their departments in their own line, and a
    department's name is no clue to what a page is about (区财政局 is named in 附则 and in many articles).
    """
    departments = {d["zh"] for article in policy["articles"] for d in article["departments"]}
    return [(index, entry) for index, entry in enumerate(policy["glossary"])
            if entry["zh"] not in departments and uses_term(policy["glossary"], index, chinese_text)]


def search_words(policy: Mapping[str, Any]) -> list[str]:
    """Every Chinese glossary form, for the search segmenter (see hooks/policy_pages.py for how they are used)."""
    words: list[str] = []
    for entry in policy["glossary"]:
        for form in _forms(entry):
            word = re.sub(r"[（）()“”\"]", "", form)
            if word and word not in words:
                words.append(word)
    return words


# ---------------------------------------------------------------------------------------------------------------------
# Amounts: how a rule's figures read in the award tables. Display only; no award is computed here.

def _number(value: str) -> str:
    """'200' -> '200', '0.30' -> '0.3', '1300' -> '1,300' in English."""
    number = Decimal(value).normalize()
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return format(number, "f")


def money(amount: Mapping[str, Any], lang: str) -> str:
    """A figure in 万元/亿元 as the policy writes it; English also gives it in CNY."""
    value, unit = amount["value"], amount["unit"]
    if lang == "zh":
        return f"{_number(value)}{unit}"
    multiplier = {"万元": Decimal(10_000), "亿元": Decimal(100_000_000), "元": Decimal(1)}[unit]
    yuan = Decimal(value) * multiplier
    for size, word in ((Decimal(1_000_000_000), "billion"), (Decimal(1_000_000), "million")):
        if yuan >= size:
            return f"CNY {_number(str(yuan / size))} {word}"
    return f"CNY {yuan:,.0f}"


def rate(value: Mapping[str, Any], lang: str) -> str:
    return f"{_number(value['value'])}%"


def _label(item: Mapping[str, Any], lang: str) -> str:
    return item["label"][lang] if isinstance(item.get("label"), Mapping) else str(item.get("label", ""))


def _join(parts: Iterable[str], lang: str) -> str:
    return ("；" if lang == "zh" else "; ").join(parts)


def _rate_and_cap(item: Mapping[str, Any], lang: str, *, maximum: bool) -> str:
    """A rate and its cap. "Up to" a rate only where the rate is a maximum (不超过4%), never for a fixed one (0.3%)."""
    pieces = []
    if "rate" in item:
        pieces.append((("不超过" if lang == "zh" else "up to ") if maximum else "") + rate(item["rate"], lang))
    if "cap" in item:
        pieces.append(("最高" if lang == "zh" else "at most ") + money(item["cap"], lang))
    return ("，" if lang == "zh" else ", ").join(pieces)


def describe_amount(rule: Mapping[str, Any], lang: str) -> str:
    """One line stating a rule's amount, rate and cap as the clause sets them. Unknown kind: loud error naming the rule."""
    kind = rule["kind"]
    colon = "：" if lang == "zh" else ": "
    try:
        describe = _AMOUNT_DESCRIPTIONS[kind]
    except KeyError:
        raise ValueError(f"rule {rule['id']!r}: unknown kind {kind!r}; known: {sorted(_AMOUNT_DESCRIPTIONS)}") from None
    return describe(rule, lang, colon)


def _describe_unquantified(rule: Mapping[str, Any], lang: str, colon: str) -> str:
    return ui("case_by_case", lang)


def _describe_fixed(rule: Mapping[str, Any], lang: str, colon: str) -> str:
    return money(rule["amount"], lang)


def _describe_variants(rule: Mapping[str, Any], lang: str, colon: str) -> str:
    maximum = rule["exactness"] == "maximum"
    if "variants" in rule:
        lines = [f"{_label(v, lang)}{colon}{_rate_and_cap(v, lang, maximum=maximum)}" for v in rule["variants"]]
        if len(rule["variants"]) == 1:
            lines = [_rate_and_cap(rule["variants"][0], lang, maximum=maximum)]
        text = _join(lines, lang)
    else:
        text = _rate_and_cap(rule, lang, maximum=maximum)
    if rule.get("cap_includes_higher_level"):  # 第十九条: 市区两级补助最高不超过1300万元
        text = ui("combined_cap", lang, amount=text)
    if "min_base" in rule:
        threshold = money(rule["min_base"], lang)
        inclusive = rule["min_base"].get("inclusive", True)
        prefix = (f"投资额{threshold}{'（含）' if inclusive else ''}以上；" if lang == "zh"
                  else f"investment of {threshold} or more{'' if inclusive else ' (exclusive)'}; ")
        text = prefix + text
    return text


def _describe_level(rule: Mapping[str, Any], lang: str, colon: str) -> str:
    text = _join((f"{_label(t, lang)}{colon}{money(t['amount'], lang)}" for t in rule["tiers"]), lang)
    if "cap" in rule:
        text += ("；最高" if lang == "zh" else "; at most ") + money(rule["cap"], lang)
    return text


def _describe_matching_ratio(rule: Mapping[str, Any], lang: str, colon: str) -> str:
    ratio = rule["ratio"]
    label = ratio.get("label") or f"1:{_number(ratio['value'])}"
    text = f"按上级资助 {label} 配套" if lang == "zh" else f"{label} match of the higher-level grant"
    if "cap" in rule:
        text += ("，最高" if lang == "zh" else ", at most ") + money(rule["cap"], lang)
    return text


def _describe_per_unit(rule: Mapping[str, Any], lang: str, colon: str) -> str:
    per = rule["per_unit"]
    amount_unit, _, base_unit = per["unit"].partition("/")
    figure = money({"value": per["value"], "unit": amount_unit}, lang)
    up_to = rule["exactness"] == "maximum"  # 第十六条: 最高予以80万元/亩
    text = (f"每{base_unit}{'最高' if up_to else ''}{figure}" if lang == "zh"
            else f"{'up to ' if up_to else ''}{figure} per {'mu' if base_unit == '亩' else base_unit}")
    if "cap" in rule:
        text += ("，最高" if lang == "zh" else ", at most ") + money(rule["cap"], lang)
    return text


def _describe_milestone(rule: Mapping[str, Any], lang: str, colon: str) -> str:
    if lang == "zh":
        return "首次突破" + "；".join(f"{money(m['threshold'], lang)}奖{money(m['amount'], lang)}" for m in rule["milestones"])
    return "first exceeding " + "; ".join(f"{money(m['threshold'], lang)}: {money(m['amount'], lang)}"
                                          for m in rule["milestones"])


def _describe_rate_per_item(rule: Mapping[str, Any], lang: str, colon: str) -> str:
    if lang == "zh":
        text = f"每期{rate(rule['rate'], lang)}，每期最高{money(rule['item_cap'], lang)}"
        if "yearly_cap" in rule:
            text += f"，每年最高{money(rule['yearly_cap'], lang)}"
        return text
    text = f"{rate(rule['rate'], lang)} per issue, at most {money(rule['item_cap'], lang)} per issue"
    if "yearly_cap" in rule:
        text += f", at most {money(rule['yearly_cap'], lang)} a year"
    return text


_AMOUNT_DESCRIPTIONS = MappingProxyType({
    "unquantified": _describe_unquantified,
    "fixed": _describe_fixed,
    "up_to": _describe_variants,
    "rate": _describe_variants,
    "level": _describe_level,
    "matching_ratio": _describe_matching_ratio,
    "per_unit": _describe_per_unit,
    "milestone": _describe_milestone,
    "rate_per_item": _describe_rate_per_item,
})


# ---------------------------------------------------------------------------------------------------------------------
# Building blocks

def clause_rows(clauses: Sequence[Mapping[str, Any]], lang: str, *, title: Mapping[str, str] | None = None,
                permalink: Callable[[str], str] | None = None) -> str:
    """Clauses aligned: page language first, the other beside it (stacked on phones). Each clause is its own anchor.

    With the document's `title`, each clause carries its citation (data-cite, citations.py) and the block the copy
    button's strings; `permalink(clause id)` is the clause's canonical href when it is not this page's #id.
    """
    order = (lang, OTHER[lang])
    column = {"zh": ui("col_zh", lang), "en": ui("col_en", lang)}
    cite_strings = "" if title is None else "".join(
        f' data-{key.replace("_", "-")}="{html_escape(UI[key][lang])}"'
        for key in ("cite_button", "cite_button_label", "cite_copied", "cite_refused"))
    rows = [f'<div class="clauses" lang="{HTML_LANG[lang]}"{cite_strings}>',
            '<div class="clauses__head" aria-hidden="true">'
            + "\n".join(f'<span class="clauses__label">{html_escape(column[text_lang])}</span>' for text_lang in order)
            + "</div>"]
    for clause in clauses:
        label = clause_label(clause["id"], lang)
        cite = "" if title is None else (
            f' data-cite="{html_escape(citations.citation(title, clause["id"], lang, clause_count=len(clauses)))}"'
            + (f' data-permalink="{permalink(clause["id"])}"' if permalink else ""))
        rows.append(
            f'<div class="clause" id="{clause["id"]}"{cite}>'
            f'<a class="clause__link" href="#{clause["id"]}" title="{html_escape(ui("clause_link", lang, label=label))}">'
            f"{html_escape(label)}</a>"
            + "".join(
                f'<p class="clause__text clause__text--{text_lang}"'
                # The other language's text is shown but not indexed: each site's search index holds its own
                # language (plus both languages' glossary terms as page tags), which halves the index's weight.
                + (f' lang="{HTML_LANG[text_lang]}" data-search-exclude' if text_lang != lang else "")
                + f' data-label="{html_escape(column[text_lang])}">{html_escape(clause[text_lang])}</p>'
                for text_lang in order)
            + "</div>")
    rows.append("</div>")
    return "\n".join(rows)


def authoritative_note(lang: str) -> str:
    return f'<p class="authoritative-note">{html_escape(ui("authoritative", lang))}</p>'


def terms_line(policy: Mapping[str, Any], chinese_text: str, *, here: str, lang: str) -> str:
    """The glossary terms found on a page, in both languages, each linking to its glossary entry.

    This line also serves search: a reader's English or Chinese wording of a term (e.g. "R&D", "IPO",
    "green factory") finds the pages that use the term, whatever words the translation chose in the clause.
    """
    found = glossary_terms_in(policy, chinese_text)
    if not found:
        return ""
    items = []
    for index, entry in found:
        href = link(here, GLOSSARY_PATH, f"term-{index + 1}")
        first, second = (entry["zh"], entry["en"]) if lang == "zh" else (entry["en"], entry["zh"])
        items.append(f'<li><a href="{href}">{lang_span(first, lang, lang)}'
                     f' {lang_span(second, OTHER[lang], lang, cls="terms__other")}</a></li>')
    return (f'<div class="terms"><p class="terms__title">{html_escape(ui("terms", lang))}</p>'
            f'<ul class="terms__list">{"".join(items)}</ul></div>')


def search_tags(policy: Mapping[str, Any], chinese_text: str) -> list[str]:
    """The glossary terms of a page, Chinese and English: the words a reader may search for it by."""
    tags: list[str] = []
    for _, entry in glossary_terms_in(policy, chinese_text):
        # Other English renderings (other_en, e.g. "technical renovation") are never used in the text, but readers
        # who know them still find the page.
        tags += [entry["zh"], entry["en"], *entry.get("other_en", [])]
    # Words readers use that the text does not (policy.yaml search_tags): abbreviations, synonyms, questions.
    for entry in policy.get("search_tags") or []:
        if entry["where"] in chinese_text:
            tags += [word for word in entry["words"] if word not in tags]
    return tags


def rules_of(policy: Mapping[str, Any], article_id: int) -> list[Mapping[str, Any]]:
    return [rule for rule in policy.get("rules") or [] if rule["article"] == article_id]


def has_calculator(policy: Mapping[str, Any], article_id: int) -> bool:
    """Whether the article's page carries a calculator widget: it has a rule with an amount."""
    return any(rule["kind"] != "unquantified" for rule in rules_of(policy, article_id))


def award_table(article: Mapping[str, Any], rules: list[Mapping[str, Any]], lang: str) -> str:
    columns = ("col_clause", "col_award", "col_amount", "col_exactness", "col_flags")
    # Cells apart by a newline: the search index reads the page's text, and "ClauseAward" would be one word.
    header = "\n".join(f'<th scope="col">{html_escape(ui(key, lang))}</th>' for key in columns)
    rows = []
    for rule in rules:
        clauses = " ".join(f'<a href="#{c}">{html_escape(clause_label(c, lang))}</a>' for c in rule["clauses"])
        flags = [ui(f"flag_{name}", lang) for name in ("top_up", "matching", "sci_tech") if rule["flags"].get(name)]
        cells = [clauses,
                 f'<strong>{html_escape(rule["title"][lang])}</strong><br>\n{html_escape(rule["who"][lang])}',
                 html_escape(describe_amount(rule, lang)),
                 html_escape(ui(rule["exactness"], lang)),
                 html_escape(" · ".join(flags)) if flags else "—"]
        # data-label: on phones each row is shown as a card with its column names (pages.css).
        rows.append(f'<tr id="rule-{html_escape(rule["id"]).replace(".", "-")}">'
                    + "\n".join(f'<td data-label="{html_escape(ui(key, lang))}">{cell}</td>'
                              for key, cell in zip(columns, cells))
                    + "</tr>")
    caption = ui("awards_caption", lang, numeral=article["numeral"], id=article["id"])
    # No class on the table itself: Material styles (and makes scrollable) only tables without one.
    return (f'<div class="award-table">\n<table>\n<caption>{html_escape(caption)}</caption>\n'
            f"<thead><tr>{header}</tr></thead>\n<tbody>\n" + "\n".join(rows) + "\n</tbody>\n</table>\n</div>")


def pager(items: Sequence[Mapping[str, Any]], index: int, *, here: str, path_of: Callable[[int], str],
          title_of: Callable[[Mapping[str, Any], str], str], lang: str) -> str:
    """Links to the items before and after items[index] (articles or provisions), where there are any."""
    cells = []
    for key, neighbour in (("previous", index - 1), ("next", index + 1)):
        if 0 <= neighbour < len(items):
            target = items[neighbour]
            cells.append(f'<a class="article-pager__{key}" href="{link(here, path_of(target["id"]))}">'
                         f'<span class="article-pager__dir">{html_escape(ui(key, lang))}</span> '
                         f"{html_escape(title_of(target, lang))}</a>")
    links = "\n".join(cells)  # apart, so that the search index does not read "…projectsNext Article 4"
    return f'<nav class="article-pager" aria-label="{html_escape(ui("article_nav", lang))}">{links}</nav>'


def overview_item(href: str, title: str, first_clause: Mapping[str, Any], lang: str) -> str:
    """One entry of a part's or the 附则's list: the linked title and the first sentence of its first clause."""
    summary = one_line(first_clause[lang], limit=60 if lang == "zh" else 140)
    return (f'<li><a href="{href}">{html_escape(title)}</a>\n'
            f'<span class="overview-list__line">{html_escape(summary)}</span></li>')


def one_line(text: str, *, limit: int) -> str:
    """The first sentence-like piece of a clause, cut to `limit` characters, for overview lists."""
    piece = re.split(r"(?<=[。；;])|(?<=\.)\s", text, maxsplit=1)[0].strip()
    if len(piece) > limit:
        cut = piece[:limit]
        if " " in cut and re.search(r"[A-Za-z]", cut):
            cut = cut.rsplit(" ", 1)[0]
        piece = cut.rstrip("，,、；; ") + "…"
    return piece


# ---------------------------------------------------------------------------------------------------------------------
# Pages

@dataclass(frozen=True)
class _Site:
    policy: Mapping[str, Any]
    lang: str

    @property
    def articles(self) -> list[Mapping[str, Any]]:
        return list(self.policy["articles"])

    def part(self, part_id: int) -> Mapping[str, Any]:
        return next(p for p in self.policy["parts"] if p["id"] == part_id)


def _article_page(site: _Site, index: int) -> str:
    lang, policy = site.lang, site.policy
    articles = site.articles
    article = articles[index]
    here = article_path(article["id"])
    part = site.part(article["part"])
    rules = rules_of(policy, article["id"])
    title = article_title(article, lang)
    chinese = article["title"]["zh"] + "".join(c["zh"] for c in article["clauses"])
    # Search tags: the page's glossary terms and its awards' titles, in both languages.
    tags = search_tags(policy, chinese) + [rule["title"][tag_lang] for rule in rules for tag_lang in LANGS]
    out = [front_matter(title, boost=2, hide_toc=True, tags=tags)]
    if lang != "zh":
        out += [f'<p class="original-title" lang="zh">{html_escape(article_title(article, "zh"))}</p>', ""]
    departments = "、".join if lang == "zh" else ", ".join
    out += [
        # One term or description a line: the search index takes the text as it stands, and "Part" + "Part 1"
        # written without a break between them would read "PartPart 1" in the result snippets.
        '<dl class="article-meta">\n'
        f'<dt>{html_escape(ui("in_part", lang))}</dt>\n'
        f'<dd><a href="{link(here, part_path(part["id"]))}">{html_escape(part_title(part, lang))}</a></dd>\n'
        f'<dt>{html_escape(ui("departments", lang))}</dt>\n'
        f'<dd>{html_escape(departments(d[lang] for d in article["departments"]))}</dd>\n'
        "</dl>",
        "",
        heading(2, ui("clauses", lang), "text"), "",
        authoritative_note(lang), "",
        clause_rows(article["clauses"], lang, title=policy["document"]["title"]), "",
        heading(2, ui("awards", lang), "awards"), "",
    ]
    if rules:
        out += [award_table(article, rules, lang), ""]
    else:
        out += [f"<p>{html_escape(ui('no_awards', lang))}</p>", ""]
    if has_calculator(policy, article["id"]):
        out += [f'<div class="policy-calculator" data-article="{article["id"]}"></div>', ""]
    notes = [rule for rule in rules if rule.get("interpretation")]
    translator_notes = [clause for clause in article["clauses"] if clause.get("note")]
    if notes or translator_notes:
        out += [heading(2, ui("interpretation", lang), "interpretation"), "", '<ul class="interpretations">']
        colon = "：" if lang == "zh" else ": "
        out += [f'<li id="note-{clause["id"]}"><a href="#{clause["id"]}"><strong>'
                f'{html_escape(ui("translator_note", lang, label=clause_label(clause["id"], lang)))}</strong></a>'
                f'{colon}{html_escape(clause["note"][lang])}</li>' for clause in translator_notes]
        out += [f'<li><strong>{html_escape(rule["title"][lang])}</strong>：{html_escape(rule["interpretation"][lang])}</li>'
                if lang == "zh" else
                f'<li><strong>{html_escape(rule["title"][lang])}</strong>: {html_escape(rule["interpretation"][lang])}</li>'
                for rule in notes]
        out += ["</ul>", ""]
    out += [terms_line(policy, chinese, here=here, lang=lang), ""]
    out += [pager(articles, index, here=here, path_of=article_path, title_of=article_title, lang=lang), ""]
    return "\n".join(out)


def _part_page(site: _Site, part: Mapping[str, Any]) -> str:
    lang = site.lang
    here = part_path(part["id"])
    title = part_title(part, lang)
    out = [front_matter(title, boost=0.5, hide_toc=True)]
    if lang != "zh":
        out += [f'<p class="original-title" lang="zh">{html_escape(part_title(part, "zh"))}</p>', ""]
    out += [heading(2, ui("articles_in_part", lang), "articles"), "", '<ul class="overview-list">']
    for article in site.articles:
        if article["part"] != part["id"]:
            continue
        out.append(overview_item(link(here, article_path(article["id"])), article_title(article, lang),
                                 article["clauses"][0], lang))
    out += ["</ul>", ""]
    return "\n".join(out)


def _supplementary_page(site: _Site) -> str:
    lang = site.lang
    supplementary = site.policy["supplementary"]
    title = supplementary["title"][lang]
    out = [front_matter(title, boost=0.5, hide_toc=True)]
    if lang != "zh":
        out += [f'<p class="original-title" lang="zh">{html_escape(supplementary["title"]["zh"])}</p>', ""]
    out += [heading(2, ui("provisions", lang), "provisions"), "", '<ul class="overview-list">']
    for provision in supplementary["provisions"]:
        out.append(overview_item(link(SUPPLEMENTARY_PATH, provision_path(provision["id"])),
                                 provision_title(provision, lang), provision["clauses"][0], lang))
    out += ["</ul>", ""]
    return "\n".join(out)


def _provision_page(site: _Site, index: int) -> str:
    lang, policy = site.lang, site.policy
    provisions = policy["supplementary"]["provisions"]
    provision = provisions[index]
    here = provision_path(provision["id"])
    title = f'{policy["supplementary"]["title"][lang]} · {provision_title(provision, lang)}' if lang != "zh" \
        else provision_title(provision, lang)
    chinese = "".join(c["zh"] for c in provision["clauses"])
    out = [front_matter(title, boost=2, hide_toc=True, tags=search_tags(policy, chinese))]
    if lang != "zh":
        out += [f'<p class="original-title" lang="zh">附则（{html_escape(provision["numeral"])}）</p>', ""]
    out += [f'<p class="site-title-note">'
            f'{html_escape(ui("site_title_note", lang, title=provision["site_title"][lang]))}</p>', ""]
    out += [heading(2, ui("clauses", lang), "text"), "", authoritative_note(lang), "",
            clause_rows(provision["clauses"], lang, title=policy["document"]["title"]), ""]
    out += [terms_line(policy, chinese, here=here, lang=lang), ""]
    out += [pager(provisions, index, here=here, path_of=provision_path, title_of=provision_title, lang=lang), ""]
    return "\n".join(out)


def _home_page(site: _Site) -> str:
    lang, policy = site.lang, site.policy
    document = policy["document"]
    here = "index.md"
    title = document["title"][lang]
    # The home page is where generic questions about the policy itself (who issued it, when) should land. Its nav
    # label is 首页/Home, so its h1 (the policy's title) is in the content rather than taken from the page title.
    out = [front_matter(title, boost=3, hide_toc=True), f"<h1>{html_escape(title)}</h1>", ""]
    if lang != "zh":
        out += [f'<p class="original-title" lang="zh">{html_escape(document["title"]["zh"])}</p>', ""]
    out += [f'<p class="home-intro">{html_escape(ui("home_intro", lang))}</p>', ""]
    # The first thing to do: the self-check (site_pages/self_check_page.py) points to the awards that may apply.
    questions = len(policy["self_check"]["questions"])
    out += [f'<div class="home-start"><a class="md-button md-button--primary" href="{link(here, "self-check/index.md")}">'
            f'{html_escape(ui("home_start", lang))}</a><p>{html_escape(ui("home_start_text", lang, count=questions))}</p>'
            "</div>", ""]
    in_force = _date(document["in_force_from"], lang)
    applies = _date(document["applies_to_events_from"], lang)
    facts = [
        ("issuers", "、".join(i[lang] for i in document["issuers"]) if lang == "zh"
         else "; ".join(i[lang] for i in document["issuers"])),
        ("in_force", in_force),
        ("applies_from", ui("applies_from_text", lang, date=applies)),
        ("parent_plan", document["parent_plan"][lang]),
    ]
    out += ['<dl class="home-facts">'
            + "".join(f"\n<dt>{html_escape(ui(key, lang))}</dt>\n<dd>{html_escape(value)}</dd>" for key, value in facts)
            + "</dl>", ""]
    out += [heading(2, ui("contents", lang), "contents"), "", '<ul class="home-cards">']
    for part in policy["parts"]:
        count = sum(1 for a in policy["articles"] if a["part"] == part["id"])
        out.append(f'<li><a href="{link(here, part_path(part["id"]))}">{html_escape(part_title(part, lang))}</a>\n'
                   f'<span>{html_escape(ui("articles_count", lang, count=count))}</span></li>')
    supplementary = policy["supplementary"]
    out.append(f'<li><a href="{link(here, SUPPLEMENTARY_PATH)}">{html_escape(supplementary["title"][lang])}</a>\n'
               f'<span>{html_escape(ui("provisions_count", lang, count=len(supplementary["provisions"])))}</span></li>')
    out += ["</ul>", "", heading(2, ui("tools", lang), "tools"), "", '<ul class="home-cards home-cards--tools">']
    for key, path in (("estimator", ESTIMATOR_PATH), ("budget", BUDGET_PATH), ("full_text", "full-text/index.md"),
                      ("apply", "apply/index.md"), ("methodology", METHODOLOGY_PATH), ("glossary", GLOSSARY_PATH), ("about", "about/index.md")):
        out.append(f'<li><a href="{link(here, path)}">{html_escape(ui(key, lang))}</a>\n'
                   f'<span>{html_escape(ui(key + "_link_text", lang))}</span></li>')
    out += ["</ul>", "", heading(2, ui("notice_preamble", lang), "notice"), "",
            f'<p class="notice-title"><strong>{html_escape(document["notice"]["title"][lang])}</strong><br>\n'
            f'{html_escape(ui("to", lang))}{"：" if lang == "zh" else ": "}{html_escape(document["notice"]["addressees"][lang])}</p>',
            "", clause_rows(document["notice"]["clauses"], lang, title=document["title"]), "",
            heading(3, ui("preamble", lang), "preamble"), "",
            clause_rows(document["preamble"]["clauses"], lang, title=document["title"]), ""]
    return "\n".join(out)


def _date(iso: str, lang: str) -> str:
    year, month, day = (int(x) for x in str(iso).split("-"))
    if lang == "zh":
        return f"{year}年{month}月{day}日"
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    return f"{day} {months[month - 1]} {year}"


def _glossary_page(site: _Site) -> str:
    lang, policy = site.lang, site.policy
    title = ui("glossary", lang)
    out = [front_matter(title, boost=0.3, hide_toc=True), f"<p>{html_escape(ui('glossary_intro', lang))}</p>", ""]
    first, second = ("col_term_zh", "col_term_en") if lang == "zh" else ("col_term_en", "col_term_zh")
    header = "\n".join(f'<th scope="col">{html_escape(ui(key, lang))}</th>'
                     for key in (first, second, "col_note", "col_appears"))
    rows = []
    departments = {d["zh"] for article in policy["articles"] for d in article["departments"]}
    for index, entry in enumerate(policy["glossary"]):
        if entry["zh"] in departments:  # a department: the articles it is responsible for
            appears = [a for a in policy["articles"] if entry["zh"] in {d["zh"] for d in a["departments"]}]
        else:
            appears = [a for a in policy["articles"] if uses_term(
                policy["glossary"], index, a["title"]["zh"] + "".join(c["zh"] for c in a["clauses"]))]
        links = " ".join(f'<a href="{link(GLOSSARY_PATH, article_path(a["id"]))}">{html_escape(article_label(a, lang))}</a>'
                         for a in appears) or "—"
        a_text, b_text = (entry["zh"], entry["en"]) if lang == "zh" else (entry["en"], entry["zh"])
        rows.append(f'<tr id="term-{index + 1}"><th scope="row">{lang_span(a_text, lang, lang)}</th>\n'
                    f"<td>{lang_span(b_text, OTHER[lang], lang)}</td>\n"
                    f"<td>{html_escape(entry['note'][lang])}</td>\n<td>{links}</td></tr>")
    out += [f'<div class="glossary-table">\n<table>\n<thead><tr>{header}</tr></thead>\n<tbody>\n'
            + "\n".join(rows) + "\n</tbody>\n</table>\n</div>", ""]
    return "\n".join(out)


# The methodology page's prose; the interpretations and departments come from policy.yaml.
METHODOLOGY: Mapping[str, Mapping[str, str]] = MappingProxyType({key: MappingProxyType(value) for key, value in {
    "not_official": {
        "zh": "本站的测算只是根据您填写的情况对政策条文的估算，不是官方决定，也不构成任何承诺。能否获得奖励、金额多少，"
              "以各责任单位按实施办法或操作细则审核认定的结果为准。",
        "en": "The estimates on this site apply the policy's text to the facts you enter. They are not an official "
              "decision and promise nothing: whether an award is granted, and how much, is decided by the responsible "
              "departments under their implementing rules."},
    "how_title": {"zh": "测算如何进行", "en": "How an estimate is computed"},
    "how": {
        "zh": "政策的每一项奖励都在 policy.yaml 中写成带类型的规则（定额、按比例并封顶、分档、累进补差、配套等），并注明出自哪一款。"
              "测算引擎（calculator，纯 Python 标准库）在您的浏览器中通过 Pyodide 运行，与测试所用的代码完全相同："
              "金额以十进制精确计算，不用浮点数，每一项只在最后按四舍五入（ROUND_HALF_UP）取整到分一次。每一个结果都列出所依据的条款和触发的条件。",
        "en": "Every award of the policy is written in policy.yaml as a typed rule (fixed amount, rate with a cap, "
              "amounts by tier, progressive top-up, matching, and so on) naming the clause it comes from. The calculation engine "
              "(calculator, pure standard-library Python) runs in your browser under Pyodide, the very code the tests "
              "run: amounts are exact decimals, never floating point, each rounded once, at the end, to the fen (ROUND_HALF_UP). Each "
              "figure lists the clause it rests on and the condition that applied."},
    "storage_title": {"zh": "本站在您的浏览器中保存什么", "en": "What this site keeps in your browser"},
    "storage": {
        "zh": "您填写的内容只在您的浏览器中计算，不发送到任何服务器。为了离线可用和加快打开速度，浏览器会保存："
              "您打开过的页面和测算所需的 Python 运行环境（约14 MB）；第一次测算后 Python 运行环境的内存快照（约30 MB），"
              "使在新标签页中或下次访问时打开的条文页面不必重新启动 Python（在本站内点击链接时 Python 一直保持运行，下一条的测算立即可用）；"
              "以及您在测算中填写的内容（仅在本机，可随时清除）。"
              "网站更新后，旧的副本会被删除。清除浏览器的网站数据即可删除全部内容。",
        "en": "What you enter is calculated in your browser only and is never sent to a server. To work offline and "
              "to open faster, your browser keeps: the pages you have opened and the Python runtime the calculator "
              "needs (about 14 MB); after the first calculation, a memory snapshot of that runtime (about 30 MB), so "
              "that an article opened in a new tab or on a later visit does not start Python again (links within the "
              "site keep Python running, so the next article's calculator is ready at once); and what you typed into the calculator (on this device only; you can clear it at any time). "
              "When the site is updated, old copies are deleted. Clearing this site's data in your browser removes "
              "all of it."},
    "order_title": {"zh": "附则的适用顺序", "en": "How the Supplementary Provisions are applied"},
    "order": {
        "zh": "企业综合测算依次处理：不享受本政策的情形（附则二、三）；享受综合扶持的企业不再享受面上政策（附则四）；"
              "逐条计算各项奖励；累进补差只补差额；“从高、不重复”（附则四，科技类与配套奖励除外）；最后是年度上限：当年度补助和奖励累计原则上不超过对本区财政的实际贡献（附则五）。"
              "每一项扣减都会说明原因。",
        "en": "The whole-company estimator applies, in order: the cases excluded from the policy (Provisions 2 and 3); "
              "no general support policies for a company under comprehensive support (Provision 4); each article's "
              "awards; progressive top-up paying only the difference; \u201ctake the higher, no duplication\u201d "
              "(Provision 4; sci-tech and matching awards exempt); and last the yearly cap: the year's subsidies and "
              "awards should in principle not exceed the company's actual fiscal contribution to the district "
              "(Provision 5). Every reduction says why."},
    "interpretations_title": {"zh": "本站作出的解读", "en": "Interpretations made by this site"},
    "interpretations": {
        "zh": "条文有多种读法时，测算按下列理解进行。如与主管部门的理解不同，以主管部门为准。",
        "en": "Where the text can be read more than one way, the estimates follow the readings below. Where a "
              "department reads it differently, the department is right."},
    "cross_cutting": {"zh": "附则", "en": "Supplementary Provisions"},
    "sci_tech_title": {"zh": "哪些奖励属于“科技类型奖励补助”", "en": "Which awards are \u201cscience and technology awards\u201d"},
    "sci_tech": {
        "zh": "附则四规定“从高、不重复”不含科技类型奖励补助。本站逐项判断如下（“是”即不适用从高、不重复）：",
        "en": "Provision 4 exempts science and technology awards from \u201ctake the higher, no duplication\u201d. "
              "This site reads each candidate as follows (\u201cyes\u201d: take-the-higher does not apply):"},
    "yes": {"zh": "是", "en": "yes"},
    "no": {"zh": "否", "en": "no"},
    "ask_title": {"zh": "向谁咨询", "en": "Whom to ask"},
    "ask": {
        "zh": "本政策各条款由区财政局和对应业务主管部门负责解释（附则一）。各条的责任单位如下：",
        "en": "The District Finance Bureau and the competent department of each article interpret this policy "
              "(Provision 1). The departments responsible for each article:"},
    "search_title": {"zh": "本站搜索如何工作", "en": "How this site's search works"},
    "search": {
        "zh": "搜索完全在浏览器中进行。生成网站时用 jieba 对中文分词；术语表中的每个中文术语都作为分词词典的词条："
              "由两个以上常用词组成的术语（如“技术改造”）按组成词切分，使“改造”也能找到它；三个字以内的简称（如“小巨人”“首版次”）保持为一个词。"
              "每个页面末尾列出本页出现的术语及其英文译法；这些术语和本条各项奖励的名称（中英文）也作为页面的检索标签，因此“R&D”“IPO”“科技创新券”等说法也能找到对应条文。"
              "中文站的索引收录中文条文，英文站收录英文译文，两者都收录术语的中英文。"
              "索引还收录每个词内部的词（“工业用地”中的“用地”、“知识产权”中的“产权”），但不收录跨越词界的字串（如“识产”），所以搜索结果都含有所搜的词。"
              "读者常用而原文没有的说法（如“技改”“国高”“上限”“怎么申请”）也作为检索标签；附则各项另有本站所加的简短标题（如“附则（五）　年度奖补上限”），页面中注明不属于政策原文。"
              "输入多个词（以空格分开）时，含有全部各词的页面排在前面。英文按整词匹配（“cap”不会找到“capacity”），只有正在输入的最后一个词（四个字母以上）按前缀匹配。",
        "en": "Search runs entirely in your browser. When the site is built, jieba segments the Chinese text, and "
              "every Chinese term of the glossary is a dictionary entry: a term made of two or more common words "
              "(such as 技术改造, technological upgrading) is split into them, so that 改造 alone finds it too, while an "
              "abbreviation of three characters or fewer (such as 小巨人, Little Giant, or 首版次, first edition) stays one word. Each page ends with the glossary terms it uses "
              "and their renderings in the other language; these terms and the titles of the article's awards, in both "
              "languages, are also the page's search tags, so wordings such as \u201cR&D\u201d, \u201cIPO\u201d "
              "or \u201cscience and technology innovation voucher\u201d find the article as well. The Chinese "
              "site indexes the Chinese text, the English site the English translation; both index the terms in "
              "both languages. The index also holds the words inside each word (用地 in 工业用地, 产权 in 知识产权) "
              "but no string that spans two of them (识产), so every result holds what you searched for. Words "
              "readers use that the text does not (技改, 国高, “cap”, “stacking”, “how to "
              "apply”) are search tags too, and each of the Supplementary Provisions has a short title of this site's "
              "own (“Provision 5 · Yearly cap”), marked as such on its page. With several words "
              "(separated by spaces), pages holding all of them come first. English words match whole words and "
              "their inflections (“cap” never finds “capacity”); only the last word, while you "
              "are still typing it (four letters or more), also matches the words it begins."},
}.items()})


def _sci_tech_reading(site: _Site, text: Callable[[str], str]) -> list[str]:
    """附则四's 科技类型 list from policy.yaml (cross_cutting.take_higher.sci_tech_reading): each award, yes/no, why."""
    entries = ((site.policy.get("cross_cutting") or {}).get("take_higher") or {}).get("sci_tech_reading") or []
    if not entries:
        return []
    rules = {rule["id"]: rule for rule in site.policy.get("rules") or []}
    articles = {a["id"]: a for a in site.policy["articles"]}
    colon = "：" if site.lang == "zh" else ": "
    out = [heading(2, text("sci_tech_title"), "sci-tech"), "", f"<p>{html_escape(text('sci_tech'))}</p>", "", '<ul class="sci-tech">']
    names = "、".join if site.lang == "zh" else ", ".join
    for entry in entries:
        by_article: dict[int, list[str]] = {}
        for rule_id in entry["rules"]:  # each article linked once, then its awards
            by_article.setdefault(rules[rule_id]["article"], []).append(html_escape(rules[rule_id]["title"][site.lang]))
        awards = "; ".join(f'<a href="{link(METHODOLOGY_PATH, article_path(article))}">'
                           f'{html_escape(article_label(articles[article], site.lang))}</a> {names(titles)}'
                           for article, titles in by_article.items())
        verdict = text("yes") if entry["sci_tech"] else text("no")
        out.append(f"<li>{awards}{colon}<strong>{verdict}</strong>。{html_escape(entry['reason'][site.lang])}</li>"
                   if site.lang == "zh" else f"<li>{awards}{colon}<strong>{verdict}</strong>. {html_escape(entry['reason'][site.lang])}</li>")
    return out + ["</ul>", ""]


def _methodology_page(site: _Site) -> str:
    lang, policy = site.lang, site.policy
    here = METHODOLOGY_PATH

    def text(key: str) -> str:
        return METHODOLOGY[key][lang]

    title = ui("methodology", lang)
    out = [front_matter(title, boost=0.3),
           f'<div class="admonition warning"><p>{html_escape(text("not_official"))}</p></div>', "",
           heading(2, text("how_title"), "how"), "", f"<p>{html_escape(text('how'))}</p>", "",
           heading(2, text("storage_title"), "storage"), "", f"<p>{html_escape(text('storage'))}</p>", "",
           heading(2, text("order_title"), "order"), "", f"<p>{html_escape(text('order'))}</p>", "",
           heading(2, ui("methodology_budget_title", lang), "budget"), "",
           f'<p>{html_escape(ui("methodology_budget", lang))}</p>', "",
           f'<p><a href="{link(here, BUDGET_PATH)}">{html_escape(ui("budget", lang))}</a></p>', "",
           heading(2, text("interpretations_title"), "interpretations"), "",
           f"<p>{html_escape(text('interpretations'))}</p>", "", '<ul class="interpretations">']
    articles = {a["id"]: a for a in policy["articles"]}
    colon = "：" if lang == "zh" else ": "
    for rule in policy.get("rules") or []:
        if rule.get("interpretation"):
            article = articles[rule["article"]]
            out.append(f'<li><a href="{link(here, article_path(article["id"]))}">{html_escape(article_label(article, lang))}</a>'
                       f' <strong>{html_escape(rule["title"][lang])}</strong>{colon}{html_escape(rule["interpretation"][lang])}</li>')
    provisions = {p["id"]: p for p in policy["supplementary"]["provisions"]}
    for item in (policy.get("cross_cutting") or {}).values():
        if isinstance(item, Mapping) and isinstance(item.get("interpretation"), Mapping):
            clause = str(item.get("clause", ""))
            match = re.fullmatch(r"s(\d+)-\d+", clause)
            if match and int(match.group(1)) in provisions:  # link the provision the reading is about
                provision = provisions[int(match.group(1))]
                target = link(here, provision_path(provision["id"]), clause)
                label = provision_title(provision, lang)
            else:
                target, label = link(here, SUPPLEMENTARY_PATH), text("cross_cutting")
            out.append(f'<li><a href="{target}">{html_escape(label)}</a>'
                       f"{colon}{html_escape(item['interpretation'][lang])}</li>")
    out += ["</ul>", "", *_sci_tech_reading(site, text), heading(2, text("ask_title"), "ask"), "",
            f"<p>{html_escape(text('ask'))}</p>", "", '<ul class="departments">']
    departments: dict[str, tuple[Mapping[str, str], list[Mapping[str, Any]]]] = {}
    for article in policy["articles"]:
        for department in article["departments"]:
            departments.setdefault(department["zh"], (department, []))[1].append(article)
    for department, dept_articles in departments.values():
        links = " ".join(f'<a href="{link(here, article_path(a["id"]))}">{html_escape(article_label(a, lang))}</a>'
                         for a in dept_articles)
        name = department[lang] if lang == "zh" else f'{department["en"]} ({department["zh"]})'
        out.append(f"<li><strong>{html_escape(name)}</strong>{colon}{links}</li>")
    out += ["</ul>", "", heading(2, text("search_title"), "search"), "", f"<p>{html_escape(text('search'))}</p>", ""]
    return "\n".join(out)


# ---------------------------------------------------------------------------------------------------------------------
# Templated pages (scripts/templating.py, scripts/site_pages/)

def template_context(policy: Mapping[str, Any], lang: str, here: str) -> dict[str, Any]:
    """What every page template sees, bound to its language and its own docs path.

    Helpers that build HTML escape their text themselves and return Markup; everything else is escaped on output.
    """
    return {
        "policy": policy, "lang": lang, "other_lang": OTHER[lang], "here": here, "langs": LANGS,
        "ui": lambda key, **values: ui(key, lang, **values),
        "link": lambda to_path, fragment="": link(here, to_path, fragment),
        "paths": {"home": "index.md", "supplementary": SUPPLEMENTARY_PATH, "estimator": ESTIMATOR_PATH,
                  "methodology": METHODOLOGY_PATH, "glossary": GLOSSARY_PATH},
        "article_path": article_path, "part_path": part_path, "provision_path": provision_path,
        "article_label": lambda article: article_label(article, lang),
        "article_title": lambda article, in_lang=lang: article_title(article, in_lang),
        "part_title": lambda part, in_lang=lang: part_title(part, in_lang),
        "provision_title": lambda provision, in_lang=lang: provision_title(provision, in_lang),
        "clause_label": lambda clause_id: clause_label(clause_id, lang),
        "date": lambda iso: _date(iso, lang),
        "money": lambda amount: money(amount, lang),
        "describe_amount": lambda rule: describe_amount(rule, lang),
        "heading": lambda level, text, anchor: Markup(heading(level, html_escape(text), anchor)),
        "lang_span": lambda text, text_lang, tag="span", cls="": Markup(lang_span(text, text_lang, lang, tag=tag, cls=cls)),
        "clause_rows": lambda clauses, permalink=None: Markup(clause_rows(
            clauses, lang, title=policy["document"]["title"],
            permalink=None if permalink is None else (lambda clause_id: link(here, permalink, clause_id)))),
        "authoritative_note": lambda: Markup(authoritative_note(lang)),
    }


def render_template_page(page: templating.TemplatePage, policy: Mapping[str, Any], lang: str) -> str:
    """Front matter from the page's settings, then its template rendered with the common context and its own data."""
    context = template_context(policy, lang, page.path)
    clash = set(context) & set(data := page.data(policy, lang))
    if clash:
        raise ValueError(f"{page.path}: page data {sorted(clash)} would hide names every template uses")
    title = ui(page.title, lang, **page.title_values(policy, lang))
    matter = front_matter(title, boost=page.boost, hide_toc=page.hide_toc, tags=page.tags(policy, lang),
                          search_exclude=page.search_exclude, template=page.page_template)
    return matter + "\n" + templating.render_template(page.template, {**context, **data})


def _template_pages(policy: Mapping[str, Any]) -> tuple[templating.TemplatePage, ...]:
    """The templated pages: the fixed ones, then those made from policy.yaml (one per article, ...)."""
    # Imported here, not at the top: the page modules use this module's helpers.
    from site_pages import TEMPLATE_PAGE_SETS, TEMPLATE_PAGES
    return TEMPLATE_PAGES + tuple(page for pages_of in TEMPLATE_PAGE_SETS for page in pages_of(policy))


def render_site(policy: Mapping[str, Any], *, lang: str) -> dict[str, str]:
    """Every page of one language: {docs path: Markdown}."""
    if lang not in LANGS:
        raise ValueError(f"unknown language {lang!r}; expected one of {LANGS}")
    site = _Site(policy, lang)
    pages = {"index.md": _home_page(site)}
    for part in policy["parts"]:
        pages[part_path(part["id"])] = _part_page(site, part)
    for index, article in enumerate(policy["articles"]):
        pages[article_path(article["id"])] = _article_page(site, index)
    pages[SUPPLEMENTARY_PATH] = _supplementary_page(site)
    for index, provision in enumerate(policy["supplementary"]["provisions"]):
        pages[provision_path(provision["id"])] = _provision_page(site, index)
    # The policy's own pages first, in document order; then the others in nav order. MkDocs keeps this order, in
    # the search index too.
    others = {METHODOLOGY_PATH: _methodology_page(site), GLOSSARY_PATH: _glossary_page(site)}
    for page in _template_pages(policy):
        if page.path in pages or page.path in others:
            raise ValueError(f"templated page {page.path} ({page.template}) has the path of a generated page")
        others[page.path] = render_template_page(page, policy, lang)
    order = {path: index for index, path in enumerate(_nav_paths(site_nav(policy, lang=lang)))}
    return pages | dict(sorted(others.items(), key=lambda item: order.get(item[0], len(order))))


def _nav_paths(nav: Iterable[Any]) -> Iterable[str]:
    for item in nav:
        if isinstance(item, str):
            yield item
        else:
            for value in item.values():
                yield from (_nav_paths(value) if isinstance(value, list) else [value])


def site_nav(policy: Mapping[str, Any], *, lang: str) -> list[Any]:
    """The MkDocs nav: home, a section per part (its overview page first), 附则, estimator, methodology, glossary."""
    nav: list[Any] = [{ui("home", lang): "index.md"}]
    for part in policy["parts"]:
        children: list[Any] = [part_path(part["id"])]
        children += [{article_title(a, lang): article_path(a["id"])}
                     for a in policy["articles"] if a["part"] == part["id"]]
        nav.append({part_title(part, lang): children})
    supplementary = policy["supplementary"]
    nav.append({supplementary["title"][lang]: [SUPPLEMENTARY_PATH] + [
        {provision_title(p, lang): provision_path(p["id"])} for p in supplementary["provisions"]]})
    nav += [{ui("methodology", lang): METHODOLOGY_PATH}, {ui("glossary", lang): GLOSSARY_PATH}]
    for page in _template_pages(policy):
        if page.nav_after is not None:
            _nav_insert(nav, page.nav_after, {ui(page.title, lang): page.path})
    return nav


def _nav_insert(nav: list[Any], after: str, entry: Mapping[str, str]) -> None:
    """Put `entry` right after the top-level nav entry for docs path `after` (a section: its first page)."""
    for index, item in enumerate(nav):
        target = next(iter(item.values())) if isinstance(item, Mapping) else item
        if isinstance(target, list):
            target = target[0]
        if target == after:
            nav.insert(index + 1, dict(entry))
            return
    raise ValueError(f"nav: no entry for {after!r} to place {dict(entry)} after")
