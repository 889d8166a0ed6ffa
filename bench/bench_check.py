"""`remote-guide check` from several source trees, paired with each other and the reference.

Run from the repository root: ``.venv/bin/python bench/bench_check.py OLD_TREE NEW_TREE``
(trees made with ``git archive COMMIT | tar -x -C DIR``; each is put first on PYTHONPATH
and run as ``python -m guide``, so each runs its own entry point). Every round runs each tree
once (alternating their order) and ``python -c "from pydantic import BaseModel"``, as in
``bench_rows.py check``. Prints wall and CPU (user + system of the child) medians, the
paired ratios to the reference, and each tree's paired difference from the first.

``--ir`` also counts the instructions each run executes (valgrind's cachegrind, one run
each, ``PYTHONHASHSEED=0``): a figure the machine's load doesn't move, for changes of a
few milliseconds. Environment: ``RUNS`` (default 31), ``ARGS`` (default
``check examples/plan.toml``).
"""

from __future__ import annotations

import compileall
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REF = [sys.executable, "-c", "from pydantic import BaseModel"]
ENV = {
    **os.environ,
    "REMOTE_GUIDE_DATA_DIR": tempfile.mkdtemp(prefix="rg-bench-"),
    "REMOTE_GUIDE_CONFIG_DIR": tempfile.mkdtemp(prefix="rg-bench-config-"),
    "REMOTE_GUIDE_CACHE_DIR": tempfile.mkdtemp(prefix="rg-bench-cache-"),
}


def command(tree: str) -> tuple[list[str], dict[str, str]]:
    args = os.environ.get("ARGS", "check examples/plan.toml").split()
    return [sys.executable, "-m", "guide", *args], {**ENV, "PYTHONPATH": tree}


def run(argv: list[str], env: dict[str, str], cwd: str) -> tuple[float, float]:
    """Wall and CPU time of one run, in ms."""
    start = time.perf_counter()
    child = subprocess.Popen(
        argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )
    _, _, usage = os.wait4(child.pid, 0)
    child.returncode = 0
    wall = (time.perf_counter() - start) * 1000
    return wall, (usage.ru_utime + usage.ru_stime) * 1000


def instructions(argv: list[str], env: dict[str, str], cwd: str) -> int:
    valgrind = [
        "valgrind",
        "--tool=cachegrind",
        "--cache-sim=no",
        "--cachegrind-out-file=/dev/null",
    ]
    done = subprocess.run(
        [*valgrind, *argv],
        env={**env, "PYTHONHASHSEED": "0"},
        cwd=cwd,
        capture_output=True,
        text=True,
    )
    found = re.search(r"I\s+refs:\s+([\d,]+)", done.stderr)
    if found is None:
        raise RuntimeError(done.stderr[-2000:])
    return int(found.group(1).replace(",", ""))


def main(trees: list[str], ir: bool) -> None:
    for tree in trees:  # as installed: bytecode written (the container sets DONTWRITEBYTECODE)
        compileall.compile_dir(str(Path(tree) / "guide"), quiet=1)
    runs = int(os.environ.get("RUNS", "31"))
    times: dict[str, list[tuple[float, float]]] = {tree: [] for tree in ["ref", *trees]}
    print("load before", os.getloadavg()[0])
    for i in range(runs):
        for tree in trees if i % 2 == 0 else trees[::-1]:
            argv, env = command(tree)
            times[tree].append(run(argv, env, tree))
        times["ref"].append(run(REF, ENV, tempfile.gettempdir()))
    print("load after", os.getloadavg()[0])
    ref_wall = statistics.median(w for w, _ in times["ref"])
    ref_cpu = statistics.median(c for _, c in times["ref"])
    print(f"reference: wall {ref_wall:.1f} ms, cpu {ref_cpu:.1f} ms")
    for tree in trees:
        wall = statistics.median(w for w, _ in times[tree])
        cpu = statistics.median(c for _, c in times[tree])
        paired = statistics.median(
            a[0] / r[0] for a, r in zip(times[tree], times["ref"], strict=True)
        )
        line = f"{tree}: wall {wall:.1f} ms ({wall / ref_wall:.2f}x, paired {paired:.2f}x)"
        print(f"{line}, cpu {cpu:.1f} ms ({cpu / ref_cpu:.2f}x)")
    first = times[trees[0]]
    for tree in trees[1:]:
        pairs = list(zip(first, times[tree], strict=True))
        ratio = statistics.median(b[0] / a[0] for a, b in pairs)
        wall = statistics.median(b[0] - a[0] for a, b in pairs)
        cpu = statistics.median(b[1] - a[1] for a, b in pairs)
        print(f"{tree} - {trees[0]}: wall {wall:+.1f} ms (paired {ratio:.3f}), cpu {cpu:+.1f} ms")
    if ir:
        ref = instructions(REF, ENV, tempfile.gettempdir())
        print(f"instructions: reference {ref / 1e6:.1f} M")
        for tree in trees:
            argv, env = command(tree)
            count = instructions(argv, env, tree)
            print(f"instructions: {tree} {count / 1e6:.1f} M ({count / ref:.3f}x)")


if __name__ == "__main__":
    names = [a for a in sys.argv[1:] if a != "--ir"]
    if not names:
        sys.exit(__doc__)
    main(names, "--ir" in sys.argv[1:])
