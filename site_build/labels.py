"""How the policy's parts are named in a language: article, part and provision titles, clause labels and dates.

Every word and separator comes from templates/ui.yaml (templating.ui).
"""
from __future__ import annotations

from typing import Any, Mapping

from site_build.templating import ui

__all__ = ["article_label", "article_title", "part_title", "provision_title", "clause_label", "date"]


def article_label(article: Mapping[str, Any], lang: str) -> str:
    return ui("article", lang, numeral=article["numeral"], id=article["id"])


def article_title(article: Mapping[str, Any], lang: str) -> str:
    return ui("labelled_title", lang, label=article_label(article, lang), title=article["title"][lang])


def part_title(part: Mapping[str, Any], lang: str) -> str:
    label = ui("part", lang, numeral=part["numeral"], id=part["id"])
    return ui("labelled_title", lang, label=label, title=part["title"][lang])


def provision_title(provision: Mapping[str, Any], lang: str) -> str:
    """附则（五）　年度奖补上限 / Provision 5 · Yearly cap: the policy's label and the site's own short title."""
    label = ui("supplementary_item", lang, numeral=provision["numeral"], id=provision["id"])
    return ui("labelled_title", lang, label=label, title=provision["site_title"][lang])


def clause_label(clause_id: str, lang: str) -> str:
    """a3-2 -> 3-2 (article clauses); s4-1 -> 附则4-1 / S4-1; n-1 and p-1 stay as they are."""
    kind, number = clause_id[0], clause_id[1:]
    if kind == "a":
        return number
    if kind == "s":
        return ui("clause_label_s", lang, number=number)
    return clause_id


def date(iso: object, lang: str) -> str:
    """2024-05-01 -> 2024年5月1日 / 1 May 2024."""
    year, month, day = (int(x) for x in str(iso).split("-"))
    month_name = ui("month_names", lang).split("|")[month - 1]
    return ui("date", lang, year=year, month=month, day=day, month_name=month_name)
