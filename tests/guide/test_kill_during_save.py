"""SIGKILL a process while it saves a large plan, at random moments, 200+ times: the file
on disk must always be the old or the new plan, complete and valid (and so must the .bak).

This runs in every test run, CI included (POSIX: it forks; it takes some seconds).
"""

from __future__ import annotations

import os
import random
import signal
import time
from pathlib import Path

from guide.storage import backup_path, list_plans, load_plan, plan_to_toml, save_plan

from .plan_samples import large_plan

KILLS = 200


def saver(path: Path, texts: tuple[object, object]) -> None:
    """In a forked child: save the two plans in turn, forever."""
    try:
        plans = texts
        i = 0
        while True:
            save_plan(plans[i % 2], path, overwrite=True)  # type: ignore[arg-type]
            i += 1
    finally:
        os._exit(0)


def test_sigkill_during_save_never_leaves_a_broken_file(tmp_path: Path) -> None:
    old, new = large_plan(1000, "Old version"), large_plan(1000, "New version")
    new.log[-1] = new.log[-1].model_copy(update={"minutes": 1})
    valid = {plan_to_toml(old).encode(), plan_to_toml(new).encode()}
    path = tmp_path / "large.toml"
    started = time.perf_counter()
    save_plan(old, path)
    save_plan(new, path, overwrite=True)
    one_save = (time.perf_counter() - started) / 2
    seed = random.randrange(2**32)
    rng = random.Random(seed)
    kills_mid_run = 0
    seen: set[bytes] = set()
    for _ in range(KILLS):
        pid = os.fork()
        if pid == 0:
            saver(path, (old, new))
        time.sleep(rng.uniform(0, 3 * one_save))
        os.kill(pid, signal.SIGKILL)
        _, status = os.waitpid(pid, 0)
        kills_mid_run += os.WIFSIGNALED(status)
        assert path.read_bytes() in valid, f"seed {seed}"
        seen.add(path.read_bytes())
        assert backup_path(path).read_bytes() in valid, f"seed {seed}"
    assert kills_mid_run == KILLS
    assert seen == valid  # saves did complete between kills: both versions were on disk
    torn = list(tmp_path.glob(".large.toml.*.tmp"))  # writes cut short by a kill
    print(f"seed {seed}: {len(torn)} kills landed while a temp file was being written")
    assert load_plan(path).plan in (old, new)
    assert load_plan(backup_path(path)).plan in (old, new)
    assert [info.path.name for info in list_plans(tmp_path)] == ["large.toml"]  # temps ignored


def killed_at(path: Path, plan: object, function: str, nth: int, after: bool) -> None:
    """In a forked child: save once, SIGKILL-ing itself around the nth call of os.<function>."""
    try:
        real = getattr(os, function)
        calls = 0

        def wrapper(*args: object) -> object:
            nonlocal calls
            calls += 1
            if calls == nth and not after:
                os.kill(os.getpid(), signal.SIGKILL)
            result = real(*args)
            if calls == nth and after:
                os.kill(os.getpid(), signal.SIGKILL)
            return result

        setattr(os, function, wrapper)
        save_plan(plan, path, overwrite=True)  # type: ignore[arg-type]
    finally:
        os._exit(0)


def test_sigkill_at_each_step_of_a_save(tmp_path: Path) -> None:
    # A save writes the .bak then the plan, each: temp file, fsync, rename, fsync the folder.
    old, new = large_plan(1000, "Old version"), large_plan(1000, "New version")
    valid = {plan_to_toml(old).encode(), plan_to_toml(new).encode()}
    steps = [("fsync", n) for n in range(1, 5)] + [("replace", n) for n in (1, 2)]
    for function, nth in steps:
        for after in (False, True):
            path = tmp_path / f"{function}-{nth}-{after}.toml"
            save_plan(new, path)
            save_plan(old, path, overwrite=True)  # the plan is old, its .bak new
            pid = os.fork()
            if pid == 0:
                killed_at(path, new, function, nth, after)
            _, status = os.waitpid(pid, 0)
            assert os.WIFSIGNALED(status), (function, nth, after)
            assert path.read_bytes() in valid, (function, nth, after)
            assert backup_path(path).read_bytes() in valid, (function, nth, after)
            # the main file is new only once its rename happened
            renamed = (function, nth, after) == ("replace", 2, True) or (function, nth) == (
                "fsync",
                4,
            )
            assert load_plan(path).plan == (new if renamed else old), (function, nth, after)
            bak_updated = (function, nth) != ("fsync", 1) and (function, nth, after) != (
                "replace",
                1,
                False,
            )
            assert load_plan(backup_path(path)).plan == (old if bak_updated else new)
