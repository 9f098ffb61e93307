"""Property tests (hypothesis) for input limits (issue 23): arbitrary JSON-like values (and what YAML or a Python caller
can add: non-string keys, huge ints, Decimals, dates, tuples, shared sub-objects, deep nesting) at every position of a
profile never give an internal error, and an error names the whole profile ("") only when it is not an object."""
from __future__ import annotations

import datetime
import json
from decimal import Decimal
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import calculator

INPUTS = {item["id"]: item for item in calculator.list_inputs()}
RULE_IDS = [rule["id"] for rule in calculator.list_rules()]
SETTINGS = settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Strings people (or a fuzzer) type where numbers, dates and names go; control characters and lone surrogates included.
number_texts = st.sampled_from([
    "1e400", "-1e400", "1E+400", "1e-400", "9" * 60, "-" + "9" * 60, "0." + "0" * 60 + "1", "9" * 60 + "万", "1" * 5000,
    "1e999999999999", "NaN", "Infinity", "-0", "0.00", "１e5", "1,000", "800万", "1.2亿", "3千", "2024-02-30", "2024-13-01",
    "9999-12-31", "0001-01-01", "2024年6月30日", "", " ", "\u3000", "none", "city", "district", "higher_level",
])
any_text = st.text(st.characters(codec=None, categories=None), max_size=12) | st.text(max_size=12)
leaves = st.one_of(
    st.none(), st.booleans(), st.integers(), st.sampled_from([60, -60, 5000, -5000, 4299, 20]).map(lambda n: 10 ** abs(n) * (1 if n > 0 else -1)),
    st.floats(allow_nan=True, allow_infinity=True), st.decimals(allow_nan=True, allow_infinity=True),
    st.sampled_from([Decimal("1e400"), Decimal("-1e-400"), Decimal("sNaN"), Decimal("1e999999")]),
    number_texts, any_text, st.dates(), st.datetimes(), st.binary(max_size=4), st.tuples(st.integers(), st.text(max_size=3)),
)
keys = st.one_of(
    st.sampled_from([*INPUTS, *RULE_IDS, "company", "facts", "items", "other_policy_awards", "event_date", "label",
                     "other_policy_award", "amount", "source"]),
    any_text, st.integers(), st.sampled_from([5000, 60]).map(lambda n: 10**n), st.floats(), st.booleans(), st.none(), st.dates(),
    st.tuples(st.integers(), st.integers()), st.frozensets(st.integers(), max_size=2),
)
values = st.recursive(leaves, lambda inner: st.lists(inner, max_size=5) | st.dictionaries(keys, inner, max_size=5),
                      max_leaves=20)


def nested(value: Any, depth: int, as_dict: bool) -> Any:
    for _ in range(depth):
        value = {"amount": value} if as_dict else [value]
    return value


def shared(value: Any, depth: int, width: int) -> Any:
    """A DAG: each level a list of `width` references to the level below (width**depth leaves, depth + 1 objects)."""
    for _ in range(depth):
        value = [value] * width
    return value


class Built:
    """A deep or shared value, built when the test runs: hypothesis prints each example, and these would print forever."""

    def __init__(self, build: Any, value: Any, *sizes: Any) -> None:
        self.build, self.value, self.sizes = build, value, sizes

    def __repr__(self) -> str:
        return f"{self.build.__name__}(<{type(self.value).__name__}>, {', '.join(map(repr, self.sizes))})"


def built(value: Any) -> Any:
    """The generated value with each Built replaced by what it builds (the generated part is a small tree)."""
    if isinstance(value, Built):
        return value.build(built(value.value), *value.sizes)
    if isinstance(value, list):
        return [built(inner) for inner in value]
    if isinstance(value, dict):
        return {key: built(inner) for key, inner in value.items()}
    return value


def contains_built(value: Any) -> bool:
    if isinstance(value, list):
        return any(contains_built(inner) for inner in value)
    if isinstance(value, dict):
        return any(contains_built(inner) for inner in value.values())
    return isinstance(value, Built)


deep = st.builds(Built, st.just(nested), values, st.integers(1, 40) | st.sampled_from([200, 3000]), st.booleans())
dags = st.builds(Built, st.just(shared), leaves, st.integers(1, 30), st.integers(1, 6))
anything = values | deep | dags
other_award = st.one_of(
    anything,
    st.fixed_dictionaries({"amount": anything}, optional={"source": anything | st.sampled_from(["city", "district", "higher_level"])}),
    st.lists(anything | st.fixed_dictionaries({"amount": anything, "source": anything}), max_size=6),
)
item_keys = st.sampled_from([*INPUTS, "event_date", "label", "other_policy_award"]) | keys


def section(group: str) -> st.SearchStrategy[dict[Any, Any]]:
    ids = [i for i, spec in INPUTS.items() if spec["group"] == group]
    return st.dictionaries(st.sampled_from(ids) | keys, anything, max_size=6)


item = st.dictionaries(item_keys, anything, max_size=6) | st.fixed_dictionaries(
    {}, optional={"label": anything, "other_policy_award": other_award, "event_date": anything})
profiles = st.dictionaries(keys, anything, max_size=3).flatmap(lambda extra: st.fixed_dictionaries({}, optional={
    "company": section("company") | anything,
    "facts": section("facts") | anything,
    "items": anything | st.dictionaries(st.sampled_from(RULE_IDS) | keys, anything | st.lists(item | anything, max_size=4), max_size=3),
    "other_policy_awards": anything | st.dictionaries(st.sampled_from(RULE_IDS) | keys, other_award, max_size=4),
}).map(lambda profile: {**extra, **profile}))


def check(profile: Any, errors: list[dict[str, str]]) -> None:
    for item_error in errors:
        assert set(item_error) == {"field", "zh", "en"}, item_error
        assert isinstance(item_error["zh"], str) and item_error["zh"].strip(), item_error
        assert isinstance(item_error["en"], str) and item_error["en"].strip(), item_error
        assert not item_error["zh"].startswith("内部错误") and not item_error["en"].startswith("Internal error"), item_error
        if isinstance(profile, dict):  # "" is the whole profile: only when it is not an object
            assert item_error["field"] != "", item_error


@SETTINGS
@given(profile=profiles | anything, lang=st.sampled_from(["zh", "en"]))
def test_no_input_gives_an_internal_error(profile: Any, lang: str) -> None:
    small = not contains_built(profile)  # a deep or shared value is not sent as JSON text (the text can be exponential)
    profile = built(profile)
    result = calculator.estimate(profile, lang=lang)
    check(profile, result["errors"])
    assert result["valid"] == (result["errors"] == [])
    check(profile, calculator.validate_profile(profile))
    if not small:
        return
    try:
        text = json.dumps(profile, allow_nan=True)
    except (TypeError, ValueError):  # not JSON (a tuple, bytes, a date, a non-string key, a 5000-digit int)
        return
    answer = json.loads(calculator.estimate_json(text, lang))
    check(json.loads(text), answer["errors"])


@SETTINGS
@given(amount=st.sampled_from([10**60, 10**4000, float("inf"), 1e300, "1e400", "9" * 60, "1" * 5000, Decimal("1e400"),
                               Decimal("Infinity"), "1.0e+400"]),
       where=st.sampled_from(["facts.a3_investment", "facts.a16_land_area", "facts.a19_bond_issues_in_district[0]",
                              "other_policy_awards.a3.renovation", "items.a3.renovation[0].other_policy_award.amount"]))
def test_a_number_too_large_says_too_large(amount: Any, where: str) -> None:
    profiles = {
        "facts.a3_investment": {"facts": {"a3_investment": amount}},
        "facts.a16_land_area": {"facts": {"a16_land_area": amount}},
        "facts.a19_bond_issues_in_district[0]": {"facts": {"a19_bond_issues_in_district": [amount]}},
        "other_policy_awards.a3.renovation": {"other_policy_awards": {"a3.renovation": amount}},
        "items.a3.renovation[0].other_policy_award.amount": {"items": {"a3.renovation": [
            {"a3_investment": "5000000", "other_policy_award": {"amount": amount, "source": "district"}}]}},
    }
    errors = calculator.validate_profile(profiles[where])
    assert [e["field"] for e in errors] == [where], errors
    assert "数额过大" in errors[0]["zh"] and "Too large" in errors[0]["en"], errors


def test_dates_and_datetimes_from_yaml_are_not_internal_errors() -> None:
    profile = {"company": {"event_date": datetime.datetime(2024, 7, 15, 8, 0)}, "facts": {"a3_investment": datetime.date(2024, 1, 1)}}
    check(profile, calculator.validate_profile(profile))
