"""Benchmark (not a test): the plan file and the ``check`` command.

- save and load of a plan with 1000 log entries (in-process, each save replaces the file
  and writes the .bak, with its fsyncs);
- ``remote-guide check`` as a whole process, on the example and on the large plan, against
  ``python -c "import pydantic"`` (pydantic imports lazily, so also ``from pydantic import
  BaseModel``) and ``python -c "pass"`` in the same run.

Medians of 15 runs. Run from the repository root: ``.venv/bin/python bench/bench_plan.py``.
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
from pathlib import Path

from guide.plan import LogEntry, Plan
from guide.storage import load_plan, save_plan

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "plan.toml"
RUNS = 15


def large_plan(entries: int = 1000) -> Plan:
    plan = load_plan(EXAMPLE).plan
    names = [p.name for p in plan.platforms]
    log = [
        LogEntry(
            date=dt.date(2026, 1, 1) + dt.timedelta(days=i % 365),
            platform=names[i % len(names)],
            minutes=15 + i % 120,
            earned=Decimal(i % 997) / 100,
        )
        for i in range(entries)
    ]
    return plan.model_copy(update={"log": log})


def median_ms(action: Callable[[], object], runs: int = RUNS) -> float:
    times = []
    for _ in range(runs):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return statistics.median(times) * 1000


def process(*args: str) -> Callable[[], object]:
    def run() -> None:
        subprocess.run(args, check=False, capture_output=True)

    return run


def main() -> None:
    script = Path(sys.executable).with_name("remote-guide")
    command = [str(script)] if script.exists() else [sys.executable, "-m", "guide"]
    plan = large_plan()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "large.toml"
        save_plan(plan, path)
        titles = iter(f"Large plan {i}" for i in range(10 * RUNS))

        def save() -> None:
            plan.title = next(titles)
            save_plan(plan, path, overwrite=True)

        size = path.stat().st_size
        results = {
            "save_plan, 1000 log entries": median_ms(save),
            "load_plan, 1000 log entries": median_ms(lambda: load_plan(path)),
            'python -c "pass"': median_ms(process(sys.executable, "-c", "pass")),
            'python -c "import pydantic"': median_ms(
                process(sys.executable, "-c", "import pydantic")
            ),
            'python -c "from pydantic import BaseModel"': median_ms(
                process(sys.executable, "-c", "from pydantic import BaseModel")
            ),
            "remote-guide check examples/plan.toml": median_ms(
                process(*command, "check", str(EXAMPLE))
            ),
            "remote-guide check large.toml": median_ms(process(*command, "check", str(path))),
        }
    print(f"Python {sys.version.split()[0]}, medians of {RUNS} runs; large.toml is {size:,} bytes")
    width = max(map(len, results))
    for name, ms in results.items():
        print(f"{name:<{width}}  {ms:8.1f} ms")
    pydantic_ms = results['python -c "import pydantic"']
    base_ms = results['python -c "from pydantic import BaseModel"']
    for name in ("remote-guide check examples/plan.toml", "remote-guide check large.toml"):
        print(
            f"{name}: {results[name] / pydantic_ms:.2f}x import pydantic, "
            f"{results[name] / base_ms:.2f}x from pydantic import BaseModel"
        )


if __name__ == "__main__":
    main()
