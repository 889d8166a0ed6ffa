"""Schema version 2: log entries with ids and kinds, tombstones, the timer and reviews."""

from __future__ import annotations

import datetime as dt
import tomllib
from decimal import Decimal as D
from pathlib import Path

import pytest
from pydantic import ValidationError

from guide.plan import (
    Decision,
    EntryKind,
    LogEntry,
    Plan,
    Review,
    Timer,
    Tombstone,
)
from guide.storage import PlanError, load_plan, plan_from_toml, plan_to_toml
from tests.guide.plan_samples import EXAMPLE, TZ, example_plan

NOW = dt.datetime(2026, 11, 20, 21, 40, tzinfo=TZ)
GOAL = "Project coordination"


def v1_text() -> str:
    """The example as a version-1 file: no ids, no kinds."""
    lines = EXAMPLE.read_text("utf-8").replace("schema_version = 2", "schema_version = 1")
    return "\n".join(
        line for line in lines.splitlines() if not line.startswith(("id = ", 'kind = "work"'))
    )


def test_example_is_version_2_with_an_id_on_every_entry() -> None:
    doc = tomllib.loads(EXAMPLE.read_text("utf-8"))
    assert doc["schema_version"] == 2
    assert all(len(e["id"]) == 12 for e in doc["log"])


def test_version_1_gets_the_same_ids_on_every_load(tmp_path: Path) -> None:
    path = tmp_path / "v1.toml"
    path.write_text(v1_text(), "utf-8")
    first, second = load_plan(path), load_plan(path)
    assert first.migrated_from == 1
    ids = [e.id for e in first.plan.log]
    assert ids == [e.id for e in second.plan.log]
    assert len(set(ids)) == len(ids) == 9
    assert all(e.kind is EntryKind.WORK for e in first.plan.log)


def test_identical_entries_get_different_ids(tmp_path: Path) -> None:
    text = v1_text() + '\n\n[[log]]\ndate = 2026-11-19\nplatform = "Prolific"\nminutes = 40\n'
    text += "earned = 3.30\n"  # the same as the last entry of the example
    plan = plan_from_toml(text)
    assert plan.log[-1].id != plan.log[-2].id


def test_a_hand_added_entry_without_id_gets_one_and_keeps_the_others() -> None:
    text = EXAMPLE.read_text("utf-8") + '\n[[log]]\ndate = 2026-11-20\nplatform = "Toloka"\n'
    text += "minutes = 10\n"
    plan = plan_from_toml(text)
    assert [e.id for e in plan.log[:-1]] == [e.id for e in example_plan().log]
    assert plan.log[-1].id == plan_from_toml(text).log[-1].id


def test_study_entry_round_trips_without_earned() -> None:
    plan = example_plan()
    plan.log.append(LogEntry(kind="study", date=NOW.date(), goal=GOAL, minutes=50, note="Ch. 2"))
    text = plan_to_toml(plan)
    last = text.rsplit("[[log]]", 1)[1]
    assert "earned" not in last and 'goal = "Project coordination"' in last
    assert plan_from_toml(text).log[-1] == plan.log[-1]


@pytest.mark.parametrize(
    ("fields", "problem"),
    [
        ({"kind": "work"}, "platform"),
        ({"kind": "study", "goal": GOAL, "earned": 1}, "earned"),
        ({"kind": "study", "goal": GOAL, "tasks": 3}, "tasks"),
        ({"kind": "study", "goal": GOAL, "platform": "Prolific"}, "platform"),
        ({"kind": "work", "platform": "Prolific", "goal": GOAL}, "goal"),
        ({"kind": "work", "platform": "Prolific", "tasks": 2, "approved": 3}, "tasks"),
        ({"kind": "work", "platform": "Prolific", "id": "ABC"}, "id"),
    ],
)
def test_entry_fields_fit_its_kind(fields: dict[str, object], problem: str) -> None:
    with pytest.raises(ValidationError, match=problem):
        LogEntry.model_validate({"date": NOW.date(), "minutes": 5, **fields})


def test_plan_checks_goals_ids_and_tombstones() -> None:
    plan = example_plan()
    doc = plan.model_dump()
    doc["log"].append({"kind": "study", "date": NOW.date(), "goal": "Knitting", "minutes": 5})
    doc["log"].append(dict(doc["log"][0]))
    doc["deleted"] = [{"id": doc["log"][1]["id"], "when": NOW}]
    with pytest.raises(ValidationError) as info:
        Plan.model_validate(doc)
    text = str(info.value)
    assert "log[9].goal: 'Knitting' is not one of the plan's goals" in text
    assert "log[10].id" in text and "is used by another entry" in text
    assert "log[1].id" in text and "is listed in deleted" in text


def test_timer_reviews_and_tombstones_round_trip() -> None:
    plan = example_plan()
    removed = plan.log.pop(0)
    plan.deleted.append(Tombstone(id=removed.id, when=NOW))
    plan.timer = Timer(started=NOW, platform="Prolific")
    plan.reviews.append(
        Review(
            date=NOW.date(),
            decision=Decision.DROP_PLATFORM,
            reason="Clickworker pays under 2 USD an hour",
            next_review=NOW.date() + dt.timedelta(days=28),
            platform="Clickworker",
        )
    )
    text = plan_to_toml(plan)
    assert text.index("[[reviews]]") < text.index("[[deleted]]") < text.index("[[log]]")
    assert text.index("[timer]") < text.index("[[reviews]]")
    assert plan_from_toml(text) == plan


def test_timer_must_name_a_known_subject() -> None:
    plan = example_plan()
    with pytest.raises(ValidationError, match=r"timer\.platform"):
        plan.timer = Timer(started=NOW, platform="Nowhere")
    with pytest.raises(ValidationError, match="a study timer names a goal"):
        Timer(started=NOW, kind="study", platform="Prolific")


def test_review_needs_its_platform_and_a_later_next_review() -> None:
    with pytest.raises(ValidationError) as info:
        Review(
            date=NOW.date(),
            decision="drop_platform",
            reason="x",
            next_review=NOW.date() - dt.timedelta(days=1),
        )
    assert "next_review" in str(info.value) and "platform" in str(info.value)


def test_hand_written_review_without_id_gets_a_stable_one() -> None:
    text = EXAMPLE.read_text("utf-8").replace(
        "\n[[log]]",
        '\n[[reviews]]\ndate = 2026-11-16\ndecision = "keep_going"\nreason = "Fine"\n'
        "next_review = 2026-12-14\n\n[[log]]",
        1,
    )
    first = plan_from_toml(text).reviews[0]
    assert first.id == plan_from_toml(text).reviews[0].id
    assert first.decision is Decision.KEEP_GOING


def test_bad_id_in_file_is_named(tmp_path: Path) -> None:
    path = tmp_path / "p.toml"
    text = EXAMPLE.read_text("utf-8")
    first_id = tomllib.loads(text)["log"][0]["id"]
    path.write_text(text.replace(first_id, "NOT-HEX"), "utf-8")
    with pytest.raises(PlanError) as info:
        load_plan(path)
    assert (
        "log[0].id: must be 12 lowercase hex digits, like 3f9a0c12b7de (or remove it to get a "
        "new id) (found 'NOT-HEX')"
    ) in info.value.problems


def test_money_stays_exact() -> None:
    assert example_plan().log[0].earned == D("5.40")
