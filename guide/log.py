"""Changing the log: add, edit and delete entries, and undo the last change.

Every function works on a :class:`~guide.plan.Plan` in memory, in place, and checks what
the plan's own validation would refuse on save (a platform or goal the plan doesn't have,
a field that doesn't fit the entry's kind), raising :class:`LogError` with every problem
as ``field: message``, so a caller can show them next to the fields and the plan is left
as it was. Each change returns a :class:`Change`; :func:`undo` reverts one and returns
the change that reverts the undo (redo).

Deleting leaves a tombstone (``plan.deleted``) so that merging with an older copy of the
plan doesn't bring the entry back; adding and editing stamp ``changed`` so that a merge
keeps the later edit.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from enum import StrEnum
from typing import Any

from pydantic import ValidationError

from guide.derived import week_start
from guide.plan import EntryKind, LogEntry, Plan, Tombstone
from guide.problems import Problem


class LogError(ValueError):
    """A log change that doesn't fit the plan; ``problems`` are ``field: message`` lines."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


def _at(path: str, message: Problem) -> Problem:
    return Problem("problem_at", path=path, message=message)


class Action(StrEnum):
    ADD = "add"
    EDIT = "edit"
    DELETE = "delete"


@dataclass(frozen=True)
class Change:
    """One change to the log, with what is needed to revert it.

    ``before`` is the entry before the change (None for an add), ``after`` the entry
    after it (None for a delete); ``index`` is its position in ``plan.log``.
    """

    action: Action
    before: LogEntry | None
    after: LogEntry | None
    index: int

    @property
    def entry(self) -> LogEntry:
        """The entry the change is about (after it, or as deleted)."""
        entry = self.after or self.before
        assert entry is not None
        return entry


def working_copy(plan: Plan) -> Plan:
    """A copy of ``plan`` to edit, independent of it except for the log's entries, which
    it shares: entries are frozen (an edit makes a new one), so sharing them is safe, and a
    deep copy of a 10,000-entry log took most of a second (bench/README.md)."""
    rest = plan.model_copy(update={"log": []}).model_copy(deep=True)
    return rest.model_copy(update={"log": list(plan.log)})


def _stamp(now: dt.datetime) -> dt.datetime:
    if now.tzinfo is None:
        raise ValueError("now must be time-zone aware")
    return now.replace(microsecond=0)


def _validation_problems(error: ValidationError) -> list[str]:
    from guide.storage import validation_problems

    return validation_problems(error)


def subject_problems(plan: Plan, entry: LogEntry) -> list[str]:
    """Why ``entry``'s platform or goal doesn't fit ``plan`` (empty if it does)."""
    if entry.kind is EntryKind.WORK:
        names = [p.name for p in plan.platforms]
        if entry.platform not in names:
            known = ", ".join(names) or Problem("problem_none_yet")
            why = Problem("problem_not_a_platform_known", name=repr(entry.platform), known=known)
            return [Problem("problem_at", path="platform", message=why)]
    else:
        skills = [g.skill for g in plan.goals]
        if entry.goal not in skills:
            known = ", ".join(skills) or Problem("problem_none_yet")
            why = Problem("problem_not_a_goal_known", name=repr(entry.goal), known=known)
            return [Problem("problem_at", path="goal", message=why)]
    return []


def make_entry(plan: Plan, now: dt.datetime, *, stamp: bool = True, **fields: Any) -> LogEntry:
    """A validated new entry for ``plan`` from its fields (``date``, ``minutes``,
    ``platform`` or ``goal``, ``kind`` from which of the two is given unless passed,
    ``earned``, ``tasks``, ``approved``, ``rejected``, ``note``; ``id`` fresh unless
    passed; None means not given). ``changed`` is ``now`` unless passed or not
    ``stamp``. LogError if it doesn't fit."""
    values = {k: v for k, v in fields.items() if v is not None}
    if "kind" not in values:
        values["kind"] = EntryKind.STUDY if "goal" in values else EntryKind.WORK
    if stamp:
        values.setdefault("changed", _stamp(now))
    try:
        entry = LogEntry.model_validate(values)
    except ValidationError as e:
        raise LogError(_validation_problems(e)) from None
    problems = subject_problems(plan, entry)
    if problems:
        raise LogError(problems)
    return entry


def find(plan: Plan, entry_id: str) -> int | None:
    """The position of the entry with ``entry_id`` in ``plan.log``, if it is there."""
    return next((i for i, e in enumerate(plan.log) if e.id == entry_id), None)


def _index(plan: Plan, entry_id: str) -> int:
    index = find(plan, entry_id)
    if index is None:
        raise LogError([_at("id", Problem("problem_no_entry", id=repr(entry_id)))])
    return index


def _check_new_id(plan: Plan, entry: LogEntry) -> None:
    if find(plan, entry.id) is not None:
        raise LogError([_at("id", Problem("problem_entry_id_taken", id=repr(entry.id)))])


def add_entry(plan: Plan, entry: LogEntry) -> Change:
    """Append ``entry`` to the log (LogError if it doesn't fit or its id is taken)."""
    problems = subject_problems(plan, entry)
    if problems:
        raise LogError(problems)
    _check_new_id(plan, entry)
    # A previously deleted id coming back (undo of a delete, say) is no longer deleted.
    plan.deleted[:] = [d for d in plan.deleted if d.id != entry.id]
    plan.log.append(entry)
    return Change(Action.ADD, None, entry, len(plan.log) - 1)


def edit_entry(plan: Plan, entry_id: str, now: dt.datetime, **fields: Any) -> Change:
    """Change fields of the entry ``entry_id`` (a value of None removes an optional field;
    the id can't change). ``changed`` becomes ``now``. LogError if the result doesn't fit."""
    if "id" in fields:
        raise LogError([_at("id", Problem("problem_id_fixed"))])
    index = _index(plan, entry_id)
    before = plan.log[index]
    values = before.model_dump(exclude_none=True)
    for key, value in fields.items():
        if value is None:
            values.pop(key, None)
        else:
            values[key] = value
    values["changed"] = _stamp(now)
    after = make_entry(plan, now, **values)
    plan.log[index] = after
    return Change(Action.EDIT, before, after, index)


def delete_entry(plan: Plan, entry_id: str, now: dt.datetime) -> Change:
    """Remove the entry ``entry_id`` and leave a tombstone for it."""
    index = _index(plan, entry_id)
    before = plan.log.pop(index)
    plan.deleted.append(Tombstone(id=before.id, when=_stamp(now)))
    return Change(Action.DELETE, before, None, index)


def undo(plan: Plan, change: Change, now: dt.datetime) -> Change:
    """Revert ``change`` and return the change that reverts this undo.

    Undoing an add deletes the entry (with a tombstone, in case the plan was saved and
    copied meanwhile); undoing a delete puts the entry back where it was and drops its
    tombstone; undoing an edit restores the old fields with ``changed`` set to ``now``,
    so a merge takes the restored version as the later edit.
    """
    if change.action is Action.ADD:
        return delete_entry(plan, change.entry.id, now)
    if change.action is Action.DELETE:
        entry = change.entry
        problems = subject_problems(plan, entry)
        if problems:
            raise LogError(problems)
        _check_new_id(plan, entry)
        plan.deleted[:] = [d for d in plan.deleted if d.id != entry.id]
        index = min(change.index, len(plan.log))
        plan.log.insert(index, entry)
        return Change(Action.ADD, None, entry, index)
    assert change.before is not None
    restored = change.before.model_dump(exclude_none=True)
    restored.pop("id")
    fields: dict[str, Any] = {k: restored.get(k) for k in _EDITABLE}
    return edit_entry(plan, change.entry.id, now, **fields)


_EDITABLE = (
    "kind",
    "date",
    "platform",
    "goal",
    "minutes",
    "earned",
    "tasks",
    "approved",
    "rejected",
    "note",
)
"""The fields of an entry a user edits (not ``id`` or ``changed``)."""


def entries(
    plan: Plan,
    *,
    kind: EntryKind | None = None,
    platform: str | None = None,
    goal: str | None = None,
    week: dt.date | None = None,
) -> list[LogEntry]:
    """The log newest first (by date; entries of one day latest-added first), filtered by
    kind, platform, goal, or the Monday-to-Sunday week that contains ``week``."""
    start = week_start(week) if week is not None else None
    end = start + dt.timedelta(days=6) if start is not None else None
    picked = [
        e
        for e in plan.log
        if (kind is None or e.kind is kind)
        and (platform is None or e.platform == platform)
        and (goal is None or e.goal == goal)
        and (start is None or end is None or start <= e.date <= end)
    ]
    picked.reverse()  # sort is stable: among one day's entries the last added comes first
    picked.sort(key=lambda e: e.date, reverse=True)
    return picked


def duplicate_key(entry: LogEntry) -> tuple[object, ...]:
    """What identifies an entry that has no id of its own (an imported row): date, platform
    or goal, minutes and earnings."""
    return (entry.date, entry.kind, entry.subject, entry.minutes, entry.earned)


def rename_subject(plan: Plan, kind: EntryKind, old: str, new: str) -> int:
    """Rename a platform (work) or goal (study) everywhere: the plan's platform or goal
    itself, the log, the timer and the reviews, so that its history follows it. Returns how
    many log entries changed. LogError if ``new`` is taken by another one."""
    field = "platform" if kind is EntryKind.WORK else "goal"
    if old == new:
        return 0
    if kind is EntryKind.WORK:
        if plan.platform(new) is not None:
            raise LogError([_at("platform", Problem("problem_platform_exists", name=repr(new)))])
        plan.platforms[:] = [
            p.model_copy(update={"name": new}) if p.name == old else p for p in plan.platforms
        ]
    else:
        if plan.goal(new) is not None:
            raise LogError([_at("goal", Problem("problem_goal_exists", name=repr(new)))])
        plan.goals[:] = [
            g.model_copy(update={"skill": new}) if g.skill == old else g for g in plan.goals
        ]
    count = 0
    for i, e in enumerate(plan.log):
        if e.kind is kind and e.subject == old:
            plan.log[i] = e.model_copy(update={field: new})
            count += 1
    for i, r in enumerate(plan.reviews):
        if getattr(r, field) == old:
            plan.reviews[i] = r.model_copy(update={field: new})
    timer = plan.timer
    if timer is not None and timer.kind is kind and timer.subject == old:
        plan.timer = timer.model_copy(update={field: new})
    return count


def uses(plan: Plan, kind: EntryKind, name: str) -> bool:
    """Whether the log or the timer refers to the platform or goal ``name`` (then it
    can't be removed from the plan; drop it instead)."""
    timer = plan.timer
    return any(e.kind is kind and e.subject == name for e in plan.log) or (
        timer is not None and timer.kind is kind and timer.subject == name
    )
