"""Merging logs by id: edits on both sides, tombstones, and the merge's algebra."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide.log_merge import merge_log
from guide.plan import LogEntry, Tombstone
from tests.guide.plan_samples import TZ, example_plan

T0 = dt.datetime(2026, 11, 20, 10, 0, tzinfo=TZ)


def edited(entry: LogEntry, later: int = 0, **fields: object) -> LogEntry:
    return entry.model_copy(update={"changed": T0 + dt.timedelta(minutes=later), **fields})


def test_one_side_edits_and_both_add() -> None:
    base = example_plan().log
    ours = [*base[:3], edited(base[3], 5, minutes=99), *base[4:]]
    new_theirs = LogEntry(date=T0.date(), platform="Toloka", minutes=7)
    theirs = [edited(base[0], 1, note="from the shell"), *base[1:], new_theirs]
    result = merge_log(base, ours, theirs)
    assert result.log[0].note == "from the shell" and result.log[3].minutes == 99
    assert result.log[-1] == new_theirs and result.added == [new_theirs.id]
    assert result.updated == [base[0].id] and result.conflicts == []


def test_different_fields_combine_and_the_same_field_is_a_conflict() -> None:
    base = example_plan().log
    ours = [edited(base[0], 1, minutes=61, note="mine"), *base[1:]]
    theirs = [edited(base[0], 2, earned=Decimal(9), note="theirs"), *base[1:]]
    result = merge_log(base, ours, theirs)
    merged = result.log[0]
    assert (merged.minutes, str(merged.earned), merged.note) == (61, "9", "theirs")
    assert [(c.field, c.ours, c.theirs, c.kept) for c in result.conflicts] == [
        ("note", "mine", "theirs", "theirs")
    ]


def test_a_deleted_entry_stays_deleted() -> None:
    base = example_plan().log
    gone = Tombstone(id=base[2].id, when=T0)
    ours = [*base[:2], *base[3:]]
    theirs = [*base[:2], edited(base[2], 9, minutes=1), *base[3:]]  # edited, still gone
    result = merge_log(base, ours, theirs, [gone], [])
    assert base[2].id not in {e.id for e in result.log}
    assert result.deleted == [gone] and len(result.log) == 8
    back = merge_log(None, theirs, ours, [], [gone])
    assert back.removed == [base[2].id] and len(back.log) == 8


ENTRY_IDS = [f"{i:012x}" for i in range(6)]


@st.composite
def versions(draw: st.DrawFn) -> tuple[list[LogEntry], list[Tombstone]]:
    log = []
    for entry_id in draw(st.lists(st.sampled_from(ENTRY_IDS), unique=True)):
        log.append(
            LogEntry(
                id=entry_id,
                date=dt.date(2026, 11, 1) + dt.timedelta(days=draw(st.integers(0, 3))),
                platform=draw(st.sampled_from(["Prolific", "Toloka"])),
                minutes=draw(st.integers(1, 4)),
                changed=draw(st.none() | st.sampled_from([T0, T0 + dt.timedelta(minutes=1)])),
            )
        )
    ids = {e.id for e in log}
    stones = [
        Tombstone(id=i, when=T0)
        for i in draw(st.lists(st.sampled_from(ENTRY_IDS), unique=True, max_size=2))
        if i not in ids
    ]
    return log, stones


def as_set(entries: list[LogEntry]) -> dict[str, LogEntry]:
    return {e.id: e for e in entries}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(versions(), versions(), versions())
def test_two_way_merge_is_commutative_idempotent_and_loses_nothing(
    a: tuple[list[LogEntry], list[Tombstone]],
    b: tuple[list[LogEntry], list[Tombstone]],
    c: tuple[list[LogEntry], list[Tombstone]],
) -> None:
    ab = merge_log(None, a[0], b[0], a[1], b[1])
    ba = merge_log(None, b[0], a[0], b[1], a[1])
    assert as_set(ab.log) == as_set(ba.log)
    assert {t.id for t in ab.deleted} == {t.id for t in ba.deleted}
    again = merge_log(None, ab.log, b[0], ab.deleted, b[1])
    assert as_set(again.log) == as_set(ab.log)
    dead = {t.id for t in a[1]} | {t.id for t in b[1]}
    assert set(as_set(ab.log)) == ({e.id for e in a[0]} | {e.id for e in b[0]}) - dead
    ab_c = merge_log(None, ab.log, c[0], ab.deleted, c[1])
    bc = merge_log(None, b[0], c[0], b[1], c[1])
    a_bc = merge_log(None, a[0], bc.log, a[1], bc.deleted)
    assert set(as_set(ab_c.log)) == set(as_set(a_bc.log))
