"""The methodology page (methodology/): how estimates are computed, what the browser keeps, the order of 附则, the
budget page, every interpretation this site makes, which awards count as science and technology awards (附则四), whom
to ask, and how search works. The prose is in templates/ui.yaml (methodology_*); the rest comes from policy.yaml."""
from __future__ import annotations

import re
from typing import Any, Mapping

from site_build.labels import provision_title
from site_build.page_paths import METHODOLOGY_PATH, SUPPLEMENTARY_PATH, provision_path
from site_build.templating import TemplatePage, ui


def _other_interpretations(policy: Mapping[str, Any], lang: str) -> list[Mapping[str, str]]:
    """The readings of 附则 (policy.yaml cross_cutting), each linked to the provision it is about."""
    provisions = {p["id"]: p for p in policy["supplementary"]["provisions"]}
    items: list[Mapping[str, str]] = []
    for item in (policy.get("cross_cutting") or {}).values():
        if isinstance(item, Mapping) and isinstance(item.get("interpretation"), Mapping):
            clause = str(item.get("clause", ""))
            match = re.fullmatch(r"s(\d+)-\d+", clause)
            if match and int(match.group(1)) in provisions:  # link the provision the reading is about
                provision = provisions[int(match.group(1))]
                target = {"path": provision_path(provision["id"]), "fragment": clause,
                          "label": provision_title(provision, lang)}
            else:
                target = {"path": SUPPLEMENTARY_PATH, "fragment": "", "label": ui("methodology_cross_cutting", lang)}
            items.append({**target, "text": item["interpretation"][lang]})
    return items


def _sci_tech(policy: Mapping[str, Any], lang: str) -> list[Mapping[str, Any]]:
    """附则四's 科技类型 list (cross_cutting.take_higher.sci_tech_reading): each award's articles, yes/no, why."""
    entries = ((policy.get("cross_cutting") or {}).get("take_higher") or {}).get("sci_tech_reading") or []
    rules = {rule["id"]: rule for rule in policy.get("rules") or []}
    articles = {a["id"]: a for a in policy["articles"]}
    reading: list[Mapping[str, Any]] = []
    for entry in entries:
        by_article: dict[int, list[str]] = {}
        for rule_id in entry["rules"]:  # each article linked once, then its awards
            by_article.setdefault(rules[rule_id]["article"], []).append(rules[rule_id]["title"][lang])
        reading.append({"articles": [(articles[a], titles) for a, titles in by_article.items()],
                        "sci_tech": entry["sci_tech"], "reason": entry["reason"]})
    return reading


def methodology_data(policy: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
    articles = {a["id"]: a for a in policy["articles"]}
    departments: dict[str, tuple[Mapping[str, str], list[Mapping[str, Any]]]] = {}
    for article in policy["articles"]:
        for department in article["departments"]:
            departments.setdefault(department["zh"], (department, []))[1].append(article)
    return {"rule_interpretations": [(rule, articles[rule["article"]]) for rule in policy.get("rules") or []
                                     if rule.get("interpretation")],
            "other_interpretations": _other_interpretations(policy, lang), "sci_tech": _sci_tech(policy, lang),
            "departments": list(departments.values())}


PAGE = TemplatePage(path=METHODOLOGY_PATH, template="methodology.md.j2", title="methodology", data=methodology_data,
                    nav_after="budget/index.md", boost=0.3)
