"""The session timer, kept in the plan (``[timer]``) so it survives closing the terminal and
can be started in the app and stopped from the shell, or the other way round.

All functions take ``now`` (an aware datetime): the clock is the caller's, so tests and the
UI choose it. Days are the days of ``now``'s time zone; the timer's start is stored with
that offset. Work timed on a platform counts against the plan's daily and weekly limits
for microtasks; study toward a goal doesn't.
"""

from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass
from typing import Any

from guide.derived import limit_use
from guide.i18n import Lang
from guide.log import LogError, add_entry, make_entry, subject_problems
from guide.plan import EntryKind, LogEntry, Plan, Timer
from guide.problems import Problem, said_text

MAX_MINUTES = 1440
"""The longest session an entry holds (a day)."""


class TimerError(ValueError):
    """The timer can't do that now (none running, one already running, a bad start); its
    argument is a :class:`~guide.problems.Problem` (:meth:`said` gives it in a language)."""

    def said(self, lang: Lang) -> str:
        """The message in ``lang``."""
        return said_text(lang, self.args[0]) if self.args else str(self)


def _aware(now: dt.datetime) -> dt.datetime:
    if now.tzinfo is None:
        raise ValueError("now must be time-zone aware")
    return now


class SinceLater(TimerError):
    """``--since HH:MM`` names a time later than now today. It is refused rather than
    taken as yesterday: ``08:00`` typed at 04:00 would start a 20-hour session."""

    def __init__(self, start: dt.datetime) -> None:
        self.start = start
        time, example = f"{start:%H:%M}", f"{self.yesterday:%Y-%m-%d %H:%M}"
        super().__init__(Problem("problem_since_later", time=time, example=example))

    @property
    def yesterday(self) -> dt.datetime:
        """The same time the day before: what the user may have meant."""
        return self.start - dt.timedelta(days=1)


def parse_since(text: str, now: dt.datetime) -> dt.datetime:
    """When a session started: ``HH:MM`` is today at that time (SinceLater if that is
    later than ``now``); ``YYYY-MM-DD HH:MM`` (or with ``T``, or an offset) is that
    moment, in ``now``'s time zone unless it names one. TimerError if it is neither."""
    text = text.strip()
    match = re.fullmatch(r"(\d{1,2}):(\d{2})", text)
    if match is None:
        return _date_time(text, now)
    if int(match[1]) > 23 or int(match[2]) > 59:
        raise TimerError(Problem("problem_timer_since", text=repr(text)))
    start = _aware(now).replace(hour=int(match[1]), minute=int(match[2]), second=0, microsecond=0)
    if start > now:
        raise SinceLater(start)
    return start


def _date_time(text: str, now: dt.datetime) -> dt.datetime:
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}(:\d{2})?([+-]\d{2}:?\d{2}|Z)?", text):
        try:
            when = dt.datetime.fromisoformat(text)
        except ValueError:
            pass
        else:
            return when if when.tzinfo is not None else when.replace(tzinfo=_aware(now).tzinfo)
    raise TimerError(Problem("problem_timer_since", text=repr(text)))


def start_timer(
    plan: Plan,
    now: dt.datetime,
    *,
    platform: str | None = None,
    goal: str | None = None,
    since: dt.datetime | None = None,
) -> Timer:
    """Start timing work on ``platform`` or study toward ``goal`` at ``since`` (default
    ``now``). TimerError if a timer runs already or ``since`` is in the future or more
    than a day ago; LogError if the platform or goal isn't in the plan."""
    now = _aware(now)
    if plan.timer is not None:
        time = f"{plan.timer.started:%H:%M}"
        raise TimerError(Problem("problem_timer_running", subject=plan.timer.subject, time=time))
    if (platform is None) == (goal is None):
        raise TimerError(Problem("problem_timer_what"))
    started = (since or now).astimezone(now.tzinfo).replace(microsecond=0)
    if started > now:
        raise TimerError(Problem("problem_start_future"))
    if now - started > dt.timedelta(minutes=MAX_MINUTES):
        raise TimerError(Problem("problem_start_old"))
    kind = EntryKind.WORK if platform is not None else EntryKind.STUDY
    probe = LogEntry(kind=kind, date=started.date(), minutes=1, platform=platform, goal=goal)
    problems = subject_problems(plan, probe)
    if problems:
        raise LogError(problems)
    timer = Timer(started=started, kind=kind, platform=platform, goal=goal)
    plan.timer = timer
    return timer


def elapsed_minutes(timer: Timer, now: dt.datetime) -> int:
    """Whole minutes since the timer started (0 if the clock went back)."""
    return max(0, int((_aware(now) - timer.started).total_seconds() // 60))


def stop_timer(
    plan: Plan, now: dt.datetime, *, minutes: int | None = None, **fields: Any
) -> LogEntry | None:
    """Stop the timer and log one entry of the elapsed whole minutes (or ``minutes``), on
    the day it started, with ``fields`` (``earned``, ``tasks``, ``note``...). Returns the
    entry, or None when less than a minute ran (nothing is logged, the timer stops);
    ``minutes`` out of 1-1440 is a LogError like any entry's.

    TimerError if no timer runs, or it ran over a day and no ``minutes`` are given (the
    timer keeps running then, so nothing is lost: stop it with the minutes really worked).
    LogError if ``fields`` don't fit the entry (the timer keeps running).
    """
    timer = plan.timer
    if timer is None:
        raise TimerError(Problem("problem_timer_none"))
    spent = elapsed_minutes(timer, now) if minutes is None else minutes
    if minutes is None and spent > MAX_MINUTES:
        raise TimerError(Problem("problem_timer_long", hours=spent // 60, minutes=spent % 60))
    if minutes is None and spent < 1:
        plan.timer = None
        return None
    start = timer.started.astimezone(_aware(now).tzinfo)
    entry = make_entry(
        plan,
        now,
        kind=timer.kind,
        date=start.date(),
        minutes=spent,
        platform=timer.platform,
        goal=timer.goal,
        **fields,
    )
    add_entry(plan, entry)
    plan.timer = None
    return entry


def cancel_timer(plan: Plan) -> Timer | None:
    """Stop the timer without logging anything; returns the timer that ran, if any."""
    timer, plan.timer = plan.timer, None
    return timer


@dataclass(frozen=True)
class TimerStatus:
    """What runs, for how long, and what time is left today and this week, the running
    session included (work only; study has no limit)."""

    timer: Timer | None
    elapsed_minutes: int
    today_minutes: int
    week_minutes: int
    left_today: int
    left_week: int
    working_day: bool

    @property
    def limit_reached(self) -> bool:
        """The daily (or weekly) limit is used up, counting the running work session."""
        return self.left_today <= 0

    @property
    def running(self) -> bool:
        return self.timer is not None


def timer_status(plan: Plan, now: dt.datetime) -> TimerStatus:
    """The timer and the limits at ``now``."""
    today = _aware(now).date()
    use = limit_use(plan, today)
    timer = plan.timer
    elapsed = elapsed_minutes(timer, now) if timer is not None else 0
    counted = elapsed if timer is not None and timer.kind is EntryKind.WORK else 0
    return TimerStatus(
        timer=timer,
        elapsed_minutes=elapsed,
        today_minutes=use.today_minutes + counted,
        week_minutes=use.week_minutes + counted,
        left_today=max(0, use.left_today - counted),
        left_week=max(0, use.weekly_limit - use.week_minutes - counted),
        working_day=use.working_day,
    )


def time_up(plan: Plan, now: dt.datetime) -> bool:
    """A work timer runs and the day's limit (or the week's) is used up."""
    timer = plan.timer
    if timer is None or timer.kind is not EntryKind.WORK:
        return False
    return timer_status(plan, now).limit_reached


def take_limit_notice(plan: Plan, now: dt.datetime) -> bool:
    """True once per timer when its work reaches the limit: the caller tells the user
    (bell and toast in the app, a line in ``status``). Marks the timer as told; the caller
    saves the plan so that another program doesn't tell again."""
    timer = plan.timer
    if timer is None or timer.limit_notified or not time_up(plan, now):
        return False
    plan.timer = timer.model_copy(update={"limit_notified": True})
    return True


__all__ = [
    "LogError",
    "SinceLater",
    "TimerError",
    "TimerStatus",
    "cancel_timer",
    "elapsed_minutes",
    "parse_since",
    "start_timer",
    "stop_timer",
    "take_limit_notice",
    "time_up",
    "timer_status",
]
