"""The rule data shipped in the package (generated from policy.yaml by scripts/build_calculator_data.py)."""
from __future__ import annotations

import json
from dataclasses import dataclass
from importlib import resources
from typing import Any, Mapping

DATA_FILE = "policy_rules.json"


@dataclass(frozen=True)
class PolicyData:
    raw: Mapping[str, Any]
    inputs: Mapping[str, Mapping[str, Any]]
    rules: tuple[Mapping[str, Any], ...]
    rules_by_id: Mapping[str, Mapping[str, Any]]
    articles: Mapping[int, Mapping[str, Any]]
    cross_cutting: Mapping[str, Any]


def load_text() -> str:
    return resources.files("calculator").joinpath("_data", DATA_FILE).read_text(encoding="utf-8")


def parse(text: str) -> PolicyData:
    return from_raw(json.loads(text))


def from_raw(raw: Mapping[str, Any]) -> PolicyData:
    """The policy from its decoded data (the shipped file, or a reformed copy of it)."""
    rules = tuple(raw["rules"])
    return PolicyData(
        raw=raw,
        inputs={item["id"]: item for item in raw["inputs"]},
        rules=rules,
        rules_by_id={rule["id"]: rule for rule in rules},
        articles={article["id"]: article for article in raw["articles"]},
        cross_cutting=raw["cross_cutting"],
    )


POLICY = parse(load_text())
