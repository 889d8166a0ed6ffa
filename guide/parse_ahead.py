"""Parsing a big plan in another process while the app starts.

``remote-guide PLAN`` spends its first 200 ms or so importing Textual and drawing; a plan
with years of log (10,000 entries, 1.2 MB) then takes about 230 ms more to parse with
``tomllib``, which is pure Python, unless the parse cache (``guide.parsed_cache``) has it:
a copy saved on another machine never is. So the command line starts
``python -m guide.parse_ahead PLAN`` first, on another core, which parses the file into
the parse cache, and the app waits for it just before it loads the plan, which then comes
from the cache. Nothing else changes: the cache holds what ``tomllib`` made of the bytes
(parsed with the same rules as a load, ``guide.toml_text``), and the plan is read,
migrated and validated from the file as ever. If anything goes wrong in the helper (a
broken file, a full disk), it stores nothing and says nothing; the load then parses the
file itself and says what is wrong with it.

Only worth it with a core to spare and a file the parse cache would keep: with every core
busy, the helper slows the app's own start-up by as much as it saves.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from stat import S_ISREG

from guide import parsed_cache
from guide.toml_text import MAX_BYTES, decode, parse_toml

WAIT_SECONDS = 30.0
"""The longest the app waits for the helper (a 1.2 MB plan takes a third of a second);
after that it stops it and parses the file itself."""


def start(path: Path) -> subprocess.Popen[bytes] | None:
    """Start parsing ``path`` into the parse cache in another process, if it is big enough
    to be cached and another core can do it; None when not worth it."""
    try:
        size = path.stat().st_size
    except (OSError, ValueError):
        return None
    if not parsed_cache.MIN_BYTES <= size <= MAX_BYTES or not _spare_core():
        return None
    command = [sys.executable, "-m", "guide.parse_ahead", os.fspath(path)]
    try:
        # No terminal: it must never draw over the app or read its keys.
        return subprocess.Popen(
            command,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
    except OSError:
        return None


def wait(helper: subprocess.Popen[bytes]) -> None:
    """Wait until the helper has finished (the plan is in the cache, or it gave up)."""
    try:
        helper.wait(timeout=WAIT_SECONDS)
    except subprocess.TimeoutExpired:
        helper.kill()
        helper.wait()


def _spare_core() -> bool:
    """Whether a core is idle enough to parse meanwhile: with every core busy, the helper
    would slow the app's start-up by as much as it saves (bench/README.md)."""
    try:
        cores = len(os.sched_getaffinity(0))
    except AttributeError:  # not on Linux
        cores = os.cpu_count() or 1
    try:
        busy = os.getloadavg()[0]
    except (AttributeError, OSError):  # not on Unix
        busy = 0.0
    return cores - busy >= 1


def parse_into_cache(path: Path) -> bool:
    """Parse ``path`` and keep the document in the parse cache; False if it was not kept
    (not a regular file, too big, not UTF-8, not TOML, or already cached)."""
    try:
        # Non-blocking, a regular file only: a FIFO put there meanwhile never hangs it.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0))
    except OSError:
        return False
    with os.fdopen(fd, "rb") as f:
        if not S_ISREG(os.fstat(fd).st_mode):
            return False
        data = f.read(MAX_BYTES + 1)
    if len(data) > MAX_BYTES or parsed_cache.lookup(data) is not None:
        return False
    try:
        doc = parse_toml(decode(data))
    except ValueError:
        return False
    parsed_cache.store(data, doc)
    return True


if __name__ == "__main__":
    sys.exit(0 if parse_into_cache(Path(sys.argv[1])) else 1)
