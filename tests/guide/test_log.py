"""Changing the log: add, edit, delete with tombstones, undo; filters; renames."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from pydantic import ValidationError

from guide.log import (
    Action,
    LogError,
    add_entry,
    delete_entry,
    edit_entry,
    entries,
    make_entry,
    rename_subject,
    undo,
    uses,
    working_copy,
)
from guide.plan import EntryKind, Plan
from guide.storage import plan_from_toml, plan_to_toml
from tests.guide.plan_samples import TZ, example_plan

NOW = dt.datetime(2026, 11, 21, 9, 30, 12, 345, tzinfo=TZ)
LATER = NOW + dt.timedelta(hours=1)
GOAL = "Project coordination"


@pytest.fixture
def plan() -> Plan:
    return example_plan()


def test_make_entry_infers_the_kind_and_stamps_the_time(plan: Plan) -> None:
    study = make_entry(plan, NOW, date=NOW.date(), minutes=30, goal=GOAL, note=None)
    assert study.kind is EntryKind.STUDY and study.note is None
    assert study.changed == NOW.replace(microsecond=0)
    work = make_entry(plan, NOW, date=NOW.date(), minutes=30, platform="Toloka", earned=1)
    assert work.kind is EntryKind.WORK and work.earned == D(1)
    assert work.id != study.id


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"platform": "Nowhere"}, "platform: 'Nowhere' is not one of the plan's platforms"),
        ({"goal": "Knitting"}, "goal: 'Knitting' is not one of the plan's goals"),
        ({"platform": "Toloka", "minutes": 0}, "minutes: must be between 1 and 1440"),
        ({"platform": "Toloka", "earned": D(-1)}, "earned: must be between 0"),
        ({"goal": GOAL, "earned": D(2)}, "earned: a study entry earns nothing"),
    ],
)
def test_make_entry_names_the_problem(plan: Plan, fields: dict[str, object], problem: str) -> None:
    values: dict[str, object] = {"date": NOW.date(), "minutes": 10, **fields}
    with pytest.raises(LogError) as info:
        make_entry(plan, NOW, **values)
    assert any(p.startswith(problem) for p in info.value.problems), info.value.problems


def test_add_edit_delete_and_undo_each(plan: Plan) -> None:
    before = [e.model_copy() for e in plan.log]
    entry = make_entry(plan, NOW, date=NOW.date(), minutes=20, platform="Toloka")
    added = add_entry(plan, entry)
    assert added.action is Action.ADD and plan.log[-1] == entry

    edited = edit_entry(plan, entry.id, LATER, minutes=25, note="slow tasks")
    assert plan.log[-1].minutes == 25 and plan.log[-1].note == "slow tasks"
    assert plan.log[-1].changed == LATER.replace(microsecond=0)
    assert plan.log[-1].id == entry.id

    redo = undo(plan, edited, LATER)
    assert plan.log[-1].minutes == 20 and plan.log[-1].note is None
    assert redo.action is Action.EDIT

    deleted = delete_entry(plan, before[3].id, LATER)
    assert before[3].id not in {e.id for e in plan.log}
    assert [d.id for d in plan.deleted] == [before[3].id]
    undo(plan, deleted, LATER)
    assert plan.log[3] == before[3] and plan.deleted == []

    undone_add = undo(plan, added, LATER)
    assert undone_add.action is Action.DELETE
    assert [e.id for e in plan.log] == [e.id for e in before]
    assert [d.id for d in plan.deleted] == [entry.id]  # in case the add was saved and copied
    assert plan_from_toml(plan_to_toml(plan)) == plan


def test_edit_can_switch_kind_and_remove_fields(plan: Plan) -> None:
    entry = plan.log[0]
    edit_entry(plan, entry.id, NOW, kind="study", platform=None, earned=None, goal=GOAL)
    assert plan.log[0].kind is EntryKind.STUDY and plan.log[0].platform is None
    assert plan.log[0].earned == 0


def test_edit_refuses_a_bad_value_and_leaves_the_entry(plan: Plan) -> None:
    entry = plan.log[0]
    with pytest.raises(LogError, match="minutes"):
        edit_entry(plan, entry.id, NOW, minutes=5000)
    with pytest.raises(LogError, match="can't change"):
        edit_entry(plan, entry.id, NOW, id="0" * 12)
    with pytest.raises(LogError, match="no entry"):
        delete_entry(plan, "0" * 12, NOW)
    assert plan.log[0] == entry


def test_entries_newest_first_with_filters(plan: Plan) -> None:
    add_entry(plan, make_entry(plan, NOW, date=dt.date(2026, 11, 19), minutes=5, goal=GOAL))
    newest = entries(plan)
    assert [e.date for e in newest] == sorted((e.date for e in plan.log), reverse=True)
    assert newest[0].kind is EntryKind.STUDY  # added last on the newest day
    assert {e.platform for e in entries(plan, platform="Clickworker")} == {"Clickworker"}
    assert [e.goal for e in entries(plan, goal=GOAL)] == [GOAL]
    week = entries(plan, week=dt.date(2026, 11, 12))
    assert {e.date for e in week} == {
        dt.date(2026, 11, 10),
        dt.date(2026, 11, 12),
        dt.date(2026, 11, 14),
    }
    assert entries(plan, kind=EntryKind.STUDY)[0].goal == GOAL


def test_rename_keeps_the_history(plan: Plan) -> None:
    add_entry(plan, make_entry(plan, NOW, date=NOW.date(), minutes=5, goal=GOAL))
    assert rename_subject(plan, EntryKind.WORK, "Prolific", "Prolific.co") == 6
    assert rename_subject(plan, EntryKind.STUDY, GOAL, "PM") == 1
    assert plan.platforms[0].name == "Prolific.co" and plan.goals[0].skill == "PM"
    assert uses(plan, EntryKind.WORK, "Prolific.co") and not uses(plan, EntryKind.WORK, "Prolific")
    with pytest.raises(LogError, match="already"):
        rename_subject(plan, EntryKind.WORK, "Toloka", "Clickworker")
    assert plan_from_toml(plan_to_toml(plan)) == plan


def test_a_working_copy_shares_only_frozen_entries(plan: Plan) -> None:
    original = plan_to_toml(plan)
    copy = working_copy(plan)
    assert copy == plan
    assert copy.log[0] is plan.log[0] and copy.log is not plan.log
    first = copy.log[0]
    with pytest.raises(ValidationError):
        first.minutes = 1  # frozen: an edit makes a new entry
    edit_entry(copy, first.id, LATER, minutes=first.minutes + 5)
    delete_entry(copy, copy.log[-1].id, LATER)
    platform = copy.platforms[0].name
    add_entry(copy, make_entry(copy, LATER, date=LATER.date(), platform=platform, minutes=30))
    rename_subject(copy, EntryKind.WORK, copy.platforms[0].name, "Renamed")
    copy.platforms[0].checklist[0].note = "changed in the copy"
    copy.profile.hours_per_week = copy.profile.hours_per_week + 1
    assert plan_to_toml(plan) == original
