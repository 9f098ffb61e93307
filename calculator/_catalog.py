"""What the site needs to render widgets and rule tables: the declared inputs and rules, per article, bilingual."""
from __future__ import annotations

import copy
from typing import Any

from ._data import POLICY, load_text
from ._parameters import list_parameters as _parameters


def _rules_of(article: int | None) -> list[dict[str, Any]]:
    return [dict(rule) for rule in POLICY.rules if article is None or rule["article"] == article]


def list_rules(*, article: int | None = None) -> list[dict[str, Any]]:
    """Every rule (or those of one article) as declared in policy.yaml: id, article, clauses, kind, amounts, inputs, flags."""
    return copy.deepcopy(_rules_of(article))


def list_inputs(*, article: int | None = None) -> list[dict[str, Any]]:
    """Every input declaration (id, group, type, unit, bounds, label, help, choices, default).

    With ``article``: the inputs its rules use (their own inputs and the company facts they require), in rule order.
    """
    if article is None:
        return [copy.deepcopy(dict(item)) for item in POLICY.inputs.values()]
    ids: list[str] = []
    for rule in _rules_of(article):
        for input_id in [*rule["inputs"], *rule.get("requires", []), *rule.get("requires_not", [])]:
            if input_id not in ids:
                ids.append(input_id)
    return [copy.deepcopy(dict(POLICY.inputs[input_id])) for input_id in ids]


def rules_json() -> str:
    """The whole shipped rule data as JSON text (articles, inputs, rules, cross_cutting), for the browser."""
    return load_text()


def list_parameters(*, article: int | None = None) -> list[dict[str, Any]]:
    """Every figure of the rules as a parameter {id, rule, article, clause, key, value, unit, label: {zh, en}}, values
    as strings in their unit (policy.yaml's); with `article`, that article's only."""
    return [p.as_json() for p in _parameters(POLICY) if article is None or p.article == article]
