"""Merging copies of one plan: two-way (a sync tool's conflict copy) and three-way (git).

:func:`merge` takes the plan being merged into (``ours``), another copy (``theirs``) and,
for a three-way merge, the version both came from (``base``). It returns the merged plan
and a :class:`MergeSummary` of what changed in ``ours``. It never writes anything; the CLI
(``guide.merge_cli``) saves the result under the plan's lock.

The rules:

- **Log entries** are matched by id and every entry of either side is kept, except those
  deleted: a deleted entry leaves a tombstone (``plan.deleted``), and an id tombstoned on
  either side stays deleted, whatever the other side did to it (its edit is reported).
  A three-way merge also reads deletions from the base (an entry of the base missing on a
  side was deleted there, e.g. by hand) and writes tombstones for them. An entry that
  differs on the two sides keeps the later edit (``changed``; none counts as oldest) and
  the summary reports the other version; in a three-way merge an entry edited on one side
  only takes that edit silently.
- **Reviews** are matched by id the same way; they have no ``changed`` time, so the one in
  the copy saved later (``plan.updated``) wins. They have no tombstones either.
- **Settings** (title, language, profile, limits with the stop rule, platforms with their
  fields and checklists, goals with their fields and milestones) merge field by field.
  Platforms are matched by name (ignoring case), checklist items by item id, goals by skill
  and milestones by title within their goal. A field with the same value on both sides is
  that value; in a three-way merge a field changed on one side only takes that side's
  value; otherwise the copy saved later wins and the summary names the field and both
  values. Exception: a milestone done on one side is done (a merge never un-ticks one; in
  a three-way merge an un-tick on one side against an unchanged other side is kept). A
  list of words (skills, working days, resources) is one field. A platform, goal or
  milestone that only one side has is kept, unless a three-way merge shows it was deleted
  on the other side and not changed on this one. Fields that would not fit together (a
  weekly limit above 7 x the daily one) make the whole table come from the copy saved
  later, reported as such. A platform or goal that the merged log or timer names is
  always kept.
- **Timer**: one side's timer where the other has the base's (or, two-way, none) is kept;
  two-way, when the copy without one was saved after the timer started, the summary says
  so (that machine may have stopped it: no time is lost, but the user should check).
  Two different running timers: on the same platform or goal, the one that started first
  keeps running (its time covers the other's). On different ones, the one that started
  first is logged as an entry from its start until the other started (split at 24
  hours), and the later one keeps running: the user moved from one to the other, and no
  minute is lost or counted twice. The logged entry's id comes from the timer, so merging
  the same copies again adds nothing.
- ``created`` is the earlier of the two, ``updated`` the later.

On the log a merge is commutative (``merge(a, b)`` and ``merge(b, a)`` have the same
entries and tombstones), associative and idempotent (merging a copy twice adds nothing),
and it never drops an entry that is not tombstoned. The merged plan is validated; a merge
that can't make a valid plan raises :class:`MergeError` with every problem.
"""

from __future__ import annotations

import datetime as dt
import hashlib
from collections.abc import Callable, Hashable, Iterable, Sequence
from dataclasses import dataclass, field
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from guide.plan import (
    SCHEMA_VERSION,
    ChecklistEntry,
    EntryKind,
    Goal,
    Limits,
    LogEntry,
    Milestone,
    Plan,
    Platform,
    Profile,
    Review,
    StopRule,
    Timer,
    Tombstone,
)
from guide.problems import Problem

T = TypeVar("T")
K = TypeVar("K", bound=Hashable)
Item = TypeVar("Item", LogEntry, Review)


class _Absent:
    """No such value: the key or item doesn't exist on that side (or there is no base)."""

    def __repr__(self) -> str:
        return "ABSENT"


ABSENT: Any = _Absent()

_OLDEST = dt.datetime(1900, 1, 1, tzinfo=dt.UTC)
MAX_ENTRY_MINUTES = 1440


class MergeError(Exception):
    """The copies can't be merged into a valid plan; ``problems`` say why."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems) or [Problem("problem_unknown")]
        super().__init__("\n".join(self.problems))


# --- the summary ----------------------------------------------------------------------------


@dataclass(frozen=True)
class FieldDiff:
    """A setting that differed on both sides; ``kept`` is in the merged plan.

    ``path`` names the field as in the file, with platforms, goals, checklist items and
    milestones named in brackets: ``limits.daily_minutes``,
    ``platforms[Prolific].fee_percent``, ``goals[SQL].milestones[Course 1].due``.
    A value is :data:`ABSENT` where that side doesn't have the item at all (deleted), a
    dict where a whole table was taken from one side.
    """

    path: str
    kept: Any
    other: Any


@dataclass(frozen=True)
class Differed:
    """A log entry or review that differed on both sides: ``kept`` won (the later edit),
    ``other`` is the version that lost."""

    kept: LogEntry | Review
    other: LogEntry | Review


@dataclass(frozen=True)
class TimerNote:
    """Two timers were running: ``kept`` runs on; ``other`` was stopped, and its time
    logged as ``logged`` (empty when ``kept`` covers it: same subject, earlier start).

    ``other`` is None when only one copy has a timer and the other, saved after it
    started, has none (two-way): the timer is kept, so no time is lost, but the other
    machine may have stopped it, and the user should know."""

    kept: Timer
    other: Timer | None
    logged: tuple[LogEntry, ...]


@dataclass
class MergeSummary:
    """What a merge changed in the plan merged into (``ours``), for the CLI and the TUI."""

    entries_added: list[LogEntry] = field(default_factory=list)
    """Entries now in the plan that were not (from the other copy, or a logged timer)."""
    entries_removed: list[LogEntry] = field(default_factory=list)
    """Entries of ours deleted on the other side (tombstone, or a three-way base delete)."""
    entries_updated: list[LogEntry] = field(default_factory=list)
    """Entries of ours replaced by the other side's version (the new version)."""
    entries_differed: list[Differed] = field(default_factory=list)
    """Entries that differed on both sides: the later edit was kept, the other is here."""
    deleted_edits: list[LogEntry] = field(default_factory=list)
    """Entries edited on one side and deleted on the other: they stay deleted."""
    reviews_added: list[Review] = field(default_factory=list)
    reviews_removed: list[Review] = field(default_factory=list)
    reviews_updated: list[Review] = field(default_factory=list)
    reviews_differed: list[Differed] = field(default_factory=list)
    fields: list[FieldDiff] = field(default_factory=list)
    """Settings that differed on both sides, with the value kept and the other one."""
    settings_taken: list[str] = field(default_factory=list)
    """Paths of settings taken from the other side because only it changed them (three-way),
    or platforms, goals, items and milestones only it has."""
    kept_for_log: list[str] = field(default_factory=list)
    """Platforms and goals kept (though deleted on a side) because the log names them."""
    timer: TimerNote | None = None

    @property
    def nothing_new(self) -> bool:
        """Whether the merge left ours as it was (except perhaps ``updated``)."""
        return not (
            self.entries_added
            or self.entries_removed
            or self.entries_updated
            or self.reviews_added
            or self.reviews_removed
            or self.reviews_updated
            or self.fields
            or self.settings_taken
            or self.kept_for_log
            or self.timer
            or self.deleted_edits
        )


@dataclass(frozen=True)
class MergeResult:
    plan: Plan
    summary: MergeSummary


# --- small helpers -------------------------------------------------------------------------


def weave(ours: Sequence[K], theirs: Sequence[K]) -> list[K]:
    """Ours in order, with each key only theirs has placed after the key both have that
    comes before it in theirs, following any keys only ours has there: entries appended
    on both sides come ours first, then theirs; one inserted in the middle stays near its
    neighbours. Keys are unique within each sequence."""
    in_ours, in_theirs = set(ours), set(theirs)
    after: dict[K | None, list[K]] = {}
    anchor: K | None = None
    for key in theirs:
        if key in in_ours:
            anchor = key
        else:
            after.setdefault(anchor, []).append(key)
    out: list[K] = []
    pending = after.get(None, [])
    for key in ours:
        if key in in_theirs:
            out.extend(pending)
            pending = after.get(key, [])
        out.append(key)
    out.extend(pending)
    return out


def _canonical(value: object) -> str:
    if isinstance(value, BaseModel):
        return value.model_dump_json()
    return repr(value)


def _utc(moment: dt.datetime | None) -> dt.datetime:
    return _OLDEST if moment is None else moment.astimezone(dt.UTC)


class _Sides:
    """Which side was saved later, for settings and reviews (ties broken by the value
    itself, so the choice doesn't depend on the order of the arguments)."""

    def __init__(self, ours: Plan, theirs: Plan) -> None:
        self.ours_time = _utc(ours.updated)
        self.theirs_time = _utc(theirs.updated)

    def pick(self, a: T, b: T) -> T:
        """The later-saved side's value of ``a`` (ours) and ``b`` (theirs)."""
        key_a = (self.ours_time, _canonical(a))
        key_b = (self.theirs_time, _canonical(b))
        return a if key_a >= key_b else b


# --- log and reviews -------------------------------------------------------------------------


def _entry_key(entry: LogEntry, _side_time: dt.datetime) -> tuple[dt.datetime, str]:
    return (_utc(entry.changed), entry.model_dump_json())


def _review_key(review: Review, side_time: dt.datetime) -> tuple[dt.datetime, str]:
    return (side_time, review.model_dump_json())


@dataclass
class _ById:
    kept: dict[str, Any]
    order: list[str]
    added: list[Any] = field(default_factory=list)
    removed: list[Any] = field(default_factory=list)
    updated: list[Any] = field(default_factory=list)
    differed: list[Differed] = field(default_factory=list)
    deleted_edits: list[Any] = field(default_factory=list)
    base_deleted: dict[str, dt.datetime] = field(default_factory=dict)


def _merge_by_id(
    ours: list[Item],
    theirs: list[Item],
    base: list[Item] | None,
    deleted: dict[str, dt.datetime],
    key: Callable[[Item, dt.datetime], tuple[dt.datetime, str]],
    sides: _Sides,
    deleted_at: tuple[dt.datetime, dt.datetime],
) -> _ById:
    """Merge two lists of items with ids. ``deleted``: ids tombstoned on either side, with
    when; ``deleted_at``: when each side was saved (for deletions read from the base)."""
    a = {x.id: x for x in ours}
    b = {x.id: x for x in theirs}
    o = {x.id: x for x in base} if base is not None else {}
    result = _ById(kept={}, order=weave(list(a), list(b)))

    def ours_later(x: Item, y: Item) -> bool:
        return key(x, sides.ours_time) >= key(y, sides.theirs_time)

    for item_id in o:
        if item_id not in a and item_id not in b and item_id not in deleted:
            result.base_deleted[item_id] = min(deleted_at)
    for item_id in result.order:
        x, y, old = a.get(item_id), b.get(item_id), o.get(item_id)
        if old is not None and item_id not in deleted and (x is None or y is None):
            # in the base, missing on one side: deleted there (by hand: no tombstone)
            result.base_deleted[item_id] = deleted_at[0] if x is None else deleted_at[1]
            present = x if x is not None else y
            if present != old:
                result.deleted_edits.append(present)
            if x is not None:
                result.removed.append(x)
        elif item_id in deleted:
            if x is not None:
                result.removed.append(x)
            result.deleted_edits += [v for v in (x, y) if _edited(v, old, deleted[item_id])]
        else:
            _keep_version(result, item_id, x, y, old, ours_later)
    result.order = [i for i in result.order if i in result.kept]
    return result


def _keep_version(
    result: _ById,
    item_id: str,
    x: Item | None,
    y: Item | None,
    old: Item | None,
    ours_later: Callable[[Item, Item], bool],
) -> None:
    """Keep the one version of an item that is not deleted: the side that has it, the
    side that changed it from the base, or else the later edit (reporting the other)."""
    if x is None:
        assert y is not None
        result.kept[item_id] = y
        result.added.append(y)
    elif y is None or x == y or (old is not None and y == old):
        result.kept[item_id] = x
    elif old is not None and x == old:
        result.kept[item_id] = y
        result.updated.append(y)
    else:
        later, other = (x, y) if ours_later(x, y) else (y, x)
        result.kept[item_id] = later
        result.differed.append(Differed(kept=later, other=other))
        if later is y:
            result.updated.append(y)


def _edited(item: Any, old: Any, deleted: dt.datetime) -> bool:
    """Whether ``item`` was edited (against the base, or, two-way, after the delete)."""
    if item is None:
        return False
    if old is not None:
        return bool(item != old)
    changed = getattr(item, "changed", None)
    return changed is not None and _utc(changed) > _utc(deleted)


def _tombstones(
    ours: Plan, theirs: Plan, extra: dict[str, dt.datetime]
) -> tuple[list[Tombstone], set[str]]:
    """The union of both sides' tombstones (the earlier date of one id), then ``extra``."""
    when: dict[str, Tombstone] = {}
    for t in [*ours.deleted, *theirs.deleted]:
        seen = when.get(t.id)
        if seen is None or _utc(t.when) < _utc(seen.when):
            when[t.id] = t
    order = weave([t.id for t in ours.deleted], [t.id for t in theirs.deleted])
    out = [when[i] for i in order]
    for item_id, moment in extra.items():
        if item_id not in when:
            out.append(Tombstone(id=item_id, when=moment))
    return out, {t.id for t in out}


# --- settings --------------------------------------------------------------------------------

Path = tuple[str, ...]
_KEYS: dict[Path, Callable[[dict[str, Any]], str]] = {
    ("platforms",): lambda p: str(p["name"]).casefold(),
    ("platforms", "checklist"): lambda c: str(c["item"]),
    ("goals",): lambda g: str(g["skill"]),
    ("goals", "milestones"): lambda m: str(m["title"]),
}
_LABELS: dict[Path, str] = {
    ("platforms",): "name",
    ("platforms", "checklist"): "item",
    ("goals",): "skill",
    ("goals", "milestones"): "title",
}
_MODELS: dict[Path, type[BaseModel]] = {
    ("profile",): Profile,
    ("limits",): Limits,
    ("limits", "stop_rule"): StopRule,
    ("platforms",): Platform,
    ("platforms", "checklist"): ChecklistEntry,
    ("goals",): Goal,
    ("goals", "milestones"): Milestone,
}
_OWN_RULES = ("schema_version", "created", "updated", "reviews", "timer", "deleted", "log")
SETTINGS = tuple(name for name in Plan.model_fields if name not in _OWN_RULES)
"""The top-level fields merged as settings (title, language, profile, limits, platforms,
goals, and any field a later version adds)."""


class _Settings:
    def __init__(self, sides: _Sides, summary: MergeSummary) -> None:
        self.sides = sides
        self.summary = summary

    def value(self, kind: Path, where: str, a: Any, b: Any, base: Any) -> Any:
        """Merge one field: ``kind`` is its path without item names, ``where`` with."""
        if a == b:
            return a
        if isinstance(a, dict) and isinstance(b, dict):
            return self.table(kind, where, a, b, base if isinstance(base, dict) else ABSENT)
        if isinstance(a, list) and isinstance(b, list) and kind in _KEYS:
            return self.items(kind, where, a, b, base if isinstance(base, list) else ABSENT)
        if base is not ABSENT:
            if a == base:
                self.summary.settings_taken.append(where)
                return b
            if b == base:
                return a
        if kind[-1:] == ("done",) and isinstance(a, bool) and isinstance(b, bool):
            kept = a or b
        else:
            kept = self.sides.pick(a, b)
        self.summary.fields.append(FieldDiff(where, kept=kept, other=b if kept is a else a))
        return kept

    def table(
        self, kind: Path, where: str, a: dict[str, Any], b: dict[str, Any], base: Any
    ) -> dict[str, Any]:
        fields_before = len(self.summary.fields)
        out = {
            name: self.value(
                (*kind, name),
                f"{where}.{name}" if where else name,
                a.get(name),
                b.get(name),
                base.get(name) if base is not ABSENT else ABSENT,
            )
            for name in weave(list(a), list(b))
        }
        model = _MODELS.get(kind)
        if model is None or _fits(model, out):
            return out
        # The fields merged one by one don't fit together: take the later side's table.
        del self.summary.fields[fields_before:]
        kept = self.sides.pick(a, b)
        self.summary.fields.append(FieldDiff(where, kept=kept, other=b if kept is a else a))
        return kept

    def items(
        self, kind: Path, where: str, a: list[Any], b: list[Any], base: Any
    ) -> list[dict[str, Any]]:
        key, label = _KEYS[kind], _LABELS[kind]
        ka, kb = {key(x): x for x in a}, {key(x): x for x in b}
        ko = {key(x): x for x in base} if base is not ABSENT else {}
        out: list[dict[str, Any]] = []
        for k in weave(list(ka), list(kb)):
            x, y, old = ka.get(k, ABSENT), kb.get(k, ABSENT), ko.get(k, ABSENT)
            name = (x if x is not ABSENT else y)[label]
            at = f"{where}[{name}]"
            if x is not ABSENT and y is not ABSENT:
                out.append(self.value(kind, at, x, y, old))
                continue
            present = x if x is not ABSENT else y
            if old is ABSENT:
                out.append(present)  # added on one side
                if x is ABSENT:
                    self.summary.settings_taken.append(at)
            elif present != old:
                out.append(present)  # deleted on one side, changed on the other: kept
                self.summary.fields.append(FieldDiff(at, kept=present, other=ABSENT))
            elif y is ABSENT:
                self.summary.settings_taken.append(at)  # deleted there, untouched here
        return out


def _fits(model: type[BaseModel], data: dict[str, Any]) -> bool:
    try:
        model.model_validate(data)
    except ValidationError:
        return False
    return True


def _keep_named(
    doc: dict[str, Any], log: Iterable[LogEntry], timer: Timer | None, sides: list[Plan]
) -> list[str]:
    """Put back platforms and goals that the log or the timer names but the merged
    settings dropped (deleted on one side while the other logged to them)."""
    wanted: dict[EntryKind, set[str]] = {EntryKind.WORK: set(), EntryKind.STUDY: set()}
    for entry in log:
        wanted[entry.kind].add(entry.subject)
    if timer is not None:
        wanted[timer.kind].add(timer.subject)
    kept: list[str] = []
    for kind, list_name, attr in (
        (EntryKind.WORK, "platforms", "name"),
        (EntryKind.STUDY, "goals", "skill"),
    ):
        have = {item[attr] for item in doc[list_name]}
        for name in sorted(wanted[kind] - have):
            for side in sides:
                found = next(
                    (x for x in getattr(side, list_name) if getattr(x, attr) == name), None
                )
                if found is not None:
                    doc[list_name].append(found.model_dump(mode="python"))
                    kept.append(f"{list_name}[{name}]")
                    break
    return kept


# --- the timer -------------------------------------------------------------------------------


def _timer_entries(first: Timer, until: dt.datetime) -> list[LogEntry]:
    """``first``'s time until ``until`` as log entries of at most 24 hours each, with ids
    derived from the timer (the same timers always give the same entries)."""
    entries: list[LogEntry] = []
    start = first.started
    seed = f"timer\x1f{_utc(first.started).isoformat()}\x1f{first.kind}\x1f{first.subject}"
    n = 0
    while True:
        minutes = min(int((until - start).total_seconds() // 60), MAX_ENTRY_MINUTES)
        if minutes < 1:
            break
        entry_id = hashlib.sha256(f"{seed}\x1f{n}".encode()).hexdigest()[:12]
        entries.append(
            LogEntry(
                id=entry_id,
                kind=first.kind,
                date=start.date(),
                platform=first.platform,
                goal=first.goal,
                minutes=minutes,
                changed=until.replace(microsecond=0),
            )
        )
        start += dt.timedelta(minutes=minutes)
        n += 1
    return entries


def _merge_timers(
    a: Timer | None,
    b: Timer | None,
    base: Timer | _Absent | None,
    saved: tuple[dt.datetime, dt.datetime],
) -> tuple[Timer | None, TimerNote | None]:
    """The merged timer and what to say about it; ``saved``: when each side was saved."""
    if a == b:
        return a, None
    if base is not ABSENT:
        if a == base:
            return b, None
        if b == base:
            return a, None
    if a is None or b is None:
        timer = a if a is not None else b
        assert timer is not None
        without = saved[0] if a is None else saved[1]
        seen = _utc(without) >= _utc(timer.started)  # the other side may have stopped it
        return timer, TimerNote(kept=timer, other=None, logged=()) if seen else None
    first, second = sorted((a, b), key=lambda x: (_utc(x.started), x.model_dump_json()))
    if (first.kind, first.subject) == (second.kind, second.subject):
        return first, TimerNote(kept=first, other=second, logged=())
    logged = tuple(_timer_entries(first, second.started))
    return second, TimerNote(kept=second, other=first, logged=logged)


# --- the merge -------------------------------------------------------------------------------


def merge(ours: Plan, theirs: Plan, base: Plan | None = None) -> MergeResult:
    """Merge ``theirs`` into ``ours`` (three-way when ``base`` is given); see the module's
    docstring for the rules. Neither plan is changed. MergeError if the result isn't a
    valid plan."""
    sides = _Sides(ours, theirs)
    summary = MergeSummary()
    deleted_at = (ours.updated, theirs.updated)

    tombstoned: dict[str, dt.datetime] = {}
    for t in [*ours.deleted, *theirs.deleted]:
        tombstoned[t.id] = min(t.when, tombstoned.get(t.id, t.when), key=_utc)
    log = _merge_by_id(
        ours.log, theirs.log, base.log if base else None, tombstoned, _entry_key, sides, deleted_at
    )
    reviews = _merge_by_id(
        ours.reviews,
        theirs.reviews,
        base.reviews if base else None,
        {},
        _review_key,
        sides,
        deleted_at,
    )
    deleted, deleted_ids = _tombstones(ours, theirs, log.base_deleted)

    timer, note = _merge_timers(
        ours.timer, theirs.timer, base.timer if base else ABSENT, (ours.updated, theirs.updated)
    )
    entries = [log.kept[i] for i in log.order]
    added = list(log.added)
    if note is not None:
        have = set(log.kept)
        new = [e for e in note.logged if e.id not in have and e.id not in deleted_ids]
        entries += new
        added += new
        summary.timer = note

    settings = _Settings(sides, summary)
    doc_a, doc_b = _settings_doc(ours), _settings_doc(theirs)
    doc_o = _settings_doc(base) if base is not None else ABSENT
    doc = settings.table((), "", doc_a, doc_b, doc_o)
    summary.kept_for_log = _keep_named(doc, entries, timer, [theirs, ours])

    summary.entries_added = added
    summary.entries_removed = log.removed
    summary.entries_updated = log.updated
    summary.entries_differed = log.differed
    summary.deleted_edits = log.deleted_edits
    summary.reviews_added = reviews.added
    summary.reviews_removed = reviews.removed
    summary.reviews_updated = reviews.updated
    summary.reviews_differed = reviews.differed

    merged = {
        "schema_version": SCHEMA_VERSION,
        **doc,
        "created": min(ours.created, theirs.created, key=_utc),
        "updated": max(ours.updated, theirs.updated, key=_utc),
        "reviews": sorted((reviews.kept[i] for i in reviews.order), key=lambda r: r.date),
        "timer": timer,
        "deleted": deleted,
        "log": entries,
    }
    try:
        plan = Plan.model_validate(merged)
    except ValidationError as e:
        from guide.storage import validation_problems

        raise MergeError(validation_problems(e)) from None
    return MergeResult(plan=plan, summary=summary)


def _settings_doc(plan: Plan) -> dict[str, Any]:
    return {name: _dump(getattr(plan, name)) for name in SETTINGS}


def _dump(value: Any) -> Any:
    if isinstance(value, BaseModel):
        return value.model_dump(mode="python")
    if isinstance(value, list):
        return [_dump(v) for v in value]
    return value


def merge_all(ours: Plan, copies: Iterable[Plan]) -> tuple[Plan, list[MergeSummary]]:
    """Merge each of ``copies`` into ``ours`` in turn (two-way); one summary per copy."""
    summaries: list[MergeSummary] = []
    for copy in copies:
        result = merge(ours, copy)
        ours = result.plan
        summaries.append(result.summary)
    return ours, summaries


def adopt(target: Plan, source: Plan) -> None:
    """Make ``target`` equal to ``source`` in place (for ``storage.update_plan``, which
    saves the plan object it read). Assigned in an order in which every step is a valid
    plan: the log and the timer go first and come back last."""
    target.timer = None
    target.log = []
    for name in type(source).model_fields:
        if name not in ("log", "timer"):
            setattr(target, name, getattr(source, name))
    target.log = source.log
    target.timer = source.timer


@dataclass(frozen=True)
class EditsMerge:
    """The open app's unsaved edits merged with the file another program changed.

    ``mine`` keeps the app's value of every setting changed on both sides, ``theirs`` the
    file's; ``asked`` names the settings where the two differ (the user chooses), empty
    when there is nothing to ask (then ``theirs`` is ``mine``). Log entries, reviews and
    tombstones merge by id the same way in both.
    """

    mine: MergeResult
    theirs: MergeResult
    asked: list[FieldDiff]
    """Each setting changed on both sides: ``kept`` is the app's value, ``other`` the file's."""


def merge_edits(base: Plan, ours: Plan, theirs: Plan) -> EditsMerge:
    """Three-way merge of the plan on screen (``ours``, with unsaved edits) and the file
    (``theirs``), both from ``base`` (the plan as last read or saved). A setting changed
    on both sides is taken from one side or the other as the caller chooses, not from the
    copy saved later: the edits on screen are not saved yet. MergeError as :func:`merge`."""
    later = max(_utc(ours.updated), _utc(theirs.updated)) + dt.timedelta(microseconds=1)
    updated = max(ours.updated, theirs.updated, key=_utc)
    mine = merge(ours.model_copy(update={"updated": later}), theirs, base)
    mine.plan.updated = updated
    if not mine.summary.fields:
        return EditsMerge(mine, mine, [])
    other = merge(ours, theirs.model_copy(update={"updated": later}), base)
    other.plan.updated = updated
    files = {d.path: d.kept for d in other.summary.fields}
    asked = [
        d
        for d in mine.summary.fields
        if _canonical(files.get(d.path, ABSENT)) != _canonical(d.kept)
    ]
    return EditsMerge(mine, other if asked else mine, asked)


def _words(diff: FieldDiff) -> bool:
    """Whether ``diff`` is a list of words (skills, working days, resources) on both sides:
    such a setting can keep the words of both."""
    values = (diff.kept, diff.other)
    return all(isinstance(v, list) for v in values) and not any(
        isinstance(x, dict | list) for v in values for x in v
    )


def can_keep_both(edits: EditsMerge) -> bool:
    """Whether some setting asked about can hold both sides' values (see keep_both)."""
    return any(_words(d) for d in edits.asked)


def keep_both(edits: EditsMerge) -> Plan:
    """``edits.mine`` with each list of words asked about holding the words of both sides
    (the app's first, then the file's others); every other setting asked about keeps the
    app's value. MergeError if the result isn't a valid plan."""
    doc = edits.mine.plan.model_dump(mode="python")
    for diff in edits.asked:
        if _words(diff):
            both = [*diff.kept, *(x for x in diff.other if x not in diff.kept)]
            _set(doc, diff.path, both)
    try:
        return Plan.model_validate(doc)
    except ValidationError as e:
        from guide.storage import validation_problems

        raise MergeError(validation_problems(e)) from None


def _set(doc: dict[str, Any], path: str, value: Any) -> None:
    """Set the field at ``path`` (as FieldDiff names it: ``goals[SQL].resources``) in a
    plan's document; items in brackets are found by the key they are merged by."""
    where: Any = doc
    kind: Path = ()
    rest = path
    while True:
        name, _, rest = _split(rest)
        kind = (*kind, name)
        if rest.startswith("["):
            label, rest = _bracket(rest)
            key = _KEYS[kind]
            wanted = key({_LABELS[kind]: label})
            where = next(x for x in where[name] if key(x) == wanted)
            rest = rest.removeprefix(".")
            continue
        if not rest:
            where[name] = value
            return
        where = where[name]
        rest = rest.removeprefix(".")


def _split(path: str) -> tuple[str, str, str]:
    """The first field name of ``path`` and what follows it (from its ``.`` or ``[``)."""
    end = min((i for i in (path.find("."), path.find("[")) if i >= 0), default=len(path))
    return path[:end], "", path[end:]


def _bracket(rest: str) -> tuple[str, str]:
    """``[label]...`` -> label and what follows; a label may hold brackets itself, so the
    closing one is the first ``]`` that ``.``, ``[`` or the end follows."""
    for i in range(1, len(rest)):
        if rest[i] == "]" and (i + 1 == len(rest) or rest[i + 1] in ".["):
            return rest[1:i], rest[i + 1 :]
    raise ValueError(f"no closing bracket in {rest!r}")
