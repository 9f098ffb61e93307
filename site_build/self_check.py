"""The self-check page's data: policy.yaml `self_check` (questions and 附则 reminders) checked against the rules, and
every award a question opens, with its ceiling, most valuable first.

The page (self-check/) is rendered from this data at build time; the browser only shows and hides what is already in
the page (docs/assets/frontend/self-check/self-check.js), so no question text or rule list lives in JavaScript and no Python
runs on the page.

Ceilings are read from the rule's own figures (display only; no award is computed here). A rule's ceiling is:
- fixed:        it pays one amount (a `fixed` rule, or a `level` rule whose tiers all pay the same);
- maximum:      the most it can pay (the largest tier or cap; for milestones paid each, all of them, which is this
                site's reading of 第十八条 and is shown as such, with the largest single award; for bonds, the
                yearly cap);
- open:         no overall ceiling in the policy (per mu of land, matching a higher-level grant);
- case_by_case: no amount in this policy.
Awards are ordered by ceiling, largest first; open ones follow (their size depends on the company), then the
case-by-case ones. Equal ceilings keep the order of policy.yaml's rules.
"""
from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from typing import Any, Mapping, NoReturn, Sequence

from site_build.policy_data import bilingual_problem

__all__ = ["SelfCheckError", "Ceiling", "validate_self_check", "rule_ceiling", "opened_awards", "CEILING_KINDS"]

CEILING_KINDS = ("fixed", "maximum", "open", "case_by_case")
YUAN_PER_UNIT = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
QUESTION_KEYS = {"id", "text", "examples", "rules"}
REMINDER_KEYS = {"clause", "text"}


class SelfCheckError(ValueError):
    """policy.yaml `self_check` is malformed; the message says where."""


def _fail(where: str, message: str) -> NoReturn:
    raise SelfCheckError(f"{where}: {message}")


@dataclass(frozen=True)
class Ceiling:
    """What a rule pays at most. `amount` ({value, unit} as in policy.yaml) for fixed and maximum, else None.
    `single`: where `amount` adds up several awards by this site's reading (第十八条's thresholds first passed in one
    year), the largest single award the text states; else None."""
    kind: str
    amount: Mapping[str, str] | None = None
    single: Mapping[str, str] | None = None

    @property
    def yuan(self) -> Decimal | None:
        if self.amount is None:
            return None
        return Decimal(self.amount["value"]) * YUAN_PER_UNIT[self.amount["unit"]]


def _bilingual(value: Any, where: str) -> None:
    if problem := bilingual_problem(value, where):
        _fail(*problem)


def _keys(value: Any, where: str, required: set[str]) -> None:
    if not isinstance(value, dict):
        _fail(where, f"expected a mapping, got {type(value).__name__}")
    if set(value) != required:
        _fail(where, f"expected keys {sorted(required)}, found {sorted(value)}")


def validate_self_check(policy: Mapping[str, Any]) -> Mapping[str, Any]:
    """Check `self_check` against the rules and the 附则 clauses; return it, or raise SelfCheckError naming where."""
    if "self_check" not in policy:
        _fail("self_check", "missing (the self-check page's questions)")
    section = policy["self_check"]
    _keys(section, "self_check", {"questions", "reminders"})
    rule_ids = {rule["id"] for rule in policy.get("rules") or []}
    questions = section["questions"]
    if not isinstance(questions, list) or not questions:
        _fail("self_check.questions", "expected a non-empty list")
    seen: set[str] = set()
    for index, question in enumerate(questions):
        where = f"self_check.questions[{index}]"
        _keys(question, where, QUESTION_KEYS)
        where += f" ({question['id']})"
        if not isinstance(question["id"], str) or not question["id"].replace("_", "").isalnum():
            _fail(f"{where}.id", "expected letters, digits and _")
        if question["id"] in seen:
            _fail(f"{where}.id", "duplicate question id")
        seen.add(question["id"])
        _bilingual(question["text"], f"{where}.text")
        _bilingual(question["examples"], f"{where}.examples")
        rules = question["rules"]
        if not isinstance(rules, list) or not rules:
            _fail(f"{where}.rules", "expected a non-empty list of rule ids")
        for position, rule_id in enumerate(rules):
            if rule_id not in rule_ids:
                _fail(f"{where}.rules[{position}]", f"unknown rule id {rule_id!r}")
            if rules.index(rule_id) != position:
                _fail(f"{where}.rules[{position}]", f"rule {rule_id!r} named twice")
    clause_ids = {clause["id"] for provision in policy["supplementary"]["provisions"] for clause in provision["clauses"]}
    reminders = section["reminders"]
    if not isinstance(reminders, list) or not reminders:
        _fail("self_check.reminders", "expected a non-empty list")
    for index, reminder in enumerate(reminders):
        where = f"self_check.reminders[{index}]"
        _keys(reminder, where, REMINDER_KEYS)
        if reminder["clause"] not in clause_ids:
            _fail(f"{where}.clause", f"{reminder['clause']!r} is not a clause of the Supplementary Provisions")
        _bilingual(reminder["text"], f"{where}.text")
    checked: Mapping[str, Any] = section
    return checked


def _largest(amounts: Sequence[Mapping[str, str]]) -> Mapping[str, str]:
    return max(amounts, key=lambda amount: Decimal(amount["value"]) * YUAN_PER_UNIT[amount["unit"]])


def _capped(amounts: Sequence[Mapping[str, str]], rule: Mapping[str, Any]) -> Ceiling:
    """The largest of `amounts` (what the rule's branches pay at most), no more than the rule's own cap."""
    largest = _largest(amounts)
    if "cap" in rule:
        cap = rule["cap"]
        largest = min((largest, cap), key=lambda amount: Decimal(amount["value"]) * YUAN_PER_UNIT[amount["unit"]])
    return Ceiling("maximum", largest)


def rule_ceiling(rule: Mapping[str, Any]) -> Ceiling:
    """What the rule pays at most, from its own figures. Unknown kind: a loud error naming the rule."""
    kind = rule["kind"]
    if kind == "unquantified":
        return Ceiling("case_by_case")
    if kind == "fixed":
        return Ceiling("fixed", rule["amount"])
    if kind == "level":
        amounts = [tier["amount"] for tier in rule["tiers"]]
        if len({(Decimal(a["value"]), a["unit"]) for a in amounts}) == 1 and "cap" not in rule:
            return Ceiling("fixed", amounts[0])
        return _capped(amounts, rule)
    if kind in ("rate", "up_to"):
        branches = rule.get("variants") or [rule]
        caps = [branch["cap"] for branch in branches if "cap" in branch]
        if len(caps) < len(branches):  # a branch without a cap of its own: only the rule's cap bounds it
            return Ceiling("maximum", rule["cap"]) if "cap" in rule else Ceiling("open")
        return _capped(caps, rule)
    if kind in ("per_unit", "matching_ratio"):
        return Ceiling("maximum", rule["cap"]) if "cap" in rule else Ceiling("open")
    if kind == "milestone":
        amounts = [milestone["amount"] for milestone in rule["milestones"]]
        if rule.get("pays") == "each_new" and len(amounts) > 1:
            # Every threshold first passed pays: at most all of them in one year. Adding them up is this site's
            # reading (the rule's interpretation); the text's largest single award goes with it.
            total = sum((Decimal(a["value"]) * YUAN_PER_UNIT[a["unit"]] for a in amounts), Decimal(0))
            unit = amounts[0]["unit"]
            summed = _capped([{"value": format((total / YUAN_PER_UNIT[unit]).normalize(), "f"), "unit": unit}], rule)
            return Ceiling(summed.kind, summed.amount, single=_largest(amounts))
        return _capped(amounts, rule)
    if kind == "rate_per_item":
        return Ceiling("maximum", rule["yearly_cap"]) if "yearly_cap" in rule else Ceiling("open")
    raise ValueError(f"rule {rule.get('id')!r}: unknown kind {kind!r}; the self-check cannot state its ceiling")


def opened_awards(policy: Mapping[str, Any]) -> list[tuple[Mapping[str, Any], Ceiling]]:
    """Every rule some question opens, with its ceiling, most valuable first (see the module's docstring)."""
    section = validate_self_check(policy)
    opened = {rule_id for question in section["questions"] for rule_id in question["rules"]}
    rules = [(index, rule, rule_ceiling(rule)) for index, rule in enumerate(policy["rules"]) if rule["id"] in opened]
    group = {"fixed": 0, "maximum": 0, "open": 1, "case_by_case": 2}

    def order(entry: tuple[int, Mapping[str, Any], Ceiling]) -> tuple[int, Decimal, int]:
        index, _, ceiling = entry
        return group[ceiling.kind], -(ceiling.yuan or Decimal(0)), index

    return [(rule, ceiling) for _, rule, ceiling in sorted(rules, key=order)]
