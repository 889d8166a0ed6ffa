"""Values derived from a plan: minutes used against the limits, checklist progress, real
hourly rates, next milestones, days to review and stop-rule hits.

They are functions of a :class:`guide.plan.Plan`, never stored; the ones that depend on
the date take a ``today`` argument so tests and the UI choose the date. They are a module
of their own so that validating a plan (``remote-guide check``) doesn't build their result
classes (a frozen dataclass costs about 0.7 ms to create).
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from decimal import Decimal

from guide.checklist import CheckState, item_ids
from guide.plan import (
    EntryKind,
    Goal,
    Milestone,
    Plan,
    Platform,
    PlatformStatus,
    Weekday,
)
from guide.rate import log_hourly_rate, real_hourly_rate


def week_start(today: dt.date) -> dt.date:
    """The Monday of ``today``'s week."""
    return today - dt.timedelta(days=today.weekday())


def minutes_between(
    plan: Plan, start: dt.date, end: dt.date, *, platform: str | None = None
) -> int:
    """Minutes of work logged from ``start`` to ``end`` inclusive (optionally of one
    platform); study doesn't count against the limits for microtasks."""
    return sum(
        e.minutes
        for e in plan.log
        if e.kind is EntryKind.WORK
        and start <= e.date <= end
        and (platform is None or e.platform == platform)
    )


@dataclass(frozen=True)
class LimitUse:
    """Minutes used today and this week against the limits."""

    today_minutes: int
    daily_limit: int
    week_minutes: int
    weekly_limit: int
    working_day: bool

    @property
    def over_daily(self) -> bool:
        return self.today_minutes > self.daily_limit

    @property
    def over_weekly(self) -> bool:
        return self.week_minutes > self.weekly_limit

    @property
    def left_today(self) -> int:
        """Minutes still allowed today (0 when over either limit)."""
        return max(
            0, min(self.daily_limit - self.today_minutes, self.weekly_limit - self.week_minutes)
        )


def limit_use(plan: Plan, today: dt.date) -> LimitUse:
    """Minutes used ``today`` and in its Monday-to-Sunday week against the plan's limits."""
    return LimitUse(
        today_minutes=minutes_between(plan, today, today),
        daily_limit=plan.limits.daily_minutes,
        week_minutes=minutes_between(plan, week_start(today), today),
        weekly_limit=plan.limits.weekly_minutes,
        working_day=Weekday.of(today) in plan.limits.working_days,
    )


@dataclass(frozen=True)
class ChecklistProgress:
    """How far the vetting of one platform has got, over every item of the checklist."""

    passed: int
    failed: int
    total: int

    @property
    def todo(self) -> int:
        return self.total - self.passed - self.failed

    @property
    def checked(self) -> int:
        return self.passed + self.failed


def checklist_progress(platform: Platform) -> ChecklistProgress:
    """Passed, failed and total items; items the platform doesn't list are "not yet"."""
    states = [e.state for e in platform.checklist]
    return ChecklistProgress(
        passed=states.count(CheckState.PASS),
        failed=states.count(CheckState.FAIL),
        total=len(item_ids()),
    )


def platform_rate(platform: Platform) -> Decimal | None:
    """The real hourly rate from the platform's pay inputs; None while pay is unknown."""
    inputs = platform.rate_inputs()
    return None if inputs is None else real_hourly_rate(inputs)


def log_totals(
    plan: Plan, platform: str, start: dt.date | None = None, end: dt.date | None = None
) -> tuple[int, Decimal]:
    """Logged minutes and earnings of ``platform``, optionally within ``start``-``end``."""
    entries = [
        e
        for e in plan.log
        if e.platform == platform
        and (start is None or e.date >= start)
        and (end is None or e.date <= end)
    ]
    return sum(e.minutes for e in entries), sum((e.earned for e in entries), Decimal(0))


def platform_log_rate(
    plan: Plan, platform: str, start: dt.date | None = None, end: dt.date | None = None
) -> Decimal | None:
    """The real hourly rate from the log (see :func:`guide.rate.log_hourly_rate`)."""
    found = plan.platform(platform)
    if found is None:
        return None
    minutes, earned = log_totals(plan, platform, start, end)
    return log_hourly_rate(earned, minutes, found.deductions())


@dataclass(frozen=True)
class MilestoneDue:
    """A milestone not done yet, with its goal and how many days are left."""

    goal: Goal
    milestone: Milestone
    days_left: int

    @property
    def overdue(self) -> bool:
        return self.days_left < 0


def next_milestones(plan: Plan, today: dt.date, limit: int | None = None) -> list[MilestoneDue]:
    """Milestones not done, soonest (or most overdue) first; at most ``limit``."""
    due = sorted(
        (
            MilestoneDue(goal=g, milestone=m, days_left=(m.due - today).days)
            for g in plan.goals
            for m in g.milestones
            if not m.done
        ),
        key=lambda d: d.days_left,
    )
    return due if limit is None else due[:limit]


def days_to_review(plan: Plan, today: dt.date) -> int:
    """Days until the review date; 0 on the day, negative once it has passed."""
    return (plan.limits.review_date - today).days


@dataclass(frozen=True)
class StopRuleHit:
    """A platform the stop rule says to stop."""

    platform: str
    rate: Decimal
    weeks: int


def stop_rule_hits(plan: Plan, today: dt.date) -> list[StopRuleHit]:
    """Platforms (not dropped) whose real rate from the log over the last ``after_weeks``
    weeks is below ``min_hourly_rate``, once their first session is at least that old.

    The window is the ``7 * after_weeks`` days up to and including ``today``; a platform
    with no session in the window has no rate there and is not flagged.
    """
    rule = plan.limits.stop_rule
    if rule is None:
        return []
    days = 7 * rule.after_weeks
    # From the first day there is: near 0001-01-01, today - days would overflow.
    start = dt.date.fromordinal(max(1, today.toordinal() - days + 1))
    hits: list[StopRuleHit] = []
    for p in plan.platforms:
        dates = [e.date for e in plan.log if e.platform == p.name and e.date <= today]
        if p.status is PlatformStatus.DROPPED or not dates or (today - min(dates)).days < days:
            continue
        rate = platform_log_rate(plan, p.name, start, today)
        if rate is not None and rate < rule.min_hourly_rate:
            hits.append(StopRuleHit(platform=p.name, rate=rate, weeks=rule.after_weeks))
    return hits
