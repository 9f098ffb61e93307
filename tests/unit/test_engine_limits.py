"""Input limits (issue 23) beyond the golden cases (golden/limits.yaml): what JSON cannot carry to the Pyodide comparison
of golden cases (the full 4^11 alias bomb, a cycle, 3000 levels, a 5000-digit int, strings past the limits) and the
command line's YAML and JSON reading. None of these is timed: benchmarks/bench_input_limits.py prints the times."""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_engine_cli import run

import calculator
from calculator._validate import MAX_CHARACTERS, MAX_DEPTH, MAX_STRING, MAX_VALUES

# 4^11 leaves in about 600 bytes of YAML (issue 23: it ran 23-51 s and took 950 MB).
ALIAS_BOMB = "\n".join(
    ['l0: &l0 ["100000", "100000", "100000", "100000"]']
    + [f"l{n}: &l{n} [*l{n - 1}, *l{n - 1}, *l{n - 1}, *l{n - 1}]" for n in range(1, 11)]
    + ["other_policy_awards: {a3.renovation: *l10}"]) + "\n"


def fields(profile: Any) -> list[str]:
    return [e["field"] for e in calculator.validate_profile(profile)]


def only_error(profile: Any, lang: str = "en") -> dict[str, str]:
    result = calculator.estimate(profile, lang=lang)
    assert result["valid"] is False and len(result["errors"]) == 1, result["errors"]
    error: dict[str, str] = result["errors"][0]
    return error


def nested(value: Any, depth: int) -> Any:
    for _ in range(depth):
        value = [value]
    return value


def largest_real_profile() -> dict[str, Any]:
    """Every repeatable rule with 50 items, each with all its inputs, a date, a 30-character label and 4 other-policy amounts."""
    inputs = {spec["id"]: spec for spec in calculator.list_inputs()}

    def value(spec: dict[str, Any]) -> Any:
        kinds = {"bool": True, "date": "2024-05-01", "money_list": ["1,000,000"] * int(spec.get("max_items", 50))}
        return spec["choices"][-1]["id"] if spec["type"] == "choice" else kinds.get(spec["type"], "1,000,000")

    items = {rule["id"]: [{**{i: value(inputs[i]) for i in rule["inputs"]}, "event_date": "2024-03-01", "label": "一号线" * 10,
                           "other_policy_award": [{"amount": "100000", "source": "district"}] * 4} for _ in range(50)]
             for rule in calculator.list_rules() if "repeatable" in rule}
    return {"company": {i: value(s) for i, s in inputs.items() if s["group"] == "company"}, "items": items}


def test_the_limits_are_generous_for_the_largest_real_profile() -> None:
    result = calculator.estimate(largest_real_profile())
    assert result["valid"], result["errors"][:3]
    labelled = [line for line in result["lines"] if line["item_label"] == "一号线" * 10]
    assert len(labelled) == 50 * sum(1 for rule in calculator.list_rules() if "repeatable" in rule)


def test_the_alias_bomb_is_refused_through_estimate_where_it_is_too_deep() -> None:
    profile = yaml.safe_load(ALIAS_BOMB)  # shared references: 12 lists, 4^11 leaves when walked as a tree
    error = only_error(profile)
    assert error["field"] == "l7[0][0][0][0][0][0][0]"  # the first key, l0 .. l6, nests 8 levels or fewer
    assert "Nested too deeply" in error["en"] and "嵌套过深" in only_error(profile, "zh")["zh"]


def test_the_alias_bomb_is_refused_by_the_command_line_as_it_reads(tmp_path: Path) -> None:
    path = tmp_path / "bomb.yaml"
    path.write_text(ALIAS_BOMB, encoding="utf-8")
    assert len(path.read_bytes()) < 700
    done = run("estimate", str(path), "--json")
    assert done.returncode == 1
    (error,) = json.loads(done.stdout)["errors"]
    assert "不接受 YAML 别名（*l0，第 2 行第 10 列）" in error["zh"] and "YAML aliases are not accepted (*l0 at line 2, column 10)" in error["en"]


def test_a_wide_shared_structure_stops_at_the_values_budget() -> None:
    """Within MAX_DEPTH, a dict shared 40 times per level is counted each time it is reached, and the count stops."""
    leaf: Any = {"label": "x"}
    for _ in range(5):
        leaf = {f"k{n}": leaf for n in range(40)}
    error = only_error({"facts": leaf})
    assert "at most 50,000" in error["en"] and error["field"].startswith("facts.k")


def test_shared_sub_objects_within_the_limits_are_read_as_copies() -> None:
    item = {"a3_investment": "5000000", "a3_orientation": "key"}
    shared = calculator.estimate({"items": {"a3.renovation": [item] * 3}})
    copied = calculator.estimate({"items": {"a3.renovation": [dict(item) for _ in range(3)]}})
    assert shared["valid"] and shared == copied


@pytest.mark.parametrize("where", ["other_policy_awards", "facts", "items", "company"])
def test_deep_nesting_and_a_cycle_name_the_first_level_too_deep(where: str) -> None:
    value = {"other_policy_awards": {"a3.renovation": nested("1", 3000)}, "facts": {"a3_investment": nested("1", 3000)},
             "items": {"a3.renovation": [{"other_policy_award": nested("1", 3000)}]}, "company": {}}[where]
    if where == "company":
        value["registered_in_district"] = value  # a cycle
    error = only_error({where: value})
    expected = {"other_policy_awards": "other_policy_awards.a3.renovation[0][0][0][0][0][0]",
                "facts": "facts.a3_investment[0][0][0][0][0][0]",
                "items": "items.a3.renovation[0].other_policy_award[0][0][0][0]",
                "company": "company" + ".registered_in_district" * (MAX_DEPTH - 1)}[where]
    assert error["field"] == expected and f"this is level {MAX_DEPTH + 1}" in error["en"]


def test_huge_ints_are_too_large_and_a_huge_int_key_is_not_text() -> None:
    for amount in (10**5000, -(10**5000), 10**1_000_000):  # a million digits: refused without the 25 s conversion
        error = only_error({"facts": {"a3_investment": amount}})
        assert error["field"] == "facts.a3_investment"
        assert ("Too large" if amount > 0 else "Cannot be negative") in error["en"]
    assert only_error({"facts": {10**5000: "1"}}) == {
        "field": "facts.<int>", "zh": "键应为文字（输入项或规则的 id），不能是 <int>", "en": "A key must be text (an input or rule id), not <int>"}
    assert fields({10**5000: 1}) == ["<int>"]
    assert fields({"facts": {True: 1}}) == ["facts.true"] and fields({"facts": {None: 1}}) == ["facts.null"]


def test_a_float_is_read_as_the_number_it_is() -> None:
    assert "At most 2 decimal places" in only_error({"facts": {"a3_investment": 1e-7}})["en"]
    assert "Too large" in only_error({"facts": {"a3_investment": 1e16}})["en"]
    assert "Cannot be negative" in only_error({"facts": {"a3_investment": float("-inf")}})["en"]
    assert "finite" in only_error({"facts": {"a3_investment": float("nan")}})["en"]
    assert calculator.estimate({"facts": {"a3_investment": 5e6}})["lines"][0]["amount_cny"] == "200000.00"


def test_exponent_notation_within_the_bounds_is_still_refused() -> None:
    assert "Enter a number in yuan" in only_error({"facts": {"a3_investment": "2e6"}})["en"]
    assert "Too large" in only_error({"facts": {"a3_investment": "1e" + "9" * 30}})["en"]  # beyond Decimal's exponents
    assert "At most 2 decimal places" not in only_error({"facts": {"a3_investment": "1e-400"}})["en"]


def test_strings_past_the_limits_name_where() -> None:
    error = only_error({"facts": {"a3_investment": "1" * (MAX_STRING + 1)}})
    assert error["field"] == "facts.a3_investment" and f"this has {MAX_STRING + 1:,}" in error["en"]
    key = "k" * (MAX_STRING + 1)
    assert only_error({"facts": {key: 1}})["field"] == f"facts.{'k' * 60}…"
    many = {f"k{n}": "x" * MAX_STRING for n in range(MAX_CHARACTERS // MAX_STRING + 1)}
    error = only_error({"company": many})
    assert error["field"] == f"company.k{MAX_CHARACTERS // MAX_STRING - 1}" and "characters of text in all" in error["en"]


def test_a_wide_profile_gives_one_error_not_one_per_key() -> None:
    error = only_error({"facts": {f"unknown_{n}": None for n in range(MAX_VALUES + 10)}})
    assert error["field"] == f"facts.unknown_{MAX_VALUES - 2}" and "too large" in error["en"]


def test_estimate_json_refuses_deep_text_and_reads_a_huge_int_as_too_large() -> None:
    deep = json.loads(calculator.estimate_json('{"facts": ' + "[" * 100_000 + "]" * 100_000 + "}", "en"))
    assert deep["valid"] is False and deep["errors"][0]["en"].startswith("Nested too deeply")
    huge = json.loads(calculator.estimate_json('{"facts": {"a3_investment": ' + "9" * 5000 + "}}"))
    assert [(e["field"], e["zh"][:4]) for e in huge["errors"]] == [("facts.a3_investment", "数额过大")]


@pytest.mark.parametrize(("name", "text", "field", "part"), [
    ("deep.yaml", "facts:\n  a3_investment: " + "[" * 5000 + "]" * 5000 + "\n", "", "level 9 at line 2, column 24"),
    ("deep.json", '{"facts": ' + "[" * 100_000 + "]" * 100_000 + "}", "", "Nested too deeply"),
    ("big.yaml", "facts: {a3_investment: " + "9" * 5000 + "}\n", "facts.a3_investment", "Too large"),
    ("big.json", '{"facts": {"a3_investment": ' + "9" * 5000 + "}}", "facts.a3_investment", "Too large"),
    ("inf.yaml", "other_policy_awards: {a3.renovation: 1.0e+400}\n", "other_policy_awards.a3.renovation", "Too large"),
])
def test_the_command_line_reads_deep_and_huge_profiles_into_clear_errors(tmp_path: Path, name: str, text: str, field: str,
                                                                         part: str) -> None:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    done = run("estimate", str(path), "--json", "--lang", "en")
    assert done.returncode == 1, done.stderr
    errors = json.loads(done.stdout)["errors"]
    assert [e["field"] for e in errors] == [field] and part in errors[0]["en"], errors


def test_an_anchor_without_an_alias_is_read(tmp_path: Path) -> None:
    path = tmp_path / "anchor.yaml"
    path.write_text("facts: &f {a3_investment: 500万, a3_orientation: key}\n", encoding="utf-8")
    done = run("estimate", str(path), "--json")
    assert done.returncode == 0 and Decimal(json.loads(done.stdout)["total_cny"]) == Decimal(300000)


def test_a_lone_surrogate_is_refused_and_the_command_line_prints_the_error(tmp_path: Path) -> None:
    path = tmp_path / "surrogate.json"
    path.write_text('{"items": {"a3.renovation": [{"a3_investment": "1", "label": "\\ud800"}]}, "facts": {"\\udfff": 1}}', encoding="utf-8")
    done = run("estimate", str(path), "--lang", "en")  # printing a lone surrogate raised UnicodeEncodeError
    assert done.returncode == 1 and "items.a3.renovation[0].label: The text holds a lone surrogate" in done.stdout, done.stderr
    assert fields({"facts": {"\udfff" * 70: 1}}) == ["facts." + "\\udfff" * 60 + "…"]
