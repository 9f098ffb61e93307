"""Parameters, reforms and batches (issue 25): every figure of policy.yaml is a parameter that round-trips; a reform
moves exactly the companies that use what it changes; a batch's total is the sum of its companies' estimates; bad
files get clear messages; a batch streams."""
from __future__ import annotations

import io
import json
import subprocess
import sys
import tracemalloc
from decimal import Decimal
from pathlib import Path
from typing import Any

import pytest
import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_engine_properties import valid_profiles

import calculator
from calculator import _batch

ROOT = Path(__file__).resolve().parents[2]
POLICY = yaml.safe_load((ROOT / "policy.yaml").read_text(encoding="utf-8"))
from site_build.budget_sample import write_sample

FIGURE_KEYS = {"amount", "cap", "item_cap", "yearly_cap", "rate", "ratio", "per_unit", "min_base", "threshold"}


def figures_in_policy_yaml() -> dict[str, dict[str, Any]]:
    """Every {value, unit} figure of policy.yaml's rules, found by walking the YAML itself (not the engine's data)."""
    found: dict[str, dict[str, Any]] = {}
    for rule in POLICY["rules"]:
        for key, value in rule.items():
            if key in FIGURE_KEYS and isinstance(value, dict):
                found[f"{rule['id']}.{key}"] = value
        for list_key in ("tiers", "variants", "milestones"):
            for entry in rule.get(list_key, []):
                for key, value in entry.items():
                    if key in FIGURE_KEYS and isinstance(value, dict):
                        found[f"{rule['id']}.{entry['id']}.{key}"] = value
    return found


def test_every_figure_of_policy_yaml_is_a_parameter_with_its_value_unit_clause_and_labels() -> None:
    parameters = calculator.list_parameters()
    figures = figures_in_policy_yaml()
    assert len(figures) == 117
    assert {p["id"] for p in parameters} == set(figures)
    assert len({p["id"] for p in parameters}) == len(parameters)
    clauses = {c["id"] for a in POLICY["articles"] for c in a["clauses"]}
    for parameter in parameters:
        figure = figures[parameter["id"]]
        assert (parameter["value"], parameter["unit"]) == (str(figure["value"]), figure["unit"])
        assert isinstance(parameter["value"], str)
        assert parameter["clause"] in clauses
        assert parameter["clause"].startswith(f"a{parameter['article']}-")
        assert parameter["label"]["zh"].strip() and parameter["label"]["en"].strip()
    assert {p["label"]["en"] for p in parameters}.__len__() == len(parameters)  # each label names one figure


def test_parameters_cli_json_lists_them_with_values_as_strings() -> None:
    done = subprocess.run([sys.executable, "-m", "calculator", "parameters", "--json"], capture_output=True, text=True,
                          encoding="utf-8", cwd=ROOT, check=True)
    listed = json.loads(done.stdout)
    assert listed == calculator.list_parameters()
    rate = next(p for p in listed if p["id"] == "a3.renovation.key.rate")
    assert rate == {"id": "a3.renovation.key.rate", "rule": "a3.renovation", "article": 3, "clause": "a3-2", "key": "rate",
                    "value": "6", "unit": "percent", "label": {"zh": "技术改造项目补助 · 重点产业 · 比例",
                                                               "en": "Technological upgrading subsidy · key industry · rate"}}


KEY_PROJECT = {"company": {"registered_in_district": True}, "facts": {"a3_investment": "5000000", "a3_orientation": "key"}}


def test_a_reform_changes_a_copy_of_the_rules_and_is_listed_in_the_result() -> None:
    reformed = calculator.estimate(KEY_PROJECT, reform={"a3.renovation.key.rate": "7"})
    assert reformed["total_cny"] == "350000.00"
    assert reformed["reform"] == [{"id": "a3.renovation.key.rate", "rule": "a3.renovation", "clause": "a3-2", "unit": "percent",
                                   "baseline": "6", "value": "7", "label": "技术改造项目补助 · 重点产业 · 比例"}]
    assert calculator.estimate(KEY_PROJECT)["total_cny"] == "300000.00"  # the shipped rules are untouched
    assert "reform" not in calculator.estimate(KEY_PROJECT)
    with_unit = calculator.estimate(KEY_PROJECT, reform={"a3.renovation.key.rate": "7%", "a3.renovation.key.cap": "25万元"})
    assert with_unit["total_cny"] == "250000.00"
    threshold = calculator.estimate({**KEY_PROJECT, "facts": {"a3_investment": "2500000"}}, reform={"a3.renovation.min_base": "300"})
    assert threshold["total_cny"] == "0.00"


@pytest.mark.parametrize(("reform", "field", "words"), [
    ({"a3.renovation.key.rte": "7"}, "reform.a3.renovation.key.rte", "Unknown parameter"),
    ({"a3.renovation.key.rate": "7万元"}, "reform.a3.renovation.key.rate", "Wrong unit: this parameter is in percent"),
    ({"a3.renovation.key.cap": "3%"}, "reform.a3.renovation.key.cap", "Wrong unit"),
    ({"a3.renovation.key.rate": "-1"}, "reform.a3.renovation.key.rate", "at least 0"),
    ({"a3.renovation.key.rate": "150"}, "reform.a3.renovation.key.rate", "cannot exceed 100"),
    ({"a3.renovation.key.rate": True}, "reform.a3.renovation.key.rate", "Expected a number"),
    ({"a3.renovation.key.rate": "1e3"}, "reform.a3.renovation.key.rate", "Wrong unit"),
])
def test_a_bad_reform_is_a_clear_error_naming_the_parameter(reform: dict[str, Any], field: str, words: str) -> None:
    result = calculator.estimate(KEY_PROJECT, reform=reform)
    assert result["valid"] is False
    assert [e["field"] for e in result["errors"]] == [field]
    assert words in result["errors"][0]["en"] and result["errors"][0]["zh"].strip()
    with pytest.raises(calculator.ReformError):
        calculator.BatchRun(reform=reform)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(profile=valid_profiles)
def test_a_reform_of_one_rate_moves_only_the_companies_that_use_it(profile: dict[str, Any]) -> None:
    """a3.renovation's general rate: a company whose total moves has an a3 line computed under the general variant."""
    before = calculator.estimate(profile)
    if not before["valid"]:
        return
    after = calculator.estimate(profile, reform={"a3.renovation.general.rate": "5"})
    moved = after["total_cny"] != before["total_cny"]
    uses = any(line["rule"] == "a3.renovation" and line["condition"].startswith("variant:general") for line in before["lines"])
    if moved:
        assert uses
    others = [(l["rule"], l["item"], l["amount_cny"]) for l in before["lines"] if l["rule"] != "a3.renovation"]
    assert others == [(l["rule"], l["item"], l["amount_cny"]) for l in after["lines"] if l["rule"] != "a3.renovation"]
    general = [l for l in before["lines"] if l["rule"] == "a3.renovation" and l["condition"] == "variant:general" and not l["blocked"]
               and not l["reductions"]]
    if general and before["yearly_cap"] is None and Decimal(general[0]["amount_cny"]) > 0:
        assert Decimal(after["total_cny"]) > Decimal(before["total_cny"])  # uncapped, unreduced: 4% -> 5% pays more


def csv_text(rows: int, seed: int = 7) -> str:
    out = io.StringIO()
    write_sample(out, rows=rows, seed=seed)
    return out.getvalue()


def test_the_batch_total_is_the_sum_of_the_companies_estimates_exactly() -> None:
    text = csv_text(300)
    run = calculator.BatchRun(reform={"a3.renovation.general.rate": "5", "a21.high_tech.first.amount": "12"})
    records = [run.add(row) for row in calculator.read_rows(text.splitlines(keepends=True), kind="csv")]
    summary = run.summary()
    rows = list(calculator.read_rows(text.splitlines(keepends=True), kind="csv"))
    estimates = [calculator.estimate(row.profile) for row in rows]
    reformed = [calculator.estimate(row.profile, reform={"a3.renovation.general.rate": "5", "a21.high_tech.first.amount": "12"})
                for row in rows]
    assert summary["companies"] == summary["valid"] == 300
    assert Decimal(summary["total_cny"]) == sum(Decimal(r["total_cny"]) for r in estimates)
    assert Decimal(summary["reform"]["total_cny"]) == sum(Decimal(r["total_cny"]) for r in reformed)
    assert Decimal(summary["reform"]["delta_cny"]) == Decimal(summary["reform"]["total_cny"]) - Decimal(summary["total_cny"])
    assert summary["reform"]["gain"] + summary["reform"]["lose"] + summary["reform"]["same"] == 300
    assert summary["reform"]["gain"] > 0
    by_article = sum(Decimal(v) for v in summary["by_article"].values())
    assert by_article - Decimal(summary["yearly_cap_reduction_cny"]) == Decimal(summary["total_cny"])
    assert [r["total_cny"] for r in records] == [e["total_cny"] for e in estimates]
    assert all(r["firm"].endswith(f"Synthetic firm {i + 1:04d}") for i, r in enumerate(records))


def test_a_jsonl_batch_takes_full_profiles_with_items() -> None:
    lines = [json.dumps({"firm": "A", "company": {"registered_in_district": True},
                         "items": {"a3.renovation": [{"a3_investment": "5000000"}, {"a3_investment": "10000000"}]}}),
             "",
             json.dumps({"firm": "B", "facts": {"a3_investment": "abc"}}),
             "{not json",
             json.dumps([1, 2])]
    run = calculator.BatchRun()
    records = [run.add(row) for row in calculator.read_rows([line + "\n" for line in lines], kind="jsonl")]
    assert [(r["row"], r["firm"], r["valid"], r["total_cny"]) for r in records] == [
        (1, "A", True, "600000.00"), (3, "B", False, None), (4, "#4", False, None), (5, "#5", False, None)]
    assert records[1]["errors"][0]["field"] == "a3_investment"
    assert "Not valid JSON" in records[2]["errors"][0]["en"]
    assert run.summary()["total_cny"] == "600000.00" and run.summary()["failed"] == 3


HEADER = "firm,a3_investment,a3_orientation,registered_in_district\n"


@pytest.mark.parametrize(("text", "kind", "words"), [
    ("", "csv", "The file is empty"),
    ("\n\n", "jsonl", "The file is empty"),
    ("名称,投资\n甲,1\n", "csv", "with firm (the company's name or id) first"),
    ("firm,a3_investment,turnover\n甲,1,2\n", "csv", "Unknown columns: turnover"),
    ("firm,a3_investment,a3_investment\n甲,1,2\n", "csv", "Repeated columns: a3_investment"),
    ("PK\x03\x04\x14\x00binary", "csv", "with firm"),
    ("firm,a3_investment\n", "txt", "must be .csv or .jsonl"),
    ("hello world\n", "jsonl", "Not a JSONL file"),
])
def test_a_file_that_cannot_be_read_says_why(text: str, kind: str, words: str) -> None:
    with pytest.raises(_batch.BatchFileError) as raised:
        list(calculator.read_rows(io.StringIO(text), kind=kind))
    assert words in raised.value.en and raised.value.zh.strip()


def test_bad_rows_are_reported_by_row_and_column_and_do_not_stop_the_batch() -> None:
    text = HEADER + "甲,5000000,key,true\n=HYPERLINK(\"x\"),1,general,true\n乙,=cmd|' /C calc'!A0,general,true\n丙,1\n丁,abc,general,true\n戊,800万,general,true\n"
    run = calculator.BatchRun()
    records = [run.add(row) for row in calculator.read_rows(io.StringIO(text), kind="csv")]
    assert [(r["row"], r["valid"]) for r in records] == [(2, True), (3, False), (4, False), (5, False), (6, False), (7, True)]
    assert records[1]["errors"][0]["field"] == "firm" and "formula" in records[1]["errors"][0]["en"]
    assert records[2]["errors"][0]["field"] == "a3_investment" and "formula" in records[2]["errors"][0]["en"]
    assert "2 cells" in records[3]["errors"][0]["en"]
    assert records[4]["errors"][0]["field"] == "a3_investment" and "yuan" in records[4]["errors"][0]["en"]
    assert records[5]["total_cny"] == "320000.00"
    assert run.summary()["total_cny"] == "620000.00"


def test_a_gbk_file_from_excel_is_read() -> None:
    data = (HEADER + "江北示例企业,5000000,key,是\n").encode("gb18030")
    text, encoding = _batch.open_text(io.BytesIO(data))
    assert encoding == "gb18030"
    (row,) = calculator.read_rows(text, kind="csv")
    assert row.firm == "江北示例企业" and calculator.BatchRun().add(row)["total_cny"] == "300000.00"
    utf8, encoding = _batch.open_text(io.BytesIO(("\ufeff" + HEADER + "甲,5000000,key,true\n").encode("utf-8")))
    assert encoding == "utf-8-sig" and next(calculator.read_rows(utf8, kind="csv")).firm == "甲"


def test_a_file_of_too_many_rows_is_refused(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_batch, "MAX_ROWS", 3)
    rows = calculator.read_rows(io.StringIO(HEADER + "a,1,general,true\n" * 4), kind="csv")
    assert len([next(rows) for _ in range(3)]) == 3
    with pytest.raises(_batch.BatchFileError, match="At most 3 companies a file"):
        next(rows)


def test_the_batch_cli_reports_each_company_and_the_sums(tmp_path: Path) -> None:
    path = tmp_path / "firms.csv"
    path.write_text(HEADER + "甲,5000000,key,true\n乙,abc,general,true\n", encoding="utf-8")
    reform = tmp_path / "reform.yaml"
    reform.write_text("a3.renovation.key.rate: '7'\n", encoding="utf-8")
    done = subprocess.run([sys.executable, "-m", "calculator", "batch", str(path), "--reform", str(reform), "--json", "--lang", "en"],
                          capture_output=True, text=True, encoding="utf-8", cwd=ROOT, check=True)
    out = json.loads(done.stdout)
    assert [c["firm"] for c in out["companies"]] == ["甲", "乙"]
    assert out["companies"][0]["delta_cny"] == "50000.00"
    assert out["summary"]["reform"]["total_cny"] == "350000.00" and out["summary"]["reform"]["gain"] == 1
    bad = subprocess.run([sys.executable, "-m", "calculator", "batch", str(path), "--reform", str(path)], capture_output=True,
                         text=True, encoding="utf-8", cwd=ROOT, check=False)
    assert bad.returncode == 1


def test_a_batch_streams_it_reads_a_row_only_when_it_needs_it_and_keeps_only_sums() -> None:
    """Memory does not grow with the rows: rows are read lazily and a run keeps sums, not companies. (The peak
    memory from 1,000 to 20,000 rows is measured by benchmarks/bench_batch.py.)"""
    consumed = 0

    def lines() -> Any:
        nonlocal consumed
        for line in csv_text(1000).splitlines(keepends=True):
            consumed += 1
            yield line

    rows = calculator.read_rows(lines(), kind="csv")
    run = calculator.BatchRun(reform={"a3.renovation.general.rate": "5"})
    for _ in range(10):
        run.add(next(rows))
    assert consumed <= 12  # the header, ten rows, and at most one more line (a quoted multi-line cell)
    for row in rows:
        run.add(row)
    assert run.companies == 1000
    kept = {name: value for name, value in vars(run).items() if name != "reform"}
    assert all(isinstance(value, (int, str, Decimal, _batch._Sums)) for value in kept.values()), kept
    for sums in (run.baseline, run.reformed):
        assert len(sums.by_article) <= 32
