"""The rules as a static API (issue 26): site/api/v1/ — rules.json, profile.schema.json, result.schema.json and
examples/ — generated from the calculator package (itself generated from policy.yaml), so any system can read the
rules and check a profile or a result without Python.

v1 is a promise: its fields keep their names, types and meanings. A change that would break one goes to api/v2/;
tests/unit/test_api_v1.py compares what is generated here with the stored copy in tests/data/api_v1/.

    python -m site_build.api_v1 [SITE_DIR]     (default: site/; the build runs it after the MkDocs builds)
"""
from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

import calculator  # noqa: E402  (the working tree's package)
from calculator._batch import OTHER_COLUMNS  # noqa: E402
from calculator._validate import (ITEM_LABEL_MAX, MAX_OTHER_AWARDS, OTHER_SOURCES, YEAR_MAX, YEAR_MIN,  # noqa: E402
                                  LEGACY_OTHER_SOURCES, max_items)

API_VERSION = "v1"
SCHEMA = "https://json-schema.org/draft/2020-12/schema"
EXAMPLES = REPO / "calculator" / "examples"
MONEY_TEXT = "An amount in yuan: a number, or text as people write it (\"5,000,000\", \"800万\", \"1.2亿\")."


def _money() -> dict[str, Any]:
    return {"$ref": "#/$defs/money"}


def _value_schema(spec: dict[str, Any]) -> dict[str, Any]:
    """What one input accepts. `null` means not given. Text forms are checked by the engine, not here."""
    kind = spec["type"]
    if kind == "money":
        schema = _money()
    elif kind == "number":
        schema = {"description": f"A number in {spec.get('unit', '')}.", "type": ["string", "number"]}
    elif kind == "bool":
        schema = {"description": "Yes or no: true/false, or \"是\"/\"否\", \"yes\"/\"no\".", "type": ["boolean", "string"]}
    elif kind == "choice":
        schema = {"enum": [choice["id"] for choice in spec["choices"]]}
    elif kind == "date":
        schema = {"description": "A date: 2024-06-30 (also 2024/6/30, 2024年6月30日).", "type": "string"}
    elif kind == "money_list":
        schema = {"description": "Amounts in yuan, one per item: a list, or text with one amount per line.",
                  "anyOf": [{"type": "string"}, {"type": "array", "maxItems": int(spec.get("max_items", 50)), "items": _money()}]}
    else:
        raise ValueError(f"input {spec['id']}: no schema for type {kind!r}")
    schema["title"] = spec["label"]["en"]
    return {"anyOf": [schema, {"type": "null"}]} if "anyOf" not in schema else {**schema, "anyOf": [*schema["anyOf"], {"type": "null"}]}


def _other_award_schema() -> dict[str, Any]:
    one = {"anyOf": [{"$ref": "#/$defs/money"},
                     {"type": "object", "additionalProperties": False, "required": ["amount"],
                      "properties": {"amount": {"$ref": "#/$defs/money"},
                                     "source": {"enum": [*OTHER_SOURCES, *LEGACY_OTHER_SOURCES],
                                                "description": "city (default), district, provincial or national; higher_level is read as city"}}}]}
    return {"description": "What another policy pays for the same item (Provision 4): an amount (a city policy's), "
                           "{amount, source}, or a flat list of at most 4 such.",
            "anyOf": [one, {"type": "array", "maxItems": MAX_OTHER_AWARDS, "items": one}, {"type": "null"}]}


def profile_schema() -> dict[str, Any]:
    inputs = calculator.list_inputs()
    facts = {spec["id"] for spec in inputs if spec["group"] == "facts"}

    def ref(input_id: str) -> dict[str, str]:
        return {"$ref": f"#/$defs/input.{input_id}"}

    section = {group: {"type": "object", "additionalProperties": False,
                       "properties": {spec["id"]: ref(spec["id"]) for spec in inputs if spec["group"] == group}}
               for group in ("company", "facts")}
    # As the engine: items for a rule asked for by an article input (not 第二条's company fact), each holding its inputs.
    items = {"type": "object", "additionalProperties": False, "properties": {
        rule["id"]: {"anyOf": [{"type": "null"}, {
            "type": "array", "maxItems": max_items(rule), "items": {
                "type": "object", "additionalProperties": False,
                "properties": {**{input_id: ref(input_id) for input_id in rule["inputs"]},
                               "event_date": {"anyOf": [{"type": "string"}, {"type": "null"}]},
                               "label": {"anyOf": [{"type": "string", "minLength": 1, "maxLength": ITEM_LABEL_MAX}, {"type": "null"}]},
                               "other_policy_award": {"$ref": "#/$defs/other_policy_award"}}}}]}
        for rule in calculator.list_rules() if rule["trigger"] in facts}}
    others = {"type": "object", "additionalProperties": False,
              "properties": {rule["id"]: {"$ref": "#/$defs/other_policy_award"} for rule in calculator.list_rules()}}
    return {
        "$schema": SCHEMA,
        "$id": "profile.schema.json",
        "title": "Company profile for the Jiangbei urban-industry policy calculator (API v1)",
        "description": "What calculator.estimate() accepts. The engine also checks what a schema cannot (amounts as "
                       "text, bounds, dates, required inputs); a profile it refuses for its shape fails this schema too.",
        "type": "object",
        "additionalProperties": False,
        "properties": {
            "year": {"anyOf": [{"type": "integer", "minimum": YEAR_MIN, "maximum": YEAR_MAX}, {"type": "string", "pattern": r"^\d{4}年?$"},
                               {"type": "null"}], "description": "The one year the estimate is for."},
            "company": {"anyOf": [section["company"], {"type": "null"}]},
            "facts": {"anyOf": [section["facts"], {"type": "null"}]},
            "items": {"anyOf": [items, {"type": "null"}]},
            "other_policy_awards": {"anyOf": [others, {"type": "null"}]},
        },
        "$defs": {"money": {"description": MONEY_TEXT, "type": ["string", "number"]},
                  "other_policy_award": _other_award_schema(),
                  **{f"input.{spec['id']}": _value_schema(spec) for spec in inputs}},
    }


def _nullable(schema: dict[str, Any]) -> dict[str, Any]:
    return {"anyOf": [schema, {"type": "null"}]}


CNY = {"type": "string", "pattern": r"^-?\d+\.\d{2}$", "description": "Yuan, two decimals, no grouping: \"80000.00\"."}
TEXT = {"type": "string"}
CLAUSE = {"anyOf": [{"type": "string", "pattern": r"^[a-z]\d*-\d+$"}, {"type": "null"}]}
REASONS = ["cap", "top_up", "below_threshold", "requirement", "already_received", "item_cap", "yearly_cap_per_rule", "other_year",
           "before_policy_date", "exclusion", "comprehensive_support", "take_higher"]
WHY_NOT = ["below_threshold", "below_cap", "next_threshold", "not_new_or_higher_level", "top_up", "already_received",
           "requirement_not_met", "other_year", "before_policy_date", "excluded", "comprehensive_support", "other_policy",
           "yearly_cap_per_rule", "zero_base"]
WARNINGS = ["interpretation", "unquantified", "not_checked", "yearly_cap_not_applied", "date_not_checked", "cultivation_period",
            "ignored", "other_year"]


def _object(properties: dict[str, Any], *, closed: bool = True) -> dict[str, Any]:
    return {"type": "object", "required": list(properties), "properties": properties, "additionalProperties": not closed}


def result_schema() -> dict[str, Any]:
    step = _object({"clause": CLAUSE, "text": TEXT})
    line = _object({
        "rule": TEXT, "item": {"type": "integer", "minimum": 0}, "item_label": _nullable(TEXT), "event_date": _nullable(TEXT),
        "article": {"type": "integer"}, "article_title": TEXT, "clauses": {"type": "array", "items": TEXT}, "clause": TEXT,
        "clauses_applied": {"type": "array", "items": TEXT}, "title": TEXT, "who": TEXT, "kind": TEXT,
        "kind_of_amount": {"enum": ["exact", "maximum", "unquantified"]},
        "beneficiary": {"enum": ["company", "park_operator", "individual"]},
        "flags": {"type": "object", "additionalProperties": {"type": "boolean"}}, "condition": TEXT,
        "computed_cny": _nullable(CNY), "amount_cny": _nullable(CNY), "amount_wan": _nullable(TEXT), "amount_display": TEXT,
        "cap_cny": _nullable(CNY), "counts_toward_company_total": {"type": "boolean"}, "blocked": {"type": "boolean"},
        "reductions": {"type": "array", "items": _object({"reason": {"enum": REASONS}, "amount_cny": CNY, "clause": CLAUSE, "text": TEXT})},
        "explanation": {"type": "array", "items": step},
        "why_not": {"type": "array", "items": _object({"reason": {"enum": WHY_NOT}, "clause": CLAUSE, "gap_cny": _nullable(CNY), "text": TEXT})},
    })
    error = _object({"field": TEXT, "zh": TEXT, "en": TEXT})
    valid = _object({
        "schema": {"const": 1}, "lang": {"enum": list(calculator.LANGS)}, "valid": {"const": True}, "errors": {"type": "array", "maxItems": 0},
        "eligible": {"type": "boolean"}, "year": _nullable({"type": "integer"}),
        "year_source": _nullable({"enum": ["year", "company_event_date", "items"]}),
        "total_cny": CNY, "total_wan": TEXT, "total_display": TEXT, "total_kind_of_amount": {"enum": ["exact", "maximum"]},
        "totals": _object({key: CNY for key in ("before_cross_cutting_cny", "after_cross_cutting_cny", "exact_part_cny",
                                                  "yearly_cap_reduction_cny", "individual_awards_cny")}
                          | {"unquantified_count": {"type": "integer", "minimum": 0}}),
        "yearly_cap": _nullable(_object({"clause": TEXT, "fiscal_contribution_cny": CNY, "before_cny": CNY, "reduction_cny": CNY,
                                         "applied": {"type": "boolean"}, "text": TEXT})),
        "lines": {"type": "array", "items": line},
        "notes": {"type": "array", "items": step},
        "warnings": {"type": "array", "items": _object({"code": {"enum": WARNINGS}, "rule": _nullable(TEXT), "clause": CLAUSE, "text": TEXT,
                                                                "asks": {"type": "array", "items": TEXT}})},
        "assumptions": {"type": "array", "items": _object({"input": TEXT, "value": {}, "text": TEXT})},
    })
    valid["properties"]["reform"] = {"type": "array", "items": _object({"id": TEXT, "rule": TEXT, "clause": TEXT, "unit": TEXT,
                                                                       "baseline": TEXT, "value": TEXT, "label": TEXT})}
    invalid = _object({"schema": {"const": 1}, "lang": {"enum": list(calculator.LANGS)}, "valid": {"const": False},
                       "errors": {"type": "array", "minItems": 1, "items": error}}, closed=False)
    return {"$schema": SCHEMA, "$id": "result.schema.json",
            "title": "Result of calculator.estimate() (API v1)",
            "description": "Amounts are strings in yuan with two decimals. Texts are in the language asked for; only errors carry both.",
            "oneOf": [valid, invalid]}


def rules_document() -> dict[str, Any]:
    shipped = json.loads(calculator.rules_json())
    parameters = calculator.list_parameters()
    by_rule: dict[str, list[str]] = {}
    for parameter in parameters:
        by_rule.setdefault(parameter["rule"], []).append(parameter["id"])
    rules = [{**rule, "parameters": by_rule.get(rule["id"], []),
              "other_policy_sources": list(calculator.other_policy_sources(rule["id"]))} for rule in shipped["rules"]]
    return {"api": API_VERSION, "calculator_version": calculator.__version__, "document": shipped["document"],
            "articles": shipped["articles"], "inputs": shipped["inputs"], "rules": rules, "parameters": parameters,
            "cross_cutting": shipped["cross_cutting"],
            "batch_csv": {"first_column": "firm", "other_policy_columns": OTHER_COLUMNS, "year_column": "year"}}


def example_profiles() -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix == ".json":
            out.append((path.stem, json.loads(path.read_text(encoding="utf-8"))))
        elif path.suffix in (".yaml", ".yml"):
            import yaml  # build time only

            out.append((path.stem, json.loads(json.dumps(yaml.safe_load(path.read_text(encoding="utf-8")), default=str))))
    return out


def _dump(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


def api_files() -> dict[str, str]:
    """{relative path under api/v1/: text}."""
    files = {"rules.json": _dump(rules_document()), "profile.schema.json": _dump(profile_schema()),
             "result.schema.json": _dump(result_schema())}
    index = []
    for name, profile in example_profiles():
        files[f"examples/{name}.profile.json"] = _dump(profile)
        for lang in calculator.LANGS:
            files[f"examples/{name}.result.{lang}.json"] = _dump(calculator.estimate(profile, lang=lang))
        index.append({"name": name, "profile": f"examples/{name}.profile.json",
                      "results": {lang: f"examples/{name}.result.{lang}.json" for lang in calculator.LANGS}})
    files["examples/index.json"] = _dump(index)
    files["index.json"] = _dump({"api": API_VERSION, "calculator_version": calculator.__version__,
                                 "files": sorted(path for path in files if path != "index.json")})
    return files


def write_api(site_dir: Path) -> int:
    out = site_dir / "api" / API_VERSION
    written = 0
    for relative, text in api_files().items():
        path = out / relative
        path.parent.mkdir(parents=True, exist_ok=True)
        data = text.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
            written += 1
    return written


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    site_dir = Path(args[0]) if args else REPO / "site"
    written = write_api(site_dir)
    print(f"api/{API_VERSION}: {written} file(s) written")
    return 0


if __name__ == "__main__":
    sys.exit(main())
