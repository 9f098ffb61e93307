"""Property tests (hypothesis): estimate never raises; 0 <= line <= cap; total <= fiscal contribution; an excluded
company gets 0; amounts never decrease when a base amount grows."""
from __future__ import annotations

from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import calculator

INPUTS = {item["id"]: item for item in calculator.list_inputs()}
RULES = calculator.list_rules()
SETTINGS = settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def money(spec: dict[str, Any], *, max_value: int | None = None) -> st.SearchStrategy[str]:
    top = min(int(Decimal(spec["max"])), max_value or 10**10) * 100
    return st.integers(min_value=0, max_value=top).map(lambda fen: format(Decimal(fen) / 100, "f"))


def value_for(spec: dict[str, Any]) -> st.SearchStrategy[Any]:
    kind = spec["type"]
    if kind == "bool":
        return st.booleans()
    if kind == "choice":
        return st.sampled_from([c["id"] for c in spec["choices"]])
    if kind == "money":
        return money(spec)
    if kind == "number":
        return st.integers(min_value=0, max_value=100_000_000).map(lambda n: format(Decimal(n) / 10000, "f"))
    if kind == "money_list":
        return st.lists(money(spec, max_value=10**9), max_size=6)
    if kind == "date":
        return st.dates(min_value=__import__("datetime").date(2024, 1, 1), max_value=__import__("datetime").date(2030, 12, 31)).map(str)
    raise AssertionError(kind)


def section(group: str) -> st.SearchStrategy[dict[str, Any]]:
    ids = [i for i, spec in INPUTS.items() if spec["group"] == group]
    return st.fixed_dictionaries({}, optional={i: value_for(INPUTS[i]) for i in ids})


valid_profiles = st.fixed_dictionaries(
    {"company": section("company"), "facts": section("facts")},
    optional={"other_policy_awards": st.dictionaries(st.sampled_from([r["id"] for r in RULES]), money({"max": "100000000"}), max_size=4)},
)

json_values = st.recursive(
    st.none() | st.booleans() | st.integers() | st.floats(allow_nan=True, allow_infinity=True) | st.text(max_size=12),
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
    max_leaves=12,
)
typed_garbage = st.fixed_dictionaries({}, optional={
    "company": st.dictionaries(st.sampled_from(list(INPUTS)) | st.text(max_size=6), json_values, max_size=5),
    "facts": st.dictionaries(st.sampled_from(list(INPUTS)) | st.text(max_size=6), json_values, max_size=8),
    "other_policy_awards": json_values,
    # items (issue 9): known and unknown rules, lists of anything, items of known and unknown inputs
    "items": json_values | st.dictionaries(st.sampled_from([r["id"] for r in RULES]) | st.text(max_size=6), json_values | st.lists(
        st.dictionaries(st.sampled_from(list(INPUTS) + ["event_date", "label", "other_policy_award"]) | st.text(max_size=6), json_values,
                        max_size=4), max_size=3), max_size=3),
})


def no_internal_error(result: dict[str, Any]) -> None:
    assert not any("Internal error" in e["en"] for e in result["errors"]), result["errors"]


@SETTINGS
@given(profile=valid_profiles, lang=st.sampled_from(["zh", "en"]))
def test_valid_profiles_evaluate_and_lines_stay_within_their_caps(profile: dict[str, Any], lang: str) -> None:
    result = calculator.estimate(profile, lang=lang)
    no_internal_error(result)
    if not result["valid"]:  # only missing required inputs may make a generated profile invalid
        assert all("需要填写此项" in e["zh"] for e in result["errors"]), result["errors"]
        return
    total = Decimal(0)
    for line in result["lines"]:
        if line["amount_cny"] is None:
            assert line["kind_of_amount"] == "unquantified"
            continue
        amount, computed = Decimal(line["amount_cny"]), Decimal(line["computed_cny"])
        assert Decimal(0) <= amount <= computed
        if line["cap_cny"] is not None:
            assert computed <= Decimal(line["cap_cny"])
        if line["counts_toward_company_total"]:
            total += amount
    # 附则五 is taken once, from the total: the lines keep their own amounts.
    assert Decimal(result["total_cny"]) == total - Decimal(result["totals"]["yearly_cap_reduction_cny"])
    company = profile["company"]
    fiscal = company.get("fiscal_contribution")
    if fiscal is not None and not company.get("cultivation_period"):
        assert Decimal(result["total_cny"]) <= Decimal(fiscal)


@SETTINGS
@given(profile=valid_profiles | typed_garbage | json_values, lang=st.sampled_from(["zh", "en", "fr"]))
def test_estimate_never_raises(profile: Any, lang: str) -> None:
    result = calculator.estimate(profile, lang=lang)
    no_internal_error(result)
    assert result["valid"] == (result["errors"] == [])
    for item in result["errors"]:
        assert set(item) == {"field", "zh", "en"} and item["zh"] and item["en"]
    text = calculator.estimate_json(__import__("json").dumps(profile, allow_nan=True), lang)
    assert '"valid"' in text


@SETTINGS
@given(profile=valid_profiles, exclusion=st.sampled_from([
    {"major_incident": True}, {"credit_dishonest": True}, {"registered_in_district": False},
    {"above_size_industrial": True, "rd_spend": "0"}]))
def test_an_excluded_company_gets_nothing(profile: dict[str, Any], exclusion: dict[str, Any]) -> None:
    profile = {**profile, "company": {**profile["company"], **exclusion}}
    result = calculator.estimate(profile)
    if not result["valid"]:
        return
    assert result["eligible"] is False
    assert result["total_cny"] == "0.00"
    for line in result["lines"]:
        if line["beneficiary"] != "individual" and line["amount_cny"] is not None:
            assert line["amount_cny"] == "0.00"


BASE_INPUTS = sorted({r[key] for r in RULES for key in ("base_input", "value_input") if key in r})


@SETTINGS
@given(profile=valid_profiles, base=st.sampled_from(BASE_INPUTS), low=st.integers(0, 10**11), step=st.integers(0, 10**11))
def test_amounts_never_decrease_when_a_base_grows(profile: dict[str, Any], base: str, low: int, step: int) -> None:
    spec = INPUTS[base]
    top = Decimal(spec["max"])
    scale = Decimal("0.0001") if spec["type"] == "number" else Decimal("0.01")
    small, large = min(Decimal(low) * scale, top), min(Decimal(low + step) * scale, top)
    facts = dict(profile["facts"])
    facts.pop("a18_previous_peak_revenue", None) if base == "a18_local_revenue" else None
    results = []
    for amount in (small, large):
        results.append(calculator.estimate({**profile, "facts": {**facts, base: format(amount, "f")}}))
    if not results[0]["valid"]:
        return
    rule = next(r for r in RULES if base in (r.get("base_input"), r.get("value_input")))
    lines = [{line["rule"]: line for line in r["lines"]}[rule["id"]] for r in results]
    assert Decimal(lines[0]["computed_cny"]) <= Decimal(lines[1]["computed_cny"])
    assert Decimal(results[0]["totals"]["before_cross_cutting_cny"]) <= Decimal(results[1]["totals"]["before_cross_cutting_cny"])
    assert Decimal(results[0]["total_cny"]) <= Decimal(results[1]["total_cny"])
