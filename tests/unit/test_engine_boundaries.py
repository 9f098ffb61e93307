"""Boundary golden cases generated from the rule data in policy.yaml: just below, at and just above every threshold and
cap, every tier and top-up pair, every ceiling. The expected values come from the plain formula of each kind written
out here (not from the engine). `python tests/unit/test_engine_boundaries.py` rewrites golden/boundaries.yaml; the test
below fails when that file is out of date with policy.yaml.
"""
from __future__ import annotations

import sys
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from typing import Any

import yaml

ROOT = Path(__file__).resolve().parents[2]
OUT = Path(__file__).parent / "golden" / "boundaries.yaml"
FEN = Decimal("0.01")
UNITS = {"元": Decimal(1), "万元": Decimal(10000), "亿元": Decimal(100_000_000), "万元/亩": Decimal(10000),
         "percent": Decimal("0.01"), "ratio": Decimal(1)}
COMPANY = {"registered_in_district": True}


def value(amount: dict[str, str]) -> Decimal:
    return Decimal(amount["value"]) * UNITS[amount["unit"]]


def cny(amount: Decimal) -> str:
    return format(amount.quantize(FEN, rounding=ROUND_HALF_UP), "f")


def text(amount: Decimal) -> str:
    return format(amount.quantize(FEN) if amount == amount.quantize(FEN) else amount, "f")


def case(name: str, clause: str, facts: dict[str, Any], rule_id: str, amount: Decimal | None, total: Decimal | None = None,
         company: dict[str, Any] | None = None) -> dict[str, Any]:
    line = None if amount is None else cny(amount)
    counted = "0.00" if total is None and amount is None else cny(total if total is not None else amount)  # type: ignore[arg-type]
    return {"name": name, "clause": clause, "profile": {"company": dict(company or COMPANY), "facts": dict(facts)},
            "expected": {"total_cny": counted, "lines": {rule_id: line}}}


def neighbours(point: Decimal) -> list[tuple[str, Decimal]]:
    return [("just below", point - FEN), ("at", point), ("just above", point + FEN)]


def rate_cases(rule: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for variant in rule["variants"]:
        fraction, cap = value(variant["rate"]), value(variant["cap"])
        facts: dict[str, Any] = {}
        if "variant_input" in rule:
            facts[rule["variant_input"]] = variant["id"]
        points = []
        threshold = value(rule["min_base"]) if "min_base" in rule else None
        if threshold is not None:
            points += [(f"threshold {label}", base) for label, base in neighbours(threshold)]
        cap_base = (cap / fraction).quantize(FEN)
        points += [(f"cap {label}", base) for label, base in neighbours(cap_base)]
        for label, base in points:
            if threshold is not None and base < threshold:
                expected = Decimal(0)
            else:
                expected = min(base * fraction, cap)
            facts_here = {**facts, rule["base_input"]: text(base)}
            out.append(case(f"{rule['id']} {variant['id']} {label} ({text(base)})", variant["clause"], facts_here, rule["id"],
                            expected, total=None if rule["beneficiary"] != "individual" else Decimal(0)))
    return out


def level_cases(rule: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    for tier in rule["tiers"]:
        amount = value(tier["amount"])
        out.append(case(f"{rule['id']} {tier['id']}", tier["clause"], {rule["level_input"]: tier["id"]}, rule["id"], amount))
        if rule["flags"]["top_up"]:
            for previous in rule["tiers"]:
                paid = max(amount - value(previous["amount"]), Decimal(0))
                out.append(case(f"{rule['id']} {tier['id']} after {previous['id']}", tier["clause"],
                                {rule["level_input"]: tier["id"], rule["previous_input"]: previous["id"]}, rule["id"], paid))
    return out


def milestone_cases(rule: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    milestones = [(value(m["threshold"]), value(m["amount"]), m["clause"]) for m in rule["milestones"]]
    for threshold, _, clause in milestones:
        for label, revenue in neighbours(threshold):
            # 第十八条: each threshold first passed pays its own one-time award (several in one year add up).
            expected = sum((award for t, award, _ in milestones if revenue > t), Decimal(0))
            out.append(case(f"{rule['id']} {label} {text(threshold)}", clause, {rule["value_input"]: text(revenue)}, rule["id"], expected))
            # The same revenue when the threshold was already passed in an earlier year: nothing for it.
            out.append(case(f"{rule['id']} {label} {text(threshold)}, passed before", clause,
                            {rule["value_input"]: text(revenue), rule["previous_input"]: text(threshold + 1)}, rule["id"],
                            sum((award for t, award, _ in milestones if revenue > t > threshold + 1), Decimal(0))))
    return out


def up_to_cases(rule: dict[str, Any]) -> list[dict[str, Any]]:
    out = []
    entries = rule["variants"] if "variants" in rule else [{"id": None, "cap": rule["cap"], "clause": rule["clause"]}]
    for entry in entries:
        cap = value(entry["cap"])
        facts: dict[str, Any] = {rule["trigger"]: entry["id"] if entry["id"] else True}
        out.append(case(f"{rule['id']} {entry['id'] or 'ceiling'}", entry["clause"], facts, rule["id"], cap))
        if "less_input" in rule:
            for label, less in neighbours(cap):
                out.append(case(f"{rule['id']} {entry['id'] or 'ceiling'} less {label} the ceiling", entry["clause"],
                                {**facts, rule["less_input"]: text(less)}, rule["id"], max(cap - less, Decimal(0))))
    return out


def rate_per_item_cases(rule: dict[str, Any]) -> list[dict[str, Any]]:
    fraction, item_cap, yearly_cap = value(rule["rate"]), value(rule["item_cap"]), value(rule["yearly_cap"])
    out = []
    item_point = (item_cap / fraction).quantize(FEN)
    for label, item in neighbours(item_point):
        out.append(case(f"{rule['id']} one issue, per-issue cap {label}", rule["clause"], {rule["items_input"]: [text(item)]},
                        rule["id"], min(item * fraction, item_cap)))
    full = int(yearly_cap // item_cap)
    rest = yearly_cap - full * item_cap
    for label, last_award in neighbours(rest):
        last = (last_award / fraction).quantize(FEN)
        items = [text(item_point)] * full + [text(last)]
        total = sum((min(Decimal(i) * fraction, item_cap) for i in items), Decimal(0))
        out.append(case(f"{rule['id']} yearly cap {label}", rule["clause"], {rule["items_input"]: items}, rule["id"], min(total, yearly_cap)))
    return out


def simple_cases(rule: dict[str, Any]) -> list[dict[str, Any]]:
    kind = rule["kind"]
    if kind == "fixed":
        return [case(f"{rule['id']} qualifies", rule["clause"], {rule["trigger"]: True}, rule["id"], value(rule["amount"]))]
    if kind == "unquantified":
        facts = {} if rule["trigger"] in COMPANY or rule["trigger"] == "comprehensive_support" else {rule["trigger"]: True}
        company = {**COMPANY, "comprehensive_support": True} if not facts else None
        return [case(f"{rule['id']} listed without an amount", rule["clause"], facts, rule["id"], None, company=company)]
    if kind == "matching_ratio":
        ratio = value(rule["ratio"])
        return [case(f"{rule['id']} base {text(base)}", rule["ratio"]["clause"], {rule["base_input"]: text(base)}, rule["id"],
                     base * ratio, total=Decimal(0) if rule["beneficiary"] == "individual" else None)
                for base in (FEN, Decimal("0.03"), Decimal("333333.33"), Decimal("1000000"))]
    if kind == "per_unit":
        per = value(rule["per_unit"])
        return [case(f"{rule['id']} {text(area)} mu", rule["per_unit"]["clause"], {rule["base_input"]: format(area, "f")}, rule["id"], area * per)
                for area in (Decimal("0.0001"), Decimal("1"), Decimal("12.5"))]
    raise ValueError(f"rule {rule['id']}: no boundary generator for kind {kind!r}")


GENERATORS = {"rate": rate_cases, "level": level_cases, "milestone": milestone_cases, "up_to": up_to_cases,
              "rate_per_item": rate_per_item_cases}


def yearly_cap_cases(rules: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """附则（五）: fiscal contribution just below, at and just above the year's total."""
    joint = next(r for r in rules if r["id"] == "a19.joint_stock")
    amount = value(joint["amount"])
    out = []
    for label, fiscal in neighbours(amount):
        company = {**COMPANY, "fiscal_contribution": text(fiscal)}
        # 附则五 caps the company's total, once: the line keeps its own amount.
        out.append(case(f"s5 fiscal contribution {label} the total", "s5-1", {joint["trigger"]: True}, joint["id"], amount,
                        total=min(amount, fiscal), company=company))
    return out


def items_case(name: str, clause: str, rule: dict[str, Any], items: list[dict[str, Any]], amounts: list[Decimal],
               company: dict[str, Any] | None = None) -> dict[str, Any]:
    """Several items of one rule: one line each (key "rule[item]"), each capped on its own; 附则五 caps only the total."""
    counted = rule["beneficiary"] != "individual"
    total = sum((a.quantize(FEN, rounding=ROUND_HALF_UP) for a in amounts), Decimal(0)) if counted else Decimal(0)
    fiscal = (company or {}).get("fiscal_contribution")
    if fiscal is not None:
        total = min(total, Decimal(fiscal))
    return {"name": name, "clause": clause, "profile": {"company": dict(company or COMPANY), "items": {rule["id"]: items}},
            "expected": {"total_cny": cny(total), "lines": {f"{rule['id']}[{i}]": cny(a) for i, a in enumerate(amounts)}}}


def item_cap_cases(rule: dict[str, Any]) -> list[dict[str, Any]]:
    """A repeatable rule's cap applies to each item (repeatable.cap_scope: item): items just below, at and just above
    the cap in one year each get their own ceiling; fixed, level and ceiling-only awards are paid per item."""
    clause = rule["repeatable"]["clause"]
    if rule["kind"] == "rate":
        out = []
        for variant in rule["variants"]:
            fraction, cap = value(variant["rate"]), value(variant["cap"])
            chosen = {rule["variant_input"]: variant["id"]} if "variant_input" in rule else {}
            bases = [base for _, base in neighbours((cap / fraction).quantize(FEN))]
            items = [{**chosen, rule["base_input"]: text(base)} for base in bases]
            out.append(items_case(f"{rule['id']} {variant['id']} three items around the per-item cap", variant["clause"], rule, items,
                                  [min(base * fraction, cap) for base in bases]))
        return out
    if rule["kind"] == "fixed":
        item, amount = {rule["trigger"]: True}, value(rule["amount"])
    elif rule["kind"] == "level":
        tier = rule["tiers"][0]
        item, amount = {rule["level_input"]: tier["id"]}, value(tier["amount"])
    elif rule["kind"] == "up_to":
        entry = rule["variants"][0] if "variants" in rule else {"id": None, "cap": rule["cap"]}
        item, amount = {rule["trigger"]: entry["id"] or True}, value(entry["cap"])
    elif rule["kind"] == "matching_ratio":
        item, amount = {rule["base_input"]: "1000000"}, Decimal(1000000) * value(rule["ratio"])
    else:
        raise ValueError(f"rule {rule['id']}: no item generator for kind {rule['kind']!r}")
    # cap_scope year (第二十三条 品字标): the items of a year share the company's one ceiling, counted in item order.
    amounts = [amount, Decimal(0)] if rule["repeatable"]["cap_scope"] == "year" else [amount, amount]
    paid_in_full = "share the yearly ceiling per company" if amounts[1] == 0 else "each paid in full"
    out = [items_case(f"{rule['id']} two items, {paid_in_full}", clause, rule, [item, item], amounts)]
    if rule["beneficiary"] != "individual":  # 附则五 across the items: fiscal contribution around their total, cut from the total only
        for label, fiscal in neighbours(sum(amounts, Decimal(0))):
            out.append(items_case(f"{rule['id']} two items, fiscal contribution {label} their total", "s5-1", rule, [item, item],
                                  amounts, company={**COMPANY, "fiscal_contribution": text(fiscal)}))
    return out


def generate() -> list[dict[str, Any]]:
    policy = yaml.safe_load((ROOT / "policy.yaml").read_text(encoding="utf-8"))
    groups = {item["id"]: item["group"] for item in policy["inputs"]}
    out: list[dict[str, Any]] = []
    for rule in policy["rules"]:
        cases = GENERATORS.get(rule["kind"], simple_cases)(rule)
        for generated in cases:  # a rule's preconditions hold in its boundary cases
            for required, needed in [(i, True) for i in rule.get("requires", [])] + [(i, False) for i in rule.get("requires_not", [])]:
                section = generated["profile"][groups[required]] = dict(generated["profile"][groups[required]])
                section[required] = needed
                if required == "above_size_industrial" and needed:
                    section["rd_spend"] = "1"
        out += cases
    for rule in policy["rules"]:
        if "repeatable" in rule:
            out += item_cap_cases(rule)
    out += yearly_cap_cases(policy["rules"])
    return out


def render(cases: list[dict[str, Any]]) -> str:
    header = "# GENERATED by tests/unit/test_engine_boundaries.py from policy.yaml; do not edit. Boundary cases at every threshold and cap.\n"
    return header + yaml.safe_dump(cases, allow_unicode=True, sort_keys=False, width=200)


def test_boundaries_file_is_current() -> None:
    assert OUT.read_text(encoding="utf-8") == render(generate()), "run: python tests/unit/test_engine_boundaries.py"


def test_boundaries_cover_every_quantified_rule() -> None:
    cases = generate()
    covered = {rule.partition("[")[0] for c in cases for rule in c["expected"]["lines"]}
    policy = yaml.safe_load((ROOT / "policy.yaml").read_text(encoding="utf-8"))
    assert covered == {rule["id"] for rule in policy["rules"]}
    with_items = {rule.partition("[")[0] for c in cases if "items" in c["profile"] for rule in c["expected"]["lines"]}
    assert with_items == {rule["id"] for rule in policy["rules"] if "repeatable" in rule}


if __name__ == "__main__":
    OUT.write_text(render(generate()), encoding="utf-8")
    print(f"wrote {OUT}", file=sys.stderr)
