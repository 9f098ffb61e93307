"""The budget page (budget/, issue 25): the policy's cost for a list of companies read from a file in the browser, and
under a change of any of its figures. The page holds its text, the file field and the containers; the script
(docs/assets/frontend/budget/budget.js) runs the batch in the calculator's worker and draws the results.

What the script needs comes with the page, in two data attributes of its root: its strings (every `budget_js_*` key of
templates/ui.yaml in both languages, placeholders unfilled: a message about what the reader gave is said in both) and the parameters a reform may change
(`calculator.list_parameters()`, grouped by article, each with its clause's text and a link to it).
"""
from __future__ import annotations

import json
from typing import Any, Mapping

import calculator
from calculator._batch import MAX_ROWS
from site_build.labels import article_label, article_title, clause_label
from site_build.page_paths import article_path, link, to_root
from site_build.templating import UI, TemplatePage, ui

PATH = "budget/index.md"
# A figure's unit after its value, by the UI key of its name: "200 × CNY 10,000" in English; Chinese writes it as the
# policy does (200万元).
UNIT_KEYS = {"万元": "budget_unit_wan", "亿元": "budget_unit_yi", "元": "budget_unit_yuan", "percent": "budget_unit_percent",
             "ratio": "budget_unit_ratio", "万元/亩": "budget_unit_wan_per_mu"}
# The sample and the template are written into the built site by site_build/budget_files.py.
ASSETS = "assets/budget/"


def _parameters(policy: Mapping[str, Any], lang: str) -> dict[str, Any]:
    articles = {article["id"]: article for article in policy["articles"]}
    clause_text = {clause["id"]: clause[lang] for article in policy["articles"] for clause in article["clauses"]}
    groups: list[dict[str, Any]] = []
    clauses: dict[str, dict[str, str]] = {}
    for parameter in calculator.list_parameters():
        article = articles[parameter["article"]]
        if not groups or groups[-1]["article"] != article["id"]:
            groups.append({"article": article["id"], "title": article_title(article, lang), "parameters": []})
        clause = parameter["clause"]
        clauses.setdefault(clause, {"label": clause_label(clause, lang), "text": clause_text[clause],
                                    "href": link(PATH, article_path(article["id"]), clause)})
        groups[-1]["parameters"].append({"id": parameter["id"], "label": parameter["label"][lang], "clause": clause,
                                         "value": parameter["value"], "unit": parameter["unit"]})
    units = {unit: ui(key, lang) for unit, key in UNIT_KEYS.items()}
    articles_href = {str(article_id): link(PATH, article_path(article_id)) for article_id in articles}
    return {"groups": groups, "clauses": clauses, "units": units, "articles": articles_href,
            "article_labels": {str(a["id"]): article_label(a, lang) for a in policy["articles"]}}


def budget_data(policy: Mapping[str, Any], lang: str) -> Mapping[str, Any]:
    strings = {key[len("budget_js_"):]: {"zh": texts["zh"], "en": texts["en"]}
               for key, texts in UI.items() if key.startswith("budget_js_")}
    assets = to_root(PATH, lang) + ASSETS
    return {
        "strings_json": json.dumps(strings, ensure_ascii=False, separators=(",", ":")),
        "parameters_json": json.dumps(_parameters(policy, lang), ensure_ascii=False, separators=(",", ":")),
        "sample_href": assets + "synthetic-sample.csv",
        "template_href": assets + "template.csv",
        "max_rows": f"{MAX_ROWS:,}",
    }


PAGE = TemplatePage(path=PATH, template="budget.md.j2", title="budget", data=budget_data,
                    nav_after="estimator/index.md", boost=0.2, hide_toc=True)
