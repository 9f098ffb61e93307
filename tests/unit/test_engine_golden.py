"""Golden cases (tests/unit/golden/*.yaml): exact expected amounts, in both languages, with clause-cited explanations."""
from __future__ import annotations

from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

import calculator

GOLDEN_DIR = Path(__file__).parent / "golden"
POLICY_PATH = Path(__file__).resolve().parents[2] / "policy.yaml"


def load_cases() -> list[dict[str, Any]]:
    cases: list[dict[str, Any]] = []
    for path in sorted(GOLDEN_DIR.glob("*.yaml")):
        for index, case in enumerate(yaml.safe_load(path.read_text(encoding="utf-8"))):
            case["id"] = f"{path.stem}[{index}] {case['name']}"
            cases.append(case)
    return cases


def clause_ids() -> set[str]:
    policy = yaml.safe_load(POLICY_PATH.read_text(encoding="utf-8"))
    ids = {c["id"] for a in policy["articles"] for c in a["clauses"]}
    return ids | {c["id"] for p in policy["supplementary"]["provisions"] for c in p["clauses"]}


CASES = load_cases()
CLAUSES = clause_ids()


def mismatches(case: dict[str, Any], result: dict[str, Any]) -> list[str]:
    """What differs between the case's expectation and the result (empty when it matches)."""
    expected = case["expected"]
    problems: list[str] = []

    def same(what: str, want: Any, got: Any) -> None:
        if want != got:
            problems.append(f"{what}: expected {want!r}, got {got!r}")

    if "errors" in expected:
        same("valid", False, result["valid"])
        same("error fields", sorted(expected["errors"]), sorted(e["field"] for e in result["errors"]))
        for item in result["errors"]:
            if not (item["zh"].strip() and item["en"].strip()):
                problems.append(f"error without text in both languages: {item}")
        for key, lang in (("error_texts", "zh"), ("error_texts_en", "en")):  # {field: a part of its message}
            for where, text in expected.get(key, {}).items():
                said = " ".join(item[lang] for item in result["errors"] if item["field"] == where)
                if text not in said:
                    problems.append(f"error at {where!r} lacks {text!r}: {said!r}")
        same("total_cny", None, result["total_cny"])
        same("lines", [], result["lines"])
        return problems
    same("valid", True, result["valid"])
    if not result["valid"]:
        return problems + [f"errors: {result['errors']}"]
    same("total_cny", expected["total_cny"], result["total_cny"])
    lines = {line_key(line, result["lines"]): line for line in result["lines"]}
    same("lines", expected["lines"], {rule: line["amount_cny"] for rule, line in lines.items()})
    for key in ("kind_of_amount", "condition"):
        for rule, want in expected.get(key if key == "kind_of_amount" else "conditions", {}).items():
            same(f"{rule}.{key}", want, lines.get(rule, {}).get(key))
    for rule, reasons in expected.get("reductions", {}).items():
        same(f"{rule}.reductions", reasons, [r["reason"] for r in lines.get(rule, {}).get("reductions", [])])
    for rule, want in expected.get("clause", {}).items():  # the clause of the branch that fired
        same(f"{rule}.clause", want, lines.get(rule, {}).get("clause"))
    for rule, want in expected.get("clauses_applied", {}).items():
        same(f"{rule}.clauses_applied", want, lines.get(rule, {}).get("clauses_applied"))
    for key in ("eligible", "total_kind_of_amount", "year", "year_source"):
        if key in expected:
            same(key, expected[key], result[key])
    for key in ("individual_awards_cny", "yearly_cap_reduction_cny"):
        if key in expected:
            same(key, expected[key], result["totals"][key])
    codes = {w["code"] for w in result["warnings"]}
    for code in expected.get("warnings", []):
        if code not in codes:
            problems.append(f"warning {code!r} missing; got {sorted(codes)}")
    for code, asks in expected.get("asks", {}).items():  # each warning of the code: the inputs it asks for, in order
        same(f"{code}.asks", asks, [w["asks"] for w in result["warnings"] if w["code"] == code])
    suffix = "" if result["lang"] == "zh" else "_en"
    for key, texts in expected.get(f"explanation_contains{suffix}", {}).items():
        said = " ".join(step["text"] for step in lines.get(key, {}).get("explanation", []))
        problems += [f"{key}: explanation lacks {text!r}: {said!r}" for text in texts if text not in said]
    warned = " ".join(w["text"] for w in result["warnings"])
    problems += [f"no warning says {text!r}" for text in expected.get(f"warning_texts{suffix}", []) if text not in warned]
    problems += [f"a warning says {text!r}" for text in expected.get(f"warning_texts_absent{suffix}", []) if text in warned]
    if "assumptions" in expected:
        same("assumptions", expected["assumptions"], [a["input"] for a in result["assumptions"]])
    for key, reasons in expected.get("why_not", {}).items():
        same(f"{key}.why_not", reasons, [w["reason"] for w in lines.get(key, {}).get("why_not", [])])
    for key, gap in expected.get("gaps", {}).items():
        same(f"{key}.gap", gap, next((w["gap_cny"] for w in lines.get(key, {}).get("why_not", []) if w["gap_cny"]), None))
    for line in result["lines"]:
        if line["amount_cny"] is not None:  # every line that pays 0 or less than its cap says why
            short = Decimal(line["amount_cny"]) == 0 or (line["cap_cny"] is not None and Decimal(line["amount_cny"]) < Decimal(line["cap_cny"]))
            if short != bool(line["why_not"]):
                problems.append(f"{line['rule']}[{line['item']}]: pays {line['amount_cny']} of cap {line['cap_cny']}, why_not {line['why_not']}")
        if not line["explanation"]:
            problems.append(f"{line['rule']}: no explanation")
        for step in line["explanation"]:
            if step["clause"] is not None and step["clause"] not in CLAUSES:
                problems.append(f"{line['rule']}: step cites unknown clause {step['clause']!r}")
            if not step["text"].strip():
                problems.append(f"{line['rule']}: empty step")
    return problems


def line_key(line: dict[str, Any], lines: list[dict[str, Any]]) -> str:
    """A line's key in a golden case: the rule id, or "rule[item]" when the rule has several items."""
    several = sum(1 for other in lines if other["rule"] == line["rule"]) > 1
    return f"{line['rule']}[{line['item']}]" if several else str(line["rule"])


def figures(result: dict[str, Any]) -> tuple[Any, ...]:
    return result["total_cny"], [(line["rule"], line["computed_cny"], line["amount_cny"]) for line in result["lines"]]


def test_golden_cases_exist_for_every_rule() -> None:
    covered = {rule.partition("[")[0] for case in CASES for rule in case["expected"].get("lines", {})}
    missing = [rule["id"] for rule in calculator.list_rules() if rule["id"] not in covered]
    assert missing == []
    assert len(CASES) >= 150


@pytest.mark.parametrize("case", CASES, ids=[case["id"] for case in CASES])
def test_golden_case(case: dict[str, Any]) -> None:
    zh = calculator.estimate(case["profile"], lang="zh")
    en = calculator.estimate(case["profile"], lang="en")
    assert mismatches(case, zh) == []
    assert mismatches(case, en) == []
    # The language changes the words, never the figures.
    assert figures(zh) == figures(en)
    if zh["lines"]:
        assert any("\u4e00" <= ch <= "\u9fff" for ch in zh["lines"][0]["explanation"][0]["text"])
        assert not any("\u4e00" <= ch <= "\u9fff" for ch in en["lines"][0]["title"])


def test_mismatches_detects_a_wrong_amount() -> None:
    case = next(c for c in CASES if c["expected"].get("lines"))
    result = calculator.estimate(case["profile"])
    rule = next(iter(case["expected"]["lines"]))
    for line in result["lines"]:
        if line["rule"] == rule:
            line["amount_cny"] = "0.01" if line["amount_cny"] != "0.01" else "0.02"
    assert mismatches(case, result) != []
