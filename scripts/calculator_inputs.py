"""Prints inputs.json: what the in-page calculator forms are built from before Pyodide loads (JSON on stdout).

Everything comes from the calculator's public API (`list_inputs`, `list_rules`, `rules_json`) and, for the parts
(the estimator's groups), from policy.yaml through scripts/policy_data.py. Python never runs on the page's main
thread: the browser only reads this file to draw the form; validation and computation happen in the worker.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

import calculator  # noqa: E402  (the working tree's package, as the tests use it)
from policy_data import load_policy  # noqa: E402  (scripts/ is this script's own directory)

INPUTS_SCHEMA = 1
# Only these fields of a rule are needed to draw forms and the "other policy" fields; the engine has the rest.
RULE_FIELDS = ("id", "article", "clauses", "kind", "title", "exactness", "beneficiary", "flags", "inputs", "trigger")


def take_higher_applies(rule: dict[str, Any], take_higher: dict[str, Any]) -> bool:
    """Whether 附则（四）从高不重复 can reduce this rule, i.e. whether an "amount from another policy" field makes sense."""
    if rule["exactness"] == "unquantified":
        return False
    exempt = any(rule["flags"].get(flag) for flag in take_higher["exempt_flags"])
    return not exempt or bool(rule["flags"].get(take_higher["override_flag"]))


def build_inputs_document() -> dict[str, Any]:
    shipped = json.loads(calculator.rules_json())
    take_higher = shipped["cross_cutting"]["take_higher"]
    policy = load_policy(REPO / "policy.yaml")
    all_inputs = calculator.list_inputs()
    rules = calculator.list_rules()
    articles: list[dict[str, Any]] = []
    for article in shipped["articles"]:
        article_rules = [rule for rule in rules if rule["article"] == article["id"]]
        if not article_rules:
            continue
        articles.append({
            "id": article["id"],
            "numeral": article["numeral"],
            "title": article["title"],
            # A widget only where an amount can be computed; unquantified-only articles just list their awards.
            "calculable": any(rule["exactness"] != "unquantified" for rule in article_rules),
            "inputs": [spec["id"] for spec in calculator.list_inputs(article=article["id"])],
            "rules": [{**{key: rule[key] for key in RULE_FIELDS if key in rule},
                       "take_higher": take_higher_applies(rule, take_higher)} for rule in article_rules],
        })
    with_rules = {article["id"] for article in articles}
    parts = [{"id": part["id"], "numeral": part.get("numeral"), "title": part["title"],
              "articles": [a["id"] for a in policy["articles"] if a["part"] == part["id"] and a["id"] in with_rules]}
             for part in policy["parts"]]
    return {
        "schema": INPUTS_SCHEMA,
        "inputs": {spec["id"]: spec for spec in all_inputs},
        "company_inputs": [spec["id"] for spec in all_inputs if spec["group"] == "company"],
        "articles": articles,
        "parts": [part for part in parts if part["articles"]],
        "clauses": {"take_higher": take_higher["clause"]},
        # Page paths relative to a language root (zh: site root, en: en/), as the site generates them.
        "paths": {"article": "articles/{id}/", "estimator": "estimator/"},
    }


def main() -> None:
    document = build_inputs_document()
    sys.stdout.buffer.write((json.dumps(document, ensure_ascii=False, sort_keys=True, separators=(",", ":"))
                             + "\n").encode("utf-8"))


if __name__ == "__main__":
    main()
