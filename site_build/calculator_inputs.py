"""Prints inputs.json: what the in-page calculator forms are built from before Pyodide loads (JSON on stdout).

Everything comes from the calculator's public API (`list_inputs`, `list_rules`, `rules_json`) and, for the parts
(the estimator's groups), from policy.yaml through site_build/policy_data.py. Python never runs on the page's main
thread: the browser only reads this file to draw the form; validation and computation happen in the worker.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

import calculator  # noqa: E402  (the working tree's package, as the tests use it)
from site_build.policy_data import glossary_forms, load_policy, uses_term
from site_build.what_if import chart_specs  # noqa: E402

INPUTS_SCHEMA = 1
# The field finder skips glossary terms used by more articles than this (they would match half the form).
MAX_ARTICLES_PER_TERM = 3
# Only these fields of a rule are needed to draw forms and the "other policy" fields; the engine has the rest.
# `repeatable` (item noun, cap scope, clause) marks a rule that takes several items a year: the form offers rows for it.
# `requires`/`requires_not` (inputs that must be yes/no): a what-if chart that is 0 everywhere says which to set.
RULE_FIELDS = ("id", "article", "clauses", "kind", "title", "exactness", "beneficiary", "flags", "inputs", "trigger", "repeatable",
               "requires", "requires_not")


def take_higher_applies(rule: dict[str, Any]) -> bool:
    """Whether 附则（四）从高不重复 (or the rule's own take-the-higher) can reduce this rule from some source, i.e. whether an
    "amount from another policy" field makes sense. The engine decides (`calculator.other_policy_sources`)."""
    return bool(calculator.other_policy_sources(rule["id"]))


def finder_words(article: dict[str, Any], policy: dict[str, Any]) -> dict[str, list[str]]:
    """Words that find this article's fields in the estimator's filter, per language: the finder's keywords and every
    glossary term its text uses (the Chinese term and its English rendering, so that either language finds it)."""
    keywords = (policy.get("finder") or {}).get("keywords", {}).get(article["id"], {"zh": [], "en": []})
    def text(of: dict[str, Any]) -> str:
        return "".join(clause["zh"] for clause in of["clauses"])

    def used(entry: dict[str, Any], in_text: str) -> bool:
        return uses_term(policy["glossary"], policy["glossary"].index(entry), in_text)

    # A term used by many articles (万元, 一次性, 配套奖励) would find them all: it says nothing about a field.
    telling = [entry for entry in policy["glossary"]
               if sum(used(entry, text(other)) for other in policy["articles"]) <= MAX_ARTICLES_PER_TERM]
    words = {"zh": list(keywords["zh"]), "en": list(keywords["en"])}
    for entry in [entry for entry in telling if used(entry, text(article))] + article["departments"]:
        words["zh"] += [form for form in glossary_forms(entry) if form not in words["zh"]]
        if entry["en"] not in words["en"]:
            words["en"].append(entry["en"])
    return {lang: list(dict.fromkeys(forms)) for lang, forms in words.items()}
def build_inputs_document() -> dict[str, Any]:
    shipped = json.loads(calculator.rules_json())
    take_higher = shipped["cross_cutting"]["take_higher"]
    policy = load_policy(REPO / "policy.yaml")
    all_inputs = calculator.list_inputs()
    rules = calculator.list_rules()
    articles: list[dict[str, Any]] = []
    policy_articles = {article["id"]: article for article in policy["articles"]}
    for article in shipped["articles"]:
        article_rules = [rule for rule in rules if rule["article"] == article["id"]]
        if not article_rules:
            continue
        articles.append({
            "id": article["id"],
            "numeral": article["numeral"],
            "title": article["title"],
            "departments": policy_articles[article["id"]]["departments"],
            "finder": finder_words(policy_articles[article["id"]], policy),
            # A widget only where an amount can be computed; unquantified-only articles just list their awards.
            "calculable": any(rule["exactness"] != "unquantified" for rule in article_rules),
            "inputs": [spec["id"] for spec in calculator.list_inputs(article=article["id"])],
            "rules": [{**{key: rule[key] for key in RULE_FIELDS if key in rule},
                       # Which sources' amounts reduce this rule (附则四: city, district; 第九条: city only).
                       "take_higher": take_higher_applies(rule),
                       "take_higher_sources": list(calculator.other_policy_sources(rule["id"]))} for rule in article_rules],
        })
    with_rules = {article["id"] for article in articles}
    topics = (policy.get("finder") or {}).get("parts", {})
    parts = [{"id": part["id"], "numeral": part.get("numeral"), "title": part["title"],
              "topics": topics.get(part["id"]),
              "articles": [a["id"] for a in policy["articles"] if a["part"] == part["id"] and a["id"] in with_rules]}
             for part in policy["parts"]]
    return {
        "schema": INPUTS_SCHEMA,
        "document": {"title": policy["document"]["title"]},  # the estimator's print header names the policy
        "inputs": {spec["id"]: spec for spec in all_inputs},
        "company_inputs": [spec["id"] for spec in all_inputs if spec["group"] == "company"],
        "articles": articles,
        "parts": [part for part in parts if part["articles"]],
        "clauses": {"take_higher": take_higher["clause"]},
        # Page paths relative to a language root (zh: site root, en: en/), as the site generates them.
        "paths": {"article": "articles/{id}/", "estimator": "estimator/", "contacts": "methodology/#ask"},
        "paths": {"article": "articles/{id}/", "estimator": "estimator/"},
        # Items per repeatable rule and year (the engine refuses more, naming the path items.<rule>[n]).
        "max_items": calculator.MAX_ITEMS_REPEATABLE,
        # What-if charts of the article widgets: which input each varies and where (site_build/what_if.py).
        "what_if": chart_specs(rules, {spec["id"]: spec for spec in all_inputs}),
    }


def estimator_part_of_key(document: dict[str, Any]) -> dict[str, int]:
    """Which estimator part holds each field of `document` (build_inputs_document): input id, `other:<rule>`, and
    rule id (for the keys `item:<rule>:<n>:<input>` of its rows). Company facts are in no part. For browser tests:
    the estimator draws a part's fields when the part is first opened."""
    articles = {article["id"]: article for article in document["articles"]}
    part_of: dict[str, int] = {}
    for part in document["parts"]:
        for article_id in part["articles"]:
            article = articles[article_id]
            for input_id in article["inputs"]:
                if document["inputs"][input_id]["group"] != "company":
                    part_of[input_id] = part["id"]
            for rule in article["rules"]:
                part_of[rule["id"]] = part_of[f"other:{rule['id']}"] = part["id"]
    return part_of


def main() -> None:
    document = build_inputs_document()
    sys.stdout.buffer.write((json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                             + "\n").encode("utf-8"))


if __name__ == "__main__":
    main()
