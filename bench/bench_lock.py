"""Benchmark (not a test): what the plan lock costs per save.

- taking and releasing the lock alone (open ``.NAME.toml.lock``, ``flock``, close);
- ``save_plan`` of the example plan with the lock and with the lock replaced by a no-op,
  alternating, so both see the same machine;
- ``remove_orphans`` alone (the folder scan each save does for killed saves' temp files).

Medians of 200 runs (saves: 100 each way). Run from the repository root:
``.venv/bin/python bench/bench_lock.py``. Prints the load average with the figures.
"""

from __future__ import annotations

import os
import statistics
import tempfile
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from guide import storage
from guide.storage import load_plan, plan_lock, remove_orphans, save_plan

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "plan.toml"


@contextmanager
def no_lock(path: object) -> Iterator[None]:
    yield


def timed(action: object) -> float:
    start = time.perf_counter()
    action()  # type: ignore[operator]
    return (time.perf_counter() - start) * 1000


def main() -> None:
    plan = load_plan(EXAMPLE).plan
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.toml"
        save_plan(plan, path)

        def lock_once() -> None:
            with plan_lock(path):
                pass

        lock = [timed(lock_once) for _ in range(200)]
        orphans = [timed(lambda: remove_orphans(path)) for _ in range(200)]
        with_lock: list[float] = []
        without: list[float] = []
        real = storage.plan_lock
        for i in range(200):
            plan.title = f"Plan {i}"  # a real change each time: the file is rewritten
            storage.plan_lock = real if i % 2 else no_lock  # type: ignore[assignment]
            fingerprint = load_plan(path).fingerprint
            elapsed = timed(lambda f=fingerprint: save_plan(plan, path, expected=f))
            (with_lock if i % 2 else without).append(elapsed)
        storage.plan_lock = real  # type: ignore[assignment]
    median = statistics.median
    print(f"load average {os.getloadavg()[0]:.1f} {os.getloadavg()[1]:.1f}")
    print(f"lock taken and released      {median(lock) * 1000:7.0f} us")
    print(f"remove_orphans (folder scan) {median(orphans) * 1000:7.0f} us")
    print(f"save_plan with the lock      {median(with_lock):7.2f} ms")
    print(f"save_plan without            {median(without):7.2f} ms")
    print(f"difference                   {median(with_lock) - median(without):7.2f} ms")


if __name__ == "__main__":
    main()
