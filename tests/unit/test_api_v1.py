"""The static API (issue 26, api/v1/): the schemas are JSON Schema draft 2020-12; every example and golden profile
validates, and every result the engine gives validates against result.schema.json; a profile the engine refuses for
its shape fails the profile schema too; and v1 never breaks: what is generated is compared with the stored copy in
tests/data/api_v1/ (fields may be added, never removed, renamed or narrowed; a breaking change goes to api/v2/)."""
from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import jsonschema
import pytest
import yaml

import calculator
from site_build.api_v1 import api_files, profile_schema, result_schema, rules_document

ROOT = Path(__file__).resolve().parents[2]
STORED = ROOT / "tests" / "data" / "api_v1"
GOLDEN = sorted((ROOT / "tests" / "unit" / "golden").glob("*.yaml"))
PROFILE_SCHEMA = profile_schema()
RESULT_SCHEMA = result_schema()
PROFILE = jsonschema.Draft202012Validator(PROFILE_SCHEMA)
RESULT = jsonschema.Draft202012Validator(RESULT_SCHEMA)


def as_json(value: Any) -> Any:
    """A golden case's profile as JSON would carry it: a YAML date (unquoted 2024-07-15) becomes its ISO text."""
    return json.loads(json.dumps(value, default=lambda o: o.isoformat() if isinstance(o, date) else o))


def golden_cases() -> list[dict[str, Any]]:
    return [case for path in GOLDEN for case in yaml.safe_load(path.read_text(encoding="utf-8"))]


def test_the_schemas_are_draft_2020_12() -> None:
    jsonschema.Draft202012Validator.check_schema(PROFILE_SCHEMA)
    jsonschema.Draft202012Validator.check_schema(RESULT_SCHEMA)
    assert PROFILE_SCHEMA["$schema"] == RESULT_SCHEMA["$schema"] == "https://json-schema.org/draft/2020-12/schema"


def test_every_example_and_golden_profile_validates_and_so_does_every_result() -> None:
    profiles = [json.loads(path.read_text(encoding="utf-8")) for path in sorted((ROOT / "calculator" / "examples").glob("*.json"))]
    checked = 0
    for case in golden_cases():
        profile = as_json(case["profile"])
        shape_errors = [e for e in PROFILE.iter_errors(profile)]
        if "errors" not in case["expected"]:
            assert not shape_errors, (case["name"], [e.message for e in shape_errors])
        for lang in calculator.LANGS:
            result = calculator.estimate(profile, lang=lang)
            assert not list(RESULT.iter_errors(result)), (case["name"], [e.message for e in RESULT.iter_errors(result)][:3])
        checked += 1
    for profile in profiles:
        assert not list(PROFILE.iter_errors(profile))
        assert not list(RESULT.iter_errors(calculator.estimate(profile)))
    assert checked > 600


A3 = {"a3_investment": "5000000"}
SHAPE_REFUSED: list[tuple[str, Any]] = [
    ("not an object", ["company"]),
    ("unknown top-level key", {"facts": A3, "extra": 1}),
    ("unknown company fact", {"company": {"turnover": "1"}}),
    ("an article input under company", {"company": {"a3_investment": "5000000"}}),
    ("a company fact under facts", {"facts": {"registered_in_district": True}}),
    ("facts not an object", {"facts": ["a3_investment"]}),
    ("a choice outside its list", {"facts": {**A3, "a3_orientation": "important"}}),
    ("an amount as an object", {"facts": {"a3_investment": {"value": 5}}}),
    ("items not a mapping", {"items": [{"a3_investment": "1"}]}),
    ("items of an unknown rule", {"items": {"a3.nothing": [A3]}}),
    ("items of a rule not a list", {"items": {"a3.renovation": A3}}),
    ("an item with an unknown key", {"items": {"a3.renovation": [{**A3, "colour": "red"}]}}),
    ("an item not an object", {"items": {"a3.renovation": ["5000000"]}}),
    ("too many items", {"items": {"a3.renovation": [A3] * 51}}),
    ("two items of a rule that is not repeatable", {"items": {"a19.joint_stock": [{}, {}]}}),
    ("items for 第二条's company fact", {"items": {"a2.major_project": [{}]}}),
    ("a label too long", {"items": {"a3.renovation": [{**A3, "label": "x" * 61}]}}),
    ("other policies of an unknown rule", {"facts": A3, "other_policy_awards": {"a3.nothing": "1"}}),
    ("an other-policy amount with an unknown key", {"facts": A3, "other_policy_awards": {"a3.renovation": {"amount": "1", "from": "city"}}}),
    ("an other-policy amount without an amount", {"facts": A3, "other_policy_awards": {"a3.renovation": {"source": "city"}}}),
    ("an unknown source", {"facts": A3, "other_policy_awards": {"a3.renovation": {"amount": "1", "source": "county"}}}),
    ("nested lists of other-policy amounts", {"facts": A3, "other_policy_awards": {"a3.renovation": [["1", "2"]]}}),
    ("five other-policy amounts", {"facts": A3, "other_policy_awards": {"a3.renovation": ["1"] * 5}}),
    ("a year out of range", {"year": 2023, "facts": A3}),
    ("a year as a word", {"year": "next year", "facts": A3}),
]


@pytest.mark.parametrize(("name", "profile"), SHAPE_REFUSED, ids=[name for name, _ in SHAPE_REFUSED])
def test_a_profile_the_engine_refuses_for_its_shape_fails_the_schema_too(name: str, profile: Any) -> None:
    assert calculator.estimate(profile)["valid"] is False
    assert list(PROFILE.iter_errors(profile)), f"the schema accepts: {name}"


def _widened_only(stored: Any, new: Any, path: str, *, inputs: bool) -> list[str]:
    """What of `stored` (a v1 schema) `new` no longer accepts or promises: a removed property, a narrowed enum or type,
    a lower maxItems, and for what clients send (inputs) a new required field."""
    if isinstance(stored, dict) and isinstance(new, dict):
        problems = []
        for key, value in stored.items():
            if key not in new:
                problems.append(f"{path}/{key}: removed")
            elif key in ("enum", "type") and isinstance(value, list):
                problems += [f"{path}/{key}: {v!r} no longer allowed" for v in value if v not in (new[key] if isinstance(new[key], list) else [new[key]])]
            elif key == "required":
                gone = set(new[key]) - set(value) if inputs else set(value) - set(new[key])
                problems += [f"{path}/required: {sorted(gone)}"] if gone else []
            elif key == "maxItems":
                problems += [f"{path}/maxItems: {new[key]} < {value}"] if new[key] < value else []
            elif key in ("description", "title"):
                continue
            else:
                problems += _widened_only(value, new[key], f"{path}/{key}", inputs=inputs)
        return problems
    if isinstance(stored, list) and isinstance(new, list):
        if len(new) < len(stored):
            return [f"{path}: {len(stored)} alternatives became {len(new)}"]
        return [p for index, (a, b) in enumerate(zip(stored, new)) for p in _widened_only(a, b, f"{path}/{index}", inputs=inputs)]
    return [] if stored == new else [f"{path}: {stored!r} became {new!r}"]


def contract(document: dict[str, Any]) -> dict[str, Any]:
    """What rules.json promises: its top-level keys, the keys of each kind of entry, and every id."""
    return {"keys": sorted(document), "rule_keys": sorted({k for r in document["rules"] for k in r if k in document["rules"][0]}),
            "parameter_keys": sorted(document["parameters"][0]), "input_keys": sorted({"id", "group", "type", "label", "help"}),
            "ids": {"articles": sorted(a["id"] for a in document["articles"]), "rules": sorted(r["id"] for r in document["rules"]),
                    "inputs": sorted(i["id"] for i in document["inputs"]), "parameters": sorted(p["id"] for p in document["parameters"])}}


def test_v1_only_grows_against_its_stored_copy() -> None:
    stored_profile = json.loads((STORED / "profile.schema.json").read_text(encoding="utf-8"))
    stored_result = json.loads((STORED / "result.schema.json").read_text(encoding="utf-8"))
    stored_rules = json.loads((STORED / "rules.contract.json").read_text(encoding="utf-8"))
    problems = _widened_only(stored_profile, PROFILE_SCHEMA, "profile", inputs=True)
    problems += _widened_only(stored_result, RESULT_SCHEMA, "result", inputs=False)
    now = contract(rules_document())
    for key in ("keys", "rule_keys", "parameter_keys"):
        problems += [f"rules.json {key}: {k!r} removed" for k in stored_rules[key] if k not in now[key]]
    for kind, ids in stored_rules["ids"].items():
        problems += [f"rules.json {kind}: id {i!r} removed" for i in ids if i not in now["ids"][kind]]
    assert problems == [], "a breaking change to api/v1 must go to api/v2: " + "; ".join(problems[:20])


def test_the_stability_check_catches_a_break() -> None:
    broken = json.loads(json.dumps(PROFILE_SCHEMA))
    del broken["properties"]["year"]
    broken["$defs"]["input.a3_orientation"]["anyOf"][0]["enum"].remove("key")
    problems = _widened_only(PROFILE_SCHEMA, broken, "profile", inputs=True)
    assert any("year: removed" in p for p in problems) and any("'key' no longer allowed" in p for p in problems)


def test_the_files_are_what_the_site_serves() -> None:
    files = api_files()
    assert {"rules.json", "profile.schema.json", "result.schema.json", "index.json", "examples/index.json"} <= set(files)
    for name in json.loads(files["examples/index.json"]):
        result = json.loads(files[name["results"]["en"]])
        assert result == calculator.estimate(json.loads(files[name["profile"]]), lang="en")
    rules = json.loads(files["rules.json"])
    assert rules["api"] == "v1" and rules["calculator_version"] == calculator.__version__
    a3 = next(r for r in rules["rules"] if r["id"] == "a3.renovation")
    assert "a3.renovation.key.rate" in a3["parameters"] and a3["other_policy_sources"] == ["city", "district"]
