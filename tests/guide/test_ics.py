"""The .ics export read by the icalendar library: alarms, the weekly check-in."""

from __future__ import annotations

import datetime as dt

import icalendar

from guide.export import to_ics
from guide.plan import Language
from tests.guide.plan_samples import example_plan


def calendar(language: Language = Language.EN) -> icalendar.Calendar:
    plan = example_plan()
    plan.language = language
    return icalendar.Calendar.from_ical(to_ics(plan))


def test_review_and_open_milestones_have_alarms() -> None:
    events = list(calendar().walk("VEVENT"))
    review = events[0]
    assert str(review["SUMMARY"]) == "Review plan: Side income while I retrain"
    assert review.decoded("DTSTART") == dt.date(2026, 12, 14)
    alarms = review.walk("VALARM")
    assert len(alarms) == 1
    assert str(alarms[0]["ACTION"]) == "DISPLAY"
    assert alarms[0].decoded("TRIGGER") == dt.timedelta(hours=9)
    milestones = [e for e in events if str(e["SUMMARY"]).startswith("Milestone: ")]
    assert len(milestones) == 5
    done = [e for e in milestones if str(e["DESCRIPTION"]).startswith("Done.")]
    assert len(done) == 1 and done[0].walk("VALARM") == []
    assert all(len(e.walk("VALARM")) == 1 for e in milestones if e not in done)


def test_weekly_check_in_on_the_first_working_day() -> None:
    events = list(calendar().walk("VEVENT"))
    check_in = next(e for e in events if "RRULE" in e)
    rule = check_in["RRULE"]
    assert rule["FREQ"] == ["WEEKLY"] and rule["BYDAY"] == ["MO"]
    start = check_in.decoded("DTSTART")
    # The example was created on Monday 2026-11-02 and works Monday to Thursday and Saturday.
    assert start == dt.date(2026, 11, 2) and start.weekday() == 0
    assert str(check_in["SUMMARY"]) == "Weekly check-in: Side income while I retrain"


def test_check_in_moves_with_the_working_days() -> None:
    plan = example_plan()
    plan.limits.working_days = ["wednesday", "saturday"]  # type: ignore[list-item]
    cal = icalendar.Calendar.from_ical(to_ics(plan))
    check_in = next(e for e in cal.walk("VEVENT") if "RRULE" in e)
    assert check_in["RRULE"]["BYDAY"] == ["WE"]
    assert check_in.decoded("DTSTART") == dt.date(2026, 11, 4)


def test_russian_plan_exports_russian_events() -> None:
    events = list(calendar(Language.RU).walk("VEVENT"))
    assert str(events[0]["SUMMARY"]).startswith("Пересмотр плана: ")
    assert any(str(e["SUMMARY"]).startswith("Еженедельная сверка: ") for e in events)
