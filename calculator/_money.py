"""Decimal money: unit conversion from the rule data, the one rounding, and display strings in both languages."""
from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal
from functools import lru_cache
from typing import Any, Mapping

FEN = Decimal("0.01")
TEN_THOUSAND = Decimal(10000)

# Unit of an amount in the rule data -> factor to yuan (or to a plain number for percent and ratio).
_UNIT_FACTORS: Mapping[str, Decimal] = {
    "元": Decimal(1),
    "万元": TEN_THOUSAND,
    "亿元": Decimal(100_000_000),
    "万元/亩": TEN_THOUSAND,
    "percent": Decimal("0.01"),
    "ratio": Decimal(1),
}


def amount_value(amount: Mapping[str, Any], *, where: str) -> Decimal:
    """{value: '200', unit: '万元'} -> Decimal('2000000'); percent -> fraction. Unknown unit: loud error naming the place."""
    unit = amount["unit"]
    if unit not in _UNIT_FACTORS:
        raise ValueError(f"{where}: unknown amount unit {unit!r}")
    return Decimal(amount["value"]) * _UNIT_FACTORS[unit]


def round_fen(value: Decimal) -> Decimal:
    """The single rounding of a line: to the fen, half up."""
    return value.quantize(FEN, rounding=ROUND_HALF_UP)


def plain(value: Decimal) -> str:
    """Exact decimal string without exponent or trailing zeros: 2000000, 0.3, 12.5."""
    text = format(value, "f")
    if "." in text:
        text = text.rstrip("0").rstrip(".")
    return text or "0"


@lru_cache(maxsize=4096)  # the same amounts recur in every estimate; equal Decimals give equal text
def cny_string(value: Decimal) -> str:
    """The JSON form of a rounded amount in yuan: always two decimals, no grouping: '80000.00'."""
    return format(round_fen(value), "f")


@lru_cache(maxsize=4096)  # the same amounts recur in every estimate; equal Decimals give equal text
def wan_string(value: Decimal) -> str:
    """Amount in 万元 as an exact decimal string: 80000 -> '8', 12345.67 -> '1.234567'."""
    return plain(value / TEN_THOUSAND)


def _grouped(value: Decimal) -> str:
    """Thousands-grouped exact decimal; a fractional fen amount keeps its two decimals (12,345.60)."""
    text = plain(value)
    if "." in text and len(text.partition(".")[2]) == 1:
        text += "0"
    whole, _, fraction = text.partition(".")
    sign = "-" if whole.startswith("-") else ""
    whole = whole.lstrip("-")
    groups: list[str] = []
    while len(whole) > 3:
        groups.insert(0, whole[-3:])
        whole = whole[:-3]
    groups.insert(0, whole)
    return sign + ",".join(groups) + (f".{fraction}" if fraction else "")


@lru_cache(maxsize=4096)  # the same amounts recur in every estimate; equal Decimals give equal text
def money_text(value: Decimal, lang: str) -> str:
    """An amount inside an explanation: whole 百元 amounts in 万元 (zh), otherwise yuan; English always CNY."""
    if lang == "zh":
        if value % 100 == 0 and value >= TEN_THOUSAND:
            return f"{wan_string(value)}万元"
        return f"{_grouped(value)}元"
    return f"CNY {_grouped(value)}"


@lru_cache(maxsize=4096)  # the same amounts recur in every estimate; equal Decimals give equal text
def display(value: Decimal, lang: str) -> str:
    """A result amount for people: zh '8万元', en 'CNY 80,000' (English never shows 万元)."""
    if lang == "zh":
        return f"{wan_string(value)}万元"
    return f"CNY {_grouped(round_fen(value))}"


def percent_text(fraction: Decimal) -> str:
    return f"{plain(fraction * 100)}%"


def number_text(value: Decimal) -> str:
    return _grouped(value)
