"""Benchmark (not a test): merging two copies of a plan with 10,000 log entries.

The copies share 9,900 entries; each has 100 of its own, 50 shared entries edited and
20 deleted (with tombstones), and one setting changed on both sides: what two machines
that drifted apart for a few weeks leave behind. Measured in-process, paired (each round
runs every case once, in turn, so load changes hit all of them alike), medians of 11
rounds:

- baseline: load the plan and save it (what any ``remote-guide log`` costs);
- ``merge`` as the command does it: load the copy, then under the lock read the plan,
  merge, adopt the result into the plan read and save it (``update_plan``);
- ``guide.merge.merge`` alone, in memory;
- ``guide.merge.merge_edits``, the plan screen's re-read when the file changed under
  unsaved edits: three-way from the shared plan, and, as here a setting changed on both
  sides, a second merge for the other answer to the question it asks (its worst case; it
  runs in a thread).

Run from the repository root: ``.venv/bin/python bench/bench_merge.py``.
"""

from __future__ import annotations

import datetime as dt
import os
import shutil
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from decimal import Decimal
from pathlib import Path

from guide.merge import adopt, merge, merge_all, merge_edits
from guide.plan import LogEntry, Plan, Tombstone
from guide.storage import load_plan, save_plan, update_plan

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "plan.toml"
ENTRIES = 10_000
ROUNDS = 11
TZ = dt.timezone(dt.timedelta(hours=3))


def shared_plan() -> Plan:
    plan = load_plan(EXAMPLE).plan
    names = [p.name for p in plan.platforms]
    log = [
        LogEntry(
            id=f"{i:012x}",
            date=dt.date(2022, 1, 1) + dt.timedelta(days=i * 5 // 27),
            platform=names[i % len(names)],
            minutes=15 + i % 120,
            earned=Decimal(i % 997) / 100,
            changed=dt.datetime(2026, 1, 1, tzinfo=TZ),
        )
        for i in range(ENTRIES - 100)
    ]
    return plan.model_copy(update={"log": log})


def drifted(plan: Plan, side: int, saved: dt.datetime) -> Plan:
    """``plan`` with 100 entries of its own, 50 edits, 20 deletes and a changed limit."""
    log = list(plan.log)
    deleted = []
    start = side * 1000
    for i in range(start, start + 50):
        log[i] = log[i].model_copy(update={"minutes": 1 + side, "changed": saved})
    for i in range(start + 100, start + 120):
        deleted.append(Tombstone(id=log[i].id, when=saved))
    gone = {t.id for t in deleted}
    log = [e for e in log if e.id not in gone]
    name = plan.platforms[side].name
    log += [
        LogEntry(id=f"f{side:x}{n:010x}", date=saved.date(), platform=name, minutes=20 + n % 9)
        for n in range(100)
    ]
    out = plan.model_copy(update={"log": log, "deleted": deleted, "updated": saved}, deep=True)
    out.limits.daily_minutes = 100 + side * 10
    return out


def median_ms(times: list[float]) -> float:
    return statistics.median(times) * 1000


def main() -> int:
    base = shared_plan()
    folder = Path(tempfile.mkdtemp(prefix="bench-merge-"))
    try:
        ours_path, theirs_path = folder / "plan.toml", folder / "copy.toml"
        ours = drifted(base, 0, dt.datetime(2026, 11, 20, 9, tzinfo=TZ))
        theirs = drifted(base, 1, dt.datetime(2026, 11, 21, 9, tzinfo=TZ))
        save_plan(ours, ours_path)
        save_plan(theirs, theirs_path)
        original = ours_path.read_bytes()
        size = len(original)

        def reset() -> None:
            ours_path.write_bytes(original)

        def load_and_save() -> None:
            loaded = load_plan(ours_path)
            save_plan(loaded.plan, ours_path, expected=loaded.fingerprint, overwrite=True)

        def merge_command() -> None:
            copy = load_plan(theirs_path).plan

            def change(plan: Plan) -> None:
                merged, _ = merge_all(plan, [copy])
                adopt(plan, merged)

            update_plan(ours_path, change)

        def merge_only() -> None:
            merge(ours, theirs)

        def reread() -> None:
            merge_edits(base, ours, theirs)

        cases: dict[str, Callable[[], None]] = {
            "load + save (baseline)": load_and_save,
            "merge command (load copy, lock, read, merge, save)": merge_command,
            "merge() in memory": merge_only,
            "merge_edits() (plan screen re-read, unsaved edits)": reread,
        }
        times: dict[str, list[float]] = {name: [] for name in cases}
        merge_command()  # warm up imports and caches
        reset()
        for _ in range(ROUNDS):
            for name, action in cases.items():
                reset()
                start = time.perf_counter()
                action()
                times[name].append(time.perf_counter() - start)
        result = merge(ours, theirs)
        load = os.getloadavg()
    finally:
        shutil.rmtree(folder)

    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print(f"load average before/after: {load[0]:.2f} (1 min), {load[1]:.2f} (5 min)")
    print(f"plan: {len(ours.log)} entries, {size / 1024:.0f} KB; merged: {len(result.plan.log)}")
    s = result.summary
    print(
        f"summary: {len(s.entries_added)} added, {len(s.entries_removed)} removed, "
        f"{len(s.entries_updated)} updated, {len(s.fields)} settings differed"
    )
    base_ms = median_ms(times["load + save (baseline)"])
    for name, values in times.items():
        print(f"{name:55s} {median_ms(values):8.1f} ms  {median_ms(values) / base_ms:5.2f}x")
    baseline, command = (times[name] for name in list(cases)[:2])
    ratio = statistics.median(m / b for m, b in zip(command, baseline, strict=True))
    print(f"median of the paired ratios (merge command / baseline): {ratio:.2f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
