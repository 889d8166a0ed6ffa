"""Reviews: when one is due, the numbers since the last, recording a decision."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest

from guide.articles import load_guide
from guide.plan import Decision, PlatformStatus
from guide.review import (
    ReviewError,
    advice,
    apply_review,
    record_review,
    review_due,
    review_numbers,
)
from guide.storage import plan_from_toml, plan_to_toml
from tests.guide.plan_samples import example_plan

REVIEW_DAY = dt.date(2026, 12, 14)


def test_due_when_the_date_comes() -> None:
    plan = example_plan()
    assert review_due(plan, REVIEW_DAY - dt.timedelta(days=1)) is None
    due = review_due(plan, REVIEW_DAY)
    assert due is not None and due.date_reached and due.stop_hits == []


def test_due_when_the_stop_rule_fires_until_a_review_answers_it() -> None:
    plan = example_plan()
    rule = plan.limits.stop_rule
    assert rule is not None
    plan.limits.stop_rule = rule.model_copy(update={"min_hourly_rate": D(8)})
    day = dt.date(2026, 11, 25)
    due = review_due(plan, day)
    assert due is not None and not due.date_reached
    assert {h.platform for h in due.stop_hits} == {"Prolific"}  # Clickworker is too new
    record_review(plan, day, "keep_going", "One more month", next_review=REVIEW_DAY)
    assert review_due(plan, day + dt.timedelta(days=1)) is None
    assert review_due(plan, day + dt.timedelta(weeks=3)) is not None


def test_numbers_since_the_last_review() -> None:
    plan = example_plan()
    numbers = review_numbers(plan, dt.date(2026, 11, 20))
    assert numbers.totals.work_minutes == 490
    assert (numbers.milestones_done, numbers.milestones_open) == (1, 4)
    record_review(plan, dt.date(2026, 11, 12), "keep_going", "Fine")
    numbers = review_numbers(plan, dt.date(2026, 11, 20))
    assert numbers.totals.start == dt.date(2026, 11, 13)
    assert numbers.totals.work_minutes == 30 + 90 + 60 + 40


def test_recording_applies_the_decision() -> None:
    plan = example_plan()
    day = dt.date(2026, 12, 14)
    review = record_review(plan, day, Decision.DROP_PLATFORM, "Pays too little", platform="Toloka")
    assert plan.platform("Toloka").status is PlatformStatus.DROPPED  # type: ignore[union-attr]
    assert plan.limits.review_date == day + dt.timedelta(weeks=4) == review.next_review
    record_review(plan, day, "cut_hours", "Too tired", weekly_minutes=60)
    assert (plan.limits.weekly_minutes, plan.limits.daily_minutes) == (60, 60)
    record_review(
        plan,
        day,
        "move_hours_to_study",
        "Course first",
        goal="Written customer support",
        hours_per_week=1,
    )
    assert plan.goal("Written customer support").hours_per_week == 4  # type: ignore[union-attr]
    assert plan.limits.weekly_minutes == 0
    record_review(plan, day, "stop_microtasks", "Done with it")
    assert all(p.status is PlatformStatus.DROPPED for p in plan.platforms)
    assert [r.decision for r in plan.reviews] == [
        Decision.DROP_PLATFORM,
        Decision.CUT_HOURS,
        Decision.MOVE_HOURS_TO_STUDY,
        Decision.STOP_MICROTASKS,
    ]
    assert plan_from_toml(plan_to_toml(plan)) == plan


def test_a_review_made_on_one_copy_applies_to_another_once() -> None:
    # The app records in the file, then its own plan (with unsaved edits) takes the review.
    in_file, on_screen = example_plan(), example_plan()
    review = record_review(in_file, REVIEW_DAY, "drop_platform", "Pays little", platform="Toloka")
    apply_review(on_screen, review)
    apply_review(on_screen, review)  # the same id again: nothing more
    assert on_screen == in_file and len(on_screen.reviews) == 1
    gone = example_plan()
    gone.platforms = [p for p in gone.platforms if p.name != "Toloka"]
    before = gone.model_copy(deep=True)
    with pytest.raises(ReviewError, match="Toloka"):
        apply_review(gone, review)
    assert gone == before


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (("drop_platform", "x"), "platform: missing"),
        (("drop_platform", "x", {"platform": "Nowhere"}), "'Nowhere' is not one"),
        (("quit", "x"), "decision: must be one of"),
        (("keep_going", ""), "reason"),
        (("keep_going", "x", {"next_review": dt.date(2026, 1, 1)}), "next_review"),
        (("move_hours_to_study", "x", {"goal": "Written customer support"}), "hours a week"),
    ],
)
def test_a_decision_that_does_not_fit_changes_nothing(args: tuple, problem: str) -> None:  # type: ignore[type-arg]
    plan = example_plan()
    before = plan.model_copy(deep=True)
    extra = args[2] if len(args) > 2 else {}
    with pytest.raises(ReviewError) as info:
        record_review(plan, REVIEW_DAY, args[0], args[1], **extra)
    assert any(problem in p for p in info.value.problems), info.value.problems
    assert plan == before


def test_advice_links_existing_articles() -> None:
    guide = load_guide()
    for decision in Decision:
        assert advice(decision), decision
        for article_id in advice(decision):
            guide.article("en", article_id)
            guide.article("ru", article_id)
