"""Benchmark (not a test): how long Ctrl+S holds up the plan screen's event loop.

The plan screen saves in a thread (``PlanScreen._save``: a working copy of the plan and
``save_plan`` off the UI thread, with the garbage collector paused). Here the app runs
headless (``run_test``) with a plan of 1,000 and 10,000 log entries; a probe task on the
app's event loop wakes every millisecond and records the longest gap between wake-ups
while one save runs, from the key press to the plan being saved, and the longest garbage
collection meanwhile (a collection stops every thread). The floor: the same Ctrl+S with
the save a no-op (what the screen itself draws: title, toast). For comparison, the
loop's longest gap while ``save_plan`` runs on it directly. Medians of ``ROUNDS`` saves.

Run from the repository root: ``.venv/bin/python bench/bench_save_ui.py``.
"""

from __future__ import annotations

import asyncio
import contextlib
import datetime as dt
import gc
import os
import statistics
import sys
import tempfile
import time
from decimal import Decimal
from pathlib import Path
from typing import Any
from unittest import mock

from guide.plan import LogEntry, Plan
from guide.storage import LoadedPlan, load_plan, save_plan

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "plan.toml"
SIZES = (1_000, 10_000)
ROUNDS = 7
# What the screen's save calls (so the bench also runs on trees from before _save).
NO_SAVE = "screens.saving._save"


def big_plan(entries: int) -> Plan:
    plan = load_plan(EXAMPLE).plan
    names = [p.name for p in plan.platforms]
    log = [
        LogEntry(
            id=f"{i:012x}",
            date=dt.date(2022, 1, 1) + dt.timedelta(days=i * 5 // 27),
            platform=names[i % len(names)],
            minutes=15 + i % 120,
            earned=Decimal(i % 997) / 100,
        )
        for i in range(entries)
    ]
    return plan.model_copy(update={"log": log})


class Probe:
    """The longest gap between wake-ups of a task that sleeps 1 ms at a time, and the
    longest garbage collection meanwhile (in any thread: a collection stops them all)."""

    def __init__(self) -> None:
        self.longest = 0.0
        self.longest_gc = 0.0
        self._gc_start = 0.0
        self._task: asyncio.Task[None] | None = None
        gc.callbacks.append(self._gc)

    def _gc(self, phase: str, info: dict[str, int]) -> None:
        if phase == "start":
            self._gc_start = time.perf_counter()
        else:
            self.longest_gc = max(self.longest_gc, time.perf_counter() - self._gc_start)

    async def _run(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            self.longest = max(self.longest, now - last)
            last = now

    def start(self) -> None:
        self.longest = self.longest_gc = 0.0
        self._task = asyncio.get_running_loop().create_task(self._run())

    async def stop(self) -> float:
        assert self._task is not None
        self._task.cancel()
        with contextlib.suppress(asyncio.CancelledError):
            await self._task
        return self.longest * 1000


async def ctrl_s(pilot: Any, screen: Any, probe: Probe, title: str) -> float:
    """Ctrl+S after an edit: the longest gap from the key press to the plan saved."""
    screen.plan.title = title
    screen.changed()
    await pilot.pause(0.1)
    probe.start()
    await pilot.press("ctrl+s")
    started = time.perf_counter()
    while screen.dirty:
        if time.perf_counter() - started > 60:
            raise SystemExit(f"the save did not finish (screen: {screen.app.screen})")
        await asyncio.sleep(0.005)
    return await probe.stop()


async def measure(entries: int, folder: Path) -> tuple[list[float], ...]:
    from screens.app import RemoteGuideApp
    from screens.plan_screen import PlanScreen

    plan = big_plan(entries)
    path = folder / f"plan-{entries}.toml"
    loaded = LoadedPlan(plan, path, save_plan(plan, path))
    app = RemoteGuideApp(lang="en")
    threaded: list[float] = []
    collections: list[float] = []
    blocking: list[float] = []
    floor: list[float] = []
    probe = Probe()
    async with app.run_test(size=(120, 40)) as pilot:
        screen = PlanScreen("en", loaded)
        # A big log fires the stop rule, and the review it opens would take the Ctrl+S.
        screen.review_on_open = False
        await app.push_screen(screen)
        await pilot.pause(0.5)
        for n in range(ROUNDS):
            threaded.append(await ctrl_s(pilot, screen, probe, f"Round {n}"))
            collections.append(probe.longest_gc * 1000)
            with mock.patch(NO_SAVE, lambda *a, expected, **k: expected):
                floor.append(await ctrl_s(pilot, screen, probe, f"No save {n}"))

            screen.plan.title = f"Blocking {n}"
            probe.start()
            await asyncio.sleep(0.01)
            screen.fingerprint = save_plan(screen.plan, path, expected=screen.fingerprint)
            await asyncio.sleep(0.01)
            blocking.append(await probe.stop())
    return threaded, blocking, collections, floor


def main() -> int:
    global NO_SAVE
    import screens.saving

    if not hasattr(screens.saving, "_save"):
        NO_SAVE = "screens.saving.save_plan"
    folder = Path(tempfile.mkdtemp(prefix="bench-save-ui-"))
    print(f"Python {sys.version.split()[0]}, {os.cpu_count()} cores")
    print(f"load average before: {os.getloadavg()[0]:.2f} (1 min)")
    for entries in SIZES:
        threaded, blocking, collections, floor = asyncio.run(measure(entries, folder))
        print(
            f"{entries:6d} entries: longest event-loop gap during Ctrl+S "
            f"{statistics.median(threaded):7.1f} ms (max {max(threaded):.1f}); "
            f"save_plan on the loop {statistics.median(blocking):7.1f} ms; "
            f"longest collection during Ctrl+S {statistics.median(collections):.1f} ms; "
            f"Ctrl+S with saving a no-op {statistics.median(floor):.1f} ms"
        )
    print(f"load average after: {os.getloadavg()[0]:.2f} (1 min)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
