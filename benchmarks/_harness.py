"""Tiny timing and reporting helper shared by the isingsc benchmarks.

A benchmark row holds one fixed workload: its first call and best-of-k steady
state timed apart, the time of a naive reference (measured, or extrapolated from
a subsample; the row's notes say which), the speed-up steady vs. naive, and one or
more correctness checks, each a value compared against a named threshold.

Timing targets are reported, never enforced; a failed correctness check is what
makes ``run_all.py`` (and each ``bench_*.py`` run on its own) exit with status 1.
"""

from __future__ import annotations

import json
import math
import sys
import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from typing import Any, TypeVar

R = TypeVar("R")

__all__ = ["Check", "Row", "Timing", "log", "main_for", "print_table", "time_call", "time_once"]


@dataclass(frozen=True)
class Timing:
    """Wall-clock seconds of the first call and the best of ``repeat`` further calls."""

    first: float
    steady: float
    repeat: int


def time_once(fn: Callable[[], R]) -> tuple[float, R]:
    """Seconds taken by one call of ``fn`` and its result."""
    t0 = time.perf_counter()
    result = fn()
    return time.perf_counter() - t0, result


def time_call(fn: Callable[[], R], repeat: int = 3) -> tuple[Timing, R]:
    """Time ``fn()``: the first call, then the best of ``repeat`` calls (steady state).

    The first call includes one-off costs (lazy imports, cached quadrature rules,
    first touches of memory); the steady state is the minimum over the repeats,
    the usual estimator of the undisturbed run time. Returns the first call's result.
    """
    first, result = time_once(fn)
    best = math.inf
    for _ in range(max(repeat, 1)):
        best = min(best, time_once(fn)[0])
    return Timing(first=first, steady=best, repeat=max(repeat, 1)), result


@dataclass(frozen=True)
class Check:
    """A correctness check: passes iff ``value`` is finite and ``value < threshold``."""

    label: str
    value: float
    threshold: float

    @property
    def passed(self) -> bool:
        return math.isfinite(self.value) and self.value < self.threshold

    def __str__(self) -> str:
        verdict = "PASS" if self.passed else "FAIL"
        return f"{self.label} = {self.value:.2e} < {self.threshold:.0e} {verdict}"


@dataclass(frozen=True)
class Row:
    """One table row: a workload, its timings, the naive reference time and its checks."""

    name: str
    timing: Timing
    naive: float | None
    checks: tuple[Check, ...]
    target: float | None = None
    notes: tuple[str, ...] = field(default_factory=tuple)

    @property
    def speedup(self) -> float | None:
        if self.naive is None or self.timing.steady <= 0:
            return None
        return self.naive / self.timing.steady

    @property
    def passed(self) -> bool:
        return all(c.passed for c in self.checks)

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict[str, Any]) -> Row:
        return cls(
            name=d["name"],
            timing=Timing(**d["timing"]),
            naive=d["naive"],
            checks=tuple(Check(**c) for c in d["checks"]),
            target=d["target"],
            notes=tuple(d["notes"]),
        )


HEADER = (
    "workload",
    "first call s",
    "steady s",
    "target",
    "naive reference s",
    "speed-up",
    "correctness check",
)


def _cells(row: Row) -> list[str]:
    if row.target is None:
        target = "-"
    else:
        target = f"≤{row.target:g} s " + ("met" if row.timing.steady <= row.target else "MISSED")
    naive = "-" if row.naive is None else f"{row.naive:.3g}"
    speed = "-" if row.speedup is None else f"{row.speedup:.3g}x"
    return [
        row.name,
        f"{row.timing.first:.4f}",
        f"{row.timing.steady:.4f} (best of {row.timing.repeat})",
        target,
        naive,
        speed,
        "; ".join(str(c) for c in row.checks),
    ]


def format_table(rows: Sequence[Row]) -> str:
    """A plain-text table, ``|``-separated, with the rows' notes numbered below it."""
    body = [list(HEADER)] + [_cells(r) for r in rows]
    widths = [max(len(line[k]) for line in body) for k in range(len(HEADER))]

    def fmt(line: list[str]) -> str:
        return " | ".join(cell.ljust(w) for cell, w in zip(line, widths, strict=True)).rstrip()

    lines = [fmt(body[0]), "-+-".join("-" * w for w in widths)]
    lines += [fmt(line) for line in body[1:]]
    notes = [(r.name, n) for r in rows for n in r.notes]
    if notes:
        lines.append("")
        lines.append("notes:")
        lines += [f"  [{name}] {note}" for name, note in notes]
    verdict = (
        "all correctness checks passed"
        if all(r.passed for r in rows)
        else ("CORRECTNESS FAILURES: " + ", ".join(r.name for r in rows if not r.passed))
    )
    lines.append("")
    lines.append(verdict)
    return "\n".join(lines)


def print_table(rows: Sequence[Row]) -> None:
    print(format_table(rows))


def log(msg: str) -> None:
    """Progress messages go to stderr so that ``--json`` output stays clean."""
    print(msg, file=sys.stderr, flush=True)


def main_for(run: Callable[[], list[Row]], argv: Sequence[str] | None = None) -> int:
    """Command-line entry of a ``bench_*.py`` module: print a table (or ``--json``).

    Returns 1 if any correctness check failed, else 0.
    """
    args = list(sys.argv[1:] if argv is None else argv)
    rows = run()
    if "--json" in args:
        print(json.dumps([r.to_dict() for r in rows]))
    else:
        print_table(rows)
    return 0 if all(r.passed for r in rows) else 1
