"""Property tests (hypothesis) for items (issue 9): adding an item never lowers the total; reordering items never
changes it; no per-item cap, per-rule yearly cap or 附则五 yearly cap is ever exceeded; an item dated in another year
than the estimate's never changes its total (issue 23)."""
from __future__ import annotations

import datetime
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_engine_properties import INPUTS, section, value_for

import calculator

REPEATABLE = [rule for rule in calculator.list_rules() if "repeatable" in rule]
SETTINGS = settings(max_examples=200, deadline=None, suppress_health_check=[HealthCheck.too_slow])

other_award = st.one_of(
    st.integers(0, 5_000_000).map(str),
    st.fixed_dictionaries({"amount": st.integers(0, 5_000_000).map(str), "source": st.sampled_from(["city", "district", "provincial", "national", "higher_level"])}),
)


def item_of(rule: dict[str, Any]) -> st.SearchStrategy[dict[str, Any]]:
    """One valid item of a rule: its inputs without a default are always given (the trigger set), the others may be."""
    required, optional = {}, {}
    for input_id in rule["inputs"]:
        spec = INPUTS[input_id]
        values = value_for(spec)
        if input_id == rule["trigger"] and spec["type"] == "choice":
            values = st.sampled_from([c["id"] for c in spec["choices"] if c["id"] != "none"])
        if input_id == rule["trigger"] and spec["type"] == "bool":
            values = st.just(True)
        (required if "default" not in spec and "stand_in" not in spec else optional)[input_id] = values
    optional["event_date"] = st.dates(datetime.date(2023, 6, 1), datetime.date(2026, 12, 31)).map(str)
    optional["other_policy_award"] = other_award
    return st.fixed_dictionaries(required, optional=optional)


items_section = st.lists(st.sampled_from(REPEATABLE), min_size=1, max_size=4, unique_by=lambda r: r["id"]).flatmap(
    lambda rules: st.fixed_dictionaries({rule["id"]: st.lists(item_of(rule), min_size=1, max_size=6) for rule in rules}))
# An estimate is for one year (issue 23): the year is given, so that adding an item never moves it.
profiles = st.fixed_dictionaries({"year": st.sampled_from([2024, 2025, 2026]), "company": section("company"), "items": items_section})


def evaluate(profile: dict[str, Any]) -> dict[str, Any]:
    result = calculator.estimate(profile)
    assert result["valid"], result["errors"]
    return result


@SETTINGS
@given(profile=profiles, data=st.data())
def test_adding_an_item_never_lowers_the_total(profile: dict[str, Any], data: st.DataObject) -> None:
    before = evaluate(profile)
    rule_id = data.draw(st.sampled_from(sorted(profile["items"])))
    rule = next(r for r in REPEATABLE if r["id"] == rule_id)
    extra = data.draw(item_of(rule))
    position = data.draw(st.integers(0, len(profile["items"][rule_id])))
    grown = [*profile["items"][rule_id]]
    grown.insert(position, extra)
    after = evaluate({**profile, "items": {**profile["items"], rule_id: grown}})
    assert Decimal(after["total_cny"]) >= Decimal(before["total_cny"])
    assert len(after["lines"]) == len(before["lines"]) + 1
    assert [line["item"] for line in after["lines"] if line["rule"] == rule_id] == list(range(len(grown)))


@SETTINGS
@given(profile=profiles, data=st.data())
def test_reordering_items_never_changes_the_total(profile: dict[str, Any], data: st.DataObject) -> None:
    shuffled = {rule_id: data.draw(st.permutations(items)) for rule_id, items in profile["items"].items()}
    first, second = evaluate(profile), evaluate({**profile, "items": shuffled})
    assert first["total_cny"] == second["total_cny"]
    assert first["totals"] == second["totals"]


@SETTINGS
@given(profile=profiles)
def test_no_cap_is_ever_exceeded(profile: dict[str, Any]) -> None:
    result = evaluate(profile)
    total = Decimal(0)
    for line in result["lines"]:
        if line["amount_cny"] is None:
            continue
        amount, computed = Decimal(line["amount_cny"]), Decimal(line["computed_cny"])
        assert Decimal(0) <= amount <= computed
        if line["cap_cny"] is not None:  # the per-item cap: each project, product or recognition on its own
            assert computed <= Decimal(line["cap_cny"])
        if line["event_date"] is not None and line["event_date"] < "2024-01-01":
            assert amount == 0
        if line["counts_toward_company_total"]:
            total += amount
    # 附则五 is taken once, from the total: the lines keep their own amounts.
    assert Decimal(result["total_cny"]) == total - Decimal(result["totals"]["yearly_cap_reduction_cny"])
    fiscal = profile["company"].get("fiscal_contribution")
    if fiscal is not None and not profile["company"].get("cultivation_period"):  # 附则五, per company per year
        assert Decimal(result["total_cny"]) <= Decimal(fiscal)
    items = sum(len(entries) for entries in profile["items"].values())
    assert sum(1 for line in result["lines"] if line["rule"] in profile["items"]) == items  # a2 comes from a company fact


@SETTINGS
@given(profile=profiles, data=st.data())
def test_an_item_dated_outside_the_year_never_changes_the_total(profile: dict[str, Any], data: st.DataObject) -> None:
    """附则五 当年度, 附则二 当年: an item of another year counts in neither the total, nor the yearly cap, nor the exclusions."""
    before = evaluate(profile)
    rule_id = data.draw(st.sampled_from(sorted(profile["items"])))
    rule = next(r for r in REPEATABLE if r["id"] == rule_id)
    other_year = data.draw(st.sampled_from([y for y in (2024, 2025, 2026, 2027) if y != profile["year"]]))
    day = data.draw(st.dates(datetime.date(other_year, 1, 1), datetime.date(other_year, 12, 31)))
    extra = {**data.draw(item_of(rule)), "event_date": str(day)}
    position = data.draw(st.integers(0, len(profile["items"][rule_id])))
    grown = [*profile["items"][rule_id]]
    grown.insert(position, extra)
    after = evaluate({**profile, "items": {**profile["items"], rule_id: grown}})
    assert after["total_cny"] == before["total_cny"]
    assert after["totals"]["yearly_cap_reduction_cny"] == before["totals"]["yearly_cap_reduction_cny"]
    added = next(line for line in after["lines"] if line["rule"] == rule_id and line["item"] == position)
    if added["amount_cny"] is not None:
        assert added["amount_cny"] == "0.00"
        assert [w["reason"] for w in added["why_not"]] == ["other_year"]
    assert any(w["code"] == "other_year" for w in after["warnings"])
