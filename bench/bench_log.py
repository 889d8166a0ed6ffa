"""Benchmark (not a test): the log commands and saving at 100, 1,000 and 10,000 entries.

For each size, a plan like the example with that many work and study entries over about
five years, then:

- ``remote-guide log`` as a whole process (each run adds one entry under the lock: read,
  validate, add, write the .bak and the plan with their fsyncs);
- ``remote-guide history --json`` as a whole process (read, validate, one pass per week);
- ``save_plan`` in-process (validate, serialise, read back, write);
- ``load_plan`` in-process, for scale;

and ``python -c "import pydantic"`` as the floor of a process that loads a plan. Medians of
``RUNS`` runs (fewer at 10,000). Growth is the ratio of the costs above the floor from one
size to the next ten times larger: 10 means linear.

Run from the repository root: ``.venv/bin/python bench/bench_log.py``.
"""

from __future__ import annotations

import datetime as dt
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from itertools import pairwise
from pathlib import Path

from guide.plan import EntryKind, LogEntry, Plan
from guide.storage import load_plan, save_plan

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "plan.toml"
SIZES = (100, 1_000, 10_000)
RUNS = 9


def plan_with(entries: int) -> Plan:
    """The example with ``entries`` entries: four in five work, one in five study."""
    plan = load_plan(EXAMPLE).plan
    names = [p.name for p in plan.platforms]
    skills = [g.skill for g in plan.goals]
    start = dt.date(2022, 1, 3)
    log = []
    for i in range(entries):
        day = start + dt.timedelta(days=i * 1826 // max(entries, 1))
        if i % 5 == 4:
            entry = LogEntry(
                kind=EntryKind.STUDY, date=day, goal=skills[i % len(skills)], minutes=30 + i % 90
            )
        else:
            entry = LogEntry(
                date=day,
                platform=names[i % len(names)],
                minutes=15 + i % 120,
                earned=Decimal(i % 997) / 100,
                tasks=i % 40,
            )
        log.append(entry)
    return plan.model_copy(update={"log": log, "title": f"{entries} entries"})


def median_ms(action: Callable[[], object], runs: int) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def process(*args: str) -> Callable[[], object]:
    def run() -> None:
        result = subprocess.run(args, check=False, capture_output=True)
        if result.returncode:
            raise SystemExit(result.stderr.decode())

    return run


def main() -> None:
    exe = [sys.executable, "-m", "guide"]
    rows: dict[int, dict[str, float]] = {}
    with tempfile.TemporaryDirectory() as folder:
        floor = median_ms(process(sys.executable, "-c", "import pydantic"), RUNS)
        for size in SIZES:
            runs = RUNS if size < 10_000 else 5
            path = Path(folder) / f"plan-{size}.toml"
            plan = plan_with(size)
            save_plan(plan, path)
            size_kb = path.stat().st_size / 1024

            def save(plan: Plan = plan, path: Path = path) -> None:
                # A changed plan each time: saving the same text again writes nothing.
                plan.updated += dt.timedelta(seconds=1)
                save_plan(plan, path, overwrite=True)

            rows[size] = {
                "file KB": size_kb,
                "log (process)": median_ms(
                    process(*exe, "log", str(path), "--minutes", "5", "--platform", "Prolific"),
                    runs,
                ),
                "history --json (process)": median_ms(
                    process(*exe, "history", str(path), "--json"), runs
                ),
                "save (in-process)": median_ms(save, runs),
                "load (in-process)": median_ms(lambda path=path: load_plan(path), runs),
            }
    print(f"python -c 'import pydantic': {floor:.0f} ms (floor of a process that loads a plan)")
    names = list(rows[SIZES[0]])
    print(f"{'':28}" + "".join(f"{size:>12,}" for size in SIZES) + "   growth x10, x10")
    for name in names:
        values = [rows[size][name] for size in SIZES]
        base = floor if "(process)" in name else 0.0
        above = [max(v - base, 0.01) for v in values]
        growth = ", ".join(f"{b / a:.1f}" for a, b in pairwise(above))
        unit = "" if name == "file KB" else " ms"
        cells = "".join(f"{v:>9.0f}{unit:3}" for v in values)
        print(f"{name:28}{cells}   {growth if name != 'file KB' else ''}")


if __name__ == "__main__":
    main()
