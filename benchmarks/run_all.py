"""Run every isingsc benchmark and print one table.

Each ``bench_*.py`` runs in its own fresh interpreter (so every "first call" is
really the first call of that process, with ``isingsc`` already imported) and
hands its rows back as JSON. Exit status 1 if any correctness check failed or a
benchmark crashed; timing targets are reported, not enforced.

Usage: ``python benchmarks/run_all.py [bench_gap bench_tc ...]``
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from _harness import Check, Row, Timing, format_table, log

HERE = Path(__file__).resolve().parent
BENCHMARKS = ("bench_gap", "bench_tc", "bench_dos", "bench_optics", "bench_pumping")


def run_one(name: str) -> list[Row]:
    log(f"run_all: {name} ...")
    proc = subprocess.run(
        [sys.executable, str(HERE / f"{name}.py"), "--json"],
        capture_output=True,
        text=True,
        cwd=HERE,
        check=False,
    )
    if proc.stderr:
        sys.stderr.write(proc.stderr)
    try:
        return [Row.from_dict(d) for d in json.loads(proc.stdout.strip().splitlines()[-1])]
    except (json.JSONDecodeError, IndexError, KeyError, TypeError):
        crashed = Check(f"benchmark crashed (exit {proc.returncode})", float("nan"), 0.0)
        return [
            Row(
                name=name,
                timing=Timing(float("nan"), float("nan"), 0),
                naive=None,
                checks=(crashed,),
            )
        ]


def main(argv: list[str] | None = None) -> int:
    names = (sys.argv[1:] if argv is None else argv) or list(BENCHMARKS)
    unknown = sorted(set(names) - set(BENCHMARKS))
    if unknown:
        print(f"unknown benchmark(s): {', '.join(unknown)}; choose from {BENCHMARKS}")
        return 2
    rows = [row for name in names for row in run_one(name)]
    print(format_table(rows))
    return 0 if all(r.passed for r in rows) else 1


if __name__ == "__main__":
    sys.exit(main())
