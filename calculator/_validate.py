"""Profile validation: every value parsed to its declared type, every problem an error {field, zh, en}; never raises.

Numbers are accepted as people type them: full-width digits, thousands separators (1,000,000 / 1 000 000 / １，０００),
surrounding spaces, and for amounts in yuan a 万/万元/亿/亿元/元 after the number ("800万", "1.2亿"). Anything still
ambiguous (number words "两百万", another currency "200万美元", two numbers, "2e6", "abc") is refused with a message
naming the field and the expected unit.
"""
from __future__ import annotations

import json
import math
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from decimal import Decimal, InvalidOperation
from typing import Any, Mapping

from ._data import PolicyData
from ._money import plain
from ._text import quoted

PROFILE_KEYS = ("year", "company", "facts", "items", "other_policy_awards")
# An estimate is for one year (附则五 当年度, 附则二 当年): `year`, else the year of company.event_date, else of the items.
YEAR_MIN, YEAR_MAX = 2024, 2099
OTHER_AWARD_MAX = Decimal("1000000000000")
# An item holds its rule's inputs plus these keys.
ITEM_KEYS = ("event_date", "label", "other_policy_award")
MAX_ITEMS_REPEATABLE = 50  # per rule; a rule that is not repeatable takes one item
ITEM_LABEL_MAX = 60
# Where another policy's amount for the same item comes from. 附则四 names only "市级政策或本区现行政策": a city or another
# district policy falls under 从高不重复; a provincial or national award does not, unless an article says so.
OTHER_SOURCES = ("city", "district", "provincial", "national")
# A bare amount is a city policy's (the usual case); "higher_level", the old name, is read as "city".
DEFAULT_OTHER_SOURCE = "city"
LEGACY_OTHER_SOURCES = {"higher_level": "city"}
MAX_OTHER_AWARDS = 4  # other policies' amounts for one item
# An item may be dated before 2024-01-01 (it then pays nothing, citing 附则六); dates before this are typing errors.
EARLIEST_ITEM_DATE = "2000-01-01"
# Input limits (issue 23), checked before any other parsing. The largest real profile (30 repeatable rules × 50 items,
# each with its inputs, date, label and 4 other-policy amounts) nests 6 levels deep and holds about 26,000 values and
# 310,000 characters.
MAX_DEPTH = 8  # objects and lists inside one another; the profile itself is level 1
MAX_VALUES = 50_000  # objects, lists and values in all; an object shared by reference counts each time it is reached
MAX_STRING = 10_000  # characters in one string, key or value
MAX_CHARACTERS = 1_000_000  # characters in all strings, keys included
# An int longer than this is beyond every input's maximum; it is refused without being converted (a huge int's
# conversion to Decimal is quadratic: a million digits take 25 s).
_MAX_INT_BITS = 256

_PLAIN_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?")
_GROUPED_NUMBER = re.compile(r"[+-]?\d{1,3}(?:,\d{3})+(?:\.\d+)?")
# A number with 千 or 百 (not accepted: 万 and 亿 are); the refusal suggests the figure in yuan.
_CHINESE_MAGNITUDE = re.compile(r"^([+-]?[\d.,]+)\s*(千|百)\s*元?$")
_MAGNITUDES = {"万": Decimal(10000), "亿": Decimal(100_000_000), "千": Decimal(1000), "百": Decimal(100)}
# Money as people write it (issue 13): a number followed by 万, 万元, 亿, 亿元 or 元 ("800万", "1.2亿", "1,200万元").
_MONEY_WITH_UNIT = re.compile(r"([+-]?[\d,]+(?:\.\d+)?)(万元|万|亿元|亿|元)")
_MONEY_UNITS = {"万元": Decimal(10000), "万": Decimal(10000), "亿元": Decimal(100_000_000), "亿": Decimal(100_000_000), "元": Decimal(1)}
# Still ambiguous, so refused: number words, another currency, two numbers.
_NUMBER_WORDS = re.compile(r"[零〇一二两三四五六七八九十百千壹贰叁肆伍陆柒捌玖拾佰仟]")
_OTHER_CURRENCY = re.compile(r"美元|美金|欧元|港元|港币|日元|英镑|澳元|加元|韩元|卢布|USD|EUR|HKD|JPY|GBP|AUD|CAD|US\$|\$|€|£", re.I)
_DIGIT_RUNS = re.compile(r"\d+(?:[.,]\d+)*")
_EXPONENT = re.compile(r"\d[eE][+-]?\d")
_EXPONENT_NUMBER = re.compile(r"[+-]?\d+(?:\.\d+)?[eE][+-]?\d+")  # "2e6" is refused; "1e400" says it is too large
_DATE = re.compile(r"(\d{4})\s*[-/.年]\s*(\d{1,2})\s*[-/.月]\s*(\d{1,2})\s*日?")
_LIST_SEPARATORS = re.compile(r"[\n;；]+")
# Not in an item's label: control characters (Cc: line breaks, tabs, escape), format characters (Cf: zero-width and
# direction marks) and lone surrogates (Cs: not text, and not encodable as UTF-8).
_CONTROL_CATEGORIES = ("Cc", "Cf", "Cs")
# Lone surrogates: JSON ("\ud800") and YAML can carry them, but they are not text and cannot be printed as UTF-8.
_SURROGATES = re.compile("[\ud800-\udfff]")
_TRUE = {"true", "yes", "是", "y", "1"}
_FALSE = {"false", "no", "否", "n", "0"}

# Unit id of an input -> (zh name, en name, example the user can copy).
UNIT_NAMES: Mapping[str, tuple[str, str, str]] = {
    "yuan": ("元", "yuan (CNY)", "5000000"),
    "mu": ("亩", "mu", "12.5"),
    "none": ("", "", "1"),
}


@dataclass(frozen=True)
class OtherAward:
    """An amount another policy pays for the same item (附则四), and where it comes from (OTHER_SOURCES)."""
    amount: Decimal
    source: str


@dataclass
class ParsedItem:
    """One item of a rule (a project, product, recognition): its own inputs, date, label and other-policy amounts."""
    values: dict[str, Any] = field(default_factory=dict)
    event_date: str | None = None
    label: str | None = None
    other_awards: tuple[OtherAward, ...] = ()


@dataclass
class ParsedProfile:
    year: int | None = None
    values: dict[str, Any] = field(default_factory=dict)
    other_awards: dict[str, tuple[OtherAward, ...]] = field(default_factory=dict)
    items: dict[str, list[ParsedItem]] = field(default_factory=dict)


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
        number, word = magnitude[1].replace(",", ""), magnitude[2]
        typed = f"{number}{word}"
        if _PLAIN_NUMBER.fullmatch(number):
            suggestion = plain(Decimal(number) * _MAGNITUDES[word])
        else:
            typed, suggestion = f"3{word}", plain(3 * _MAGNITUDES[word])
        return _Refused(f"本项以元为单位，可填写数字或带“万”“亿”的金额，不接受“{word}”：{typed}元请填写 {suggestion}",
                        f"This field is in yuan (CNY): enter a number, or one with 万 or 亿; “{word}” is not accepted: enter {suggestion} for {typed}")
    if unit == "yuan":
        return _Refused(f"请填写以元为单位的数字，例如 {example} 或 500万", f"Enter a number in yuan (CNY), e.g. {example} or 500万")
    if unit_zh:
        return _Refused(f"请填写以{unit_zh}为单位的数字，例如 {example}", f"Enter a number in {unit_en}, e.g. {example}")
    return _Refused(f"请填写数字，例如 {example}", f"Enter a number, e.g. {example}")


def _field_name(spec: Mapping[str, Any], lang: str) -> str:
    label = spec.get("label")
    if not label:
        return "本项" if lang == "zh" else "This field"
    return quoted(label[lang])


def _ambiguous_money(text: str, spec: Mapping[str, Any]) -> _Refused | None:
    """Words, another currency or two numbers: refused with a message naming the field (issue 13)."""
    zh, en = _field_name(spec, "zh"), _field_name(spec, "en")
    if _OTHER_CURRENCY.search(text):
        return _Refused(f"{zh}只接受人民币金额（元、万元、亿元）：“{text}”是其他币种，请先折算为人民币",
                        f"{en} takes amounts in CNY only (元, 万元, 亿元): “{text}” is in another currency; convert it to CNY first")
    if _NUMBER_WORDS.search(text) and not _CHINESE_MAGNITUDE.match(text):
        return _Refused(f"{zh}请用阿拉伯数字填写，例如 2000000 或 200万；不接受汉字数字（如“两百万”）：“{text}”",
                        f"{en}: write the amount in digits, e.g. 2000000 or 200万; number words (such as 两百万) are not accepted: “{text}”")
    if len(_DIGIT_RUNS.findall(text)) > 1 and not _EXPONENT.search(text):
        return _Refused(f"{zh}只能填写一个金额，这里有多个数字：“{text}”", f"{en} takes one amount; this has more than one number: “{text}”")
    return None


def _money_with_unit(compact: str) -> Decimal | None:
    """"800万" -> 8000000, "1.2亿" -> 120000000, "1,200万元" -> 12000000; None when it is not that form."""
    match = _MONEY_WITH_UNIT.fullmatch(compact)
    if match is None:
        return None
    number = match[1]
    if "," in number:
        if not _GROUPED_NUMBER.fullmatch(number):
            return None
        number = number.replace(",", "")
    return Decimal(number) * _MONEY_UNITS[match[2]]


def parse_decimal(raw: Any, spec: Mapping[str, Any]) -> Decimal:
    """A money or number value, typed as people type it, checked against the input's bounds and decimals."""
    unit = spec.get("unit", "none")
    if isinstance(raw, bool) or not isinstance(raw, (int, float, str, Decimal)):
        raise _number_refusal(unit, None)
    if isinstance(raw, float):
        if math.isnan(raw):
            raise _Refused("必须是有限的数字", "Must be a finite number")
        value = Decimal(raw) if math.isinf(raw) else Decimal(repr(raw))  # 1e300 and 1e-07 are numbers too
    elif isinstance(raw, int):
        # Beyond every maximum: refused without the conversion, which is quadratic in the number of digits.
        value = Decimal(raw) if raw.bit_length() <= _MAX_INT_BITS else Decimal("Infinity") * (1 if raw > 0 else -1)
    elif isinstance(raw, Decimal):
        value = raw
    else:
        text = unicodedata.normalize("NFKC", raw).strip()
        compact = re.sub(r"\s+", "", text)
        if _GROUPED_NUMBER.fullmatch(compact):
            compact = compact.replace(",", "")
        with_unit = _money_with_unit(compact) if unit == "yuan" else None
        if with_unit is not None:
            value = with_unit
        elif not _PLAIN_NUMBER.fullmatch(compact):
            if not text:
                raise _Refused("不能为空", "Cannot be empty")
            if _EXPONENT_NUMBER.fullmatch(compact):  # "1e400": too large says so; "2e6" is refused as before
                _check_range(_exponent_value(compact), spec)
            raise (_ambiguous_money(text, spec) if unit == "yuan" else None) or _number_refusal(unit, text)
        else:
            try:
                value = Decimal(compact)
            except InvalidOperation:  # the pattern above admits only decimal literals; kept for safety
                raise _number_refusal(unit, text) from None
    if value.is_nan():
        raise _Refused("必须是有限的数字", "Must be a finite number")
    _check_range(value, spec)
    decimals = int(spec.get("decimals", 2))
    if value != value.quantize(Decimal(1).scaleb(-decimals)):
        raise _Refused(f"最多{decimals}位小数", f"At most {decimals} decimal places")
    return value + 0  # drops a negative zero's sign


def json_int(text: str) -> int | Decimal:
    """json.loads' parse_int: an integer too long for int() (4300 digits) is read as a Decimal, which the field's
    bounds then refuse as too large, rather than the whole text failing to parse."""
    return int(text) if len(text) <= 4000 else Decimal(text)


def _exponent_value(compact: str) -> Decimal:
    try:
        return Decimal(compact)
    except InvalidOperation:  # beyond Decimal's exponent range (smaller in Pyodide's 32-bit build): 0 or infinite
        return Decimal(0) if "-" in compact.lower().partition("e")[2] else Decimal("Infinity") * (-1 if compact.startswith("-") else 1)


def _check_range(value: Decimal, spec: Mapping[str, Any]) -> None:
    """The declared min and max (a number too large, infinity included, says so: 数额过大 / Too large)."""
    unit_zh, unit_en, _ = _unit_phrase(spec.get("unit", "none"))
    if value < Decimal(spec.get("min", "0")):
        if value < 0:
            raise _Refused("不能为负数", "Cannot be negative")
        raise _Refused(f"不能小于 {spec['min']}{unit_zh}", f"Must be at least {spec['min']} {unit_en}".rstrip())
    if value > Decimal(spec.get("max", OTHER_AWARD_MAX)):
        top = plain(Decimal(spec.get("max", OTHER_AWARD_MAX)))
        raise _Refused(f"数额过大：最大 {top}{unit_zh}", f"Too large: at most {top} {unit_en}".rstrip())


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


def _date_of(raw: Any) -> date:
    if isinstance(raw, date) and not isinstance(raw, datetime):  # YAML reads an unquoted 2024-07-15 as a date
        return raw
    match = _DATE.fullmatch(unicodedata.normalize("NFKC", raw).strip()) if isinstance(raw, str) else None
    if match is None:
        raise _Refused("应为日期，格式 2024-06-30", "Expected a date in the form 2024-06-30")
    try:
        return date(int(match[1]), int(match[2]), int(match[3]))
    except ValueError:
        raise _Refused("不存在的日期", "No such date") from None


def _parse_date(raw: Any, spec: Mapping[str, Any]) -> str:
    value = _date_of(raw)
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
    """The profile parsed to typed values, and its errors {field, zh, en} (each naming its path)."""
    errors: list[dict[str, str]] = []
    parsed = ParsedProfile()
    if not isinstance(profile, dict):
        errors.append(error("", "档案应为 JSON 对象：{\"company\": {...}, \"facts\": {...}}",
                            "The profile must be a JSON object: {\"company\": {...}, \"facts\": {...}}"))
        return parsed, errors
    over = over_limit(profile)
    if over is not None:  # nothing else is read: the profile may be a few hundred bytes of YAML aliases worth millions
        return parsed, [over]
    for key in profile:
        if key not in PROFILE_KEYS:
            errors.append(error(key_text(key), f"未知的键 “{key}”；允许：{', '.join(PROFILE_KEYS)}",
                                f"Unknown key “{key}”; allowed: {', '.join(PROFILE_KEYS)}"))
    parsed.year = _parse_year(profile.get("year"), errors)
    for group in ("company", "facts"):
        _parse_section(profile.get(group), group, policy, parsed.values, errors)
    parsed.other_awards = _parse_other_awards_section(profile.get("other_policy_awards"), policy, errors)
    parsed.items = _parse_items_section(profile.get("items"), policy, errors)
    errors.extend(_conflicts(parsed, policy))
    if not errors:
        errors.extend(_missing_required(parsed, policy))
    return parsed, errors


def _parse_year(raw: Any, errors: list[dict[str, str]]) -> int | None:
    """The estimate's year: an integer (or its digits as text) from YEAR_MIN to YEAR_MAX; None when not given."""
    if raw is None:
        return None
    text = unicodedata.normalize("NFKC", raw).strip().removesuffix("年") if isinstance(raw, str) else None
    if isinstance(raw, int) and not isinstance(raw, bool):
        year: int | None = raw
    elif text is not None and text.isascii() and text.isdigit() and len(text) == 4:
        year = int(text)
    else:
        year = None
    if year is None or not YEAR_MIN <= year <= YEAR_MAX:
        errors.append(error("year", f"估算年度应为 {YEAR_MIN} 至 {YEAR_MAX} 之间的年份，例如 2024（本政策适用于2024年1月1日以来的事项）",
                            f"The estimate's year must be a year from {YEAR_MIN} to {YEAR_MAX}, e.g. 2024 (the policy covers events since 1 January 2024)"))
        return None
    return year


class _OverLimit(Exception):
    """Internal: an input limit is exceeded at `path` (never escapes this module)."""

    def __init__(self, path: list[str | int], zh: str, en: str) -> None:
        super().__init__(en)
        self.path = list(path)
        self.zh = zh
        self.en = en


def key_text(key: str) -> str:
    """A key as it appears in a field path: itself, `""` when empty, at most 60 characters, a lone surrogate as \\ud800."""
    if not key:
        return '""'
    shown = _SURROGATES.sub(lambda found: f"\\u{ord(found[0]):04x}", key[:60])
    return shown if len(key) <= 60 else f"{shown}…"


def _non_text_key(key: Any) -> str:
    """A key that is not a string (YAML `1:`, `true:`, `2024-01-01:`, or any hashable from Python), shown briefly."""
    if isinstance(key, date):
        return key.isoformat()
    if key is None or isinstance(key, (bool, float)) or (isinstance(key, int) and key.bit_length() <= 64):
        return json.dumps(key) if not isinstance(key, float) or math.isfinite(key) else repr(key)
    return f"<{type(key).__name__}>"


def _path_text(path: list[str | int]) -> str:
    text = ""
    for segment in path:
        text += f"[{segment}]" if isinstance(segment, int) else (f".{segment}" if text else segment)
    return text


def over_limit(profile: dict[Any, Any]) -> dict[str, str] | None:
    """The first input limit the profile exceeds, as an error naming where; None within the limits.

    Walks the profile as a tree with a budget, so a structure that shares sub-objects (YAML aliases, or a dict built in
    Python) costs at most MAX_VALUES steps however large its expansion; nesting deeper than MAX_DEPTH (a cycle
    included) stops at level MAX_DEPTH + 1.
    """
    budget = [MAX_VALUES, MAX_CHARACTERS]
    path: list[str | int] = []
    try:
        _walk(profile, 1, path, budget)
    except _OverLimit as over:
        return error(_path_text(over.path), over.zh, over.en)
    return None


def _walk(value: Any, depth: int, path: list[str | int], budget: list[int]) -> None:
    budget[0] -= 1
    if budget[0] < 0:
        raise _OverLimit(path, f"档案过大：对象、列表和值合计最多 {MAX_VALUES} 个（同一对象每被引用一次都计入），在此处超出",
                         f"The profile is too large: at most {MAX_VALUES:,} objects, lists and values in all (an object counts each "
                         "time it is referenced); the limit is reached here")
    if isinstance(value, str):
        _count_characters(value, path, budget)
        return
    if not isinstance(value, (dict, list)):
        return
    if depth > MAX_DEPTH:
        raise _OverLimit(path, f"嵌套过深：对象和列表最多 {MAX_DEPTH} 层（档案本身为第 1 层），此处为第 {depth} 层",
                         f"Nested too deeply: at most {MAX_DEPTH} levels of objects and lists (the profile itself is level 1); "
                         f"this is level {depth}")
    if isinstance(value, list):
        for index, inner in enumerate(value):
            path.append(index)
            _walk(inner, depth + 1, path, budget)
            path.pop()
        return
    for key, inner in value.items():
        if not isinstance(key, str):
            path.append(_non_text_key(key))
            raise _OverLimit(path, f"键应为文字（输入项或规则的 id），不能是 {path[-1]}", f"A key must be text (an input or rule id), not {path[-1]}")
        path.append(key_text(key))
        _count_characters(key, path, budget)
        _walk(inner, depth + 1, path, budget)
        path.pop()


def _count_characters(text: str, path: list[str | int], budget: list[int]) -> None:
    if len(text) > MAX_STRING:
        raise _OverLimit(path, f"文字过长：最多 {MAX_STRING} 个字符，这里有 {len(text)} 个",
                         f"Text too long: at most {MAX_STRING:,} characters; this has {len(text):,}")
    if _SURROGATES.search(text):
        raise _OverLimit(path, "文字含孤立的代理项（U+D800–U+DFFF）：不是有效的 Unicode 文字",
                         "The text holds a lone surrogate (U+D800-U+DFFF): it is not valid Unicode text")
    budget[1] -= len(text)
    if budget[1] < 0:
        raise _OverLimit(path, f"档案过大：所有文字（含键）合计最多 {MAX_CHARACTERS} 个字符，在此处超出",
                         f"The profile is too large: at most {MAX_CHARACTERS:,} characters of text in all (keys included); "
                         "the limit is reached here")


def _parse_section(section: Any, group: str, policy: PolicyData, values: dict[str, Any], errors: list[dict[str, str]]) -> None:
    if section is None:
        return
    if not isinstance(section, dict):
        errors.append(error(group, "应为对象（键：输入项 id）", "Expected an object keyed by input id"))
        return
    for key, raw in section.items():
        where = f"{group}.{key_text(key)}"
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
            values[key] = value


def _nested_other_award(where: str, errors: list[dict[str, str]]) -> tuple[OtherAward, ...] | None:
    """A list inside the list of other-policy amounts: refused (the list is flat, at most MAX_OTHER_AWARDS entries)."""
    errors.append(error(where, f"应为金额或 {{\"amount\": 金额, \"source\": 来源}}：列表中不能再套列表（最多 {MAX_OTHER_AWARDS} 项的一层列表）",
                        f"Expected an amount or {{\"amount\": amount, \"source\": source}}: a list inside the list is not accepted "
                        f"(one flat list of at most {MAX_OTHER_AWARDS} entries)"))
    return None


_OTHER_AMOUNT_SPEC = {"id": "other_policy_award", "type": "money", "unit": "yuan", "min": "0", "max": str(OTHER_AWARD_MAX), "decimals": 2}


def _parse_other_award(raw: Any, where: str, errors: list[dict[str, str]]) -> tuple[OtherAward, ...] | None:
    """An amount (a city policy's), {amount, source}, or a list of those; None after an error."""
    if isinstance(raw, list):
        if len(raw) > MAX_OTHER_AWARDS:
            errors.append(error(where, f"最多 {MAX_OTHER_AWARDS} 项", f"At most {MAX_OTHER_AWARDS} entries"))
            return None
        parsed = [_nested_other_award(f"{where}[{index}]", errors) if isinstance(entry, list)
                  else _parse_other_award(entry, f"{where}[{index}]", errors) for index, entry in enumerate(raw)]
        return None if any(p is None for p in parsed) else tuple(a for p in parsed if p for a in p)
    source = DEFAULT_OTHER_SOURCE
    if isinstance(raw, dict):
        unknown = [str(k) for k in raw if k not in ("amount", "source")]
        if unknown or "amount" not in raw:
            errors.append(error(where, "应为金额，或 {\"amount\": 金额, \"source\": \"city\"、\"district\"、\"provincial\" 或 \"national\"}",
                                "Expected an amount, or {\"amount\": amount, \"source\": \"city\", \"district\", \"provincial\" or \"national\"}"))
            return None
        given = raw.get("source", DEFAULT_OTHER_SOURCE)
        source = LEGACY_OTHER_SOURCES.get(given, given) if isinstance(given, str) else given
        if source not in OTHER_SOURCES:
            errors.append(error(f"{where}.source", "应为 city（市级政策）、district（本区其他政策）、provincial（省级）或 national（国家级）",
                                "Expected city (a city policy), district (another policy of this district), provincial or national"))
            return None
        raw, where = raw["amount"], f"{where}.amount"
    value = parse_value(raw, _OTHER_AMOUNT_SPEC, where, errors)
    return None if value is None else (OtherAward(value, source),)


def _parse_other_awards_section(section: Any, policy: PolicyData, errors: list[dict[str, str]]) -> dict[str, tuple[OtherAward, ...]]:
    others: dict[str, tuple[OtherAward, ...]] = {}
    if section is None:
        return others
    if not isinstance(section, dict):
        errors.append(error("other_policy_awards", "应为对象（键：规则 id，值：元）", "Expected an object: rule id -> amount in yuan"))
        return others
    for rule_id, raw in section.items():
        where = f"other_policy_awards.{key_text(rule_id)}"
        if rule_id not in policy.rules_by_id:
            errors.append(error(where, f"未知的规则 “{rule_id}”", f"Unknown rule “{rule_id}”"))
            continue
        if raw is None:
            continue
        value = _parse_other_award(raw, where, errors)
        if value is not None:
            others[rule_id] = value
    return others


def max_items(rule: Mapping[str, Any]) -> int:
    return MAX_ITEMS_REPEATABLE if "repeatable" in rule else 1


def _parse_items_section(section: Any, policy: PolicyData, errors: list[dict[str, str]]) -> dict[str, list[ParsedItem]]:
    items: dict[str, list[ParsedItem]] = {}
    if section is None:
        return items
    if not isinstance(section, dict):
        errors.append(error("items", "应为对象：规则 id → 项目列表，例如 {\"a3.renovation\": [{...}, {...}]}",
                            "Expected an object: rule id -> list of items, e.g. {\"a3.renovation\": [{...}, {...}]}"))
        return items
    for rule_id, entries in section.items():
        where = f"items.{key_text(rule_id)}"
        rule = policy.rules_by_id.get(rule_id) if isinstance(rule_id, str) else None
        if rule is None:
            errors.append(error(where, f"未知的规则 “{rule_id}”", f"Unknown rule “{rule_id}”"))
            continue
        if entries is None:
            continue
        if policy.inputs[rule["trigger"]]["group"] != "facts":  # 第二条: asked for by a company fact, not per item
            errors.append(error(where, f"“{rule_id}”由企业情况（company）决定，不按项目填写", f"“{rule_id}” follows from a company fact (company), not from items"))
            continue
        if not isinstance(entries, list):
            errors.append(error(where, "应为列表，每个项目一项", "Expected a list, one entry per item"))
            continue
        limit = max_items(rule)
        if len(entries) > limit:
            errors.append(error(where, f"最多 {limit} 项（本规则{'每年每家企业' if limit > 1 else '不按项目重复计算，'}）",
                                f"At most {limit} item{'s' if limit > 1 else ''} ({'per company and year' if limit > 1 else 'this rule is not per item'})"))
            continue
        parsed = [_parse_item(entry, rule, f"{where}[{index}]", policy, errors) for index, entry in enumerate(entries)]
        if all(item is not None for item in parsed):
            items[rule_id] = [item for item in parsed if item is not None]
    return items


def _parse_item(entry: Any, rule: Mapping[str, Any], where: str, policy: PolicyData, errors: list[dict[str, str]]) -> ParsedItem | None:
    if not isinstance(entry, dict):
        errors.append(error(where, "应为对象（键：本规则的输入项 id）", "Expected an object keyed by this rule's input ids"))
        return None
    count = len(errors)
    item = ParsedItem()
    for key, raw in entry.items():
        at = f"{where}.{key_text(key)}"
        if raw is None:
            continue
        if key == "event_date":
            value = parse_value(raw, _item_date_spec(policy), at, errors)
            item.event_date = value
        elif key == "label":
            text = unicodedata.normalize("NFKC", raw).strip() if isinstance(raw, str) else ""
            if not text or len(text) > ITEM_LABEL_MAX:
                errors.append(error(at, f"应为 1 至 {ITEM_LABEL_MAX} 个字的名称", f"Expected a name of 1 to {ITEM_LABEL_MAX} characters"))
            elif any(unicodedata.category(ch) in _CONTROL_CATEGORIES for ch in text):
                errors.append(error(at, "名称不能包含控制字符（如换行、制表符、零宽字符或方向控制符）",
                                    "A name cannot contain control characters (such as line breaks, tabs, zero-width or direction marks)"))
            item.label = text
        elif key == "other_policy_award":
            item.other_awards = _parse_other_award(raw, at, errors) or ()
        elif key in rule["inputs"]:
            value = parse_value(raw, policy.inputs[key], at, errors)
            if value is not None:
                item.values[key] = value
        else:
            allowed = ", ".join([*rule["inputs"], *ITEM_KEYS])
            errors.append(error(at, f"未知的输入项 “{key}”：本规则的项目可填 {allowed}", f"Unknown input “{key}”: an item of this rule takes {allowed}"))
    if len(errors) > count:
        return None
    trigger = policy.inputs[rule["trigger"]]
    if rule["trigger"] not in item.values and trigger["type"] == "bool":
        item.values[rule["trigger"]] = True  # an item of a yes/no award is that award
    if rule["trigger"] in item.values and not trigger_is_set(item.values[rule["trigger"]]):
        errors.append(error(f"{where}.{rule['trigger']}", f"每个项目都须满足本项：{trigger['label']['zh']}",
                            f"Every item must have this: {trigger['label']['en']}"))
        return None
    return item


def _item_date_spec(policy: PolicyData) -> Mapping[str, Any]:
    """The event date's declaration, from EARLIEST_ITEM_DATE: an item before 2024 is a zero line, not an error."""
    return {**policy.inputs["event_date"], "min": EARLIEST_ITEM_DATE}


def _conflicts(parsed: ParsedProfile, policy: PolicyData) -> list[dict[str, str]]:
    """A rule is given either under facts or under items, and a company-level other-policy amount fits one item only."""
    found: list[dict[str, str]] = []
    for rule_id, items in parsed.items.items():
        rule = policy.rules_by_id[rule_id]
        for input_id in rule["inputs"]:
            if input_id in parsed.values:
                found.append(error(f"facts.{input_id}", f"“{rule_id}”已按项目（items）填写，此项请填在各项目中",
                                   f"“{rule_id}” is given as items: give this in each item instead"))
        if rule_id in parsed.other_awards and (len(items) > 1 or any(item.other_awards for item in items)):
            found.append(error(f"other_policy_awards.{rule_id}", f"“{rule_id}”有多个项目：其他政策的金额请填在各项目的 other_policy_award 中",
                               f"“{rule_id}” has several items: give another policy's amount as other_policy_award in each item"))
    return found


def _missing_required(parsed: ParsedProfile, policy: PolicyData) -> list[dict[str, str]]:
    """A rule that is asked for (trigger set, or items given) needs each of its inputs that has no default."""
    missing: list[dict[str, str]] = []
    reported: set[str] = set()
    for rule in policy.rules:
        article = policy.articles[rule["article"]]
        places: list[tuple[str, dict[str, Any]]]
        if rule["id"] in parsed.items:
            places = [(f"items.{rule['id']}[{index}].", item.values) for index, item in enumerate(parsed.items[rule["id"]])]
        elif trigger_is_set(parsed.values.get(rule["trigger"])):
            places = [("", parsed.values)]
        else:
            continue
        for prefix, values in places:
            for input_id in rule["inputs"]:
                spec = policy.inputs[input_id]
                where = f"{prefix}{input_id}" if prefix else f"{spec['group']}.{input_id}"
                if input_id in values or "default" in spec or "stand_in" in spec or where in reported:
                    continue
                reported.add(where)
                missing.append(error(where, f"第{article['numeral']}条{quoted(rule['title']['zh'])}需要填写此项：{spec['label']['zh']}",
                                     f"Article {rule['article']} {quoted(rule['title']['en'])} needs this: {spec['label']['en']}"))
    return missing
