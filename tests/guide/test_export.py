"""Markdown and iCalendar exports, the summary, and escaping of user text."""

from __future__ import annotations

import datetime as dt
import json
import re

import pytest

from guide.export import (
    escape_text,
    fold,
    ics_text,
    md,
    plan_summary,
    summary_json,
    summary_text,
    to_ics,
    to_markdown,
)
from guide.plan import Goal, Milestone, Plan

from .plan_samples import example_plan

TODAY = dt.date(2026, 11, 21)


# --- escaping ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "shown"),
    [
        ("plain [bold] text 🙂", "plain [bold] text 🙂"),
        ("esc\x1b[31mred", "esc\\x1b[31mred"),
        ("tab\tnul\x00", "tab\\tnul\\x00"),
        ("c1\x9b", "c1\\x9b"),
        ("rtl\u202eevil", "rtl\\u202eevil"),
        ("line\u2028sep", "line\\u2028sep"),
        ("two\nlines", "two\\nlines"),
        ("עברית", "עברית"),
    ],
)
def test_escape_text(text: str, shown: str) -> None:
    assert escape_text(text) == shown


def test_escape_text_keeps_newlines_when_multiline() -> None:
    assert escape_text("a\nb\x07", multiline=True) == "a\nb\\x07"


def test_markdown_escapes_structure() -> None:
    assert md("a|b *c* [x](y) <b> #1 `x`") == "a\\|b \\*c\\* \\[x\\](y) \\<b\\> \\#1 \\`x\\`"
    assert md("one\ntwo", multiline=True) == "one  \ntwo"


# --- summary -------------------------------------------------------------------------------


def test_summary_data() -> None:
    summary = plan_summary(example_plan(), TODAY)
    assert summary["limits"]["week_minutes"] == 190
    assert summary["limits"]["today_minutes"] == 0
    assert summary["review"] == {"date": "2026-12-14", "days_left": 23}
    prolific = summary["platforms"][0]
    assert prolific["naive_hourly_rate"] == "9.00"
    assert prolific["real_hourly_rate"] == "5.80"
    assert prolific["log_hourly_rate"] == "4.55"
    assert prolific["earned"] == "29.55"
    assert prolific["checklist"] == {"passed": 12, "failed": 0, "todo": 3, "total": 15}
    assert summary["next_milestones"][0]["title"] == "Write ten sample replies and get feedback"
    assert summary["stop_rule"]["fires_for"] == []
    late = plan_summary(example_plan(), dt.date(2026, 11, 26))
    assert late["stop_rule"]["fires_for"] == [
        {"platform": "Prolific", "log_hourly_rate": "4.47"},
        {"platform": "Clickworker", "log_hourly_rate": "2.31"},
    ]


def test_summary_text_and_json_escape_user_text() -> None:
    plan = example_plan()
    plan.title = "Evil \u202e title"
    plan.goals[0].skill = "Skill \u2066x"
    summary = plan_summary(plan, TODAY)
    text = summary_text(summary, "p.toml", "en")
    assert text.startswith("Evil \\u202e title  (p.toml)\n")
    assert "Skill \\u2066x: 3 milestones left of 4" in text
    assert "\u202e" not in text and "\u2066" not in text
    data = summary_json(summary)
    assert "\u202e" not in data and "\\u202e" in data
    assert json.loads(data)["title"] == "Evil \u202e title"


# --- Markdown ------------------------------------------------------------------------------


def test_markdown_export() -> None:
    text = to_markdown(example_plan(), TODAY)
    assert text.startswith("# Side income while I retrain\n")
    assert "Review the plan on 14 Dec 2026 (in 23 days)." in text
    assert (
        "| Prolific | active | $9.00/h | $5.80/h | $4.55/h | 5 h 40 min "
        "| 12/15 ticked, 0 checks failing |"
    ) in text
    assert "- [x] Finish course 1: Foundations (due 30 Nov 2026)" in text
    assert "- [ ] Book the CAPM exam (due 1 Apr 2027)" in text
    assert "- [ ] **fails:** Each task shows a time estimate" in text
    assert "Move from gig work to a remote project coordinator role.  \nThe Google" in text


def test_markdown_escapes_user_text() -> None:
    plan = example_plan()
    plan.platforms[2].name = "Toloka | *bold*"
    text = to_markdown(plan, TODAY)
    assert "| Toloka \\| \\*bold\\* | considering |" in text


# --- iCalendar -----------------------------------------------------------------------------


def unfold(ics: str) -> list[str]:
    return ics.replace("\r\n ", "").split("\r\n")[:-1]


def events(ics: str) -> list[dict[str, str]]:
    out: list[dict[str, str]] = []
    alarm = False
    for line in unfold(ics):
        alarm = (alarm or line == "BEGIN:VALARM") and line != "END:VALARM"
        if line == "BEGIN:VEVENT":
            out.append({})
        elif out and not alarm and line != "END:VEVENT" and not line.startswith("END:"):
            name, _, value = line.partition(":")
            out[-1][name] = value
    return out


def test_ics_is_rfc5545_shaped() -> None:
    ics = to_ics(example_plan())
    raw = ics.encode("utf-8")
    assert raw.endswith(b"\r\n")
    assert b"\n" not in raw.replace(b"\r\n", b"")  # CRLF only
    for line in raw.split(b"\r\n"):
        assert len(line) <= 75
        line.decode("utf-8")  # never split inside a character
    lines = unfold(ics)
    assert lines[:3] == [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//remote-guide//remote-guide 0.1.0//EN",
    ]
    assert lines[-1] == "END:VCALENDAR"
    # review + 5 milestones + the weekly check-in
    assert lines.count("BEGIN:VEVENT") == lines.count("END:VEVENT") == 7


def test_ics_events() -> None:
    found = events(to_ics(example_plan()))
    review = found[0]
    assert review["DTSTART;VALUE=DATE"] == "20261214"
    assert review["DTEND;VALUE=DATE"] == "20261215"
    assert review["SUMMARY"] == "Review plan: Side income while I retrain"
    assert review["DESCRIPTION"].startswith("Review your remote-guide plan: limits\\, platforms")
    assert review["DTSTAMP"] == "20261120T184000Z"  # updated 21:40 at +03:00
    milestones = [(e["DTSTART;VALUE=DATE"], e["SUMMARY"]) for e in found[1:-1]]
    assert milestones[0] == ("20261130", "Milestone: Finish course 1: Foundations")
    assert found[1]["DESCRIPTION"].startswith("Done. ")
    assert len({e["UID"] for e in found}) == 7
    assert all(re.fullmatch(r"[0-9a-f]{32}@remote-guide", e["UID"]) for e in found)


def test_ics_uids_are_stable_across_exports() -> None:
    first = [e["UID"] for e in events(to_ics(example_plan()))]
    plan = example_plan()
    plan.updated = dt.datetime(2026, 11, 25, 8, 0, tzinfo=dt.UTC)
    assert [e["UID"] for e in events(to_ics(plan))] == first


def test_ics_text_escaping_and_folding() -> None:
    assert ics_text("a,b;c\\d\ne") == "a\\,b\\;c\\\\d\\ne"
    plan = example_plan()
    plan.goals = [
        Goal(
            skill="Русский, навык; с \\ и переносом",
            hours_per_week=1,
            milestones=[
                Milestone(title="Очень длинное название этапа " * 3, due=dt.date(9999, 12, 31))
            ],
        )
    ]
    ics = to_ics(Plan.model_validate(plan.model_dump()))
    event = events(ics)[1]
    assert event["DESCRIPTION"].startswith("Goal: Русский\\, навык\\; с \\\\ и переносом.")
    assert event["SUMMARY"] == "Milestone: " + "Очень длинное название этапа " * 3
    assert event["DURATION"] == "P1D"  # no day after 9999-12-31
    for line in ics.encode("utf-8").split(b"\r\n"):
        assert len(line) <= 75


def test_fold_counts_octets() -> None:
    line = "X:" + "я" * 100  # 2 + 200 octets
    parts = fold(line).split("\r\n")
    assert [len(p.encode()) for p in parts] == [74, 75, 55]  # a 2-octet letter never split
    assert all(p.startswith(" ") for p in parts[1:])
    assert "".join(p[1:] if i else p for i, p in enumerate(parts)) == line


def test_show_and_markdown_include_the_reviews() -> None:
    from guide.review import record_review

    plan = example_plan()
    record_review(plan, dt.date(2026, 12, 14), "drop_platform", "Pays [b]little", platform="Toloka")
    summary = plan_summary(plan, dt.date(2026, 12, 15))
    assert summary["reviews"][0]["decision"] == "drop_platform"
    text = summary_text(summary, "plan.toml", "en")
    line = "  14 Dec 2026  Drop a platform (Toloka): Pays [b]little; next review 11 Jan 2027"
    assert line in text
    markdown = to_markdown(plan, dt.date(2026, 12, 15))
    assert "## Reviews\n\n- 14 Dec 2026  Drop a platform (Toloka): Pays \\[b\\]little;" in markdown
    russian = summary_text(summary, "plan.toml", "ru")
    assert "  14 декабря 2026  Отказаться от платформы (Toloka)" in russian
    # What a cut or a move changed is part of its line.
    record_review(plan, dt.date(2026, 12, 15), "cut_hours", "Tired", weekly_minutes=240)
    goal = plan.goals[0].skill
    record_review(
        plan, dt.date(2026, 12, 15), "move_hours_to_study", "Study", goal=goal, hours_per_week=2
    )
    text = summary_text(plan_summary(plan, dt.date(2026, 12, 15)), "plan.toml", "en")
    assert "Cut the hours for microtasks (weekly limit 240 min): Tired" in text
    assert f"Move hours to study ({goal}, 2 h a week): Study" in text
    russian = summary_text(plan_summary(plan, dt.date(2026, 12, 15)), "plan.toml", "ru")
    assert f"Перенести часы на учёбу ({goal}, 2 ч в неделю)" in russian
    assert "(недельный лимит 240 мин)" in to_markdown(plan, dt.date(2026, 12, 15), lang="ru")
