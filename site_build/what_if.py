"""What-if chart specs for inputs.json: for each rule with a numeric base, which input the chart varies and at which
values the page asks the engine for the award (0, each threshold and the value just below it, where the cap is
reached, and past it), with the marks to draw. Only the sample points come from here: every amount on a chart is the
engine's own result for that value (computed in the page's worker), so the chart cannot disagree with the engine.

Level rules get a ladder: the levels in the data's order, each one estimated by the engine.

A rule whose base is a list (第十九条 bonds, one amount per issue: `per_item`) is charted against its first entry: the
page keeps the reader's other issues as entered, so the point at the reader's value is the line's own amount (two
issues of 5000万 and 2亿 give 15万 + 30万 = 45万 there, not the 30万 of one 2亿 issue). The samples are per issue.
"""

from __future__ import annotations

from decimal import ROUND_CEILING, Decimal
from typing import Any

FEN = Decimal("0.01")
# Unit multipliers to yuan for the amounts in policy_rules.json.
YUAN_PER_UNIT = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
# Where the chart stops, relative to the last interesting point (the cap's reach, the last milestone).
PAST_END = Decimal("1.25")
# Linear rules without a cap (per unit, matching) are drawn to this many base units unless the reader's value is larger.
LINEAR_EXTENT = {"yuan": Decimal(1_000_000), "mu": Decimal(10)}


def yuan(amount: dict[str, Any]) -> Decimal:
    unit = str(amount["unit"])
    if unit not in YUAN_PER_UNIT:
        raise ValueError(f"what_if: amount unit {unit!r} is not a money unit ({amount})")
    return Decimal(str(amount["value"])) * YUAN_PER_UNIT[unit]


def rate_fraction(rate: dict[str, Any]) -> Decimal:
    if rate["unit"] != "percent":
        raise ValueError(f"what_if: rate unit {rate['unit']!r} is not percent ({rate})")
    return Decimal(str(rate["value"])) / 100


def plain(value: Decimal) -> str:
    """A sample value as the form would take it: yuan to the fen, without exponent or trailing zeros."""
    text = format(value.quantize(FEN), "f")
    return text.rstrip("0").rstrip(".") if "." in text else text


def rounded_up(value: Decimal) -> Decimal:
    """A round end for the axis: the next multiple of a 1/2/5 step below the value's magnitude."""
    if value <= 0:
        return Decimal(1)
    step = Decimal(10) ** (value.adjusted() - 1)
    return (value / step).to_integral_value(rounding=ROUND_CEILING) * step


def curve(samples: list[Decimal], marks: list[tuple[str, Decimal]]) -> dict[str, Any]:
    unique = sorted(set(samples))
    return {"samples": [plain(x) for x in unique], "marks": [{"mark": mark, "x": plain(x)} for mark, x in marks]}


def threshold_points(threshold: Decimal | None) -> list[Decimal]:
    """Just below, at and just above a threshold: the award may change at it ("200万元（含）") or past it ("突破")."""
    if threshold is None or threshold <= 0:
        return []
    return [threshold - FEN, threshold, threshold + FEN]


def rate_curve(rule: dict[str, Any], variant: dict[str, Any]) -> dict[str, Any]:
    threshold = yuan(rule["min_base"]) if rule.get("min_base") else None
    cap = yuan(variant["cap"])
    reach = (cap / rate_fraction(variant["rate"])).quantize(FEN, rounding=ROUND_CEILING)
    marks: list[tuple[str, Decimal]] = [("cap", reach)]
    if threshold:
        marks.insert(0, ("threshold", threshold))
    end = rounded_up(max(reach, threshold or 0) * PAST_END)
    return curve([Decimal(0), *threshold_points(threshold), reach, end], marks)


def chart_spec(rule: dict[str, Any], unit: str) -> dict[str, Any] | None:
    """The chart of one rule (see the module docstring), or None when its amount has no numeric base."""
    kind = rule["kind"]
    if kind == "level":
        return {"type": "ladder", "input": rule["level_input"], "levels": [tier["id"] for tier in rule["tiers"]]}
    if kind == "rate":
        variants = {variant["id"]: rate_curve(rule, variant) for variant in rule["variants"]}
        return {"type": "curve", "input": rule["base_input"], "variant_input": rule.get("variant_input"),
                "variants": variants}
    if kind in ("per_unit", "matching_ratio"):
        extent = LINEAR_EXTENT[unit]
        return {"type": "curve", "input": rule["base_input"], "linear": True,
                "variants": {"": curve([Decimal(0), extent], [])}}
    if kind == "milestone":
        thresholds = [yuan(milestone["threshold"]) for milestone in rule["milestones"]]
        samples = [Decimal(0), rounded_up(thresholds[-1] * PAST_END)]
        for threshold in thresholds:
            samples += threshold_points(threshold)
        return {"type": "curve", "input": rule["value_input"],
                "variants": {"": curve(samples, [("milestone", threshold) for threshold in thresholds])}}
    if kind == "rate_per_item":
        reach = (yuan(rule["item_cap"]) / rate_fraction(rule["rate"])).quantize(FEN, rounding=ROUND_CEILING)
        return {"type": "curve", "input": rule["items_input"], "per_item": True,
                "variants": {"": curve([Decimal(0), reach, rounded_up(reach * PAST_END)], [("cap", reach)])}}
    return None


def chart_specs(rules: list[dict[str, Any]], inputs: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """Rule id -> chart spec, for every rule that has one."""
    specs: dict[str, dict[str, Any]] = {}
    for rule in rules:
        base = rule.get("base_input") or rule.get("value_input") or rule.get("items_input")
        unit = str(inputs[base]["unit"]) if base else "yuan"
        spec = chart_spec(rule, unit)
        if spec is not None:
            specs[rule["id"]] = spec
    return specs
