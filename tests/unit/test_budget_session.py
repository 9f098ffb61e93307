"""The batch as the budget page's worker runs it (calculator._batch.BatchSession and its JSON entry points): the same
records and summary as `python -m calculator batch --json`, step by step; file-level problems found before the first
estimate; the template's comment rows skipped; workbooks named as such."""
from __future__ import annotations

import io
import json
import subprocess
import sys
from pathlib import Path

import pytest

import calculator
from calculator import _batch

ROOT = Path(__file__).resolve().parents[2]
from site_build.budget_files import template_csv
from site_build.budget_sample import write_sample

REFORM = {"a3.renovation.general.rate": "5", "a21.high_tech.first.amount": "12"}


def sample(path: Path, rows: int = 120) -> Path:
    with path.open("w", encoding="utf-8", newline="") as stream:
        write_sample(stream, rows=rows, seed=11)
    return path


def run_session(path: Path, *, name: str = "", reform: dict[str, str] | None = None, lang: str = "zh",
                step: int = 7) -> tuple[dict, list[dict], dict]:
    started = json.loads(_batch.session_start_json(str(path), name or path.name, json.dumps(reform) if reform else "", lang))
    records: list[dict] = []
    if not started["ok"]:
        return started, records, {}
    while True:
        out = json.loads(_batch.session_step_json(step))
        records += out["records"]
        assert out["done"] == len(records)
        if out["finished"]:
            return started, records, out


def test_the_session_gives_the_cli_batch_json_step_by_step(tmp_path: Path) -> None:
    path = sample(tmp_path / "firms.csv")
    reform = tmp_path / "reform.json"
    reform.write_text(json.dumps(REFORM), encoding="utf-8")
    cli = subprocess.run([sys.executable, "-m", "calculator", "batch", str(path), "--reform", str(reform), "--json", "--lang", "en"],
                         capture_output=True, text=True, encoding="utf-8", cwd=ROOT, check=True)
    expected = json.loads(cli.stdout)
    started, records, finished = run_session(path, reform=REFORM, lang="en")
    assert started == {"ok": True, "companies": 120, "encoding": "utf-8-sig", "kind": "csv"}
    assert records == expected["companies"]
    assert finished["summary"] == expected["summary"]
    assert finished["formula_cells"] == 0
    assert _batch._session is None  # closed at the end: nothing of the file stays in the worker


def test_file_problems_and_bad_reforms_are_refused_before_any_estimate(tmp_path: Path) -> None:
    empty = tmp_path / "empty.csv"
    empty.write_bytes(b"")
    header_only = tmp_path / "header.csv"
    header_only.write_text("firm,a3_investment\n", encoding="utf-8")
    workbook = tmp_path / "firms.csv"
    workbook.write_bytes(b"PK\x03\x04\x14\x00\x06\x00" + bytes(range(256)) * 4)
    unknown = tmp_path / "unknown.csv"
    unknown.write_text("firm,turnover\nA,1\n", encoding="utf-8")
    for path, words in ((empty, "The file is empty"), (header_only, "no companies"), (workbook, "Excel workbook (.xlsx)"),
                        (unknown, "Unknown columns: turnover")):
        started, _, _ = run_session(path)
        assert started["ok"] is False and words in started["errors"][0]["en"] and started["errors"][0]["field"] == "file"
    started, _, _ = run_session(sample(tmp_path / "ok.csv", 3), reform={"a3.renovation.general.rate": "5万元"})
    assert started["ok"] is False and started["errors"][0]["field"] == "reform.a3.renovation.general.rate"


def test_too_many_rows_are_refused_before_any_estimate(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(_batch, "MAX_ROWS", 5)
    estimated = []
    monkeypatch.setattr(_batch.BatchRun, "add", lambda self, row: estimated.append(row))
    started, _, _ = run_session(sample(tmp_path / "many.csv", 6))
    assert started["ok"] is False and "At most 5 companies" in started["errors"][0]["en"] and estimated == []


def test_formula_cells_are_counted_and_gbk_and_jsonl_files_are_read(tmp_path: Path) -> None:
    formula = tmp_path / "formula.csv"
    formula.write_text("firm,a3_investment,a3_orientation\n=cmd|' /C calc'!A0,5000000,key\n甲,=1+1,key\n乙,5000000,key\n",
                       encoding="utf-8")
    _, records, finished = run_session(formula)
    assert [r["valid"] for r in records] == [False, False, True] and finished["formula_cells"] == 2
    gbk = tmp_path / "excel.csv"
    gbk.write_bytes("firm,a3_investment,a3_orientation,registered_in_district\n江北示例企业,5000000,key,是\n".encode("gb18030"))
    started, records, finished = run_session(gbk)
    assert started["encoding"] == "gb18030" and records[0]["firm"] == "江北示例企业" and finished["summary"]["total_cny"] == "300000.00"
    lines = tmp_path / "firms.txt"  # no telling suffix: the first character says JSONL
    lines.write_text(json.dumps({"firm": "A", "facts": {"a3_investment": "5000000", "a3_orientation": "key"}}) + "\n", encoding="utf-8")
    started, records, _ = run_session(lines)
    assert started["kind"] == "jsonl" and records[0]["total_cny"] == "300000.00"


def test_the_template_has_every_input_and_its_comment_rows_are_skipped() -> None:
    text = template_csv()
    rows = list(__import__("csv").reader(io.StringIO(text)))
    inputs = [spec["id"] for spec in calculator.list_inputs() if spec["group"] in ("company", "facts")]
    assert rows[0][0] == "\ufefffirm" and rows[0][1] == "year" and set(inputs) <= set(rows[0][2:])
    assert all(row[0].startswith("#") for row in rows[1:]) and len(rows) == 4
    label = {spec["id"]: spec["label"] for spec in calculator.list_inputs()}
    column = rows[0].index("a3_investment")
    assert label["a3_investment"]["zh"] in rows[1][column] and label["a3_investment"]["en"] in rows[2][column]
    assert "general" in rows[3][rows[0].index("a3_orientation")]
    # The template as downloaded is a valid file without companies; one company added is one company read.
    assert list(calculator.read_rows(io.StringIO(text.lstrip("\ufeff")), kind="csv")) == []
    filled = text + "甲" + "," * (len(rows[0]) - 1) + "\n"
    (row,) = calculator.read_rows(io.StringIO(filled.lstrip("\ufeff")), kind="csv")
    assert row.firm == "甲" and row.errors == ()
