"""The policy's figures as parameters, and reforms that change them (issue 25).

Every figure in the rules (an amount, a rate, a ceiling, a threshold, a ratio, an amount per unit) has a stable id
built from the rule id, the id of its tier, variant or milestone, and its key: `a3.renovation.key.rate`,
`a19.bonds.item_cap`, `a18.revenue_milestone.over_10yi.threshold`. The figures themselves stay in policy.yaml (through
`_data/policy_rules.json`); nothing here holds one. A reform `{parameter id: new value}` is applied to a copy of the
rules: the shipped data is never changed.
"""
from __future__ import annotations

import copy
import math
import re
import unicodedata
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any, Iterator, Mapping

from ._data import PolicyData, from_raw

# The keys that hold a figure ({value, unit}), in the order a rule's parameters are listed.
FIGURE_KEYS = ("min_base", "amount", "threshold", "rate", "ratio", "per_unit", "cap", "item_cap", "yearly_cap")
# The lists whose entries hold figures of their own (each entry has an id).
ENTRY_LISTS = ("tiers", "variants", "milestones")
# What each key is, for a parameter's label.
KEY_NAMES: Mapping[str, tuple[str, str]] = {
    "min_base": ("门槛", "threshold"),
    "amount": ("金额", "amount"),
    "threshold": ("门槛", "threshold"),
    "rate": ("比例", "rate"),
    "ratio": ("配套比例", "matching ratio"),
    "per_unit": ("每亩金额", "amount per mu"),
    "cap": ("上限", "ceiling"),
    "item_cap": ("每期上限", "ceiling per issue"),
    "yearly_cap": ("年度上限", "yearly ceiling"),
}
# How a value in each unit may be written after the number ("250万元", "5%"); a number alone is in the unit.
UNIT_SUFFIXES: Mapping[str, tuple[str, ...]] = {
    "万元": ("万元", "万"), "亿元": ("亿元", "亿"), "元": ("元",), "percent": ("%", "％"), "ratio": (), "万元/亩": ("万元/亩",),
}
UNIT_NAMES: Mapping[str, tuple[str, str]] = {
    "万元": ("万元", "CNY 10,000"), "亿元": ("亿元", "CNY 100 million"), "元": ("元", "CNY"), "percent": ("%", "percent"),
    "ratio": ("倍（配套比例）", "times (matching ratio)"), "万元/亩": ("万元/亩", "CNY 10,000 per mu"),
}
MAX_REFORM_PARAMETERS = 200
_NUMBER = re.compile(r"\d+(?:\.\d{1,4})?")
_ANY_SUFFIX = re.compile(r"^(\d+(?:\.\d+)?)\s*(\S+)$")


@dataclass(frozen=True)
class Parameter:
    """One figure of a rule: where it is in the rule data (`path`), its clause, unit, value and label."""
    id: str
    rule: str
    article: int
    clause: str
    key: str
    unit: str
    value: str
    label: Mapping[str, str]
    path: tuple[Any, ...]

    def as_json(self) -> dict[str, Any]:
        return {"id": self.id, "rule": self.rule, "article": self.article, "clause": self.clause, "key": self.key,
                "value": self.value, "unit": self.unit, "label": dict(self.label)}


class ReformError(ValueError):
    """A reform that cannot be applied; `errors` are {field, zh, en}, each naming `reform.<parameter id>`."""

    def __init__(self, errors: list[dict[str, str]]) -> None:
        super().__init__("; ".join(f"{e['field']}: {e['en']}" for e in errors))
        self.errors = errors


def _entry_label(rule: Mapping[str, Any], list_key: str, index: int, entry: Mapping[str, Any]) -> tuple[str, str]:
    if "label" in entry:
        return entry["label"]["zh"], entry["label"]["en"]
    return f"第{index + 1}档", f"tier {index + 1}"


def _clause(rule: Mapping[str, Any], entry: Mapping[str, Any] | None, figure: Mapping[str, Any]) -> str:
    for source in (figure, entry or {}, rule):
        if isinstance(source.get("clause"), str):
            return str(source["clause"])
    return str(rule["clauses"][0])


def _rule_parameters(rule: Mapping[str, Any], index: int) -> Iterator[Parameter]:
    title = rule["title"]

    def make(entry: Mapping[str, Any] | None, entry_id: str | None, entry_label: tuple[str, str] | None, key: str,
             path: tuple[Any, ...]) -> Parameter:
        figure = entry[key] if entry is not None else rule[key]
        name_zh, name_en = KEY_NAMES[key]
        middle_zh = f" · {entry_label[0]}" if entry_label else ""
        middle_en = f" · {entry_label[1]}" if entry_label else ""
        return Parameter(id=".".join(p for p in (rule["id"], entry_id, key) if p), rule=rule["id"], article=int(rule["article"]),
                         clause=_clause(rule, entry, figure), key=key, unit=str(figure["unit"]), value=str(figure["value"]),
                         label={"zh": f"{title['zh']}{middle_zh} · {name_zh}", "en": f"{title['en']}{middle_en} · {name_en}"},
                         path=(index, *path))

    for key in FIGURE_KEYS:
        if isinstance(rule.get(key), Mapping) and "value" in rule[key]:
            yield make(None, None, None, key, (key,))
    for list_key in ENTRY_LISTS:
        for e_index, entry in enumerate(rule.get(list_key, [])):
            for key in FIGURE_KEYS:
                if isinstance(entry.get(key), Mapping) and "value" in entry[key]:
                    yield make(entry, str(entry["id"]), _entry_label(rule, list_key, e_index, entry), key, (list_key, e_index, key))


def list_parameters(policy: PolicyData) -> list[Parameter]:
    """Every figure of every rule, in rule order."""
    return [parameter for index, rule in enumerate(policy.rules) for parameter in _rule_parameters(rule, index)]


def _unit_text(unit: str, lang: str) -> str:
    return UNIT_NAMES.get(unit, (unit, unit))[0 if lang == "zh" else 1]


def parse_reform_value(raw: Any, parameter: Parameter) -> Decimal:
    """A new value in the parameter's unit: a number, or a number followed by that unit ("250万元", "5%")."""
    unit_zh, unit_en = _unit_text(parameter.unit, "zh"), _unit_text(parameter.unit, "en")
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str, Decimal)):
        raise _Refused(f"应为数字（单位：{unit_zh}）", f"Expected a number (unit: {unit_en})")
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise _Refused("必须是有限的数字", "Must be a finite number")
        raw = repr(raw)
    text = unicodedata.normalize("NFKC", str(raw)).strip().replace(",", "")
    for suffix in UNIT_SUFFIXES.get(parameter.unit, ()):
        if text.endswith(suffix):
            text = text[: -len(suffix)].strip()
            break
    else:
        other = _ANY_SUFFIX.match(text)
        if other is not None and not _NUMBER.fullmatch(text):
            raise _Refused(f"单位不符：本参数的单位是{unit_zh}，不是“{other[2]}”", f"Wrong unit: this parameter is in {unit_en}, not “{other[2]}”")
    if len(text) > 20 or not _NUMBER.fullmatch(text):
        raise _Refused(f"应为不小于0的数字，最多4位小数（单位：{unit_zh}），例如 {parameter.value}",
                       f"Expected a number of at least 0 with at most 4 decimals (unit: {unit_en}), e.g. {parameter.value}")
    try:
        value = Decimal(text)
    except InvalidOperation:  # the pattern admits only decimal literals; kept for safety
        raise _Refused("不是数字", "Not a number") from None
    if parameter.unit == "percent" and value > 100:
        raise _Refused("比例不能超过100%", "A rate cannot exceed 100 percent")
    return value


class _Refused(Exception):
    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh, self.en = zh, en


def _plain(value: Decimal) -> str:
    text = format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


@dataclass(frozen=True)
class Reform:
    """A reform applied: the reformed policy and what changed ({id, rule, clause, unit, baseline, value})."""
    policy: PolicyData
    changes: tuple[Mapping[str, Any], ...]


def apply_reform(policy: PolicyData, reform: Any) -> Reform:
    """A copy of `policy` with the reform's values; ReformError (every problem, each naming its id) when it cannot."""
    if not isinstance(reform, Mapping):
        raise ReformError([{"field": "reform", "zh": "政策调整应为对象：{参数 id: 新数值}", "en": "A reform must be a mapping {parameter id: new value}"}])
    if len(reform) > MAX_REFORM_PARAMETERS:
        raise ReformError([{"field": "reform", "zh": f"最多调整 {MAX_REFORM_PARAMETERS} 个参数", "en": f"At most {MAX_REFORM_PARAMETERS} parameters"}])
    by_id = {parameter.id: parameter for parameter in list_parameters(policy)}
    raw = copy.deepcopy(dict(policy.raw))
    errors: list[dict[str, str]] = []
    changes: list[Mapping[str, Any]] = []
    for key, value in reform.items():
        where = f"reform.{key}"
        parameter = by_id.get(key) if isinstance(key, str) else None
        if parameter is None:
            errors.append({"field": where, "zh": f"未知的参数 “{key}”：可用 python -m calculator parameters 列出全部参数",
                           "en": f"Unknown parameter “{key}”: python -m calculator parameters lists them all"})
            continue
        try:
            new = parse_reform_value(value, parameter)
        except _Refused as refused:
            errors.append({"field": where, "zh": refused.zh, "en": refused.en})
            continue
        node: Any = raw["rules"]
        for step in parameter.path:
            node = node[step]
        node["value"] = _plain(new)
        changes.append({"id": parameter.id, "rule": parameter.rule, "clause": parameter.clause, "unit": parameter.unit,
                        "baseline": parameter.value, "value": _plain(new), "label": dict(parameter.label)})
    if errors:
        raise ReformError(errors)
    return Reform(from_raw(raw), tuple(changes))
