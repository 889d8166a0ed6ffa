"""The stored timer: start, stop, status, the daily-limit notice, --since."""

from __future__ import annotations

import datetime as dt

import pytest

from guide.log import LogError
from guide.plan import EntryKind, Plan
from guide.storage import plan_from_toml, plan_to_toml
from guide.timer import (
    SinceLater,
    TimerError,
    cancel_timer,
    parse_since,
    start_timer,
    stop_timer,
    take_limit_notice,
    time_up,
    timer_status,
)
from tests.guide.plan_samples import TZ, example_plan

# Thursday 2026-11-19, a working day; the example logs 40 min of Prolific that day.
NOW = dt.datetime(2026, 11, 19, 10, 0, tzinfo=TZ)
GOAL = "Project coordination"


@pytest.fixture
def plan() -> Plan:
    return example_plan()


def test_since_is_today_or_an_explicit_date_and_time() -> None:
    assert parse_since("09:15", NOW) == NOW.replace(hour=9, minute=15)
    assert parse_since("10:00", NOW) == NOW  # now itself is fine
    # A time later than now is refused, not taken as yesterday (a 20-hour session).
    with pytest.raises(SinceLater) as later:
        parse_since("23:50", NOW)
    assert later.value.yesterday == NOW.replace(hour=23, minute=50) - dt.timedelta(days=1)
    yesterday = NOW.replace(day=18, hour=23, minute=50)
    assert parse_since("2026-11-18 23:50", NOW) == yesterday
    assert parse_since("2026-11-18T23:50", NOW) == yesterday
    assert parse_since("2026-11-18T20:50Z", NOW) == yesterday  # an offset of its own
    for bad in ("9", "24:00", "10:60", "ten", "2026-11-31 10:00", "2026-11-18", "18.11 23:50"):
        with pytest.raises(TimerError):
            parse_since(bad, NOW)


def test_start_stores_the_timer_and_stop_logs_whole_minutes(plan: Plan) -> None:
    timer = start_timer(plan, NOW, platform="Prolific")
    assert plan_from_toml(plan_to_toml(plan)).timer == timer
    with pytest.raises(TimerError, match="already running"):
        start_timer(plan, NOW, platform="Toloka")
    entry = stop_timer(plan, NOW + dt.timedelta(minutes=25, seconds=59), earned=2, tasks=4)
    assert entry is not None and plan.timer is None
    assert (entry.minutes, entry.platform, entry.date, entry.tasks) == (
        25,
        "Prolific",
        NOW.date(),
        4,
    )
    assert plan.log[-1] == entry


def test_study_timer_logs_study(plan: Plan) -> None:
    start_timer(plan, NOW, goal=GOAL, since=NOW - dt.timedelta(minutes=50))
    entry = stop_timer(plan, NOW)
    assert entry is not None and entry.kind is EntryKind.STUDY and entry.minutes == 50


def test_start_refuses_unknown_subjects_and_odd_starts(plan: Plan) -> None:
    with pytest.raises(LogError, match="Nowhere"):
        start_timer(plan, NOW, platform="Nowhere")
    with pytest.raises(TimerError, match="future"):
        start_timer(plan, NOW, platform="Prolific", since=NOW + dt.timedelta(minutes=1))
    with pytest.raises(TimerError, match="more than a day"):
        start_timer(plan, NOW, platform="Prolific", since=NOW - dt.timedelta(days=2))
    with pytest.raises(TimerError, match="either"):
        start_timer(plan, NOW)
    assert plan.timer is None


def test_stop_edge_cases(plan: Plan) -> None:
    with pytest.raises(TimerError, match="no timer"):
        stop_timer(plan, NOW)
    start_timer(plan, NOW, platform="Prolific")
    assert stop_timer(plan, NOW + dt.timedelta(seconds=40)) is None  # under a minute
    assert plan.timer is None and len(plan.log) == 9
    start_timer(plan, NOW, platform="Prolific")
    later = NOW + dt.timedelta(hours=30)
    with pytest.raises(TimerError, match="longer than a day"):
        stop_timer(plan, later)
    assert plan.timer is not None  # kept, so nothing is lost
    with pytest.raises(LogError, match="earned"):
        stop_timer(plan, later, minutes=60, earned=-1)
    with pytest.raises(LogError, match="minutes: must be between 1 and 1440"):
        stop_timer(plan, later, minutes=2000)
    assert plan.timer is not None
    entry = stop_timer(plan, later, minutes=60)
    assert entry is not None and entry.minutes == 60
    start_timer(plan, NOW, platform="Prolific")
    assert cancel_timer(plan) is not None and plan.timer is None


def test_status_counts_the_running_session(plan: Plan) -> None:
    assert not timer_status(plan, NOW).running
    start_timer(plan, NOW, platform="Prolific")
    status = timer_status(plan, NOW + dt.timedelta(minutes=20))
    # Daily limit 90, 40 logged today, 20 running: 30 left.
    assert (status.elapsed_minutes, status.today_minutes, status.left_today) == (20, 60, 30)
    assert (status.week_minutes, status.left_week) == (210, 240)
    assert status.working_day and not status.limit_reached


def test_limit_notice_comes_once(plan: Plan) -> None:
    start_timer(plan, NOW, platform="Prolific")
    assert not take_limit_notice(plan, NOW + dt.timedelta(minutes=49))
    assert time_up(plan, NOW + dt.timedelta(minutes=50))
    assert take_limit_notice(plan, NOW + dt.timedelta(minutes=50))
    assert plan.timer is not None and plan.timer.limit_notified
    assert not take_limit_notice(plan, NOW + dt.timedelta(minutes=60))


def test_study_never_hits_the_microtask_limit(plan: Plan) -> None:
    start_timer(plan, NOW, goal=GOAL)
    assert not time_up(plan, NOW + dt.timedelta(hours=5))
    assert timer_status(plan, NOW + dt.timedelta(hours=5)).left_today == 50
