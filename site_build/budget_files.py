"""The budget page's two files (budget/, issue 25), written into the built site at build time (never committed):

- site/assets/budget/synthetic-sample.csv: the SYNTHETIC sample of 500 invented companies from
  site_build/budget_sample.py (seed 2024), each named 示例企业NNNN（虚构） Synthetic firm NNNN;
- site/assets/budget/template.csv: the CSV template, a header of the column ids (firm, year, then every input of
  `calculator.list_inputs()`: company facts, then each article's) and three comment rows (first cell `#`, which the
  batch skips): the labels in Chinese, in English, and the values each column takes. With a byte-order mark, so that
  Excel opens the Chinese labels as UTF-8.

    python -m site_build.budget_files [--site-dir site]
"""
from __future__ import annotations

import argparse
import csv
import io
import sys
from pathlib import Path
from typing import Any

REPO = Path(__file__).resolve().parent.parent

import calculator  # noqa: E402
from site_build.budget_sample import write_sample  # noqa: E402

SAMPLE_NAME = "synthetic-sample.csv"
TEMPLATE_NAME = "template.csv"
SAMPLE_ROWS = 500
SAMPLE_SEED = 2024

_VALUES = {"bool": "true | false", "money": "元 CNY", "money_list": "元 CNY (每行一笔 one a line)", "number": "亩 mu",
           "date": "YYYY-MM-DD"}


def _values(spec: dict[str, Any]) -> str:
    if spec["type"] == "choice":
        return " | ".join(str(choice["id"]) for choice in spec["choices"])
    return _VALUES.get(str(spec["type"]), str(spec["type"]))


def template_csv() -> str:
    """The template's text: the header and the three comment rows (zh labels, en labels, values)."""
    inputs = [spec for spec in calculator.list_inputs() if spec["group"] in ("company", "facts")]
    header = ["firm", "year", *(spec["id"] for spec in inputs)]
    zh = ["# 企业名称或编号（必填；以 # 开头的行是说明，不计入）", "年度（可选，如 2024）", *(spec["label"]["zh"] for spec in inputs)]
    en = ["# Company name or id (required; rows starting with # are comments, not read)", "Year (optional, e.g. 2024)",
          *(spec["label"]["en"] for spec in inputs)]
    values = ["# 取值 Values", "2024", *(_values(spec) for spec in inputs)]
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    for row in (header, zh, en, values):
        writer.writerow(row)
    return "\ufeff" + out.getvalue()


def sample_csv() -> str:
    out = io.StringIO()
    write_sample(out, rows=SAMPLE_ROWS, seed=SAMPLE_SEED)
    return out.getvalue()


def write_files(site_dir: Path) -> list[Path]:
    target = site_dir / "assets" / "budget"
    target.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in ((SAMPLE_NAME, sample_csv()), (TEMPLATE_NAME, template_csv())):
        path = target / name
        data = text.encode("utf-8")
        if not path.is_file() or path.read_bytes() != data:
            path.write_bytes(data)
            written.append(path)
    return written


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site-dir", type=Path, default=REPO / "site")
    args = parser.parse_args(argv)
    if not (args.site_dir / "index.html").is_file():
        sys.exit(f"[budget_files] {args.site_dir}: build the site first")
    written = write_files(args.site_dir)
    print(f"[budget_files] {len(written)} file(s) written under {args.site_dir / 'assets' / 'budget'}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
