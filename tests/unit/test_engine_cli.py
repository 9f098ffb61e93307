"""The command line: python -m calculator estimate|inputs|rules."""
from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLES = ROOT / "calculator" / "examples"


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "calculator", *args], cwd=ROOT, capture_output=True, text=True, encoding="utf-8", check=False)


def test_estimate_json_output() -> None:
    done = run("estimate", str(EXAMPLES / "manufacturer.json"), "--json", "--lang", "en")
    assert done.returncode == 0, done.stderr
    result = json.loads(done.stdout)
    assert result["total_cny"] == "660000.00"
    assert [line["rule"] for line in result["lines"]] == ["a3.renovation", "a10.rd_growth", "a20.srdi", "a21.high_tech"]
    assert [line["amount_cny"] for line in result["lines"]] == ["300000.00", "60000.00", "200000.00", "100000.00"]
    assert {line["kind_of_amount"] for line in result["lines"]} == {"exact", "maximum"}
    assert result["errors"] == [] and all(line["explanation"] for line in result["lines"])


def test_estimate_table_from_yaml_in_chinese() -> None:
    done = run("estimate", str(EXAMPLES / "listed_company.yaml"))
    assert done.returncode == 0, done.stderr
    assert "[a19-4]" in done.stdout and "合计: 150万元" in done.stdout


def test_invalid_profile_exits_1_with_the_errors(tmp_path: Path) -> None:
    bad = tmp_path / "bad.json"
    bad.write_text(json.dumps({"facts": {"a3_investment": "两百万"}}), encoding="utf-8")  # 200万 is read since issue 13
    done = run("estimate", str(bad), "--lang", "en")
    assert done.returncode == 1 and "facts.a3_investment" in done.stdout and "number words" in done.stdout
    done = run("estimate", str(bad), "--json")
    assert done.returncode == 1 and json.loads(done.stdout)["errors"][0]["field"] == "facts.a3_investment"
    missing = run("estimate", str(tmp_path / "nope.json"), "--json")
    assert missing.returncode == 1 and json.loads(missing.stdout)["valid"] is False


def test_inputs_and_rules_listings() -> None:
    done = run("inputs", "--article", "3", "--lang", "en")
    assert done.returncode == 0
    assert "facts.a3_investment (a3): money, unit yuan [0 .. 100000000000]" in done.stdout
    assert "key=Key-industry orientation" in done.stdout
    assert "items.a3.renovation: Technological upgrading subsidy (cap per project; a3-1" in done.stdout
    rules = run("rules", "--article", "18")
    assert "a18.revenue_milestone [milestone, exact]" in rules.stdout
    assert "a8.other_centre [fixed, exact, sci_tech, repeatable]" in run("rules", "--article", "8").stdout


def test_estimate_items_from_yaml_with_an_unquoted_date(tmp_path: Path) -> None:
    profile = tmp_path / "items.yaml"
    profile.write_text("company: {registered_in_district: true, event_date: 2024-07-15}\n"
                       "items:\n  a3.renovation:\n  - {a3_investment: 800万, a3_orientation: key, label: 一号线}\n"
                       "  - {a3_investment: 6000万, event_date: 2023-12-01}\n", encoding="utf-8")
    done = run("estimate", str(profile), "--lang", "en")
    assert done.returncode == 0, done.stdout
    assert "[a3.renovation] Technological upgrading subsidy · 一号线  —  CNY 480,000" in done.stdout
    assert "Technological upgrading subsidy · Project 2  —  CNY 0 " in done.stdout
    assert "Total: CNY 480,000" in done.stdout


def test_engine_needs_only_the_standard_library() -> None:
    # -S: no site-packages, so any third-party import would fail.
    code = ("import calculator, json; r = calculator.estimate(json.load(open('calculator/examples/full_profile.json')));"
            "print(r['valid'], len(r['lines']))")
    done = subprocess.run([sys.executable, "-S", "-c", code], cwd=ROOT, capture_output=True, text=True, check=False)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["True", "69"]
