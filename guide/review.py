"""The plan review: when one is due, the numbers since the last one, and recording the
decision (``[[reviews]]`` in the plan).

A review is due when the plan's review date has come, or when the stop rule fires (a
platform's real rate from the log below the minimum over its weeks) and no review was
recorded within those weeks, so a "keep going" answer isn't asked again the next day.
Recording a decision applies what it unambiguously means (drop the platform, set the new
weekly limit, move hours to the goal) and sets the next review date.
"""

from __future__ import annotations

import datetime as dt
import tomllib
from dataclasses import dataclass, field
from functools import cache

from guide.derived import StopRuleHit, stop_rule_hits
from guide.paths import content_dir
from guide.plan import Decision, Plan, PlatformStatus, Review
from guide.problems import Problem
from guide.weekly import Totals, totals

DEFAULT_WEEKS = 4
"""The next review comes this many weeks later unless the user picks a date."""


class ReviewError(ValueError):
    """A decision that doesn't fit the plan; ``problems`` are ``field: message`` lines."""

    def __init__(self, problems: list[str]) -> None:
        self.problems = list(problems)
        super().__init__("; ".join(self.problems))


@dataclass(frozen=True)
class ReviewDue:
    """Why a review is due: the date came, and/or platforms the stop rule says to stop."""

    review_date: dt.date
    date_reached: bool
    stop_hits: list[StopRuleHit] = field(default_factory=list)


def last_review(plan: Plan) -> Review | None:
    """The latest recorded review (by date, then order), if any."""
    return max(reversed(plan.reviews), key=lambda r: r.date, default=None)


def review_due(plan: Plan, today: dt.date) -> ReviewDue | None:
    """Whether opening the plan on ``today`` should start a review, and why."""
    date_reached = today >= plan.limits.review_date
    hits = stop_rule_hits(plan, today)
    rule, last = plan.limits.stop_rule, last_review(plan)
    recent = (
        rule is not None and last is not None and (today - last.date).days < 7 * rule.after_weeks
    )
    if recent:
        hits = []  # decided on it within the rule's window already
    if not date_reached and not hits:
        return None
    return ReviewDue(plan.limits.review_date, date_reached, hits)


def review_period(plan: Plan, today: dt.date) -> tuple[dt.date, dt.date]:
    """From the day after the last review (or the plan's creation) to ``today``."""
    last = last_review(plan)
    start = last.date + dt.timedelta(days=1) if last is not None else plan.created.date()
    return min(start, today), today


@dataclass(frozen=True)
class ReviewNumbers:
    """What happened since the last review."""

    totals: Totals
    milestones_done: int
    milestones_open: int
    milestones_overdue: int


def review_numbers(plan: Plan, today: dt.date) -> ReviewNumbers:
    """The log's totals since the last review, and where the milestones stand."""
    start, end = review_period(plan, today)
    milestones = [m for g in plan.goals for m in g.milestones]
    return ReviewNumbers(
        totals=totals(plan, start, end),
        milestones_done=sum(m.done for m in milestones),
        milestones_open=sum(not m.done for m in milestones),
        milestones_overdue=sum(not m.done and m.due < today for m in milestones),
    )


@cache
def _advice() -> dict[str, tuple[str, ...]]:
    with (content_dir() / "review_advice.toml").open("rb") as f:
        data = tomllib.load(f)
    return {k: tuple(v) for k, v in data["advice"].items()}


def advice(decision: Decision) -> tuple[str, ...]:
    """Ids of the guide's articles to read before taking ``decision``."""
    return _advice().get(decision.value, ())


def _check(plan: Plan, review: Review) -> list[str]:
    problems: list[str] = []
    if review.platform is not None and plan.platform(review.platform) is None:
        problems.append(
            _at("platform", Problem("problem_not_a_platform", name=repr(review.platform)))
        )
    if review.goal is not None and plan.goal(review.goal) is None:
        problems.append(_at("goal", Problem("problem_not_a_goal", name=repr(review.goal))))
    if review.decision is Decision.MOVE_HOURS_TO_STUDY and (
        review.goal is None or not review.hours_per_week
    ):
        problems.append(_at("goal", Problem("problem_move_hours")))
    if review.next_review < plan.created.date():
        problems.append(_at("next_review", Problem("problem_next_before_created")))
    return problems


def record_review(
    plan: Plan,
    today: dt.date,
    decision: Decision | str,
    reason: str,
    *,
    next_review: dt.date | None = None,
    platform: str | None = None,
    goal: str | None = None,
    weekly_minutes: int | None = None,
    hours_per_week: int | None = None,
) -> Review:
    """Record a review on ``today`` and apply its decision to ``plan``:

    - ``drop_platform``: the platform's status becomes dropped;
    - ``stop_microtasks``: every platform not dropped yet becomes dropped;
    - ``cut_hours`` with ``weekly_minutes``: the new weekly limit (the daily one is cut to
      fit if it allowed more than the week);
    - ``move_hours_to_study``: the goal gets ``hours_per_week`` more, and the weekly
      limit for microtasks that many hours less (not below 0);
    - ``keep_going`` and ``switch_to_skill`` change nothing but the review date.

    The plan's review date becomes ``next_review`` (default: four weeks on). ReviewError
    (plan unchanged) if the decision doesn't fit.
    """
    from pydantic import ValidationError

    try:
        review = Review(
            date=today,
            decision=Decision(decision),
            reason=reason.strip(),
            next_review=next_review or today + dt.timedelta(weeks=DEFAULT_WEEKS),
            platform=platform,
            goal=goal,
            weekly_minutes=weekly_minutes,
            hours_per_week=hours_per_week,
        )
    except (ValidationError, ValueError) as e:
        raise ReviewError(_problems_of(e)) from None
    apply_review(plan, review)
    return review


def apply_review(plan: Plan, review: Review) -> None:
    """Apply a review made already (by :func:`record_review`, on another copy of the
    plan) to ``plan``: its decision, its place in ``reviews`` and the next review date.
    Nothing happens if ``plan`` has it (the same id) already; ReviewError (plan
    unchanged) if it doesn't fit this plan."""
    if any(r.id == review.id for r in plan.reviews):
        return
    problems = _check(plan, review)
    if problems:
        raise ReviewError(problems)
    _apply(plan, review)
    plan.reviews.append(review)
    plan.limits = plan.limits.model_copy(update={"review_date": review.next_review})


def _problems_of(error: Exception) -> list[str]:
    from pydantic import ValidationError

    if isinstance(error, ValidationError):
        from guide.storage import validation_problems

        return validation_problems(error)
    values = ", ".join(d.value for d in Decision)
    return [_at("decision", Problem("problem_one_of", expected=values))]


def _at(path: str, message: Problem) -> Problem:
    return Problem("problem_at", path=path, message=message)


def _apply(plan: Plan, review: Review) -> None:
    if review.decision is Decision.DROP_PLATFORM and review.platform is not None:
        _drop(plan, {review.platform})
    elif review.decision is Decision.STOP_MICROTASKS:
        _drop(plan, {p.name for p in plan.platforms})
    elif review.decision is Decision.CUT_HOURS and review.weekly_minutes is not None:
        _set_weekly(plan, review.weekly_minutes)
    elif review.decision is Decision.MOVE_HOURS_TO_STUDY and review.goal and review.hours_per_week:
        goal = plan.goal(review.goal)
        assert goal is not None
        goal.hours_per_week = min(168, goal.hours_per_week + review.hours_per_week)
        _set_weekly(plan, max(0, plan.limits.weekly_minutes - 60 * review.hours_per_week))


def _drop(plan: Plan, names: set[str]) -> None:
    for p in plan.platforms:
        if p.name in names and p.status is not PlatformStatus.DROPPED:
            p.status = PlatformStatus.DROPPED


def _set_weekly(plan: Plan, weekly: int) -> None:
    limits = plan.limits
    daily = limits.daily_minutes
    if weekly < daily:
        daily = weekly
    plan.limits = limits.model_copy(update={"weekly_minutes": weekly, "daily_minutes": daily})
