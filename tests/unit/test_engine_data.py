"""The shipped rule data equals policy.yaml, and the rules say what the Chinese text says."""
from __future__ import annotations

import copy
import re
import sys
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml

import calculator
from calculator import _kinds
from calculator._data import load_text

ROOT = Path(__file__).resolve().parents[2]
from site_build import calculator_data as build

POLICY = yaml.safe_load((ROOT / "policy.yaml").read_text(encoding="utf-8"))
ARTICLES_WITHOUT_AWARDS = {1, 5, 30}


def test_shipped_data_equals_policy_yaml() -> None:
    assert load_text() == build.render(build.build_data(POLICY)), "run: python scripts/build_calculator_data.py"


def test_build_writes_only_when_changed(tmp_path: Path) -> None:
    out = tmp_path / "rules.json"
    assert build.main(["--out", str(out)]) == 0
    first = out.stat().st_mtime_ns
    assert build.main(["--out", str(out)]) == 0
    assert out.stat().st_mtime_ns == first
    assert build.main(["--out", str(out), "--check"]) == 0
    out.write_text("{}", encoding="utf-8")
    assert build.main(["--out", str(out), "--check"]) == 1


@pytest.mark.parametrize(("path", "value", "message"), [
    (("rules", 0, "kind"), "bonus", "unknown kind 'bonus'"),
    (("rules", 1, "clauses"), ["a99-1"], "unknown clause id 'a99-1'"),
    (("rules", 1, "trigger"), "nope", "is not one of its inputs"),
    (("rules", 1, "variants", 0, "cap", "unit"), "dollars", "unknown unit 'dollars'"),
    (("inputs", 0, "label"), {"zh": "注册"}, "expected {zh, en}"),
])
def test_build_rejects_broken_rules_naming_where(path: tuple[Any, ...], value: Any, message: str) -> None:
    broken = copy.deepcopy(POLICY)
    target = broken
    for key in path[:-1]:
        target = target[key]
    target[path[-1]] = value
    with pytest.raises(build.RulesError, match=re.escape(message)) as info:
        build.build_data(broken)
    assert str(info.value).startswith(path[0])


def test_unknown_kind_is_a_loud_error_naming_the_rule() -> None:
    with pytest.raises(ValueError, match=r"rule 'a99.x': unknown kind 'bonus'"):
        _kinds.kind_function({"id": "a99.x", "kind": "bonus"})


def test_every_article_with_an_award_has_rules_and_the_others_none() -> None:
    with_rules = {rule["article"] for rule in POLICY["rules"]}
    assert with_rules == set(range(1, 33)) - ARTICLES_WITHOUT_AWARDS


def _wan_amounts(entry: Any) -> set[Decimal]:
    """Every 万元 amount anywhere in a rule's data."""
    found: set[Decimal] = set()
    if isinstance(entry, dict):
        if entry.get("unit") in ("万元", "万元/亩") and "value" in entry:
            found.add(Decimal(entry["value"]))
        for item in entry.values():
            found |= _wan_amounts(item)
    elif isinstance(entry, list):
        for item in entry:
            found |= _wan_amounts(item)
    return found


def test_every_amount_in_the_text_is_in_a_rule_citing_that_clause() -> None:
    clauses = {c["id"]: c["zh"] for a in POLICY["articles"] for c in a["clauses"]}
    cited: dict[str, set[Decimal]] = {}
    for rule in POLICY["rules"]:
        for clause in rule["clauses"]:
            cited.setdefault(clause, set()).update(_wan_amounts(rule))
    missing = []
    for clause, text in clauses.items():
        for number in re.findall(r"(\d+(?:\.\d+)?)万元", text):
            if Decimal(number) not in cited.get(clause, set()):
                missing.append(f"{clause}: {number}万元")
    assert missing == []


def test_every_percentage_and_ratio_in_the_text_is_in_a_rule() -> None:
    texts = {c["id"]: c["zh"] for a in POLICY["articles"] for c in a["clauses"]}
    data = yaml.safe_dump(POLICY["rules"], allow_unicode=True)
    for clause, text in texts.items():
        for number in re.findall(r"(\d+(?:\.\d+)?)%", text):
            if number == "50":  # 50%以上用于本区: a condition, modelled as an input
                continue
            assert f"value: '{number}'" in data and "unit: percent" in data, f"{clause}: {number}%"
        for ratio in re.findall(r"1:(\d+(?:\.\d+)?)", text):
            assert any(r.get("ratio", {}).get("label") == f"1:{ratio}" and clause in r["clauses"] for r in POLICY["rules"]), clause


def test_rule_and_input_texts_are_bilingual_and_inputs_are_used() -> None:
    used = {i for r in POLICY["rules"] for i in [*r["inputs"], *r.get("requires", []), *r.get("requires_not", [])]}
    used |= {c["input"] for e in POLICY["cross_cutting"]["exclusions"] for c in e["when"]}
    used |= {POLICY["cross_cutting"][k]["input"] for k in ("comprehensive_support", "yearly_cap", "dates")}
    used.add(POLICY["cross_cutting"]["yearly_cap"]["exception_input"])
    assert {i["id"] for i in POLICY["inputs"]} == used
    for rule in POLICY["rules"]:
        for key in ("title", "who"):
            assert rule[key]["zh"].strip() and rule[key]["en"].strip()
            assert not re.search(r"[\u4e00-\u9fff]", rule[key]["en"]), (rule["id"], key)


def test_list_inputs_per_article_covers_its_rules() -> None:
    ids = [i["id"] for i in calculator.list_inputs(article=13)]
    assert ids == ["a13_diagnosis", "above_size_industrial", "a13_project_investment", "a13_project_type"]
    assert [r["id"] for r in calculator.list_rules(article=19)] == ["a19.joint_stock", "a19.listing", "a19.equity_refinancing", "a19.bonds"]
    assert calculator.list_rules(article=1) == []
    assert len(calculator.list_inputs()) == len(POLICY["inputs"])


def test_rule_titles_are_unique_in_each_language() -> None:
    for lang in ("zh", "en"):
        titles = [rule["title"][lang] for rule in POLICY["rules"]]
        assert len(titles) == len(set(titles)), lang
