"""policy.yaml (rules part) -> calculator/_data/policy_rules.json, the data the engine ships with.

Validates the rules part (`inputs`, `rules`, `cross_cutting`) against the text part and writes the JSON only when its
content changed. Every error names where it is, e.g. ``rules[3] (a4.top100).trigger: 'x' is not one of its inputs``.

Usage: python scripts/build_calculator_data.py [--policy policy.yaml] [--out calculator/_data/policy_rules.json] [--check]
"""
from __future__ import annotations

import argparse
import json
import sys
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import Any, NoReturn

from site_build.policy_data import PolicyError, bilingual_problem, load_policy

ROOT = Path(__file__).resolve().parent.parent
DEFAULT_POLICY = ROOT / "policy.yaml"
DEFAULT_OUT = ROOT / "calculator" / "_data" / "policy_rules.json"

KINDS = {"fixed", "level", "rate", "per_unit", "matching_ratio", "milestone", "up_to", "unquantified", "rate_per_item"}
INPUT_TYPES = {"money", "money_list", "number", "bool", "choice", "date"}
AMOUNT_UNITS = {"万元", "亿元", "元", "percent", "ratio", "万元/亩"}
EXACTNESS = {"exact", "maximum", "unquantified"}
BENEFICIARIES = {"company", "park_operator", "individual"}
FLAGS = {"matching", "sci_tech", "top_up", "no_duplication_with_city"}
# Where a repeatable rule's cap applies: to each item (the text caps each project, product or recognition), or to the
# company's items of the year together (第二十三条 “对…的企业最高给予10万元”; needs the rule's `cap`).
CAP_SCOPES = {"item", "year"}


class RulesError(ValueError):
    """The rules part of policy.yaml is malformed; the message says where."""


def _fail(where: str, message: str) -> NoReturn:
    raise RulesError(f"{where}: {message}")


def _bilingual(value: Any, where: str) -> None:
    if problem := bilingual_problem(value, where):
        _fail(*problem)


def _decimal(value: Any, where: str) -> None:
    if not isinstance(value, str):
        _fail(where, f"amounts are decimal strings, got {type(value).__name__}")
    try:
        number = Decimal(value)
    except InvalidOperation:
        _fail(where, f"not a decimal: {value!r}")
    if not number.is_finite() or number < 0:
        _fail(where, f"not a finite non-negative decimal: {value!r}")


def _amount(value: Any, where: str) -> None:
    if not isinstance(value, dict) or "value" not in value or "unit" not in value:
        _fail(where, "expected {value, unit}")
    _decimal(value["value"], f"{where}.value")
    if value["unit"] not in AMOUNT_UNITS:
        _fail(f"{where}.unit", f"unknown unit {value['unit']!r}; known: {sorted(AMOUNT_UNITS)}")


def _clause(value: Any, where: str, clause_ids: set[str]) -> None:
    if value not in clause_ids:
        _fail(where, f"unknown clause id {value!r}")


def _validate_inputs(inputs: Any) -> dict[str, dict[str, Any]]:
    if not isinstance(inputs, list) or not inputs:
        _fail("inputs", "expected a non-empty list")
    by_id: dict[str, dict[str, Any]] = {}
    for index, item in enumerate(inputs):
        where = f"inputs[{index}] ({item.get('id') if isinstance(item, dict) else '?'})"
        if not isinstance(item, dict):
            _fail(where, "expected a mapping")
        for key in ("id", "group", "type", "unit", "label", "help"):
            if key not in item:
                _fail(where, f"missing key {key!r}")
        if item["id"] in by_id:
            _fail(f"{where}.id", "duplicate input id")
        if item["group"] not in ("company", "facts"):
            _fail(f"{where}.group", "expected company or facts")
        if item["type"] not in INPUT_TYPES:
            _fail(f"{where}.type", f"unknown type {item['type']!r}; known: {sorted(INPUT_TYPES)}")
        _bilingual(item["label"], f"{where}.label")
        _bilingual(item["help"], f"{where}.help")
        if item["type"] in ("money", "money_list", "number"):
            for bound in ("min", "max"):
                if bound not in item:
                    _fail(where, f"numeric input needs {bound!r}")
                _decimal(item[bound], f"{where}.{bound}")
        if item["type"] == "choice":
            choices = item.get("choices")
            if not isinstance(choices, list) or len(choices) < 2:
                _fail(f"{where}.choices", "a choice input needs at least two choices")
            for c_index, option in enumerate(choices):
                _bilingual(option.get("label"), f"{where}.choices[{c_index}].label")
            if "default" in item and item["default"] not in {c["id"] for c in choices}:
                _fail(f"{where}.default", f"{item['default']!r} is not a choice")
        by_id[item["id"]] = item
    for index, item in enumerate(inputs):
        if "stand_in" in item:  # when not given, another input's value stands in (listed in the result's assumptions)
            other = by_id.get(item["stand_in"])
            if other is None or other["type"] != item["type"] or "default" in item:
                _fail(f"inputs[{index}] ({item['id']}).stand_in", "a declared input of the same type, on an input without a default")
    return by_id


def _validate_repeatable(repeatable: Any, where: str, rule: dict[str, Any], clause_ids: set[str]) -> None:
    """A rule that takes several items a year (per project, product, recognition): the item noun and its cap's scope."""
    if not isinstance(repeatable, dict):
        _fail(where, "expected a mapping {item, cap_scope, clause}")
    _bilingual(repeatable.get("item"), f"{where}.item")
    if repeatable.get("cap_scope") not in CAP_SCOPES:
        _fail(f"{where}.cap_scope", f"expected one of {sorted(CAP_SCOPES)}")
    _clause(repeatable.get("clause"), f"{where}.clause", clause_ids)
    if not str(repeatable["clause"]).startswith(f"a{rule['article']}-"):
        _fail(f"{where}.clause", "clause of another article")
    if "interpretation" in repeatable:
        _bilingual(repeatable["interpretation"], f"{where}.interpretation")
    if repeatable["cap_scope"] == "year" and "cap" not in rule:
        _fail(f"{where}.cap_scope", "a yearly cap per company needs the rule's cap")
    if rule["kind"] == "rate_per_item":
        _fail(where, "a rate_per_item rule already lists its items in one input")


def _validate_rule(rule: Any, where: str, inputs: dict[str, dict[str, Any]], clause_ids: set[str], article_ids: set[int]) -> None:
    if not isinstance(rule, dict):
        _fail(where, "expected a mapping")
    for key in ("id", "article", "clauses", "kind", "title", "who", "beneficiary", "exactness", "flags", "inputs", "trigger"):
        if key not in rule:
            _fail(where, f"missing key {key!r}")
    if rule["kind"] not in KINDS:
        _fail(f"{where}.kind", f"unknown kind {rule['kind']!r}; known: {sorted(KINDS)}")
    if rule["article"] not in article_ids:
        _fail(f"{where}.article", f"no article {rule['article']!r}")
    if not rule["id"].startswith(f"a{rule['article']}."):
        _fail(f"{where}.id", f"rule ids start with 'a{rule['article']}.'")
    for c_index, clause in enumerate(rule["clauses"]):
        _clause(clause, f"{where}.clauses[{c_index}]", clause_ids)
        if not clause.startswith(f"a{rule['article']}-"):
            _fail(f"{where}.clauses[{c_index}]", "clause of another article")
    _bilingual(rule["title"], f"{where}.title")
    _bilingual(rule["who"], f"{where}.who")
    if "interpretation" in rule:
        _bilingual(rule["interpretation"], f"{where}.interpretation")
    if "unquantified_text" in rule:
        if rule.get("kind") != "unquantified":
            _fail(f"{where}.unquantified_text", "only an unquantified rule says what it gives instead of an amount")
        _bilingual(rule["unquantified_text"], f"{where}.unquantified_text")
    if rule["beneficiary"] not in BENEFICIARIES:
        _fail(f"{where}.beneficiary", f"expected one of {sorted(BENEFICIARIES)}")
    if rule["exactness"] not in EXACTNESS:
        _fail(f"{where}.exactness", f"expected one of {sorted(EXACTNESS)}")
    if not set(rule["flags"]) <= FLAGS or not {"matching", "sci_tech", "top_up"} <= set(rule["flags"]):
        _fail(f"{where}.flags", f"flags are {sorted(FLAGS)}")
    for i_index, input_id in enumerate(rule["inputs"]):
        if input_id not in inputs:
            _fail(f"{where}.inputs[{i_index}]", f"undeclared input {input_id!r}")
    if rule["trigger"] not in rule["inputs"]:
        _fail(f"{where}.trigger", f"{rule['trigger']!r} is not one of its inputs")
    for key in ("requires", "requires_not"):
        for r_index, input_id in enumerate(rule.get(key, [])):
            if input_id not in inputs or inputs[input_id]["type"] != "bool" or "default" not in inputs[input_id]:
                _fail(f"{where}.{key}[{r_index}]", f"{input_id!r} must be a declared bool input with a default")
    for key in ("base_input", "variant_input", "level_input", "previous_input", "value_input", "less_input", "items_input"):
        if key in rule and rule[key] not in rule["inputs"]:
            _fail(f"{where}.{key}", f"{rule[key]!r} is not one of its inputs")
    if "cap_includes_higher_level" in rule:
        if "less_input" not in rule:
            _fail(f"{where}.cap_includes_higher_level", "needs less_input (the higher-level amount inside the combined cap)")
        _clause(rule["cap_includes_higher_level"].get("clause"), f"{where}.cap_includes_higher_level.clause", clause_ids)
    if "input" in rule.get("min_base", {}):
        if rule["min_base"]["input"] not in rule["inputs"]:
            _fail(f"{where}.min_base.input", f"{rule['min_base']['input']!r} is not one of its inputs")
        _bilingual(rule["min_base"].get("label"), f"{where}.min_base.label")
        _bilingual(rule["min_base"].get("base_label"), f"{where}.min_base.base_label")
    for key in ("amount", "cap", "item_cap", "yearly_cap", "rate", "ratio", "per_unit", "min_base"):
        if key in rule:
            _amount(rule[key], f"{where}.{key}")
    for key in ("clause",):
        if key in rule:
            _clause(rule[key], f"{where}.{key}", clause_ids)
    if "repeatable" in rule:
        _validate_repeatable(rule["repeatable"], f"{where}.repeatable", rule, clause_ids)
    if rule["kind"] == "milestone" and rule.get("pays") not in ("each_new", "highest_new"):
        _fail(f"{where}.pays", "expected each_new (every threshold first passed pays) or highest_new (only the highest)")
    kind = rule["kind"]
    required = {
        "fixed": ("amount", "clause"), "level": ("level_input", "tiers"), "rate": ("base_input", "variants"),
        "per_unit": ("base_input", "per_unit"), "matching_ratio": ("base_input", "ratio"),
        "milestone": ("value_input", "previous_input", "milestones", "crossing", "pays"), "up_to": (),
        "unquantified": ("clause",), "rate_per_item": ("items_input", "rate", "item_cap", "yearly_cap", "clause"),
    }[kind]
    for key in required:
        if key not in rule:
            _fail(where, f"kind {kind!r} needs {key!r}")
    if kind == "up_to" and ("cap" in rule) == ("variants" in rule):
        _fail(where, "kind 'up_to' needs either 'cap' or 'variants'")
    for list_key, amount_keys in (("tiers", ("amount",)), ("variants", ("cap",)), ("milestones", ("threshold", "amount"))):
        entry_ids = [entry.get("id") for entry in rule.get(list_key, [])]
        if any(not isinstance(e, str) or not e for e in entry_ids) or len(set(entry_ids)) != len(entry_ids):
            _fail(f"{where}.{list_key}", f"every entry needs a unique id (parameter ids are built from them): {entry_ids}")
        for e_index, entry in enumerate(rule.get(list_key, [])):
            at = f"{where}.{list_key}[{e_index}]"
            for amount_key in amount_keys:
                _amount(entry.get(amount_key), f"{at}.{amount_key}")
            if "rate" in entry:
                _amount(entry["rate"], f"{at}.rate")
            _clause(entry.get("clause"), f"{at}.clause", clause_ids)
            if list_key != "milestones":
                _bilingual(entry.get("label"), f"{at}.label")
    choice_key = {"level": "level_input", "rate": "variant_input", "up_to": "variant_input"}.get(kind)
    if choice_key and choice_key in rule:
        list_key = "tiers" if kind == "level" else "variants"
        entry_ids = [entry["id"] for entry in rule[list_key]]
        choice_ids = [c["id"] for c in inputs[rule[choice_key]]["choices"] if c["id"] != "none"]
        if entry_ids != choice_ids:
            _fail(f"{where}.{list_key}", f"ids {entry_ids} differ from the choices of {rule[choice_key]!r}: {choice_ids}")
    if kind == "rate" and "variant_input" not in rule and len(rule["variants"]) != 1:
        _fail(f"{where}.variants", "without variant_input a rate rule has exactly one variant")


def _validate_sci_tech_reading(take_higher: dict[str, Any], rules: list[dict[str, Any]]) -> None:
    """附则四's 科技类型 list: every rule flagged sci_tech is listed as such with a reason, and the list agrees with the flags."""
    where = "cross_cutting.take_higher.sci_tech_reading"
    listed: dict[str, bool] = {}
    by_id = {rule["id"]: rule for rule in rules}
    for index, entry in enumerate(take_higher.get("sci_tech_reading") or []):
        _bilingual(entry.get("reason"), f"{where}[{index}].reason")
        for rule_id in entry.get("rules", []):
            if rule_id not in by_id:
                _fail(f"{where}[{index}].rules", f"unknown rule {rule_id!r}")
            if bool(by_id[rule_id]["flags"]["sci_tech"]) != bool(entry.get("sci_tech")):
                _fail(f"{where}[{index}].rules", f"{rule_id}: flags.sci_tech disagrees with this entry")
            listed[rule_id] = bool(entry.get("sci_tech"))
    unlisted = [rule["id"] for rule in rules if rule["flags"]["sci_tech"] and rule["id"] not in listed]
    if unlisted:
        _fail(where, f"rules flagged sci_tech without a reason here: {unlisted}")


def build_data(policy: dict[str, Any]) -> dict[str, Any]:
    """The engine's data: validated rules part plus the article titles and dates it cites."""
    for key in ("inputs", "rules", "cross_cutting", "articles", "supplementary", "document"):
        if key not in policy:
            _fail("policy.yaml", f"missing top-level key {key!r}")
    clause_ids = {c["id"] for a in policy["articles"] for c in a["clauses"]}
    clause_ids |= {c["id"] for p in policy["supplementary"]["provisions"] for c in p["clauses"]}
    article_ids = {a["id"] for a in policy["articles"]}
    inputs = _validate_inputs(policy["inputs"])
    rule_ids: set[str] = set()
    for index, rule in enumerate(policy["rules"]):
        where = f"rules[{index}] ({rule.get('id') if isinstance(rule, dict) else '?'})"
        _validate_rule(rule, where, inputs, clause_ids, article_ids)
        if rule["id"] in rule_ids:
            _fail(f"{where}.id", "duplicate rule id")
        rule_ids.add(rule["id"])
    cross = policy["cross_cutting"]
    for index, exclusion in enumerate(cross.get("exclusions", [])):
        at = f"cross_cutting.exclusions[{index}]"
        _clause(exclusion.get("clause"), f"{at}.clause", clause_ids)
        _bilingual(exclusion.get("reason"), f"{at}.reason")
        for c_index, condition in enumerate(exclusion.get("when", [])):
            if condition.get("input") not in inputs:
                _fail(f"{at}.when[{c_index}].input", f"undeclared input {condition.get('input')!r}")
    for key in ("take_higher", "comprehensive_support", "yearly_cap"):
        if key not in cross:
            _fail("cross_cutting", f"missing {key!r}")
        _clause(cross[key].get("clause"), f"cross_cutting.{key}.clause", clause_ids)
        _bilingual(cross[key].get("interpretation"), f"cross_cutting.{key}.interpretation")
    _validate_sci_tech_reading(cross["take_higher"], policy["rules"])
    for rule_id in cross["comprehensive_support"].get("keeps_rules", []):
        if rule_id not in rule_ids:
            _fail("cross_cutting.comprehensive_support.keeps_rules", f"unknown rule {rule_id!r}")
    document = policy["document"]
    return {
        "schema_version": policy.get("schema_version", 1),
        "document": {
            "title": document["title"],
            "in_force_from": document["in_force_from"],
            "applies_to_events_from": document["applies_to_events_from"],
        },
        "articles": [{"id": a["id"], "numeral": a["numeral"], "title": a["title"]} for a in policy["articles"]],
        "inputs": policy["inputs"],
        "rules": policy["rules"],
        "cross_cutting": cross,
    }


def render(data: dict[str, Any]) -> str:
    return json.dumps(data, ensure_ascii=False, indent=1) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--policy", type=Path, default=DEFAULT_POLICY)
    parser.add_argument("--out", type=Path, default=DEFAULT_OUT)
    parser.add_argument("--check", action="store_true", help="exit 1 if the shipped data is out of date; write nothing")
    args = parser.parse_args(argv)
    try:
        text = render(build_data(load_policy(args.policy)))
    except (PolicyError, RulesError) as error:
        print(f"{args.policy}: {error}", file=sys.stderr)
        return 1
    current = args.out.read_text(encoding="utf-8") if args.out.exists() else None
    if current == text:
        print(f"unchanged: {args.out}")
        return 0
    if args.check:
        print(f"out of date: {args.out} (run scripts/build_calculator_data.py)", file=sys.stderr)
        return 1
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(text, encoding="utf-8")
    print(f"wrote: {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
