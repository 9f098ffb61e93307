"""Writes a SYNTHETIC sample of companies for the budget page and the batch benchmarks (issue 25).

Every company is invented: named 示例企业NNNN（虚构）/ "Synthetic firm NNNN", with figures drawn from a seeded random
generator over round ranges chosen only to exercise the rules (thresholds, caps, tiers, the yearly cap). The ranges
are not statistics of Jiangbei District or of any real company, and the sample says nothing about the district.

    python -m site_build.budget_sample OUT.csv [--rows 500] [--seed 2024]
"""
from __future__ import annotations

import argparse
import csv
import random
import sys
from pathlib import Path
from typing import TextIO

COLUMNS = ("firm", "year", "registered_in_district", "above_size_industrial", "rd_spend", "fiscal_contribution",
           "a3_investment", "a3_orientation", "a10_new_rd_investment", "a13_project_investment", "a13_project_type",
           "a14_green_factory_level", "a18_local_revenue", "a19_joint_stock", "a19_bond_issues_in_district",
           "a20_srdi_level", "a21_high_tech_level", "a22_consulting_fees", "a23_pinzibiao", "other:a3.renovation")


def _maybe(rng: random.Random, share: float, value: str) -> str:
    return value if rng.random() < share else ""


def company(rng: random.Random, number: int) -> list[str]:
    """One invented company; each figure is given for a share of the rows only, as in a real list."""
    above = rng.random() < 0.6
    a3 = _maybe(rng, 0.35, str(rng.randrange(50, 8000) * 10_000))
    row = {
        "firm": f"示例企业{number:04d}（虚构） Synthetic firm {number:04d}",
        "year": "2024",
        "registered_in_district": "true" if rng.random() < 0.97 else "false",
        "above_size_industrial": "true" if above else "false",
        "rd_spend": str(rng.randrange(0, 500) * 10_000) if above else "",
        "fiscal_contribution": _maybe(rng, 0.8, str(rng.randrange(1, 2000) * 10_000)),
        "a3_investment": a3,
        "a3_orientation": rng.choice(("general", "key", "special")) if a3 else "",
        "a10_new_rd_investment": _maybe(rng, 0.25, str(rng.randrange(10, 3000) * 10_000)),
        "a13_project_investment": _maybe(rng, 0.15, str(rng.randrange(5, 400) * 10_000)),
        "a13_project_type": "",
        "a14_green_factory_level": _maybe(rng, 0.08, rng.choice(("national", "provincial", "municipal_4star", "district_3star"))),
        "a18_local_revenue": _maybe(rng, 0.05, str(rng.randrange(5, 120) * 100_000_000)),
        "a19_joint_stock": _maybe(rng, 0.03, "true"),
        "a19_bond_issues_in_district": _maybe(rng, 0.02, "\n".join(str(rng.randrange(10, 300) * 1_000_000) for _ in range(rng.randrange(1, 4)))),
        "a20_srdi_level": _maybe(rng, 0.1, rng.choice(("national_champion", "little_giant", "provincial_hidden_or_city_key", "city_potential"))),
        "a21_high_tech_level": _maybe(rng, 0.2, rng.choice(("first", "renewed"))),
        "a22_consulting_fees": _maybe(rng, 0.05, str(rng.randrange(1, 200) * 10_000)),
        "a23_pinzibiao": _maybe(rng, 0.05, "true"),
        "other:a3.renovation": "",
    }
    if row["a13_project_investment"]:
        row["a13_project_type"] = rng.choice(("robots", "mes"))
    if a3 and rng.random() < 0.1:
        row["other:a3.renovation"] = str(rng.randrange(1, 50) * 10_000)
    return [row[column] for column in COLUMNS]


def write_sample(stream: TextIO, *, rows: int, seed: int) -> None:
    rng = random.Random(seed)
    writer = csv.writer(stream, lineterminator="\n")
    writer.writerow(COLUMNS)
    for number in range(1, rows + 1):
        writer.writerow(company(rng, number))


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out", type=Path, nargs="?", help="CSV to write (stdout if omitted)")
    parser.add_argument("--rows", type=int, default=500)
    parser.add_argument("--seed", type=int, default=2024)
    args = parser.parse_args(argv)
    if args.out is None:
        write_sample(sys.stdout, rows=args.rows, seed=args.seed)
    else:
        with args.out.open("w", encoding="utf-8", newline="") as stream:
            write_sample(stream, rows=args.rows, seed=args.seed)
    return 0


if __name__ == "__main__":
    sys.exit(main())
