"""What the log adds up to: per ISO week, per month or year (for taxes), and study time
against each goal's hours a week.

Weeks are ISO weeks, Monday to Sunday, named like ``2026-W49``. The real hourly rate of a
week is the rate from the log (see :func:`guide.rate.log_hourly_rate`) over all its work:
each platform's earnings less its withdrawal costs and tax, divided by the week's work
hours. Everything here is one pass over the log (linear in its length; bench/bench_log.py
measures it).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import Any

from guide.derived import week_start
from guide.plan import EntryKind, Plan
from guide.rate import ZERO, payout_share

SIXTY = Decimal(60)
HUNDRED = Decimal(100)


def iso_week(day: dt.date) -> str:
    """The ISO week of ``day``: ``2026-W49``."""
    year, week, _ = day.isocalendar()
    return f"{year}-W{week:02d}"


@dataclass
class PlatformWeek:
    """One platform's work in a week."""

    minutes: int = 0
    earned: Decimal = ZERO


@dataclass
class Week:
    """The log of one ISO week."""

    start: dt.date
    work_minutes: int = 0
    study_minutes: int = 0
    earned: Decimal = ZERO
    net: Decimal = ZERO
    """Earnings after each platform's withdrawal costs and tax."""
    platforms: dict[str, PlatformWeek] = field(default_factory=dict)
    goals: dict[str, int] = field(default_factory=dict)

    @property
    def week(self) -> str:
        return iso_week(self.start)

    @property
    def real_rate(self) -> Decimal | None:
        """Net earnings per hour of work; None for a week without work."""
        if self.work_minutes <= 0:
            return None
        return self.net * SIXTY / Decimal(self.work_minutes)


def _shares(plan: Plan) -> dict[str, Decimal]:
    return {p.name: payout_share(p.deductions()) for p in plan.platforms}


def _week_range(plan: Plan, today: dt.date, weeks: int | None) -> list[dt.date]:
    """The Mondays to report, oldest first."""
    last = week_start(today)
    if weeks is not None:
        first = last - dt.timedelta(weeks=max(weeks, 0) - 1)
    elif plan.log:
        first = week_start(min(e.date for e in plan.log))
        last = max(last, week_start(max(e.date for e in plan.log)))
    else:
        return []
    count = (last - first).days // 7 + 1
    return [first + dt.timedelta(weeks=i) for i in range(max(count, 0))]


def weekly_history(plan: Plan, today: dt.date, weeks: int | None = None) -> list[Week]:
    """One :class:`Week` per ISO week, newest first, empty weeks included.

    With ``weeks``, the last ``weeks`` weeks up to the one containing ``today``; without,
    every week from the first entry's to this one (or the last entry's, if later).
    """
    mondays = _week_range(plan, today, weeks)
    if not mondays:
        return []
    table = {monday: Week(start=monday) for monday in mondays}
    shares = _shares(plan)
    for e in plan.log:
        week = table.get(e.date - dt.timedelta(days=e.date.weekday()))
        if week is None:
            continue
        if e.kind is EntryKind.WORK:
            name = e.platform or ""
            week.work_minutes += e.minutes
            week.earned += e.earned
            week.net += max(e.earned, ZERO) * shares.get(name, ZERO)
            platform = week.platforms.setdefault(name, PlatformWeek())
            platform.minutes += e.minutes
            platform.earned += e.earned
        else:
            skill = e.goal or ""
            week.study_minutes += e.minutes
            week.goals[skill] = week.goals.get(skill, 0) + e.minutes
    return [table[monday] for monday in reversed(mondays)]


def _money(value: Decimal | None) -> str | None:
    from guide.export import money

    return money(value)


def history_json(plan: Plan, today: dt.date, weeks: int | None = None) -> dict[str, Any]:
    """``history --json``: money as strings with two decimals (as in ``show --json``),
    ``real_rate`` null for a week without work."""
    return {
        "weeks": [
            {
                "week": w.week,
                "start": w.start.isoformat(),
                "work_minutes": w.work_minutes,
                "study_minutes": w.study_minutes,
                "earned": _money(w.earned),
                "real_rate": _money(w.real_rate),
                "platforms": {
                    name: {"minutes": p.minutes, "earned": _money(p.earned)}
                    for name, p in w.platforms.items()
                },
                "goals": dict(w.goals),
            }
            for w in weekly_history(plan, today, weeks)
        ]
    }


# --- totals for a period (taxes) --------------------------------------------------------------


@dataclass
class PlatformTotals:
    """One platform's work in a period, and what of its earnings is fees and tax."""

    minutes: int = 0
    earned: Decimal = ZERO
    withdrawal_fees: Decimal = ZERO
    tax: Decimal = ZERO

    @property
    def net(self) -> Decimal:
        return self.earned - self.withdrawal_fees - self.tax


@dataclass
class Totals:
    """The log from ``start`` to ``end`` inclusive."""

    start: dt.date
    end: dt.date
    work_minutes: int = 0
    study_minutes: int = 0
    platforms: dict[str, PlatformTotals] = field(default_factory=dict)

    @property
    def earned(self) -> Decimal:
        return sum((p.earned for p in self.platforms.values()), ZERO)

    @property
    def withdrawal_fees(self) -> Decimal:
        return sum((p.withdrawal_fees for p in self.platforms.values()), ZERO)

    @property
    def tax(self) -> Decimal:
        """Tax due on the earnings, at each platform's ``tax_percent``, on what is left
        after withdrawal costs."""
        return sum((p.tax for p in self.platforms.values()), ZERO)

    @property
    def net(self) -> Decimal:
        return self.earned - self.withdrawal_fees - self.tax

    @property
    def real_rate(self) -> Decimal | None:
        if self.work_minutes <= 0:
            return None
        return self.net * SIXTY / Decimal(self.work_minutes)


def totals(plan: Plan, start: dt.date, end: dt.date) -> Totals:
    """Minutes, earnings, withdrawal costs and tax of the log from ``start`` to ``end``."""
    out = Totals(start=start, end=end)
    for e in plan.log:
        if not start <= e.date <= end:
            continue
        if e.kind is EntryKind.STUDY:
            out.study_minutes += e.minutes
            continue
        out.work_minutes += e.minutes
        row = out.platforms.setdefault(e.platform or "", PlatformTotals())
        row.minutes += e.minutes
        row.earned += e.earned
    for name, row in out.platforms.items():
        platform = plan.platform(name)
        if platform is None:
            continue
        earned = max(row.earned, ZERO)
        withdrawn = earned * payout_share(replace(platform.deductions(), tax_percent=ZERO))
        row.withdrawal_fees = earned - withdrawn
        row.tax = withdrawn * platform.tax_percent / HUNDRED
    return out


def month_totals(plan: Plan, today: dt.date) -> Totals:
    """This calendar month up to and including ``today``."""
    return totals(plan, today.replace(day=1), today)


def year_totals(plan: Plan, today: dt.date) -> Totals:
    """This calendar year up to and including ``today`` (for the tax return)."""
    return totals(plan, today.replace(month=1, day=1), today)


# --- study against the goals ------------------------------------------------------------------


@dataclass(frozen=True)
class StudyWeek:
    """Study logged toward one goal in the week of a day, against its hours a week."""

    goal: str
    minutes: int
    target_minutes: int
    milestones_done: int
    milestones_total: int

    @property
    def fraction(self) -> float:
        """Share of the week's target reached, 0 to 1 (1 when there is no target)."""
        if self.target_minutes <= 0:
            return 1.0
        return min(1.0, self.minutes / self.target_minutes)

    @property
    def milestones_fraction(self) -> float:
        return self.milestones_done / self.milestones_total if self.milestones_total else 0.0


def study_weeks(plan: Plan, today: dt.date) -> list[StudyWeek]:
    """Each goal's study this week (Monday to Sunday around ``today``), in goal order."""
    start = week_start(today)
    end = min(start, dt.date.max - dt.timedelta(days=6)) + dt.timedelta(days=6)  # year 9999
    minutes: dict[str, int] = {}
    for e in plan.log:
        if e.kind is EntryKind.STUDY and start <= e.date <= end:
            minutes[e.goal or ""] = minutes.get(e.goal or "", 0) + e.minutes
    return [
        StudyWeek(
            goal=g.skill,
            minutes=minutes.get(g.skill, 0),
            target_minutes=g.hours_per_week * 60,
            milestones_done=sum(m.done for m in g.milestones),
            milestones_total=len(g.milestones),
        )
        for g in plan.goals
    ]


def study_week(plan: Plan, skill: str, today: dt.date) -> StudyWeek | None:
    """The goal ``skill``'s study this week; None if the plan has no such goal."""
    return next((s for s in study_weeks(plan, today) if s.goal == skill), None)
