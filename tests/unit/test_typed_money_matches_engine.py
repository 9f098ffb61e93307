"""The form reads typed amounts before Python is ready (docs/assets/frontend/calculator/typed-money.js) so that it can echo
"= 8,000,000 元（800万元）" and flag what the engine will refuse. The echo is only honest if it reads every form as the
engine does: the same amount, or a refusal where the engine refuses. Node runs the page's module on the same list."""

from __future__ import annotations

import json
import shutil
import subprocess
from decimal import Decimal
from pathlib import Path

import pytest

from calculator._data import POLICY
from calculator._validate import parse_value

ROOT = Path(__file__).resolve().parents[2]
TYPED_MONEY = ROOT / "docs" / "assets" / "frontend" / "calculator" / "typed-money.js"
NODE = shutil.which("node")

TYPED = [
    "8000000", "8,000,000", "800万", "800万元", "800 万", "1.2亿", "1.2亿元", "12.5亿", "0.5万", "1,234.56",
    "１２０万", "123.45元", "200万美元", "USD 2000000", "两百万", "三亿", "100万 200万", "100万200万",
    "1.234", "0.00001万", "abc", "2e6", "-5",
]


def _page_readings(typed: list[str] = TYPED, max_yuan: str | None = None) -> list[dict[str, object]]:
    script = (f"import({json.dumps(TYPED_MONEY.as_uri())}).then((m) => console.log(JSON.stringify("
              f"{json.dumps(typed, ensure_ascii=False)}.map((t) => {{ const r = m.readMoney(t, {json.dumps(max_yuan)});"
              " return r.status === 'amount' ? {status: r.status, fen: r.fen.toString()}"
              " : {status: r.status, ...m.refusalOf(r)}; }))))")
    done = subprocess.run([NODE or "node", "--input-type=module", "-e", script], capture_output=True, text=True,
                          encoding="utf-8", check=True, timeout=60)
    return list(json.loads(done.stdout))


@pytest.mark.skipif(NODE is None, reason="node is not installed (scripts/install.sh installs it)")
def test_the_form_reads_every_typed_amount_as_the_engine_does() -> None:
    spec = POLICY.inputs["a3_investment"]
    disagreements = []
    for typed, page in zip(TYPED, _page_readings(), strict=True):
        errors: list[dict[str, str]] = []
        engine = parse_value(typed, spec, "facts.a3_investment", errors)
        engine_fen = None if errors else str(int(Decimal(engine) * 100))
        page_fen = page.get("fen") if page["status"] == "amount" else None
        # A page refusal must be an engine refusal; an amount the page reads must be the engine's amount. (The page
        # may leave a form it does not know to the engine: it then shows no echo, which is never wrong.)
        if page["status"] == "refused" and engine_fen is not None or page_fen is not None and page_fen != engine_fen:
            disagreements.append((typed, page, engine_fen))
    assert disagreements == []


@pytest.mark.skipif(NODE is None, reason="node is not installed (scripts/install.sh installs it)")
def test_the_list_covers_amounts_and_refusals_on_both_sides() -> None:
    statuses = {reading["status"] for reading in _page_readings()}
    assert statuses == {"amount", "refused"}


@pytest.mark.skipif(NODE is None, reason="node is not installed (scripts/install.sh installs it)")
def test_grouped_digits_match_python_for_every_length_up_to_a_huge_paste() -> None:
    numbers = ["", *("123456789"[:length] for length in range(1, 10)), "1" + "0" * 30, "123456789" * 20_000]
    # The numbers go through standard input: a 180,000-digit argument is longer than the system allows.
    script = (f"import({json.dumps(TYPED_MONEY.as_uri())}).then(async (m) => {{ let text = '';"
              " for await (const chunk of process.stdin) text += chunk;"
              " console.log(JSON.stringify(JSON.parse(text).map((digits) => m.groupedDigits(digits)))); })")
    done = subprocess.run([NODE or "node", "--input-type=module", "-e", script], input=json.dumps(numbers),
                          capture_output=True, text=True, encoding="utf-8", check=True, timeout=60)
    # Grouped by Python's own format (in slices: int() refuses a string of more than 4,300 digits).
    expected = [",".join([f"{int(digits[: len(digits) % 3 or 3]):,}"]
                         + [digits[start:start + 3] for start in range(len(digits) % 3 or 3, len(digits), 3)])
                if digits else "" for digits in numbers]
    assert expected[4] == "1,234" and expected[9] == "123,456,789"
    assert json.loads(done.stdout) == expected


# Around the field's maximum (inputs.json `max`, which the engine checks): a pasted 60-digit number was echoed as
# "= 222,…,222 元（…2.22222222亿元）" while the engine refused it (issue 24).
TOO_LARGE = ["2" * 60, "1000000000001", "1000000000000", "1,000,000,000,000.01", "10000亿", "10000.0001亿", "100000000万元"]


@pytest.mark.skipif(NODE is None, reason="node is not installed (scripts/install.sh installs it)")
def test_the_form_refuses_what_is_too_large_as_the_engine_does_in_its_words() -> None:
    for input_id in ("a3_investment", "fiscal_contribution"):
        spec = POLICY.inputs[input_id]
        readings = _page_readings(TOO_LARGE, str(spec["max"]))
        for typed, page in zip(TOO_LARGE, readings, strict=True):
            errors: list[dict[str, str]] = []
            engine = parse_value(typed, spec, f"facts.{input_id}", errors)
            if errors:
                assert page == {"status": "refused", "zh": errors[0]["zh"], "en": errors[0]["en"]}, typed
            else:
                assert page == {"status": "amount", "fen": str(int(Decimal(engine) * 100))}, typed
    statuses = [reading["status"] for reading in _page_readings(TOO_LARGE, "1000000000000")]
    assert statuses == ["refused", "refused", "amount", "refused", "amount", "refused", "amount"]
