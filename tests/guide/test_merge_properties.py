"""Hypothesis: random logs edited on two and three copies of one plan, then merged.

On the log (entries by id, and tombstones) a merge is commutative, associative and
idempotent, and it keeps every entry that is not tombstoned on some copy.
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide.merge import SETTINGS, merge
from guide.plan import LogEntry, Plan, Tombstone
from guide.storage import plan_from_toml, plan_to_toml

from .plan_samples import TZ, example_plan

FAST = settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
PLATFORMS = ["Prolific", "Clickworker"]
TIMES = [dt.datetime(2026, 11, 20, h, tzinfo=TZ) for h in (9, 10, 11)]


def _base() -> Plan:
    plan = example_plan()
    plan.log = [
        LogEntry(id=f"ba{i:010x}", date=dt.date(2026, 11, 2 + i), platform="Prolific", minutes=30)
        for i in range(4)
    ]
    return plan


BASE = _base()

# One edit of a copy: add an entry, change one (minutes and edit time from small sets, so
# equal edits and equal times happen), or delete one, with a tombstone as the app does
# or without one as a hand edit does.
ops = st.one_of(
    st.tuples(st.just("add"), st.sampled_from(PLATFORMS), st.integers(1, 3)),
    st.tuples(st.just("edit"), st.integers(0, 50), st.integers(1, 3), st.sampled_from(TIMES)),
    st.tuples(st.just("delete"), st.integers(0, 50), st.sampled_from(TIMES), st.booleans()),
)


def edited(copy_number: int, edits: list[tuple[Any, ...]], saved: dt.datetime) -> Plan:
    """``BASE`` after ``edits``; new ids are unique to the copy."""
    log = list(BASE.log)
    deleted: list[Tombstone] = []
    for n, op in enumerate(edits):
        if op[0] == "add":
            new_id = f"c{copy_number:x}{n:010x}"
            log.append(
                LogEntry(id=new_id, date=dt.date(2026, 11, 20), platform=op[1], minutes=op[2])
            )
        elif log and op[0] == "edit":
            i = op[1] % len(log)
            log[i] = log[i].model_copy(update={"minutes": op[2], "changed": op[3]})
        elif log and op[0] == "delete":
            gone = log.pop(op[1] % len(log))
            if op[3]:
                deleted.append(Tombstone(id=gone.id, when=op[2]))
    return BASE.model_copy(update={"log": log, "deleted": deleted, "updated": saved})


@st.composite
def copies(draw: st.DrawFn, count: int) -> list[Plan]:
    return [
        edited(i, draw(st.lists(ops, max_size=6)), draw(st.sampled_from(TIMES)))
        for i in range(count)
    ]


def on_log(plan: Plan) -> tuple[dict[str, LogEntry], dict[str, dt.datetime]]:
    return {e.id: e for e in plan.log}, {t.id: t.when for t in plan.deleted}


def kept_ids(*plans: Plan) -> set[str]:
    """Every id of any copy, but those any copy tombstoned."""
    present = {e.id for p in plans for e in p.log}
    gone = {t.id for p in plans for t in p.deleted}
    return present - gone


@FAST
@given(copies(2))
def test_two_way_is_commutative_and_loses_nothing_but_tombstones(plans: list[Plan]) -> None:
    a, b = plans
    ab, ba = merge(a, b).plan, merge(b, a).plan
    assert on_log(ab) == on_log(ba)
    assert {e.id for e in ab.log} == kept_ids(a, b)
    assert plan_from_toml(plan_to_toml(ab)) == ab


@FAST
@given(copies(2))
def test_two_way_is_idempotent(plans: list[Plan]) -> None:
    a, b = plans
    ab = merge(a, b).plan
    again = merge(ab, b)
    assert on_log(again.plan) == on_log(ab)
    assert again.summary.entries_added == []
    assert merge(a, a).plan == a


@FAST
@given(copies(3))
def test_two_way_is_associative(plans: list[Plan]) -> None:
    a, b, c = plans
    left = merge(merge(a, b).plan, c).plan
    right = merge(a, merge(b, c).plan).plan
    assert on_log(left) == on_log(right)
    assert {e.id for e in left.log} == kept_ids(a, b, c)


@FAST
@given(copies(2))
def test_three_way_is_commutative_and_keeps_every_delete(plans: list[Plan]) -> None:
    a, b = plans
    ab, ba = merge(a, b, BASE).plan, merge(b, a, BASE).plan
    assert on_log(ab) == on_log(ba)
    base_ids = {e.id for e in BASE.log}
    removed = set().union(*(base_ids - {e.id for e in side.log} for side in (a, b)))
    ids = {e.id for e in ab.log}
    assert ids == kept_ids(a, b) - removed  # deletes stay deleted, even without tombstones
    assert removed <= set(on_log(ab)[1])  # and leave tombstones, for later two-way merges


@FAST
@given(copies(3))
def test_three_copies_merged_in_any_order_agree(plans: list[Plan]) -> None:
    a, b, c = plans
    orders = [(a, b, c), (c, a, b), (b, c, a), (c, b, a)]
    results = [on_log(merge(merge(x, y).plan, z).plan) for x, y, z in orders]
    assert all(r == results[0] for r in results)


# Settings: random changes on two copies (a limit, the title, a platform's fee, a
# milestone ticked or not), saved at random times.
setting_edits = st.fixed_dictionaries(
    {},
    optional={
        "daily": st.sampled_from([70, 90, 120]),
        "title": st.sampled_from(["A", "B"]),
        "fee": st.sampled_from([0, 5]),
        "done": st.booleans(),
    },
)


def with_settings(edits: dict[str, Any], saved: dt.datetime) -> Plan:
    plan = BASE.model_copy(deep=True)
    if "daily" in edits:
        plan.limits.daily_minutes = edits["daily"]
    if "title" in edits:
        plan.title = edits["title"]
    if "fee" in edits:
        plan.platforms[1].fee_percent = edits["fee"]
    if "done" in edits:
        plan.goals[0].milestones[1].done = edits["done"]
    plan.updated = saved
    return plan


def settings_of(plan: Plan) -> dict[str, Any]:
    return plan.model_dump(include=set(SETTINGS))


@FAST
@given(setting_edits, setting_edits, st.sampled_from(TIMES), st.sampled_from(TIMES))
def test_settings_merge_the_same_both_ways(
    edits_a: dict[str, Any], edits_b: dict[str, Any], saved_a: dt.datetime, saved_b: dt.datetime
) -> None:
    a, b = with_settings(edits_a, saved_a), with_settings(edits_b, saved_b)
    for base in (None, BASE):
        ab, ba = merge(a, b, base), merge(b, a, base)
        assert settings_of(ab.plan) == settings_of(ba.plan)
        assert [f.path for f in ab.summary.fields] == [f.path for f in ba.summary.fields]
        assert merge(ab.plan, b, base).plan.limits == ab.plan.limits  # idempotent
    merged = merge(a, b, BASE).plan
    for get in (
        lambda p: p.limits.daily_minutes,
        lambda p: p.title,
        lambda p: p.platforms[1].fee_percent,
        lambda p: p.goals[0].milestones[1].done,
    ):
        va, vb, vo = get(a), get(b), get(BASE)
        if va == vo:
            assert get(merged) == vb  # changed on one side only: that side's value
        elif vb == vo:
            assert get(merged) == va
        elif va != vb and saved_a != saved_b:
            assert get(merged) == (va if saved_a > saved_b else vb)  # the later save
