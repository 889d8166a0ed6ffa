"""Weekly history, totals for taxes and study against the goals."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

from guide.derived import platform_log_rate
from guide.log import add_entry, make_entry
from guide.rate import round_money
from guide.weekly import (
    history_json,
    iso_week,
    month_totals,
    study_week,
    totals,
    weekly_history,
    year_totals,
)
from tests.guide.plan_samples import TZ, example_plan

NOW = dt.datetime(2026, 11, 20, 12, 0, tzinfo=TZ)
TODAY = NOW.date()
GOAL = "Project coordination"


def test_iso_week_names() -> None:
    assert iso_week(dt.date(2026, 11, 30)) == "2026-W49"
    assert iso_week(dt.date(2027, 1, 1)) == "2026-W53"


def test_history_is_newest_first_and_adds_up() -> None:
    plan = example_plan()
    weeks = weekly_history(plan, TODAY)
    assert [w.week for w in weeks] == ["2026-W47", "2026-W46", "2026-W45"]
    assert sum(w.work_minutes for w in weeks) == sum(e.minutes for e in plan.log)
    assert sum((w.earned for w in weeks), D(0)) == sum((e.earned for e in plan.log), D(0))
    w45 = weeks[-1]
    assert w45.start == dt.date(2026, 11, 2)
    assert w45.platforms["Prolific"].minutes == 105
    assert w45.platforms["Clickworker"].earned == D("2.35")


def test_a_week_of_one_platform_has_the_platforms_log_rate() -> None:
    plan = example_plan()
    plan.log[:] = [e for e in plan.log if e.platform == "Prolific"]
    week = weekly_history(plan, TODAY)[0]
    start, end = week.start, week.start + dt.timedelta(days=6)
    assert week.real_rate == platform_log_rate(plan, "Prolific", start, end)


def test_empty_weeks_are_included_and_real_rate_is_null() -> None:
    plan = example_plan()
    add_entry(plan, make_entry(plan, NOW, date=dt.date(2026, 12, 9), minutes=45, goal=GOAL))
    data = history_json(plan, dt.date(2026, 12, 10), weeks=3)
    assert [w["week"] for w in data["weeks"]] == ["2026-W50", "2026-W49", "2026-W48"]
    assert data["weeks"][0] == {
        "week": "2026-W50",
        "start": "2026-12-07",
        "work_minutes": 0,
        "study_minutes": 45,
        "earned": "0.00",
        "real_rate": None,
        "platforms": {},
        "goals": {GOAL: 45},
    }
    assert data["weeks"][1]["goals"] == {}


def test_history_of_an_empty_log() -> None:
    plan = example_plan()
    plan.log.clear()
    assert weekly_history(plan, TODAY) == []
    assert len(weekly_history(plan, TODAY, weeks=12)) == 12


def test_totals_take_withdrawal_fees_and_tax() -> None:
    plan = example_plan()
    month = month_totals(plan, TODAY)
    assert month.platforms == year_totals(plan, TODAY).platforms
    prolific, clickworker = month.platforms["Prolific"], month.platforms["Clickworker"]
    assert prolific.earned == D("29.55")
    assert prolific.withdrawal_fees == D("29.55") * D("0.03")  # 3% withdrawal fee
    assert prolific.tax == (D("29.55") - prolific.withdrawal_fees) * D("0.10")
    # Clickworker: $1 per $20 payout, then 10% tax.
    assert round_money(clickworker.withdrawal_fees) == round_money(D("6.85") / 20)
    assert month.net == month.earned - month.withdrawal_fees - month.tax
    assert totals(plan, dt.date(2026, 11, 10), dt.date(2026, 11, 10)).work_minutes == 75


def test_study_this_week_against_the_goal() -> None:
    plan = example_plan()
    for day in (16, 18):
        add_entry(plan, make_entry(plan, NOW, date=dt.date(2026, 11, day), minutes=90, goal=GOAL))
    week = study_week(plan, GOAL, TODAY)
    assert week is not None
    assert (week.minutes, week.target_minutes) == (180, 600)
    assert week.fraction == 0.3
    assert (week.milestones_done, week.milestones_total) == (1, 4)
    assert study_week(plan, "Knitting", TODAY) is None
