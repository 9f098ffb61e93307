"""Validation: numbers as people type them, refusals naming the unit, errors {field, zh, en}, never an exception."""
from __future__ import annotations

import json
from typing import Any

import pytest

import calculator


def errors_of(facts: dict[str, Any] | None = None, company: dict[str, Any] | None = None) -> list[dict[str, str]]:
    return calculator.validate_profile({"company": company or {}, "facts": facts or {}})


@pytest.mark.parametrize("typed", ["5000000", " 5000000 ", "5,000,000", "5 000 000", "５００００００", "５，０００，０００", "5000000.00",
                                   "\u30005000000\u3000", 5000000, 5000000.0])
def test_numbers_as_people_type_them(typed: Any) -> None:
    result = calculator.estimate({"facts": {"a3_investment": typed}})
    assert result["valid"], result["errors"]
    assert result["lines"][0]["amount_cny"] == "200000.00"


@pytest.mark.parametrize(("typed", "zh_part", "en_part"), [
    # 万 and 亿 after a number are read (issue 13, test_money_as_people_write_it); 千 and 百 are not.
    ("3千", "3千元请填写 3000", "3000 for 3千"),
    ("1.5 百元", "1.5百元请填写 150", "150 for 1.5百"),
    ("两百万", "不接受汉字数字", "number words"),
    ("200万美元", "其他币种", "another currency"),
    ("$2000000", "其他币种", "another currency"),
    ("200万 300万", "多个数字", "more than one number"),
    ("200-300万", "多个数字", "more than one number"),
    ("abc", "以元为单位", "in yuan (CNY)"),
    ("2e6", "以元为单位", "in yuan (CNY)"),
    ("1,00", "以元为单位", "in yuan (CNY)"),
    ("", "不能为空", "empty"),
    ("-1", "负数", "negative"),
    (float("inf"), "过大", "Too large"),  # issue 23: infinity is too large, as 1e400 and a 60-digit amount are
    (float("nan"), "有限", "finite"),
    ("1.001", "2位小数", "2 decimal"),
    ("99999999999999", "过大", "Too large"),
    (True, "以元为单位", "in yuan"),
    ([1], "以元为单位", "in yuan"),
])
def test_refused_numbers_name_the_expected_unit(typed: Any, zh_part: str, en_part: str) -> None:
    errors = errors_of({"a3_investment": typed})
    assert [e["field"] for e in errors] == ["facts.a3_investment"]
    assert zh_part in errors[0]["zh"] and en_part in errors[0]["en"]
    result = calculator.estimate({"facts": {"a3_investment": typed}})
    assert result["valid"] is False and result["total_cny"] is None and result["lines"] == []


@pytest.mark.parametrize(("typed", "yuan"), [("800万", "8000000"), ("1.2亿", "120000000"), ("800万元", "8000000"), ("1.2亿元", "120000000"),
                                           (" 800 万 ", "8000000"), ("1,200万", "12000000"), ("５００万", "5000000"), ("0.01万", "100"),
                                           ("5000000元", "5000000")])
def test_money_as_people_write_it(typed: str, yuan: str) -> None:
    """Issue 13: "800万" is 8000000 yuan; the result equals the one for the plain figure."""
    written = calculator.estimate({"facts": {"a3_investment": typed}})
    plain = calculator.estimate({"facts": {"a3_investment": yuan}})
    assert written["valid"], written["errors"]
    assert written == plain


def test_ambiguous_money_names_the_field() -> None:
    for typed in ("两百万", "200万美元", "200万 300万"):
        error = errors_of({"a3_investment": typed})[0]
        assert "技术改造项目可补助投资额" in error["zh"] and "Eligible investment of the technological upgrading project" in error["en"], error


def test_area_is_in_mu() -> None:
    errors = errors_of({"a16_land_area": "12亩"})
    assert "以亩为单位" in errors[0]["zh"] and "in mu" in errors[0]["en"]
    assert errors_of({"a16_land_area": "12.5"}) == []


@pytest.mark.parametrize(("typed", "ok"), [("2024-06-30", True), ("2024/6/30", True), ("２０２４-０６-３０", True), ("2024年6月30日", True),
                                          ("2023-12-31", False), ("2024-13-01", False), ("30/06/2024", False), (20240630, False)])
def test_dates(typed: Any, ok: bool) -> None:
    errors = errors_of(company={"event_date": typed})
    assert (errors == []) is ok, errors
    if not ok:
        assert errors[0]["field"] == "company.event_date"


def test_date_before_2024_cites_provision_six() -> None:
    error = errors_of(company={"event_date": "2023-12-31"})[0]
    assert "附则（六）" in error["zh"] and "Provision 6" in error["en"]


@pytest.mark.parametrize(("typed", "expected"), [(True, True), ("是", True), ("否", False), (" yes ", True), ("false", False)])
def test_booleans(typed: Any, expected: bool) -> None:
    result = calculator.estimate({"company": {"registered_in_district": typed}, "facts": {"a19_joint_stock": True}})
    assert result["valid"] and result["eligible"] is expected


def test_choice_error_lists_the_choices() -> None:
    error = errors_of({"a3_investment": "1", "a3_orientation": "gold"})[0]
    assert "general" in error["en"] and "重点产业" in error["zh"]


def test_missing_required_input_is_an_error_not_a_zero() -> None:
    # a9_incubator_prev_amount has a default; a rule whose trigger is set needs its inputs without default.
    assert errors_of({"a9_incubator_level": "national"}) == []
    profile = {"facts": {"a3_orientation": "key"}}  # a variant without the base amount: the rule is simply not asked for
    assert calculator.estimate(profile)["lines"] == []


def test_null_fields_count_as_not_given() -> None:
    result = calculator.estimate({"company": {"fiscal_contribution": None}, "facts": {"a3_investment": None, "a19_joint_stock": True}})
    assert result["valid"] and [line["rule"] for line in result["lines"]] == ["a19.joint_stock"]


def test_bad_language_and_bad_json_are_errors() -> None:
    assert calculator.estimate({}, lang="fr")["errors"][0]["field"] == "lang"
    result = json.loads(calculator.estimate_json("{not json", "en"))
    assert result["valid"] is False and result["errors"][0]["field"] == ""
    assert json.loads(calculator.estimate_json("[]"))["errors"][0]["field"] == ""


def test_estimate_json_round_trips_the_same_result() -> None:
    profile = {"company": {"registered_in_district": True}, "facts": {"a3_investment": "5000000"}}
    assert json.loads(calculator.estimate_json(json.dumps(profile), "en")) == calculator.estimate(profile, lang="en")


def test_empty_profile_is_valid_and_empty() -> None:
    result = calculator.estimate({})
    assert result["valid"] and result["lines"] == [] and result["total_cny"] == "0.00"
