"""Merging two versions of a plan's log by entry id (the open app against the file that
another program changed on disk, or two copies of a plan).

Three-way when the common ancestor (``base``) is known, two-way otherwise:

- every entry of either side is kept, unless either side has its id in ``deleted``
  (a tombstone): a deleted entry stays deleted;
- an entry changed on one side only (against ``base``) takes that side's version;
- an entry changed on both sides: fields changed on one side only are combined; a field
  changed on both sides to different values is a :class:`Conflict`, resolved for the
  later edit (``changed``; a tie is broken the same way from either side) and reported,
  so a caller can ask the user;
  without ``base`` every differing field counts as changed on both sides;
- order: ``ours``, then the entries only ``theirs`` has, in their order;
- tombstones: the union, the earlier time for an id on both sides.

Pure functions on lists of entries; nothing is saved here.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from guide.plan import LogEntry, Tombstone

_IGNORED = ("changed",)
"""Fields that don't count as an edit of their own."""


@dataclass(frozen=True)
class Conflict:
    """The same field of one entry changed on both sides to different values."""

    entry_id: str
    field: str
    ours: Any
    theirs: Any
    kept: str
    """``ours`` or ``theirs``: the side whose value the merge kept."""


@dataclass
class LogMerge:
    """The merged log and tombstones, with what came from the other side."""

    log: list[LogEntry]
    deleted: list[Tombstone]
    added: list[str] = field(default_factory=list)
    """Ids of entries only the other side had."""
    updated: list[str] = field(default_factory=list)
    """Ids of entries whose merged version differs from ours."""
    removed: list[str] = field(default_factory=list)
    """Ids of our entries the other side deleted."""
    conflicts: list[Conflict] = field(default_factory=list)


def _fields(entry: LogEntry) -> dict[str, Any]:
    values = entry.model_dump()
    for name in _IGNORED:
        values.pop(name, None)
    return values


_OLDEST = dt.datetime.min.replace(tzinfo=dt.UTC)


def _later(ours: LogEntry, theirs: LogEntry) -> str:
    """The side with the later edit; on a tie the same side whichever is "ours", so that
    merging A into B gives what merging B into A gives."""
    mine, other = ours.changed or _OLDEST, theirs.changed or _OLDEST
    if mine != other:
        return "theirs" if other > mine else "ours"
    return "theirs" if theirs.model_dump_json() > ours.model_dump_json() else "ours"


def merge_entry(
    base: LogEntry | None, ours: LogEntry, theirs: LogEntry
) -> tuple[LogEntry, list[Conflict]]:
    """One entry present on both sides, merged field by field."""
    if ours == theirs:
        return ours, []
    if base is not None and ours == base:
        return theirs, []
    if base is not None and theirs == base:
        return ours, []
    mine, other = _fields(ours), _fields(theirs)
    old = _fields(base) if base is not None else None
    winner = _later(ours, theirs)
    merged: dict[str, Any] = {}
    conflicts: list[Conflict] = []
    for name in mine:
        a, b = mine[name], other[name]
        if a == b:
            merged[name] = a
        elif old is not None and a == old[name]:
            merged[name] = b
        elif old is not None and b == old[name]:
            merged[name] = a
        else:
            merged[name] = a if winner == "ours" else b
            conflicts.append(Conflict(ours.id, name, a, b, winner))
    latest = max(ours.changed or _OLDEST, theirs.changed or _OLDEST)
    merged["changed"] = None if latest == _OLDEST else latest
    try:
        return LogEntry.model_validate(merged), conflicts
    except ValueError:
        # Combined fields that don't fit together (say, kind from one side and goal from
        # the other): take the later edit whole.
        return (ours if winner == "ours" else theirs), conflicts


def merge_log(
    base: Sequence[LogEntry] | None,
    ours: Sequence[LogEntry],
    theirs: Sequence[LogEntry],
    ours_deleted: Sequence[Tombstone] = (),
    theirs_deleted: Sequence[Tombstone] = (),
) -> LogMerge:
    """Merge two logs (see the module's docstring). ``base`` None means two-way."""
    tombstones: dict[str, Tombstone] = {}
    for stone in [*ours_deleted, *theirs_deleted]:
        kept = tombstones.get(stone.id)
        if kept is None or stone.when < kept.when:
            tombstones[stone.id] = stone
    old = {e.id: e for e in base} if base is not None else {}
    other = {e.id: e for e in theirs}
    result = LogMerge(log=[], deleted=list(tombstones.values()))
    for entry in ours:
        if entry.id in tombstones:
            result.removed.append(entry.id)
            continue
        if entry.id not in other:
            result.log.append(entry)
            continue
        merged, conflicts = merge_entry(old.get(entry.id), entry, other[entry.id])
        if merged != entry:
            result.updated.append(entry.id)
        result.conflicts += conflicts
        result.log.append(merged)
    mine = {e.id for e in ours}
    for entry in theirs:
        if entry.id not in mine and entry.id not in tombstones:
            result.log.append(entry)
            result.added.append(entry.id)
    return result
