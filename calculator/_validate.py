"""Profile validation: every value parsed to its declared type, every problem an error {field, zh, en}; never raises.

Numbers are accepted as people type them: full-width digits, thousands separators (1,000,000 / 1 000 000 / １，０００),
surrounding spaces. Anything else (e.g. "200万", "2e6", "abc") is refused with a message naming the expected unit.
"""
from __future__ import annotations

import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from ._data import PolicyData
from ._money import plain

PROFILE_KEYS = ("company", "facts", "other_policy_awards")
OTHER_AWARD_MAX = Decimal("1000000000000")

_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_GROUPED_NUMBER = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
_CHINESE_MAGNITUDE = re.compile(r"^[+-]?[\d.,]+\s*(万|亿|千|百)")
_MAGNITUDES = {"万": Decimal(10000), "亿": Decimal(100_000_000), "千": Decimal(1000), "百": Decimal(100)}
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_LIST_SEPARATORS = re.compile(r"[\n;；]+")
_TRUE = {"true", "yes", "是", "y", "1"}
_FALSE = {"false", "no", "否", "n", "0"}

# Unit id of an input -> (zh name, en name, example the user can copy).
UNIT_NAMES: Mapping[str, tuple[str, str, str]] = {
    "yuan": ("元", "yuan (CNY)", "5000000"),
    "mu": ("亩", "mu", "12.5"),
    "none": ("", "", "1"),
}


@dataclass
class ParsedProfile:
    values: dict[str, Any] = field(default_factory=dict)
    other_awards: dict[str, Decimal] = field(default_factory=dict)


def error(field_path: str, zh: str, en: str) -> dict[str, str]:
    return {"field": field_path, "zh": zh, "en": en}


class _Refused(Exception):
    """Internal: a value could not be parsed; carries the bilingual message (never escapes this module)."""

    def __init__(self, zh: str, en: str) -> None:
        super().__init__(en)
        self.zh = zh
        self.en = en


def _unit_phrase(unit: str) -> tuple[str, str, str]:
    return UNIT_NAMES.get(unit, UNIT_NAMES["none"])


def _number_refusal(unit: str, text: str | None) -> _Refused:
    unit_zh, unit_en, example = _unit_phrase(unit)
    magnitude = _CHINESE_MAGNITUDE.match(text) if text is not None else None
    if magnitude is not None and unit == "yuan":
        number = magnitude[0][: -len(magnitude[1])].strip().replace(",", "")
        typed = f"{number}{magnitude[1]}"
        if _PLAIN_NUMBER.fullmatch(number):
            suggestion = plain(Decimal(number) * _MAGNITUDES[magnitude[1]])
        else:
            typed, suggestion = "200万", "2000000"
        return _Refused(f"本项以元为单位，请填写纯数字，不要带“万”“亿”等字样：{typed}元请填写 {suggestion}",
                        f"This field is in yuan (CNY): enter a plain number without 万 or 亿, e.g. {suggestion} for {typed}")
    if unit_zh:
        return _Refused(f"请填写以{unit_zh}为单位的数字，例如 {example}", f"Enter a number in {unit_en}, e.g. {example}")
    return _Refused(f"请填写数字，例如 {example}", f"Enter a number, e.g. {example}")


def parse_decimal(raw: Any, spec: Mapping[str, Any]) -> Decimal:
    """A money or number value, typed as people type it, checked against the input's bounds and decimals."""
    unit = spec.get("unit", "none")
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str, Decimal)):
        raise _number_refusal(unit, None)
    if isinstance(raw, float):
        if not math.isfinite(raw):
            raise _Refused("必须是有限的数字", "Must be a finite number")
        raw = repr(raw)
    if isinstance(raw, int):
        value = Decimal(raw)
    elif isinstance(raw, Decimal):
        value = raw
    else:
        text = unicodedata.normalize("NFKC", raw).strip()
        compact = re.sub(r"\s+", "", text)
        if _GROUPED_NUMBER.fullmatch(compact):
            compact = compact.replace(",", "")
        if not _PLAIN_NUMBER.fullmatch(compact):
            if not text:
                raise _Refused("不能为空", "Cannot be empty")
            raise _number_refusal(unit, text)
        try:
            value = Decimal(compact)
        except InvalidOperation:  # the pattern above admits only decimal literals; kept for safety
            raise _number_refusal(unit, text) from None
    if not value.is_finite():
        raise _Refused("必须是有限的数字", "Must be a finite number")
    unit_zh, unit_en, _ = _unit_phrase(unit)
    if value < Decimal(spec.get("min", "0")):
        if value < 0:
            raise _Refused("不能为负数", "Cannot be negative")
        raise _Refused(f"不能小于 {spec['min']}{unit_zh}", f"Must be at least {spec['min']} {unit_en}".rstrip())
    if "max" in spec and value > Decimal(spec["max"]):
        raise _Refused(f"数额过大：最大 {plain(Decimal(spec['max']))}{unit_zh}",
                       f"Too large: at most {plain(Decimal(spec['max']))} {unit_en}".rstrip())
    decimals = int(spec.get("decimals", 2))
    if value != value.quantize(Decimal(1).scaleb(-decimals)):
        raise _Refused(f"最多{decimals}位小数", f"At most {decimals} decimal places")
    return value + 0  # drops a negative zero's sign


def _parse_bool(raw: Any) -> bool:
    if isinstance(raw, bool):
        return raw
    if isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise _Refused("应为“是”或“否”（true / false）", "Expected yes or no (true / false)")


def _parse_choice(raw: Any, spec: Mapping[str, Any]) -> str:
    ids = [choice["id"] for choice in spec["choices"]]
    if isinstance(raw, str):
        text = unicodedata.normalize("NFKC", raw).strip()
        if text in ids:
            return text
    listed = "、".join(f"{c['id']}（{c['label']['zh']}）" for c in spec["choices"])
    listed_en = ", ".join(f"{c['id']} ({c['label']['en']})" for c in spec["choices"])
    raise _Refused(f"应为以下之一：{listed}", f"Expected one of: {listed_en}")


def _parse_date(raw: Any, spec: Mapping[str, Any]) -> str:
    match = _DATE.fullmatch(unicodedata.normalize("NFKC", raw).strip()) if isinstance(raw, str) else None
    if match is None:
        raise _Refused("应为日期，格式 2024-06-30", "Expected a date in the form 2024-06-30")
    try:
        value = date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise _Refused("不存在的日期", "No such date") from None
    earliest = date.fromisoformat(spec.get("min", "2024-01-01"))
    if value < earliest:
        raise _Refused(f"早于 {earliest.isoformat()}：附则（六）规定 2024年1月1日以来的事项才可享受本政策",
                       f"Before {earliest.isoformat()}: Provision 6 covers only events since 1 January 2024")
    latest = date.fromisoformat(spec.get("max", "2099-12-31"))
    if value > latest:
        raise _Refused(f"晚于 {latest.isoformat()}，请检查日期", f"After {latest.isoformat()}: please check the date")
    return value.isoformat()


def _parse_money_list(raw: Any, spec: Mapping[str, Any], where: str, errors: list[dict[str, str]]) -> list[Decimal] | None:
    if isinstance(raw, str):
        items: list[Any] = [part for part in _LIST_SEPARATORS.split(raw) if part.strip()]
    elif isinstance(raw, list):
        items = raw
    else:
        unit_zh, unit_en, example = _unit_phrase(spec["unit"])
        errors.append(error(where, f"应为金额列表（以{unit_zh}为单位，每期一项），例如 [{example}, 3000000]",
                            f"Expected a list of amounts in {unit_en}, one per issue, e.g. [{example}, 3000000]"))
        return None
    limit = int(spec.get("max_items", 50))
    if len(items) > limit:
        errors.append(error(where, f"最多 {limit} 项", f"At most {limit} items"))
        return None
    values: list[Decimal] = []
    for index, item in enumerate(items):
        try:
            values.append(parse_decimal(item, spec))
        except _Refused as refused:
            errors.append(error(f"{where}[{index}]", refused.zh, refused.en))
    return values if len(values) == len(items) else None


def parse_value(raw: Any, spec: Mapping[str, Any], where: str, errors: list[dict[str, str]]) -> Any:
    """The parsed value, or None after appending an error."""
    kind = spec["type"]
    try:
        if kind in ("money", "number"):
            return parse_decimal(raw, spec)
        if kind == "bool":
            return _parse_bool(raw)
        if kind == "choice":
            return _parse_choice(raw, spec)
        if kind == "date":
            return _parse_date(raw, spec)
        if kind == "money_list":
            return _parse_money_list(raw, spec, where, errors)
    except _Refused as refused:
        errors.append(error(where, refused.zh, refused.en))
        return None
    raise ValueError(f"input {spec['id']!r}: unknown input type {kind!r}")


def trigger_is_set(value: Any) -> bool:
    """Whether a rule's trigger input asks for the rule: yes, a level other than none, an amount, a non-empty list."""
    return value is not None and value is not False and value != "none" and value != []


def parse_profile(profile: Any, policy: PolicyData) -> tuple[ParsedProfile, list[dict[str, str]]]:
    errors: list[dict[str, str]] = []
    parsed = ParsedProfile()
    if not isinstance(profile, dict):
        errors.append(error("", "档案应为 JSON 对象：{\"company\": {...}, \"facts\": {...}}",
                            "The profile must be a JSON object: {\"company\": {...}, \"facts\": {...}}"))
        return parsed, errors
    for key in profile:
        if key not in PROFILE_KEYS:
            errors.append(error(str(key), f"未知的键 “{key}”；允许：{', '.join(PROFILE_KEYS)}",
                                f"Unknown key “{key}”; allowed: {', '.join(PROFILE_KEYS)}"))
    for group in ("company", "facts"):
        section = profile.get(group, {})
        if section is None:
            continue
        if not isinstance(section, dict):
            errors.append(error(group, "应为对象（键：输入项 id）", "Expected an object keyed by input id"))
            continue
        for key, raw in section.items():
            where = f"{group}.{key}"
            spec = policy.inputs.get(key) if isinstance(key, str) else None
            if spec is None:
                errors.append(error(where, f"未知的输入项 “{key}”", f"Unknown input “{key}”"))
                continue
            if spec["group"] != group:
                errors.append(error(where, f"“{key}”应放在 {spec['group']} 下", f"“{key}” belongs under {spec['group']}"))
                continue
            if raw is None:
                continue  # an empty field: treated as not given
            value = parse_value(raw, spec, where, errors)
            if value is not None:
                parsed.values[key] = value
    others = profile.get("other_policy_awards", {})
    if others is not None and not isinstance(others, dict):
        errors.append(error("other_policy_awards", "应为对象（键：规则 id，值：元）", "Expected an object: rule id -> amount in yuan"))
    elif others:
        for rule_id, raw in others.items():
            where = f"other_policy_awards.{rule_id}"
            if rule_id not in policy.rules_by_id:
                errors.append(error(where, f"未知的规则 “{rule_id}”", f"Unknown rule “{rule_id}”"))
                continue
            value = parse_value(raw, {"id": rule_id, "type": "money", "unit": "yuan", "min": "0",
                                      "max": str(OTHER_AWARD_MAX), "decimals": 2}, where, errors)
            if value is not None:
                parsed.other_awards[rule_id] = value
    if not errors:
        errors.extend(_missing_required(parsed, policy))
    return parsed, errors


def _missing_required(parsed: ParsedProfile, policy: PolicyData) -> list[dict[str, str]]:
    """A rule that is asked for (trigger set) needs each of its inputs that has no default."""
    missing: list[dict[str, str]] = []
    reported: set[str] = set()
    for rule in policy.rules:
        if not trigger_is_set(parsed.values.get(rule["trigger"])):
            continue
        for input_id in rule["inputs"]:
            spec = policy.inputs[input_id]
            if input_id in parsed.values or "default" in spec or input_id in reported:
                continue
            reported.add(input_id)
            missing.append(error(f"{spec['group']}.{input_id}",
                                 f"第{policy.articles[rule['article']]['numeral']}条“{rule['title']['zh']}”需要填写此项：{spec['label']['zh']}",
                                 f"Article {rule['article']} “{rule['title']['en']}” needs this: {spec['label']['en']}"))
    return missing
