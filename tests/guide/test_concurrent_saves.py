"""Two processes saving the same plan: no save that returned OK is ever lost.

Each writer does load -> change -> ``save_plan(expected=fingerprint)`` (retrying on a
conflict) or ``update_plan``; every entry whose save returned must be in the final file.
A second test forces the interleaving that lost updates before the lock (A checks, B
saves, A renames over B) and shows that without the lock B's save is lost and with it B
gets a conflict instead.
"""

from __future__ import annotations

import datetime as dt
import multiprocessing
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from guide import storage
from guide.plan import LogEntry
from guide.storage import SaveConflict, load_plan, save_plan, update_plan

from .plan_samples import example_plan

SAVES = 20  # per writer; a save takes a few ms (bench/README.md), more on a loaded machine
fork = multiprocessing.get_context("fork")


def entry(marker: int) -> LogEntry:
    return LogEntry(date=dt.date(2026, 11, 3), platform="Prolific", minutes=1, earned=marker)


def markers(path: Path) -> list[int]:
    return [int(e.earned) for e in load_plan(path).plan.log if e.earned >= 1000]


def writer(path: Path, who: int, how: str, done: Any) -> None:
    """Append SAVES entries, each in its own save; report the ones whose save returned."""
    saved = []
    for i in range(SAVES):
        marker = 1000 * who + i
        if how == "update":
            update_plan(path, lambda plan, m=marker: plan.log.append(entry(m)))
            saved.append(marker)
            continue
        while True:
            loaded = load_plan(path)
            loaded.plan.log.append(entry(marker))
            try:
                save_plan(loaded.plan, path, expected=loaded.fingerprint)
            except SaveConflict:
                continue  # someone saved in between: read again and redo the change
            saved.append(marker)
            break
    done.put(saved)


@pytest.mark.parametrize("how", ["save", "update"])
def test_two_writers_lose_nothing(tmp_path: Path, how: str) -> None:
    path = tmp_path / "plan.toml"
    save_plan(example_plan(), path)
    done = fork.Queue()
    procs = [fork.Process(target=writer, args=(path, who, how, done)) for who in (1, 2)]
    for p in procs:
        p.start()
    saved = sorted(done.get(timeout=120) + done.get(timeout=120))
    for p in procs:
        p.join(timeout=30)
        assert p.exitcode == 0
    assert len(saved) == 2 * SAVES
    assert sorted(markers(path)) == saved


@contextmanager
def no_lock(path: object) -> Iterator[None]:
    yield


def first(path: Path, locked: bool, checked: Any, second_done: Any) -> None:
    """Load, add entry 1001, and save; after the check, wait for the second writer."""
    if not locked:
        storage.plan_lock = no_lock  # type: ignore[assignment]  # the code before the lock
    real_check = storage._check_conflict

    def check_then_wait(*args: Any) -> None:
        real_check(*args)
        checked.set()
        # Without the lock the second writer saves now; with it, it waits for ours.
        second_done.wait(timeout=30 if not locked else 1)

    storage._check_conflict = check_then_wait  # type: ignore[assignment]
    loaded = load_plan(path)
    loaded.plan.log.append(entry(1001))
    save_plan(loaded.plan, path, expected=loaded.fingerprint)


def second(path: Path, locked: bool, checked: Any, second_done: Any, result: Any) -> None:
    """Once the first writer has passed its check: load, add entry 2001, save."""
    if not locked:
        storage.plan_lock = no_lock  # type: ignore[assignment]
    checked.wait(timeout=30)
    loaded = load_plan(path)
    loaded.plan.log.append(entry(2001))
    try:
        save_plan(loaded.plan, path, expected=loaded.fingerprint)
        result.put("saved")
    except SaveConflict:
        result.put("conflict")
    second_done.set()


def interleaved(path: Path, locked: bool) -> str:
    save_plan(example_plan(), path)
    checked, second_done, result = fork.Event(), fork.Event(), fork.Queue()
    a = fork.Process(target=first, args=(path, locked, checked, second_done))
    b = fork.Process(target=second, args=(path, locked, checked, second_done, result))
    a.start()
    b.start()
    outcome: str = result.get(timeout=60)
    for p in (a, b):
        p.join(timeout=30)
        assert p.exitcode == 0
    return outcome


def test_without_the_lock_a_save_that_returned_ok_is_lost(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    assert interleaved(path, locked=False) == "saved"  # the second save said OK...
    assert markers(path) == [1001]  # ...and the first one's rename erased it


def test_with_the_lock_the_second_writer_gets_a_conflict(tmp_path: Path) -> None:
    path = tmp_path / "plan.toml"
    assert interleaved(path, locked=True) == "conflict"
    assert markers(path) == [1001]  # nothing that was reported saved is missing
