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
from guide.derived import (
    checklist_progress,
    days_to_review,
    limit_use,
    log_totals,
    next_milestones,
    platform_log_rate,
    platform_rate,
    stop_rule_hits,
)
from guide.i18n import Lang, date_text, duration_text, t, tn, when_text
from guide.plan import EntryKind, Plan, Platform, Weekday
from guide.printable import escape_text as escape_text  # re-exported for the CLI
from guide.printable import needs_escape
from guide.rate import money_text, naive_hourly_rate, round_money
from guide.weekly import Totals, month_totals, study_weeks, year_totals


def money(value: Decimal | None) -> str | None:
    """``value`` with two decimals, or None."""
    return None if value is None else str(round_money(value))


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


def _totals(totals: Totals) -> dict[str, Any]:
    return {
        "start": totals.start.isoformat(),
        "end": totals.end.isoformat(),
        "work_minutes": totals.work_minutes,
        "study_minutes": totals.study_minutes,
        "earned": money(totals.earned),
        "withdrawal_fees": money(totals.withdrawal_fees),
        "tax": money(totals.tax),
        "net": money(totals.net),
    }


def plan_summary(plan: Plan, today: dt.date) -> dict[str, Any]:
    """What ``show`` prints, as JSON-ready data (user text not escaped yet)."""
    use = limit_use(plan, today)
    study = {s.goal: s.minutes for s in study_weeks(plan, today)}
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
                "study_minutes_this_week": study.get(g.skill, 0),
            }
            for g in plan.goals
        ],
        "totals": {
            "month": _totals(month_totals(plan, today)),
            "year": _totals(year_totals(plan, today)),
        },
        "timer": _timer(plan),
        "reviews": _reviews(plan),
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


def _exact(value: Decimal) -> str:
    return format(value, "f")


def log_json(plan: Plan) -> list[dict[str, Any]]:
    """The log for ``show --json``, in log order: money as exact decimal strings (the
    summary's amounts are rounded to cents; an entry's are kept as logged), unset fields
    as null."""
    return [
        {
            "id": e.id,
            "kind": e.kind.value,
            "date": e.date.isoformat(),
            "platform": e.platform,
            "goal": e.goal,
            "minutes": e.minutes,
            "earned": _exact(e.earned) if e.kind is EntryKind.WORK else None,
            "tasks": e.tasks,
            "approved": e.approved,
            "rejected": e.rejected,
            "note": e.note,
            "changed": e.changed.isoformat() if e.changed else None,
        }
        for e in plan.log
    ]


def _reviews(plan: Plan) -> list[dict[str, Any]]:
    return [
        {
            "id": r.id,
            "date": r.date.isoformat(),
            "decision": r.decision.value,
            "reason": r.reason,
            "next_review": r.next_review.isoformat(),
            "platform": r.platform,
            "goal": r.goal,
            "weekly_minutes": r.weekly_minutes,
            "hours_per_week": r.hours_per_week,
        }
        for r in plan.reviews
    ]


def _timer(plan: Plan) -> dict[str, Any] | None:
    timer = plan.timer
    if timer is None:
        return None
    return {
        "started": timer.started.isoformat(),
        "kind": timer.kind.value,
        "platform": timer.platform,
        "goal": timer.goal,
    }


def summary_json(summary: dict[str, Any]) -> str:
    """The summary as JSON; control and bidi characters escaped as ``\\uXXXX``."""
    text = json.dumps(summary, ensure_ascii=False, indent=2)
    return "".join(f"\\u{ord(c):04x}" if needs_escape(c, True) else c for c in text)


def _rate(value: str | None, currency: str, lang: Lang) -> str:
    """A money string from the summary as a rate per hour, written the reader's way."""
    if value is None:
        return t(lang, "rate_unknown")
    return t(lang, "per_hour", rate=money_text(Decimal(value), currency, lang))


def _platform_lines(summary: dict[str, Any], lang: Lang) -> Iterable[str]:
    cur = summary["currency"]
    width = max((len(escape_text(p["name"])) for p in summary["platforms"]), default=0)
    statuses = {p["name"]: t(lang, f"status_{p['status']}") for p in summary["platforms"]}
    status_width = max((len(s) for s in statuses.values()), default=0)
    for p in summary["platforms"]:
        check = p["checklist"]
        logged = (
            t(
                lang,
                "show_logged",
                rate=_rate(p["log_hourly_rate"], cur, lang),
                time=duration_text(lang, p["logged_minutes"]),
            )
            if p["logged_minutes"]
            else t(lang, "show_nothing_logged")
        )
        yield t(
            lang,
            "show_platform",
            name=f"{escape_text(p['name']):<{width}}",
            status=f"{statuses[p['name']]:<{status_width}}",
            real=_rate(p["real_hourly_rate"], cur, lang),
            naive=_rate(p["naive_hourly_rate"], cur, lang),
            logged=logged,
            checklist=tn(
                lang,
                "show_checklist",
                check["failed"],
                passed=check["passed"],
                total=check["total"],
            ),
        )


def summary_text(summary: dict[str, Any], source: str, lang: Lang) -> str:
    """The summary as readable text for the terminal, in ``lang``."""
    lim, review = summary["limits"], summary["review"]
    day_kind = t(lang, "show_working_day" if lim["working_day"] else "show_not_working_day")
    review_date = date_text(lang, dt.date.fromisoformat(review["date"]))
    lines = [
        f"{escape_text(summary['title'])}  ({escape_text(source)})",
        t(lang, "show_review", date=review_date, when=when_text(lang, review["days_left"])),
        "",
        t(lang, "show_limits"),
        t(lang, "show_today", used=lim["today_minutes"], limit=lim["daily_minutes"], kind=day_kind),
        t(
            lang,
            "show_week",
            used=lim["week_minutes"],
            limit=lim["weekly_minutes"],
            left=lim["left_today_minutes"],
        ),
    ]
    rule = summary["stop_rule"]
    if rule is not None:
        lines.append(_stop_rule_line(rule, summary["currency"], lang))
    lines += ["", t(lang, "show_earnings"), *_totals_lines(summary, lang)]
    lines += ["", t(lang, "show_platforms"), *_platform_lines(summary, lang)]
    if not summary["platforms"]:
        lines.append(t(lang, "show_none_yet"))
    lines += ["", t(lang, "show_goals"), *_goal_lines(summary, lang)]
    if not summary["goals"]:
        lines.append(t(lang, "show_none_yet"))
    lines += ["", t(lang, "show_next")]
    dates = [date_text(lang, dt.date.fromisoformat(m["due"])) for m in summary["next_milestones"]]
    width = max((len(d) for d in dates), default=0)
    for m, date in zip(summary["next_milestones"], dates, strict=True):
        lines.append(
            t(
                lang,
                "show_milestone",
                date=f"{date:<{width}}",
                title=escape_text(m["title"]),
                goal=escape_text(m["goal"]),
                late=t(lang, "show_overdue") if m["overdue"] else "",
                when=when_text(lang, m["days_left"]),
            )
        )
    if not summary["next_milestones"]:
        lines.append(t(lang, "show_none"))
    lines += ["", t(lang, "show_reviews"), *_review_lines(summary["reviews"], lang, escape_text)]
    if not summary["reviews"]:
        lines.append(t(lang, "show_none_yet"))
    return "\n".join(lines) + "\n"


def _totals_lines(summary: dict[str, Any], lang: Lang) -> Iterable[str]:
    cur = summary["currency"]
    for key in ("month", "year"):
        tot = summary["totals"][key]
        amounts = ("earned", "withdrawal_fees", "tax", "net")
        yield t(
            lang,
            f"show_totals_{key}",
            **{k: money_text(Decimal(tot[k]), cur, lang) for k in amounts},
        )


def _review_lines(reviews: list[dict[str, Any]], lang: Lang, esc: Any) -> list[str]:
    lines = []
    for r in reviews:
        what = t(lang, f"cli_decision_{r['decision']}")
        details = [esc(r["platform"] or r["goal"])] if r["platform"] or r["goal"] else []
        if r["hours_per_week"]:  # move_hours_to_study: how many
            details.append(t(lang, "show_review_hours", hours=r["hours_per_week"]))
        if r["weekly_minutes"] is not None:  # cut_hours: to what
            details.append(t(lang, "show_review_weekly", minutes=r["weekly_minutes"]))
        if details:
            what += f" ({', '.join(details)})"
        day, then = (date_text(lang, dt.date.fromisoformat(r[k])) for k in ("date", "next_review"))
        lines.append(
            t(lang, "show_review_line", date=day, what=what, reason=esc(r["reason"]), next=then)
        )
    return lines


def _stop_rule_line(rule: dict[str, Any], currency: str, lang: Lang) -> str:
    fires = ", ".join(
        f"{escape_text(h['platform'])} ({_rate(h['log_hourly_rate'], currency, lang)})"
        for h in rule["fires_for"]
    )
    action = t(lang, "show_stop", platforms=fires) if fires else t(lang, "show_nothing_to_stop")
    return tn(
        lang,
        "show_stop_rule",
        rule["after_weeks"],
        rate=_rate(rule["min_hourly_rate"], currency, lang),
        action=action,
    )


def _goal_lines(summary: dict[str, Any], lang: Lang) -> Iterable[str]:
    for g in summary["goals"]:
        by = (
            t(lang, "show_by", date=date_text(lang, dt.date.fromisoformat(g["target_date"])))
            if g["target_date"]
            else ""
        )
        left = g["milestones_total"] - g["milestones_done"]
        yield (
            t(
                lang,
                "show_goal",
                skill=escape_text(g["skill"]),
                milestones=tn(lang, "milestones_left", left, total=g["milestones_total"]),
                hours=tn(lang, "hours_a_week", g["hours_per_week"]),
            )
            + by
            + t(lang, "show_studied", hours=duration_text(lang, g["study_minutes_this_week"]))
        )


# --- Markdown ------------------------------------------------------------------------------

_MD_SPECIAL = re.compile(r"([\\`*_\[\]<>|#~])")


def md(text: str, *, multiline: bool = False) -> str:
    """User text for Markdown: escaped controls and Markdown punctuation."""
    escaped = _MD_SPECIAL.sub(r"\\\1", escape_text(text, multiline=multiline))
    return escaped.replace("\n", "  \n") if multiline else escaped


def _md_checklist(platform: Platform, lang: Lang) -> list[str]:
    lines: list[str] = []
    for item in load_checklist().items:
        entry = platform.entry(item.id)
        state = entry.state if entry else CheckState.TODO
        box = "[x]" if state is CheckState.PASS else "[ ]"
        fails = f"**{t(lang, 'md_fails')}** " if state is CheckState.FAIL else ""
        note = f": {md(entry.note).replace(chr(10), ' ')}" if entry and entry.note else ""
        lines.append(f"- {box} {fails}{item.text(lang)}{note}")
    return lines


def to_markdown(plan: Plan, today: dt.date, lang: Lang | None = None) -> str:
    """The plan as Markdown, for sharing or printing, in ``lang`` (default: the plan's
    language)."""
    lang = lang or plan.language.value
    s = plan_summary(plan, today)
    cur = plan.profile.currency
    lim = plan.limits
    profile = plan.profile
    skills = ", ".join(md(x) for x in profile.skills) or t(lang, "md_no_skills")
    out = [
        f"# {md(plan.title)}",
        "",
        t(
            lang,
            "md_exported",
            today=date_text(lang, today),
            date=date_text(lang, lim.review_date),
            when=when_text(lang, s["review"]["days_left"]),
        ),
        "",
        f"## {t(lang, 'md_profile')}",
        "",
        "- " + t(lang, "md_goal", goal=t(lang, f"goal_{profile.goal.value}")),
        "- " + t(lang, "md_path", path=t(lang, f"path_{profile.path.value}")),
        "- " + t(lang, "md_time", hours=tn(lang, "hours_a_week", profile.hours_per_week)),
        "- " + t(lang, "md_target", rate=_money_rate(profile.target_hourly_rate, cur, lang)),
        "- " + t(lang, "md_skills", skills=skills),
        "",
        f"## {t(lang, 'md_limits')}",
        "",
        "- "
        + t(
            lang,
            "md_limits_line",
            daily=lim.daily_minutes,
            weekly=lim.weekly_minutes,
            days=", ".join(t(lang, f"day_{d.value}") for d in lim.working_days),
        ),
        "- "
        + t(lang, "md_used", today=s["limits"]["today_minutes"], week=s["limits"]["week_minutes"]),
    ]
    if lim.stop_rule is not None:
        rate = _money_rate(lim.stop_rule.min_hourly_rate, cur, lang)
        out.append("- " + tn(lang, "md_stop_rule", lim.stop_rule.after_weeks, rate=rate))
        out += [
            f"  - **{t(lang, 'md_stop', platform=md(h['platform']))}**"
            for h in s["stop_rule"]["fires_for"]
        ]
    out += _md_platforms(plan, s, lang) + _md_goals(plan, s, lang)
    out += ["", f"## {t(lang, 'md_reviews')}", ""]
    reviews = _review_lines(s["reviews"], lang, md)
    out += [f"- {line.strip()}" for line in reviews] or [t(lang, "md_none_yet")]
    return "\n".join(out) + "\n"


def _money_rate(value: Decimal, currency: str, lang: Lang) -> str:
    return t(lang, "per_hour", rate=money_text(value, currency, lang))


def _md_platforms(plan: Plan, s: dict[str, Any], lang: Lang) -> list[str]:
    out = ["", f"## {t(lang, 'md_platforms')}", ""]
    if not plan.platforms:
        return [*out, t(lang, "md_none_yet")]
    out += [t(lang, "md_table_head"), "|---|---|---|---|---|---|---|"]
    cur = s["currency"]
    for p in s["platforms"]:
        c = p["checklist"]
        cells = [
            md(p["name"]),
            t(lang, f"status_{p['status']}"),
            _rate(p["naive_hourly_rate"], cur, lang),
            _rate(p["real_hourly_rate"], cur, lang),
            _rate(p["log_hourly_rate"], cur, lang),
            duration_text(lang, p["logged_minutes"]),
            tn(lang, "md_checklist_cell", c["failed"], passed=c["passed"], total=c["total"]),
        ]
        out.append(f"| {' | '.join(cells)} |")
    for platform in plan.platforms:
        heading = t(lang, "md_vetting", platform=md(platform.name))
        out += ["", f"### {heading}", "", *_md_checklist(platform, lang)]
    return out


def _md_goals(plan: Plan, s: dict[str, Any], lang: Lang) -> list[str]:
    out = ["", f"## {t(lang, 'md_goals')}"]
    if not plan.goals:
        out += ["", t(lang, "md_none_yet")]
    for goal in plan.goals:
        by = t(lang, "show_by", date=date_text(lang, goal.target_date)) if goal.target_date else ""
        hours = tn(lang, "hours_a_week", goal.hours_per_week)
        out += ["", f"### {md(goal.skill)}", "", t(lang, "md_goal_hours", hours=hours, by=by)]
        if goal.why:
            out += ["", md(goal.why, multiline=True)]
        if goal.resources:
            out += ["", t(lang, "md_resources"), "", *(f"- {md(r)}" for r in goal.resources)]
        if goal.milestones:
            out += ["", t(lang, "md_milestones"), ""]
            out += [
                f"- [{'x' if m.done else ' '}] {md(m.title)} "
                f"({t(lang, 'md_due', date=date_text(lang, m.due))})"
                for m in goal.milestones
            ]
    out += ["", f"## {t(lang, 'md_next')}", ""]
    out += [
        f"1. {date_text(lang, dt.date.fromisoformat(m['due']))}: {md(m['title'])} "
        f"({md(m['goal'])}), {when_text(lang, m['days_left'])}"
        for m in s["next_milestones"]
    ] or [t(lang, "md_none")]
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


def _event(
    uid: str, stamp: str, day: dt.date, summary: str, description: str, *extra: str
) -> list[str]:
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
        *extra,
        "END:VEVENT",
    ]


ALARM_AT = "PT9H"
"""Alarms ring at 09:00 on the day of an all-day event (RFC 5545 3.8.6.3: a duration
from the start of the day)."""
_BYDAY = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")


def _alarm(text: str) -> list[str]:
    return [
        "BEGIN:VALARM",
        "ACTION:DISPLAY",
        f"DESCRIPTION:{ics_text(text)}",
        f"TRIGGER:{ALARM_AT}",
        "END:VALARM",
    ]


def first_working_day(plan: Plan) -> int:
    """The weekday (0 = Monday) of the first working day of the plan's week."""
    return min(list(Weekday).index(d) for d in plan.limits.working_days)


def _check_in(plan: Plan, stamp: str, lang: Lang) -> list[str]:
    """A weekly all-day check-in on the first working day, from the plan's creation on."""
    weekday = first_working_day(plan)
    start = plan.created.date()
    start += dt.timedelta(days=(weekday - start.weekday()) % 7)
    summary = t(lang, "ics_check_in_summary", title=plan.title)
    return _event(
        _uid(plan, "check-in"),
        stamp,
        start,
        summary,
        t(lang, "ics_check_in_description"),
        f"RRULE:FREQ=WEEKLY;BYDAY={_BYDAY[weekday]}",
        *_alarm(summary),
    )


def to_ics(plan: Plan, lang: Lang | None = None) -> str:
    """The review date and every milestone as all-day events with an alarm at 09:00, and
    a weekly check-in on the first working day; CRLF line endings; words in ``lang``
    (default: the plan's language).

    UIDs are derived from the plan's creation time and the event (goal and milestone
    title), so importing a newer export updates the same events. DTSTAMP is the plan's
    ``updated`` time in UTC (RFC 5545 3.8.7.2: without METHOD it is the last revision).
    """
    lang = lang or plan.language.value
    utc = plan.updated.astimezone(dt.UTC)
    stamp = f"{_ics_date(utc)}T{utc.hour:02d}{utc.minute:02d}{utc.second:02d}Z"
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:-//remote-guide//remote-guide {__version__}//EN",
        "CALSCALE:GREGORIAN",
        f"X-WR-CALNAME:{ics_text(plan.title)}",
    ]
    review = t(lang, "ics_review_summary", title=plan.title)
    lines += _event(
        _uid(plan, "review"),
        stamp,
        plan.limits.review_date,
        review,
        t(lang, "ics_review_description"),
        *_alarm(review),
    )
    seen: dict[tuple[str, str], int] = {}
    for goal in plan.goals:
        for m in goal.milestones:
            n = seen[goal.skill, m.title] = seen.get((goal.skill, m.title), 0) + 1
            done = t(lang, "ics_done") if m.done else ""
            summary = t(lang, "ics_milestone_summary", title=m.title)
            lines += _event(
                _uid(plan, "milestone", goal.skill, m.title, str(n)),
                stamp,
                m.due,
                summary,
                t(lang, "ics_milestone_description", done=done, goal=goal.skill, plan=plan.title),
                *([] if m.done else _alarm(summary)),
            )
    lines += _check_in(plan, stamp, lang)
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
