"""A cache of big plans' parsed TOML, so a plan with years of log opens without parsing it.

``tomllib`` is pure Python: a plan with 10,000 log entries (1.2 MB) takes about 230 ms to
parse, most of the time it takes to open. What it makes of the same bytes is always the
same, so the document is kept, pickled, under the SHA-256 of the file's bytes; any other
bytes (an edit in another program, another machine's copy) miss and are parsed as ever.
The cache holds exactly what ``tomllib`` returns: validation, migration and every rule
still run on it, so a plan read from the cache is the plan read from its file.

- Only files of :data:`MIN_BYTES` or more are cached: a small plan parses in a millisecond.
- Saving stores the document it read back to check the text (no second parse).
- The unpickler accepts only the types ``tomllib`` makes (dates, times, ``Decimal``), so a
  cache file can never name a function to call; one that fails to load is a miss.
- Entries are written as temp file and rename (a torn one is a miss), 0600 in a 0700
  folder, and only the newest :data:`KEEP` are kept.
- The log is pickled in chunks, so a save in a thread never holds the GIL (and the
  UI thread) for long; see ``guide.storage.LOG_CHUNK``.
- ``pickle`` is imported only for a file big enough to be cached: a small plan's
  ``check`` never needs it (about 2 ms).
"""

from __future__ import annotations

import datetime
import decimal
import hashlib
import io
import os
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import TYPE_CHECKING, Any

from guide.paths import cache_dir, make_private_dir

if TYPE_CHECKING:
    import pickle

MIN_BYTES = 64 * 1024
KEEP = 4
CHUNK = 500
VERSION = b"remote-guide parsed toml 1\0"
SUFFIX = ".pickle"

Document = dict[str, Any]

_ALLOWED = {
    ("datetime", "date"): datetime.date,
    ("datetime", "datetime"): datetime.datetime,
    ("datetime", "time"): datetime.time,
    ("datetime", "timedelta"): datetime.timedelta,
    ("datetime", "timezone"): datetime.timezone,
    ("decimal", "Decimal"): decimal.Decimal,
}


def _unpickler(f: io.BufferedReader) -> pickle.Unpickler:
    """An unpickler of ``f`` that makes only the types of :data:`_ALLOWED`."""
    import pickle

    class Unpickler(pickle.Unpickler):
        def find_class(self, module: str, name: str) -> Any:
            try:
                return _ALLOWED[module, name]
            except KeyError:
                raise pickle.UnpicklingError(f"{module}.{name} is not allowed") from None

    return Unpickler(f)


def folder() -> Path:
    return cache_dir() / "parsed"


def _key(data: bytes) -> str:
    return hashlib.sha256(VERSION + data).hexdigest()


def _entry(data: bytes) -> Path:
    return folder() / (_key(data) + SUFFIX)


def lookup(data: bytes) -> Document | None:
    """The document parsed from ``data`` if it is cached, else None (never raises)."""
    if len(data) < MIN_BYTES:
        return None
    try:
        with open(_entry(data), "rb") as f:
            return _read(f)
    except Exception:  # missing, torn or foreign: parse the file instead
        return None


def _read(f: io.BufferedReader) -> Document:
    unpickler = _unpickler(f)
    head, chunks = unpickler.load(), unpickler.load()
    if not isinstance(head, dict) or not isinstance(chunks, int):
        raise ValueError("not a parsed plan")
    if chunks:
        log: list[object] = []
        for _ in range(chunks):
            log += unpickler.load()
        head["log"] = log
    return head


def store(data: bytes, doc: Document) -> None:
    """Keep ``doc``, what ``tomllib`` made of ``data``; any failure is ignored (a cache)."""
    if len(data) < MIN_BYTES:
        return
    import pickle

    try:
        make_private_dir(folder())
        _write(_entry(data), doc)
        _prune()
    except (OSError, pickle.PicklingError, RecursionError):
        return


def _parts(doc: Document) -> Iterator[object]:
    log = doc.get("log")
    if not isinstance(log, list) or not log:
        log = []
    head = {k: v for k, v in doc.items() if k != "log"} if log else doc
    chunks = range(0, len(log), CHUNK)
    yield head
    yield len(chunks)
    for start in chunks:
        time.sleep(0)  # lets a waiting thread (the UI's) take the GIL between chunks
        yield log[start : start + CHUNK]


def _write(target: Path, doc: Document) -> None:
    import pickle

    fd, temp = tempfile.mkstemp(dir=target.parent, prefix=".tmp-", suffix=SUFFIX)
    try:
        with os.fdopen(fd, "wb") as f:  # mkstemp makes it 0600
            pickler = pickle.Pickler(f, protocol=5)
            for part in _parts(doc):
                pickler.dump(part)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise


def _prune() -> None:
    entries = sorted(folder().glob("*" + SUFFIX), key=_mtime, reverse=True)
    for old in entries[KEEP:]:
        old.unlink(missing_ok=True)


def _mtime(path: Path) -> float:
    try:
        return path.stat().st_mtime
    except OSError:
        return 0.0
