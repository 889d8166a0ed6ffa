"""A plan as something to read or share: a summary (for ``show`` and ``show --json``),
Markdown, and an iCalendar file with the review date and every milestone.

User text is escaped on output: control characters (Unicode category Cc, except a
newline where the text may have several lines), bidirectional-override and line/paragraph
separator characters are shown as ``\\x1b``-style escapes, so a plan can't move the
cursor, recolour the terminal or reorder what is shown around it.

Money in the JSON summary is a string with two decimals (``"9.35"``), not a JSON number:
the plan keeps exact decimals and a float would not.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import json
import re
from collections.abc import Iterable
from decimal import Decimal
from typing import Any

from guide import __version__
from guide.checklist import CheckState, load_checklist
from guide.plan import (
    Plan,
    Platform,
    checklist_progress,
    days_to_review,
    limit_use,
    log_totals,
    next_milestones,
    platform_log_rate,
    platform_rate,
    stop_rule_hits,
)
from guide.printable import escape_text as escape_text  # re-exported for the CLI
from guide.printable import needs_escape
from guide.rate import naive_hourly_rate, round_money


def money(value: Decimal | None) -> str | None:
    """``value`` with two decimals, or None."""
    return None if value is None else str(round_money(value))


def _days(n: int) -> str:
    return f"{n} day" if abs(n) == 1 else f"{n} days"


def when(days_left: int) -> str:
    """When, from the days left: "today", "in 3 days" or "2 days ago"."""
    if days_left == 0:
        return "today"
    return f"in {_days(days_left)}" if days_left > 0 else f"{_days(-days_left)} ago"


def hours(minutes: int) -> str:
    """``95`` as ``"1 h 35 min"``."""
    h, m = divmod(minutes, 60)
    return f"{h} h {m} min" if h else f"{m} min"


# --- summary (show, show --json) -------------------------------------------------------------


def _platform_summary(plan: Plan, platform: Platform) -> dict[str, Any]:
    progress = checklist_progress(platform)
    minutes, earned = log_totals(plan, platform.name)
    naive = None
    if platform.pay_per_task is not None and platform.minutes_per_task is not None:
        naive = naive_hourly_rate(platform.pay_per_task, platform.minutes_per_task)
    return {
        "name": platform.name,
        "status": platform.status.value,
        "naive_hourly_rate": money(naive),
        "real_hourly_rate": money(platform_rate(platform)),
        "log_hourly_rate": money(platform_log_rate(plan, platform.name)),
        "logged_minutes": minutes,
        "earned": money(earned),
        "checklist": {
            "passed": progress.passed,
            "failed": progress.failed,
            "todo": progress.todo,
            "total": progress.total,
        },
    }


def plan_summary(plan: Plan, today: dt.date) -> dict[str, Any]:
    """What ``show`` prints, as JSON-ready data (user text not escaped yet)."""
    use = limit_use(plan, today)
    rule = plan.limits.stop_rule
    return {
        "title": plan.title,
        "language": plan.language.value,
        "today": today.isoformat(),
        "currency": plan.profile.currency,
        "limits": {
            "daily_minutes": use.daily_limit,
            "weekly_minutes": use.weekly_limit,
            "working_days": [d.value for d in plan.limits.working_days],
            "today_minutes": use.today_minutes,
            "week_minutes": use.week_minutes,
            "working_day": use.working_day,
            "left_today_minutes": use.left_today,
        },
        "review": {
            "date": plan.limits.review_date.isoformat(),
            "days_left": days_to_review(plan, today),
        },
        "stop_rule": None
        if rule is None
        else {
            "min_hourly_rate": money(rule.min_hourly_rate),
            "after_weeks": rule.after_weeks,
            "fires_for": [
                {"platform": h.platform, "log_hourly_rate": money(h.rate)}
                for h in stop_rule_hits(plan, today)
            ],
        },
        "platforms": [_platform_summary(plan, p) for p in plan.platforms],
        "goals": [
            {
                "skill": g.skill,
                "hours_per_week": g.hours_per_week,
                "target_date": g.target_date.isoformat() if g.target_date else None,
                "milestones_done": sum(m.done for m in g.milestones),
                "milestones_total": len(g.milestones),
            }
            for g in plan.goals
        ],
        "next_milestones": [
            {
                "goal": d.goal.skill,
                "title": d.milestone.title,
                "due": d.milestone.due.isoformat(),
                "days_left": d.days_left,
                "overdue": d.overdue,
            }
            for d in next_milestones(plan, today, limit=5)
        ],
    }


def summary_json(summary: dict[str, Any]) -> str:
    """The summary as JSON; control and bidi characters escaped as ``\\uXXXX``."""
    text = json.dumps(summary, ensure_ascii=False, indent=2)
    return "".join(f"\\u{ord(c):04x}" if needs_escape(c, True) else c for c in text)


def _rate(value: str | None, currency: str) -> str:
    return "unknown" if value is None else f"{value} {currency}/h"


def _platform_lines(summary: dict[str, Any]) -> Iterable[str]:
    cur = escape_text(summary["currency"])
    width = max((len(escape_text(p["name"])) for p in summary["platforms"]), default=0)
    for p in summary["platforms"]:
        check = p["checklist"]
        logged = (
            f"log {_rate(p['log_hourly_rate'], cur)} over {hours(p['logged_minutes'])}"
            if p["logged_minutes"]
            else "nothing logged"
        )
        yield (
            f"  {escape_text(p['name']):<{width}}  {p['status']:<11}  real "
            f"{_rate(p['real_hourly_rate'], cur)} (on paper {_rate(p['naive_hourly_rate'], cur)}); "
            f"{logged}; checklist {check['passed']}/{check['total']} ticked, "
            f"{check['failed']} failing"
        )


def summary_text(summary: dict[str, Any], source: str) -> str:
    """The summary as readable text for the terminal."""
    lim, review = summary["limits"], summary["review"]
    day_kind = "a working day" if lim["working_day"] else "not a working day"
    lines = [
        f"{escape_text(summary['title'])}  ({escape_text(source)})",
        f"Review on {review['date']}: {when(review['days_left'])}",
        "",
        "Time limits for microtasks",
        f"  today      {lim['today_minutes']} of {lim['daily_minutes']} min ({day_kind})",
        f"  this week  {lim['week_minutes']} of {lim['weekly_minutes']} min "
        f"({lim['left_today_minutes']} min left today)",
    ]
    rule = summary["stop_rule"]
    if rule is not None:
        cur = escape_text(summary["currency"])
        fires = ", ".join(
            f"{escape_text(h['platform'])} ({h['log_hourly_rate']} {cur}/h)"
            for h in rule["fires_for"]
        )
        lines.append(
            f"  stop rule  below {rule['min_hourly_rate']} {cur}/h "
            f"over {rule['after_weeks']} weeks: "
            + (f"stop {fires}" if fires else "nothing to stop")
        )
    lines += ["", "Platforms", *_platform_lines(summary)]
    if not summary["platforms"]:
        lines.append("  none yet")
    lines += ["", "Goals"]
    for g in summary["goals"]:
        by = f", by {g['target_date']}" if g["target_date"] else ""
        lines.append(
            f"  {escape_text(g['skill'])}: {g['milestones_done']} of {g['milestones_total']} "
            f"milestones done, {g['hours_per_week']} h/week{by}"
        )
    if not summary["goals"]:
        lines.append("  none yet")
    lines += ["", "Next milestones"]
    for m in summary["next_milestones"]:
        late = "OVERDUE, " if m["overdue"] else ""
        lines.append(
            f"  {m['due']}  {escape_text(m['title'])} ({escape_text(m['goal'])}; "
            f"{late}{when(m['days_left'])})"
        )
    if not summary["next_milestones"]:
        lines.append("  none")
    return "\n".join(lines) + "\n"


# --- Markdown ------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def md(text: str, *, multiline: bool = False) -> str:
    """User text for Markdown: escaped controls and Markdown punctuation."""
    escaped = _MD_SPECIAL.sub(r"\\\1", escape_text(text, multiline=multiline))
    return escaped.replace("\n", "  \n") if multiline else escaped


def _md_checklist(platform: Platform) -> list[str]:
    lines: list[str] = []
    for item in load_checklist().items:
        entry = platform.entry(item.id)
        state = entry.state if entry else CheckState.TODO
        box = "[x]" if state is CheckState.PASS else "[ ]"
        fails = "**fails:** " if state is CheckState.FAIL else ""
        note = f": {md(entry.note).replace(chr(10), ' ')}" if entry and entry.note else ""
        lines.append(f"- {box} {fails}{item.en}{note}")
    return lines


def to_markdown(plan: Plan, today: dt.date) -> str:
    """The plan as Markdown, for sharing or printing."""
    s = plan_summary(plan, today)
    cur = md(plan.profile.currency)
    lim = plan.limits
    out = [
        f"# {md(plan.title)}",
        "",
        f"Exported {today.isoformat()}. Review the plan on {lim.review_date.isoformat()} "
        f"({when(s['review']['days_left'])}).",
        "",
        "## Profile",
        "",
        f"- Goal: {plan.profile.goal.value.replace('_', ' ')}",
        f"- Career path: {plan.profile.path.value.replace('_', ' ')}",
        f"- Time available: {plan.profile.hours_per_week} hours a week",
        f"- Target rate: {money(plan.profile.target_hourly_rate)} {cur}/h",
        f"- Skills: {', '.join(md(x) for x in plan.profile.skills) or 'none listed'}",
        "",
        "## Time limits for microtasks",
        "",
        f"- At most {lim.daily_minutes} minutes a day and {lim.weekly_minutes} a week, on "
        + ", ".join(d.value.capitalize() for d in lim.working_days),
        f"- Used today: {s['limits']['today_minutes']} min; "
        f"this week: {s['limits']['week_minutes']} min",
    ]
    if lim.stop_rule is not None:
        out.append(
            f"- Stop rule: stop a platform whose real rate from the log stays below "
            f"{money(lim.stop_rule.min_hourly_rate)} {cur}/h over {lim.stop_rule.after_weeks} "
            "weeks"
        )
        out += [f"  - **Stop {md(h['platform'])}**" for h in s["stop_rule"]["fires_for"]]
    out += _md_platforms(plan, s, cur) + _md_goals(plan, s)
    return "\n".join(out) + "\n"


def _md_platforms(plan: Plan, s: dict[str, Any], cur: str) -> list[str]:
    out = ["", "## Platforms", ""]
    if not plan.platforms:
        return [*out, "None yet."]
    out += [
        "| Platform | Status | On paper | Real rate | From the log | Logged | Checklist |",
        "|---|---|---|---|---|---|---|",
    ]
    for p in s["platforms"]:
        c = p["checklist"]
        out.append(
            f"| {md(p['name'])} | {p['status']} | {_rate(p['naive_hourly_rate'], cur)} | "
            f"{_rate(p['real_hourly_rate'], cur)} | {_rate(p['log_hourly_rate'], cur)} | "
            f"{hours(p['logged_minutes'])} | {c['passed']}/{c['total']} ticked, "
            f"{c['failed']} failing |"
        )
    for platform in plan.platforms:
        out += ["", f"### {md(platform.name)}: vetting checklist", "", *_md_checklist(platform)]
    return out


def _md_goals(plan: Plan, s: dict[str, Any]) -> list[str]:
    out = ["", "## Goals"]
    if not plan.goals:
        out += ["", "None yet."]
    for goal in plan.goals:
        by = f", by {goal.target_date.isoformat()}" if goal.target_date else ""
        out += ["", f"### {md(goal.skill)}", "", f"{goal.hours_per_week} hours a week{by}."]
        if goal.why:
            out += ["", md(goal.why, multiline=True)]
        if goal.resources:
            out += ["", "Resources:", "", *(f"- {md(r)}" for r in goal.resources)]
        if goal.milestones:
            out += ["", "Milestones:", ""]
            out += [
                f"- [{'x' if m.done else ' '}] {md(m.title)} (due {m.due.isoformat()})"
                for m in goal.milestones
            ]
    out += ["", "## Next milestones", ""]
    out += [
        f"1. {m['due']}: {md(m['title'])} ({md(m['goal'])}), {when(m['days_left'])}"
        for m in s["next_milestones"]
    ] or ["None."]
    return out


# --- iCalendar (RFC 5545) --------------------------------------------------------------------


def ics_text(text: str) -> str:
    """A TEXT value: controls escaped, then ``\\``, ``;``, ``,`` and newlines (3.3.11)."""
    value = escape_text(text, multiline=True)
    value = value.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return value.replace("\n", "\\n")


def fold(line: str) -> str:
    """Fold a content line at 75 octets, never inside a UTF-8 character (3.1)."""
    parts: list[str] = []
    current, size, limit = "", 0, 75
    for ch in line:
        n = len(ch.encode("utf-8"))
        if size + n > limit:
            parts.append(current)
            current, size, limit = "", 0, 74  # a continuation line starts with a space
        current += ch
        size += n
    parts.append(current)
    return "\r\n ".join(parts)


def _ics_date(day: dt.date) -> str:
    return f"{day.year:04d}{day.month:02d}{day.day:02d}"


def _uid(plan: Plan, *parts: str) -> str:
    key = "\x1f".join([plan.created.isoformat(), *parts])
    return f"{hashlib.sha256(key.encode()).hexdigest()[:32]}@remote-guide"


def _event(uid: str, stamp: str, day: dt.date, summary: str, description: str) -> list[str]:
    end = (
        f"DTEND;VALUE=DATE:{_ics_date(day + dt.timedelta(days=1))}"
        if day < dt.date.max
        else "DURATION:P1D"
    )
    return [
        "BEGIN:VEVENT",
        f"UID:{uid}",
        f"DTSTAMP:{stamp}",
        f"DTSTART;VALUE=DATE:{_ics_date(day)}",
        end,
        f"SUMMARY:{ics_text(summary)}",
        f"DESCRIPTION:{ics_text(description)}",
        "TRANSP:TRANSPARENT",
        "END:VEVENT",
    ]


def to_ics(plan: Plan) -> str:
    """The review date and every milestone as all-day events, CRLF line endings.

    UIDs are derived from the plan's creation time and the event (goal and milestone
    title), so importing a newer export updates the same events. DTSTAMP is the plan's
    ``updated`` time in UTC (RFC 5545 3.8.7.2: without METHOD it is the last revision).
    """
    utc = plan.updated.astimezone(dt.UTC)
    stamp = f"{_ics_date(utc)}T{utc.hour:02d}{utc.minute:02d}{utc.second:02d}Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//remote-guide//remote-guide {__version__}//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{ics_text(plan.title)}",
    ]
    lines += _event(
        _uid(plan, "review"),
        stamp,
        plan.limits.review_date,
        f"Review plan: {plan.title}",
        "Review your remote-guide plan: limits, platforms, real hourly rates and goals.",
    )
    seen: dict[tuple[str, str], int] = {}
    for goal in plan.goals:
        for m in goal.milestones:
            n = seen[goal.skill, m.title] = seen.get((goal.skill, m.title), 0) + 1
            status = "Done. " if m.done else ""
            lines += _event(
                _uid(plan, "milestone", goal.skill, m.title, str(n)),
                stamp,
                m.due,
                f"Milestone: {m.title}",
                f"{status}Goal: {goal.skill}. Plan: {plan.title}.",
            )
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
