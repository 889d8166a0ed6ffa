"""The switch calculator: what the same hours are worth toward the career goal.

"At your real rate these hours earn X now; moved to study they bring the switch Y weeks
closer and pay back by Z." Pure and typed: the plan, the path data (``guide.paths_catalogue``)
and ``today`` go in, a :class:`Switch` comes out; nothing reads the clock or the terminal.

From the plan (:func:`plan_inputs`):

- the real hourly rate of the last 4 weeks with logged work (what reached the balance,
  after withdrawal fees and tax, over all the time logged), falling back to the mean real
  rate of the pay inputs of the platforms not dropped;
- microtask and study hours a week: the average of the last 4 weeks with a logged session,
  or, while the log is shorter than that (or has no study), the weekly limit and the
  goals' ``hours_per_week``;
- study already logged (it counts toward the hours needed) and the nearest goal target.

The arithmetic (:func:`compute`), with ``WEEKS_PER_MONTH = 52 / 12``::

    job-ready     = today + (hours_needed - hours_done) / study_per_week weeks
    if moved      = the same with study_per_week + N (N at most the microtask hours)
    forgone       = N * real_rate * WEEKS_PER_MONTH                      a month
    pay_hourly    = annual pay / 2080 (the paid hours a year BLS uses)
    difference    = (can_work * pay_hourly - work * real_rate) * WEEKS_PER_MONTH a month
    break-even    = the day the pay gained from being ready earlier (difference a month
                    from the moved job-ready date) makes up the income forgone until then;
                    None if that day is not before the job-ready date without the move

Course and exam costs are left out of the break-even: they are paid either way. Every
figure comes with :class:`Note` items saying what it rests on, in both languages (keys of
``content/strings/switch.toml``); a missing input gives a note saying what is missing
instead of a figure.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Mapping
from dataclasses import dataclass, field, replace
from decimal import ROUND_CEILING, Decimal, localcontext
from typing import TYPE_CHECKING

from guide.i18n import Lang, date_text, plural, t
from guide.rate import ZERO, payout_share, real_hourly_rate, round_money
from guide.texts import LocalText

if TYPE_CHECKING:
    from guide.paths_catalogue import PathInfo, Pay
    from guide.plan import CareerPath, Plan

WEEKS = 4
"""How many logged weeks the rate and the hours a week are taken over."""
WEEKS_PER_MONTH = Decimal(52) / Decimal(12)
PAID_HOURS_PER_YEAR = Decimal(2080)
"""40 hours x 52 weeks: how BLS turns hourly into annual pay and back."""
SIXTY = Decimal(60)


# --- values that are written the reader's way ---------------------------------------------


@dataclass(frozen=True)
class Money:
    amount: Decimal
    currency: str
    places: int = 2


@dataclass(frozen=True)
class Hours:
    value: Decimal


@dataclass(frozen=True)
class Weeks:
    """A count of weeks; ``accusative`` for Russian "на 1 неделю раньше"."""

    count: int
    accusative: bool = False


Value = Money | Hours | Weeks | LocalText | dt.date | Decimal | int | str


@dataclass(frozen=True)
class Note:
    """One assumption or missing input behind a figure: a strings key and its values."""

    figure: str
    key: str
    values: Mapping[str, Value] = field(default_factory=dict)

    def text(self, lang: Lang) -> str:
        return t(lang, self.key, **{k: fmt(v, lang) for k, v in self.values.items()})


_SYMBOLS = {"USD": "$", "EUR": "€", "GBP": "£", "RUB": "₽"}
NBSP = "\u00a0"


def number(value: Decimal, lang: Lang, places: int | None = None) -> str:
    """``value`` with grouped thousands: ``1,234.5`` in English, ``1 234,5`` in Russian."""
    rounded = round_money(value, places) if places is not None else value
    text = f"{rounded:,.{places}f}" if places is not None else f"{rounded.normalize():,f}"
    if lang == "ru":
        return text.replace(",", NBSP).replace(".", ",")
    return text


def money(value: Decimal, currency: str, lang: Lang, places: int = 2) -> str:
    """``$1,234.50`` in English, ``1 234,50 $`` in Russian; codes for other currencies."""
    amount = number(value, lang, places)
    symbol = _SYMBOLS.get(currency)
    if lang == "ru":
        return f"{amount}{NBSP}{symbol or currency}"
    if symbol and currency != "RUB":
        return f"-{symbol}{amount[1:]}" if amount.startswith("-") else f"{symbol}{amount}"
    return f"{amount}{NBSP}{symbol or currency}"


def fmt(value: Value, lang: Lang) -> str:
    """A note's value as the reader writes it."""
    if isinstance(value, Money):
        return money(value.amount, value.currency, lang, value.places)
    if isinstance(value, Hours):
        return number(round_money(value.value, 1), lang)
    if isinstance(value, Weeks):
        form = plural(lang, value.count)
        case = "acc_" if value.accusative else ""
        return t(lang, f"switch_weeks_{case}{form}", n=value.count)
    if isinstance(value, LocalText):
        return value.get(lang)
    if isinstance(value, dt.date):
        return date_text(lang, value)
    if isinstance(value, Decimal):
        return number(value, lang)
    return str(value)


# --- the inputs -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Inputs:
    """Everything the arithmetic needs; :func:`plan_inputs` derives it from a plan."""

    today: dt.date
    currency: str
    real_rate: Decimal | None
    work_hours: Decimal
    study_hours: Decimal | None
    hours_needed: Decimal | None
    hours_done: Decimal = ZERO
    can_work_hours: Decimal = ZERO
    pay_hourly: Decimal | None = None
    target_date: dt.date | None = None
    target_skill: str = ""
    move_hours: Decimal = ZERO
    path: str = ""
    sources: tuple[str, ...] = ()
    notes: tuple[Note, ...] = ()


def week_monday(day: dt.date) -> dt.date:
    return day - dt.timedelta(days=day.weekday())


@dataclass
class WeekTotals:
    """One ISO week of the log: minutes of work and study, earnings by platform."""

    work_minutes: int = 0
    study_minutes: int = 0
    earned: dict[str, Decimal] = field(default_factory=dict)


def week_totals(plan: Plan, today: dt.date) -> dict[dt.date, WeekTotals]:
    """The log by the Monday of each week, in one pass; sessions after ``today`` don't
    count."""
    from guide.plan import EntryKind

    weeks: dict[dt.date, WeekTotals] = {}
    mondays: dict[dt.date, dt.date] = {}  # a long log has many entries per day
    for e in plan.log:
        if e.date > today:
            continue
        monday = mondays.get(e.date)
        if monday is None:
            monday = mondays[e.date] = week_monday(e.date)
        week = weeks.get(monday)
        if week is None:
            week = weeks[monday] = WeekTotals()
        if e.kind is EntryKind.WORK:
            week.work_minutes += e.minutes
            name = e.platform or ""
            week.earned[name] = week.earned.get(name, ZERO) + e.earned
        else:
            week.study_minutes += e.minutes
    return weeks


def logged_weeks(totals: dict[dt.date, WeekTotals], *, work_only: bool = False) -> list[dt.date]:
    """Mondays of the last :data:`WEEKS` weeks with a logged session (of work only, if
    asked), newest first."""
    mondays = [m for m, w in totals.items() if not work_only or w.work_minutes]
    return sorted(mondays, reverse=True)[:WEEKS]


def log_rate(plan: Plan, totals: dict[dt.date, WeekTotals]) -> tuple[Decimal | None, list[dt.date]]:
    """The real rate of the last 4 weeks with logged work, and those weeks' Mondays."""
    weeks = sorted(logged_weeks(totals, work_only=True))
    earned: dict[str, Decimal] = {}
    minutes = 0
    for monday in weeks:
        minutes += totals[monday].work_minutes
        for name, amount in totals[monday].earned.items():
            earned[name] = earned.get(name, ZERO) + amount
    if minutes == 0:
        return None, []
    net = ZERO
    for name, amount in earned.items():  # withdrawal fees and tax differ by platform
        platform = plan.platform(name)
        net += amount * (payout_share(platform.deductions()) if platform else Decimal(1))
    with localcontext() as ctx:
        ctx.prec = 28
        return net * SIXTY / Decimal(minutes), weeks


def inputs_rate(plan: Plan) -> tuple[Decimal | None, list[str]]:
    """The mean real rate from the pay inputs of the platforms not dropped, and their names."""
    from guide.plan import PlatformStatus

    rates: list[tuple[str, Decimal]] = []
    for p in plan.platforms:
        inputs = p.rate_inputs()
        if p.status is not PlatformStatus.DROPPED and inputs is not None:
            rates.append((p.name, real_hourly_rate(inputs)))
    if not rates:
        return None, []
    return sum((r for _, r in rates), ZERO) / len(rates), [n for n, _ in rates]


def _rate(
    plan: Plan, totals: dict[dt.date, WeekTotals], today: dt.date
) -> tuple[Decimal | None, Note]:
    rate, weeks = log_rate(plan, totals)
    cur = plan.profile.currency
    if rate is not None:
        values: dict[str, Value] = {
            "rate": Money(rate, cur),
            "weeks": Weeks(len(weeks)),
            "start": weeks[0],
            "end": min(weeks[-1] + dt.timedelta(days=6), today),
        }
        return rate, Note("real_rate", "switch_rate_log", values)
    rate, names = inputs_rate(plan)
    if rate is not None:
        values = {"rate": Money(rate, cur), "platforms": ", ".join(names)}
        return rate, Note("real_rate", "switch_rate_inputs", values)
    return None, Note("real_rate", "switch_rate_missing")


def _hours(
    plan: Plan, totals: dict[dt.date, WeekTotals]
) -> tuple[Decimal, Decimal | None, list[Note]]:
    """Microtask and study hours a week, with the notes saying where they come from."""
    weeks = logged_weeks(totals)
    long_enough = len(weeks) >= WEEKS
    work_minutes = sum(totals[m].work_minutes for m in weeks)
    study_minutes = sum(totals[m].study_minutes for m in weeks)
    notes: list[Note] = []
    if long_enough:
        work = Decimal(work_minutes) / SIXTY / WEEKS
        notes.append(Note("work_hours_per_week", "switch_work_log", {"hours": Hours(work)}))
    else:
        work = Decimal(plan.limits.weekly_minutes) / SIXTY
        values: dict[str, Value] = {"hours": Hours(work), "weeks": Weeks(len(weeks))}
        notes.append(Note("work_hours_per_week", "switch_work_limits", values))
    planned = sum((Decimal(g.hours_per_week) for g in plan.goals), ZERO)
    study: Decimal | None
    if long_enough and study_minutes:
        study = Decimal(study_minutes) / SIXTY / WEEKS
        notes.append(Note("study_hours_per_week", "switch_study_log", {"hours": Hours(study)}))
    elif planned > 0:
        study = planned
        notes.append(Note("study_hours_per_week", "switch_study_goals", {"hours": Hours(study)}))
    else:
        study = None
        notes.append(Note("study_hours_per_week", "switch_study_missing"))
    return work, study, notes


def _needed(
    info: PathInfo | None, hours_needed: Decimal | None, done: Decimal
) -> tuple[Decimal | None, list[Note]]:
    notes: list[Note] = []
    if hours_needed is not None:
        notes.append(Note("job_ready_date", "switch_needed_own", {"hours": Hours(hours_needed)}))
    elif info is not None and info.study_hours is not None and info.study_basis is not None:
        hours_needed = Decimal(info.study_hours)
        basis = info.study_basis
        values: dict[str, Value] = {"hours": Hours(hours_needed), "basis": basis}
        notes.append(Note("job_ready_date", "switch_needed_path", values))
    else:
        why = info.study_note if info is not None else None
        local = why if why is not None else ""
        notes.append(Note("job_ready_date", "switch_needed_missing", {"why": local}))
    if hours_needed is not None and done > 0:
        notes.append(Note("job_ready_date", "switch_done", {"hours": Hours(done)}))
    return hours_needed, notes


def pay_hourly(pay: Pay) -> Decimal:
    """The pay figure as an hourly rate, at BLS's 2,080 paid hours a year."""
    return Decimal(pay.annual) / PAID_HOURS_PER_YEAR


def _pay(info: PathInfo | None, currency: str) -> tuple[Decimal | None, list[Note]]:
    pay = info.pay_for(currency) if info is not None else None
    if pay is None:
        no_pay = info.no_pay_for(currency) if info is not None else None
        if no_pay is not None:
            local = no_pay.note
            return None, [Note("pay", "switch_pay_none_region", {"why": local})]
        return None, [Note("pay", "switch_pay_none", {"currency": currency})]
    hourly = pay_hourly(pay)
    values: dict[str, Value] = {
        "annual": Money(Decimal(pay.annual), pay.currency, places=0),
        "hourly": Money(hourly, pay.currency),
        "occupation": pay.occupation,
        "region": pay.region,
        "period": pay.period,
    }
    notes = [Note("pay", "switch_pay", values)]
    if pay.entry_annual is None and pay.entry_note is not None:
        local = pay.entry_note
        notes.append(Note("pay", "switch_pay_entry", {"why": local}))
    return hourly, notes


def study_done(plan: Plan, today: dt.date) -> Decimal:
    """Hours of study logged up to ``today``, toward any goal."""
    from guide.plan import EntryKind

    minutes = sum(e.minutes for e in plan.log if e.kind is EntryKind.STUDY and e.date <= today)
    return Decimal(minutes) / SIXTY


def nearest_target(plan: Plan, today: dt.date) -> tuple[dt.date | None, str]:
    """The soonest goal target date not passed yet (else the latest passed), and its skill."""
    dated = sorted((g.target_date, g.skill) for g in plan.goals if g.target_date is not None)
    ahead = [d for d in dated if d[0] >= today]
    if ahead:
        return ahead[0]
    return dated[-1] if dated else (None, "")


def plan_inputs(
    plan: Plan,
    info: PathInfo | None,
    today: dt.date,
    *,
    move_hours: Decimal = ZERO,
    hours_needed: Decimal | None = None,
) -> Inputs:
    """The calculator's inputs from ``plan`` and the path data ``info`` (None: no data).
    ``hours_needed`` overrides the path's typical study hours (the reader's own estimate)."""
    currency = plan.profile.currency
    totals = week_totals(plan, today)
    rate, rate_note = _rate(plan, totals, today)
    work, study, hour_notes = _hours(plan, totals)
    done = study_done(plan, today)
    needed, needed_notes = _needed(info, hours_needed, done)
    hourly, pay_notes = _pay(info, currency)
    target, skill = nearest_target(plan, today)
    notes = [rate_note, *hour_notes, *needed_notes, *pay_notes]
    return Inputs(
        today=today,
        currency=currency,
        real_rate=rate,
        work_hours=work,
        study_hours=study,
        hours_needed=needed,
        hours_done=done,
        can_work_hours=Decimal(plan.profile.hours_per_week),
        pay_hourly=hourly,
        target_date=target,
        target_skill=skill,
        move_hours=move_hours,
        path=plan.profile.path.value if info is None else info.id.value,
        sources=tuple(info.sources()) if info is not None else (),
        notes=tuple(notes),
    )


# --- the arithmetic -----------------------------------------------------------------------


@dataclass(frozen=True)
class Switch:
    """The calculator's answer; every figure is None when an input it needs is missing."""

    inputs: Inputs
    moved_hours: Decimal
    job_ready_date: dt.date | None
    job_ready_date_if_moved: dt.date | None
    forgone_per_month: Decimal | None
    forgone_until_ready: Decimal | None
    """What the moved hours would have earned until the moved job-ready date."""
    monthly_difference: Decimal | None
    break_even_date: dt.date | None
    reachable: bool | None
    reachable_if_moved: bool | None
    notes: tuple[Note, ...]

    @property
    def weeks_sooner(self) -> int | None:
        """Whole weeks the move brings job-ready closer."""
        if self.job_ready_date is None or self.job_ready_date_if_moved is None:
            return None
        return (self.job_ready_date - self.job_ready_date_if_moved).days // 7

    def assumptions(self, lang: Lang) -> list[str]:
        return [n.text(lang) for n in self.notes]


def job_ready(
    today: dt.date, needed: Decimal | None, done: Decimal, per_week: Decimal | None
) -> dt.date | None:
    """The day ``needed - done`` hours of study are reached at ``per_week`` hours a week;
    None when the hours needed or the pace is unknown, or there is no study at all."""
    if needed is None or per_week is None or per_week <= 0:
        return None
    left = max(needed - done, ZERO)
    with localcontext() as ctx:
        ctx.prec = 28
        days = (left * 7 / per_week).to_integral_value(rounding=ROUND_CEILING)
    if days > (dt.date.max - today).days:
        return None
    return today + dt.timedelta(days=int(days))


def break_even(
    today: dt.date,
    ready_moved: dt.date | None,
    ready_staying: dt.date | None,
    forgone_per_week: Decimal,
    gain_per_week: Decimal | None,
) -> dt.date | None:
    """The day the move has paid for itself, or None if it never does.

    Until ``ready_moved`` the move costs ``forgone_per_week``; from then until the reader
    would have been ready anyway (``ready_staying``, None: never), it gains
    ``gain_per_week``. Nothing forgone pays back at once (``today``)."""
    if ready_moved is None:
        return None
    with localcontext() as ctx:
        ctx.prec = 28
        lost = forgone_per_week * Decimal((ready_moved - today).days) / 7
        if lost <= 0:
            return today
        if gain_per_week is None or gain_per_week <= 0:
            return None
        days = math.ceil(lost * 7 / gain_per_week)
    if days > (dt.date.max - ready_moved).days:
        return None
    day = ready_moved + dt.timedelta(days=days)
    return day if ready_staying is None or day < ready_staying else None


def compute(inputs: Inputs) -> Switch:
    """The switch figures for ``inputs`` (see the module docstring for the arithmetic)."""
    cur = inputs.currency
    moved = min(max(inputs.move_hours, ZERO), inputs.work_hours)
    notes = list(inputs.notes)
    if moved < inputs.move_hours:
        notes.append(Note("move", "switch_move_capped", {"hours": Hours(moved)}))
    study = inputs.study_hours
    study_moved = (study or ZERO) + moved if study is not None or moved > 0 else None
    ready = job_ready(inputs.today, inputs.hours_needed, inputs.hours_done, study)
    ready_moved = job_ready(inputs.today, inputs.hours_needed, inputs.hours_done, study_moved)
    rate = inputs.real_rate
    forgone = None if rate is None else moved * rate * WEEKS_PER_MONTH
    if forgone is not None:
        values: dict[str, Value] = {
            "hours": Hours(moved),
            "rate": Money(rate or ZERO, cur),
            "amount": Money(forgone, cur),
        }
        notes.append(Note("forgone_per_month", "switch_forgone", values))
    difference = None
    if rate is not None and inputs.pay_hourly is not None:
        gain = inputs.can_work_hours * inputs.pay_hourly - inputs.work_hours * rate
        difference = gain * WEEKS_PER_MONTH
        values = {
            "hours": Hours(inputs.can_work_hours),
            "work": Hours(inputs.work_hours),
            "amount": Money(difference, cur),
        }
        notes.append(Note("monthly_difference", "switch_difference", values))
    lost = None
    if rate is not None and ready_moved is not None:
        lost = moved * rate * Decimal((ready_moved - inputs.today).days) / 7
    even = None
    if rate is not None and moved > 0:
        gain_week = None if difference is None else difference / WEEKS_PER_MONTH
        even = break_even(inputs.today, ready_moved, ready, moved * rate, gain_week)
        notes += _break_even_notes(even, ready, ready_moved, difference)
    reach = None if ready is None or inputs.target_date is None else ready <= inputs.target_date
    reach_moved = (
        None
        if ready_moved is None or inputs.target_date is None
        else ready_moved <= inputs.target_date
    )
    notes.append(Note("break_even_date", "switch_costs_left_out"))
    if inputs.target_date is not None:
        verdict = {True: "yes", False: "no", None: "unknown"}[reach]
        values = {"skill": inputs.target_skill, "date": inputs.target_date}
        notes.append(Note("target", f"switch_target_{verdict}", values))
    return Switch(
        inputs=inputs,
        moved_hours=moved,
        job_ready_date=ready,
        job_ready_date_if_moved=ready_moved,
        forgone_per_month=forgone,
        forgone_until_ready=lost,
        monthly_difference=difference,
        break_even_date=even,
        reachable=reach,
        reachable_if_moved=reach_moved,
        notes=tuple(notes),
    )


def _break_even_notes(
    even: dt.date | None,
    ready: dt.date | None,
    ready_moved: dt.date | None,
    difference: Decimal | None,
) -> list[Note]:
    if even is not None:
        return [Note("break_even_date", "switch_even", {"date": even})]
    if ready_moved is None:
        return []
    if difference is None:
        return [Note("break_even_date", "switch_even_no_pay")]
    if difference <= 0:
        return [Note("break_even_date", "switch_even_never_pay")]
    later = ready if ready is not None else ready_moved
    return [Note("break_even_date", "switch_even_never_time", {"date": later})]


def compare(
    plan: Plan,
    today: dt.date,
    *,
    move_hours: Decimal = ZERO,
    hours_needed: Decimal | None = None,
    path: CareerPath | None = None,
) -> Switch:
    """The switch figures for ``plan``'s path (or ``path``) on ``today``, moving
    ``move_hours`` microtask hours a week to study."""
    from guide.paths_catalogue import shipped_paths

    info = shipped_paths().get(path or plan.profile.path)
    inputs = plan_inputs(plan, info, today, move_hours=move_hours, hours_needed=hours_needed)
    return compute(inputs)


def with_move(switch: Switch, move_hours: Decimal) -> Switch:
    """The same comparison with another number of hours moved (the TUI's input)."""
    return compute(replace(switch.inputs, move_hours=move_hours))


# --- as text ---------------------------------------------------------------------------------


def figure_lines(switch: Switch, lang: Lang, role: str) -> list[str]:
    """The figures as lines of text, in ``lang`` (user text not escaped yet)."""
    inputs, cur = switch.inputs, switch.inputs.currency
    lines = [t(lang, "switch_path", role=role)]
    rate = inputs.real_rate
    lines.append(
        t(lang, "switch_no_rate")
        if rate is None
        else t(lang, "switch_real_rate", rate=fmt(Money(rate, cur), lang))
    )
    work = fmt(Hours(inputs.work_hours), lang)
    if inputs.study_hours is None:
        lines.append(t(lang, "switch_hours_no_study", work=work))
    else:
        lines.append(t(lang, "switch_hours", work=work, study=fmt(Hours(inputs.study_hours), lang)))
    ready = switch.job_ready_date
    lines.append(
        t(lang, "switch_ready", date=fmt(ready, lang))
        if ready is not None
        else t(lang, "switch_ready_unknown")
    )
    if switch.moved_hours > 0:
        lines += _moved_lines(switch, lang)
    return lines


def switch_lines(switch: Switch, lang: Lang, role: str) -> list[str]:
    """What ``remote-guide compare`` prints: the figures, the assumptions, the sources."""
    lines = [*figure_lines(switch, lang, role), "", t(lang, "switch_assumptions")]
    lines += [f"- {text}" for text in switch.assumptions(lang)]
    lines.append("")
    if switch.inputs.sources:
        lines.append(t(lang, "switch_sources"))
        lines += [f"- {url}" for url in switch.inputs.sources]
    else:
        lines.append(t(lang, "switch_no_sources"))
    return lines


def _moved_lines(switch: Switch, lang: Lang) -> list[str]:
    cur = switch.inputs.currency
    moved = fmt(Hours(switch.moved_hours), lang)
    lines: list[str] = []
    day, sooner = switch.job_ready_date_if_moved, switch.weeks_sooner
    if day is None:
        lines.append(t(lang, "switch_ready_moved_unknown", hours=moved))
    else:
        weeks = fmt(Weeks(sooner or 0, accusative=True), lang) if sooner is not None else "—"
        lines.append(t(lang, "switch_ready_moved", hours=moved, date=fmt(day, lang), weeks=weeks))
    if switch.forgone_per_month is not None:
        amount = fmt(Money(switch.forgone_per_month, cur), lang)
        lines.append(t(lang, "switch_forgone_line", amount=amount))
    diff = switch.monthly_difference
    if diff is not None:
        key = "switch_difference_line" if diff >= 0 else "switch_difference_less"
        lines.append(t(lang, key, amount=fmt(Money(abs(diff), cur), lang)))
    if switch.break_even_date is not None:
        lines.append(t(lang, "switch_break_even_line", date=fmt(switch.break_even_date, lang)))
    elif switch.forgone_per_month is not None:
        lines.append(t(lang, "switch_break_even_never"))
    return lines
