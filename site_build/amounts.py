"""Amounts: how a rule's figures read in the award tables. Display only; no award is computed here.

Words, punctuation and word order come from templates/ui.yaml (templating.ui).
"""
from __future__ import annotations

from decimal import Decimal
from types import MappingProxyType
from typing import Any, Callable, Iterable, Mapping

from site_build.templating import ui

__all__ = ["money", "rate", "describe_amount"]

YUAN_PER_UNIT = MappingProxyType({"万元": Decimal(10_000), "亿元": Decimal(100_000_000), "元": Decimal(1)})
# Units of a per-unit rule's base (万元/亩: per mu), by their UI key.
BASE_UNITS = MappingProxyType({"亩": "unit_mu"})


def _number(value: str) -> str:
    """'200' -> '200', '0.30' -> '0.3', '1300' -> '1300'."""
    number = Decimal(value).normalize()
    if number == number.to_integral_value():
        number = number.quantize(Decimal(1))
    return format(number, "f")


def _cny(value: str, unit: str) -> str:
    """A figure in yuan: CNY 2 million, CNY 1.3 billion, CNY 5,000."""
    yuan = Decimal(value) * YUAN_PER_UNIT[unit]
    for size, word in ((Decimal(1_000_000_000), "billion"), (Decimal(1_000_000), "million")):
        if yuan >= size:
            return f"CNY {_number(str(yuan / size))} {word}"
    return f"CNY {yuan:,.0f}"


def money(amount: Mapping[str, Any], lang: str) -> str:
    """A figure in 万元/亿元 as the policy writes it; English gives it in CNY."""
    value, unit = amount["value"], amount["unit"]
    return ui("money", lang, number=_number(value), unit=unit, cny=_cny(value, unit))


def rate(value: Mapping[str, Any], lang: str) -> str:
    return f"{_number(value['value'])}%"


def _label(item: Mapping[str, Any], lang: str) -> str:
    return item["label"][lang] if isinstance(item.get("label"), Mapping) else str(item.get("label", ""))


def _join(parts: Iterable[str], lang: str) -> str:
    return ui("semicolon", lang).join(parts)


def _with_cap(text: str, rule: Mapping[str, Any], lang: str, *, separator: str = "comma") -> str:
    if "cap" not in rule:
        return text
    return text + ui(separator, lang) + ui("at_most", lang, amount=money(rule["cap"], lang))


def _rate_and_cap(item: Mapping[str, Any], lang: str, *, maximum: bool) -> str:
    """A rate and its cap. "Up to" a rate only where the rate is a maximum (不超过4%), never for a fixed one (0.3%)."""
    pieces = []
    if "rate" in item:
        figure = rate(item["rate"], lang)
        pieces.append(ui("rate_up_to", lang, rate=figure) if maximum else figure)
    if "cap" in item:
        pieces.append(ui("at_most", lang, amount=money(item["cap"], lang)))
    return ui("comma", lang).join(pieces)


def describe_amount(rule: Mapping[str, Any], lang: str) -> str:
    """One line stating a rule's amount, rate and cap as the clause sets them. Unknown kind: loud error naming the rule."""
    kind = rule["kind"]
    try:
        describe = _AMOUNT_DESCRIPTIONS[kind]
    except KeyError:
        raise ValueError(f"rule {rule['id']!r}: unknown kind {kind!r}; known: {sorted(_AMOUNT_DESCRIPTIONS)}") from None
    return describe(rule, lang)


def _describe_unquantified(rule: Mapping[str, Any], lang: str) -> str:
    return ui("case_by_case", lang)


def _describe_fixed(rule: Mapping[str, Any], lang: str) -> str:
    return money(rule["amount"], lang)


def _describe_variants(rule: Mapping[str, Any], lang: str) -> str:
    maximum = rule["exactness"] == "maximum"
    colon = ui("colon", lang)
    if "variants" in rule:
        lines = [f"{_label(v, lang)}{colon}{_rate_and_cap(v, lang, maximum=maximum)}" for v in rule["variants"]]
        if len(rule["variants"]) == 1:
            lines = [_rate_and_cap(rule["variants"][0], lang, maximum=maximum)]
        text = _join(lines, lang)
    else:
        text = _rate_and_cap(rule, lang, maximum=maximum)
    if rule.get("cap_includes_higher_level"):  # 第十九条: 市区两级补助最高不超过1300万元
        text = ui("combined_cap", lang, amount=text)
    if "min_base" in rule:
        key = "min_base_inclusive" if rule["min_base"].get("inclusive", True) else "min_base_exclusive"
        text = ui(key, lang, threshold=money(rule["min_base"], lang), text=text)
    return text


def _describe_level(rule: Mapping[str, Any], lang: str) -> str:
    colon = ui("colon", lang)
    text = _join((f"{_label(t, lang)}{colon}{money(t['amount'], lang)}" for t in rule["tiers"]), lang)
    return _with_cap(text, rule, lang, separator="semicolon")


def _describe_matching_ratio(rule: Mapping[str, Any], lang: str) -> str:
    ratio = rule["ratio"]
    label = ratio.get("label") or f"1:{_number(ratio['value'])}"
    return _with_cap(ui("matching_ratio", lang, label=label), rule, lang)


def _describe_per_unit(rule: Mapping[str, Any], lang: str) -> str:
    per = rule["per_unit"]
    amount_unit, _, base_unit = per["unit"].partition("/")
    if base_unit not in BASE_UNITS:
        raise ValueError(f"rule {rule['id']!r}: per-unit base {base_unit!r} has no name; known: {sorted(BASE_UNITS)}")
    figure = money({"value": per["value"], "unit": amount_unit}, lang)
    key = "per_unit_up_to" if rule["exactness"] == "maximum" else "per_unit"  # 第十六条: 最高予以80万元/亩
    return _with_cap(ui(key, lang, unit=ui(BASE_UNITS[base_unit], lang), figure=figure), rule, lang)


def _describe_milestone(rule: Mapping[str, Any], lang: str) -> str:
    steps = _join((ui("milestone_step", lang, threshold=money(m["threshold"], lang), amount=money(m["amount"], lang))
                   for m in rule["milestones"]), lang)
    return ui("milestones", lang, steps=steps)


def _describe_rate_per_item(rule: Mapping[str, Any], lang: str) -> str:
    text = ui("rate_per_item", lang, rate=rate(rule["rate"], lang), cap=money(rule["item_cap"], lang))
    if "yearly_cap" in rule:
        text = ui("rate_per_item_yearly", lang, text=text, amount=money(rule["yearly_cap"], lang))
    return text


_AMOUNT_DESCRIPTIONS: Mapping[str, Callable[[Mapping[str, Any], str], str]] = MappingProxyType({
    "unquantified": _describe_unquantified,
    "fixed": _describe_fixed,
    "up_to": _describe_variants,
    "rate": _describe_variants,
    "level": _describe_level,
    "matching_ratio": _describe_matching_ratio,
    "per_unit": _describe_per_unit,
    "milestone": _describe_milestone,
    "rate_per_item": _describe_rate_per_item,
})
