"""The self-check questions in policy.yaml: every rule they name exists, every award is reachable, broken data is
refused naming where, and each award's ceiling is the figure its clause states, most valuable first."""
from __future__ import annotations

import copy
import re
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest

from site_build.policy_data import load_policy
from site_build.self_check import SelfCheckError, opened_awards, rule_ceiling, validate_self_check

ROOT = Path(__file__).resolve().parents[2]
POLICY = load_policy(ROOT / "policy.yaml")
RULES = {rule["id"]: rule for rule in POLICY["rules"]}
QUESTIONS = POLICY["self_check"]["questions"]


def test_every_rule_a_question_names_exists() -> None:
    unknown = [(question["id"], rule_id) for question in QUESTIONS for rule_id in question["rules"]
               if rule_id not in RULES]
    assert not unknown, f"questions name rules that policy.yaml's rules do not have: {unknown}"
    validate_self_check(POLICY)


def test_ten_to_fifteen_questions_in_both_languages() -> None:
    assert 10 <= len(QUESTIONS) <= 15
    for question in QUESTIONS:
        assert question["text"]["zh"].endswith("？"), question["id"]
        assert question["text"]["en"].endswith("?"), question["id"]


def test_every_award_of_the_policy_is_opened_by_some_question() -> None:
    opened = {rule_id for question in QUESTIONS for rule_id in question["rules"]}
    missing = sorted(set(RULES) - opened)
    assert not missing, f"no self-check question opens these rules (add them to a question in policy.yaml): {missing}"


def _broken(path: tuple[Any, ...], value: Any) -> dict[str, Any]:
    policy = copy.deepcopy(POLICY)
    target: Any = policy
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    return policy


@pytest.mark.parametrize(("path", "value", "message"), [
    (("self_check", "questions", 2, "rules", 1), "a21.no_such_rule",
     "self_check.questions[2] (titles).rules[1]: unknown rule id 'a21.no_such_rule'"),
    (("self_check", "questions", 1, "id"), "equipment", "self_check.questions[1] (equipment).id: duplicate question id"),
    (("self_check", "questions", 0, "text"), {"zh": "今年是否投资？", "en": " "},
     "self_check.questions[0] (equipment).text.en: empty text"),
    (("self_check", "questions", 0, "rules"), ["a3.renovation", "a3.renovation"],
     "self_check.questions[0] (equipment).rules[1]: rule 'a3.renovation' named twice"),
    (("self_check", "reminders", 0, "clause"), "a3-1",
     "self_check.reminders[0].clause: 'a3-1' is not a clause of the Supplementary Provisions"),
])
def test_broken_self_check_is_refused_naming_where(path: tuple[Any, ...], value: Any, message: str) -> None:
    with pytest.raises(SelfCheckError, match=re.escape(message)):
        validate_self_check(_broken(path, value))


def _clause_text(rule: dict[str, Any]) -> str:
    clauses = {clause["id"]: clause["zh"] for article in POLICY["articles"] for clause in article["clauses"]}
    return "".join(clauses[clause_id] for clause_id in rule["clauses"])


@pytest.mark.parametrize("rule_id", sorted(RULES))
def test_each_ceiling_is_a_figure_its_clause_states(rule_id: str) -> None:
    rule = RULES[rule_id]
    ceiling = rule_ceiling(rule)
    text = _clause_text(rule)
    if ceiling.kind == "case_by_case":
        assert rule["exactness"] == "unquantified"
        return
    if ceiling.kind == "open":  # no overall ceiling: the clause sets a rate per unit or a matching ratio
        assert rule["kind"] in {"per_unit", "matching_ratio"}
        assert re.search(r"万元/亩|1:\d", text), text
        return
    assert ceiling.amount is not None
    figure = f"{ceiling.amount['value']}{ceiling.amount['unit']}"
    if rule.get("pays") == "each_new":  # 第十八条: each threshold first passed pays; at most all of them in one year
        paid = [Decimal(m["amount"]["value"]) for m in rule["milestones"]]
        assert all(f"{amount}{rule['milestones'][0]['amount']['unit']}" in text for amount in paid), text
        assert Decimal(ceiling.amount["value"]) == sum(paid), rule_id
        return
    assert figure in text, f"{rule_id}: ceiling {figure} not in its clauses: {text}"
    if ceiling.kind == "fixed":  # a fixed amount only where the engine's amount is exact, never a ceiling
        assert rule["exactness"] == "exact", rule_id


def test_awards_are_ordered_most_valuable_first() -> None:
    awards = opened_awards(POLICY)
    assert len(awards) == len(RULES)
    kinds = [ceiling.kind for _, ceiling in awards]
    # amounts first (largest first), then the open-ended ones, then those decided case by case
    first_open = kinds.index("open")
    first_case = kinds.index("case_by_case")
    assert set(kinds[:first_open]) <= {"fixed", "maximum"}
    assert set(kinds[first_open:first_case]) == {"open"} and set(kinds[first_case:]) == {"case_by_case"}
    amounts = [ceiling.yuan for _, ceiling in awards[:first_open]]
    assert all(a is not None and b is not None and a >= b for a, b in zip(amounts, amounts[1:]))
    # 首发上市、挂牌 (第十九条: 市区两级补助最高不超过1300万元) is the largest award of the policy
    first_rule, first_ceiling = awards[0]
    assert first_rule["id"] == "a19.listing" and first_ceiling.yuan == Decimal("13000000")


@pytest.mark.parametrize(("lang", "reading", "single"), [("zh", "本站理解", "单项奖励最高100万元"),
                                                       ("en", "this site&#x27;s reading", "the largest single award is CNY 1 million")])
def test_a_ceiling_that_is_this_sites_reading_says_so(pages: dict[str, dict[str, str]], lang: str, reading: str,
                                                     single: str) -> None:
    """Issue 23: 第十八条's CNY 2.1 million (every threshold first passed in one year, added up) is this site's
    reading, beside the text's largest single award; 第十九条's CNY 13 million is the city and district combined."""
    ceiling = rule_ceiling(RULES["a18.revenue_milestone"])
    assert ceiling.yuan == Decimal("2100000") and ceiling.single == {"value": "100", "unit": "万元"}
    assert rule_ceiling(RULES["a19.listing"]).single is None
    page = pages[lang]["self-check/index.md"]

    def item(rule_id: str) -> str:
        start = page.index(f'data-rule="{rule_id}"')
        return page[start:page.index("</li>", start)]

    assert reading in item("a18.revenue_milestone") and single in item("a18.revenue_milestone")
    assert ("市区两级合计" if lang == "zh" else "city and district combined") in item("a19.listing")
    assert reading not in item("a19.listing")
