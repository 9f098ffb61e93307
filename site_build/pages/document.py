"""The policy's own pages, in document order: home (the notice and preamble), a page per part (its articles), per
article (clauses, awards, calculator, notes), the 附则's overview and a page per provision.

Each is a TemplatePage (templates/home.md.j2, part.md.j2, article.md.j2, supplementary.md.j2, provision.md.j2) with
the data below; the nav places them itself (render.site_nav: a section per part, one for 附则).
"""
from __future__ import annotations

from typing import Any, Callable, Mapping, Sequence

from site_build.glossary_terms import search_tags
from site_build.labels import article_title, date, part_title, provision_title
from site_build.page_paths import (ABOUT_PATH, BUDGET_PATH, ESTIMATOR_PATH, FULL_TEXT_PATH, GLOSSARY_PATH, HOME_PATH,
                        METHODOLOGY_PATH, SUPPLEMENTARY_PATH, article_path, part_path, provision_path)
from site_build.templating import LANGS, TemplatePage, ui

__all__ = ["document_pages", "rules_of", "has_calculator"]

# The home page's tools: (UI key of the name, docs path); each has a `<key>_link_text` line.
HOME_TOOLS = (("estimator", ESTIMATOR_PATH), ("budget", BUDGET_PATH), ("full_text", FULL_TEXT_PATH),
              ("apply", "apply/index.md"), ("methodology", METHODOLOGY_PATH), ("glossary", GLOSSARY_PATH),
              ("about", ABOUT_PATH))


def rules_of(policy: Mapping[str, Any], article_id: int) -> list[Mapping[str, Any]]:
    return [rule for rule in policy.get("rules") or [] if rule["article"] == article_id]


def has_calculator(policy: Mapping[str, Any], article_id: int) -> bool:
    """Whether the article's page carries a calculator widget: it has a rule with an amount."""
    return any(rule["kind"] != "unquantified" for rule in rules_of(policy, article_id))


def _neighbours(items: Sequence[Mapping[str, Any]], index: int, path_of: Callable[[int], str],
                title_of: Callable[[Mapping[str, Any], str], str], lang: str) -> list[tuple[str, str, str]]:
    """The pager's links: (previous|next, docs path, title) of the items before and after items[index]."""
    return [(key, path_of(items[neighbour]["id"]), title_of(items[neighbour], lang))
            for key, neighbour in (("previous", index - 1), ("next", index + 1)) if 0 <= neighbour < len(items)]


def _home_data(policy: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
    document = policy["document"]
    facts = [("issuers", ui("list_separator", lang).join(issuer[lang] for issuer in document["issuers"])),
             ("in_force", date(document["in_force_from"], lang)),
             ("applies_from", ui("applies_from_text", lang, date=date(document["applies_to_events_from"], lang))),
             ("parent_plan", document["parent_plan"][lang])]
    counts = {part["id"]: sum(1 for a in policy["articles"] if a["part"] == part["id"]) for part in policy["parts"]}
    return {"facts": facts, "article_counts": counts, "tools": HOME_TOOLS}


def _home_title(policy: Mapping[str, Any], lang: str) -> str:
    return str(policy["document"]["title"][lang])


def _part_page(part: Mapping[str, Any]) -> TemplatePage:
    return TemplatePage(path=part_path(part["id"]), template="part.md.j2", title="", boost=0.5, hide_toc=True,
                        data=lambda policy, lang: {"part": part},
                        title_text=lambda policy, lang: part_title(part, lang))


def _article_page(articles: Sequence[Mapping[str, Any]], index: int) -> TemplatePage:
    article = articles[index]
    chinese = article["title"]["zh"] + "".join(c["zh"] for c in article["clauses"])

    def data(policy: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
        rules = rules_of(policy, article["id"])
        return {"article": article, "part": next(p for p in policy["parts"] if p["id"] == article["part"]),
                "rules": rules, "calculator": has_calculator(policy, article["id"]),
                "notes": [rule for rule in rules if rule.get("interpretation")],
                "translator_notes": [clause for clause in article["clauses"] if clause.get("note")],
                "chinese_text": chinese, "neighbours": _neighbours(articles, index, article_path, article_title, lang)}

    def tags(policy: Mapping[str, Any], lang: str) -> list[str]:
        """The page's glossary terms and its awards' titles, in both languages."""
        return search_tags(policy, chinese) + [rule["title"][tag_lang] for rule in rules_of(policy, article["id"])
                                               for tag_lang in LANGS]

    return TemplatePage(path=article_path(article["id"]), template="article.md.j2", title="", boost=2, hide_toc=True,
                        data=data, tags=tags, title_text=lambda policy, lang: article_title(article, lang))


def _supplementary_title(policy: Mapping[str, Any], lang: str) -> str:
    return str(policy["supplementary"]["title"][lang])


def _provision_page(provisions: Sequence[Mapping[str, Any]], index: int) -> TemplatePage:
    provision = provisions[index]
    chinese = "".join(c["zh"] for c in provision["clauses"])

    def data(policy: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
        return {"provision": provision, "chinese_text": chinese,
                "neighbours": _neighbours(provisions, index, provision_path, provision_title, lang)}

    def title(policy: Mapping[str, Any], lang: str) -> str:
        return ui("provision_page_title", lang, supplementary=policy["supplementary"]["title"][lang],
                  provision=provision_title(provision, lang))

    return TemplatePage(path=provision_path(provision["id"]), template="provision.md.j2", title="", boost=2,
                        hide_toc=True, data=data, tags=lambda policy, lang: search_tags(policy, chinese),
                        title_text=title)


def document_pages(policy: Mapping[str, Any]) -> tuple[TemplatePage, ...]:
    """The policy's pages in document order: home, parts, articles, 附则 and its provisions."""
    articles, provisions = policy["articles"], policy["supplementary"]["provisions"]
    return (TemplatePage(path=HOME_PATH, template="home.md.j2", title="", boost=3, hide_toc=True, data=_home_data,
                         title_text=_home_title),
            *(_part_page(part) for part in policy["parts"]),
            *(_article_page(articles, index) for index in range(len(articles))),
            TemplatePage(path=SUPPLEMENTARY_PATH, template="supplementary.md.j2", title="", boost=0.5, hide_toc=True,
                         title_text=_supplementary_title),
            *(_provision_page(provisions, index) for index in range(len(provisions))))
