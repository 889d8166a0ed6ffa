"""Benchmark (not a test): the switch calculator on plans with 100, 1,000 and 10,000 log
entries.

- ``compare``: what opening the Compare paths screen or ``remote-guide compare`` costs
  after the plan is loaded (one pass over the log, then the arithmetic);
- ``with_move``: what each keystroke in the screen's hours field costs (the arithmetic
  only; the log is not read again).

Medians of 15 runs. Run from the repository root: ``.venv/bin/python bench/bench_switch.py``.
"""

from __future__ import annotations

import datetime as dt
import statistics
import time
from decimal import Decimal
from pathlib import Path

from guide.plan import LogEntry, Plan
from guide.storage import load_plan
from guide.switch import compare, with_move

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "plan.toml"
RUNS = 15
TODAY = dt.date(2026, 12, 7)


def large_plan(entries: int) -> Plan:
    plan = load_plan(EXAMPLE).plan
    names = [p.name for p in plan.platforms]
    log = [
        LogEntry(
            date=dt.date(2026, 1, 1) + dt.timedelta(days=i % 340),
            platform=names[i % len(names)],
            minutes=15 + i % 120,
            earned=Decimal(i % 997) / 100,
        )
        for i in range(entries)
    ]
    return plan.model_copy(update={"log": log})


def median_ms(action: object) -> float:
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        action()  # type: ignore[operator]
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def main() -> None:
    for entries in (100, 1_000, 10_000):
        plan = large_plan(entries)
        switch = compare(plan, TODAY, move_hours=Decimal(3))
        opened = median_ms(lambda plan=plan: compare(plan, TODAY, move_hours=Decimal(3)))
        key = median_ms(lambda switch=switch: with_move(switch, Decimal(4)))
        print(f"{entries:>6} entries: compare {opened:7.2f} ms   with_move {key:6.3f} ms")


if __name__ == "__main__":
    main()
