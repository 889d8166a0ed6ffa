"""The personal plan: what a user keeps, as typed and validated data.

A plan holds the user's profile, their time limits for microtask work, the platforms they
use or are vetting (with the vetting checklist and the pay inputs of each), their
upskilling goals with milestones, and a log of work and study sessions (each entry with a
stable id), with the ids of deleted entries (tombstones, so a merge doesn't bring them
back), a running session timer and the decisions of past reviews. ``guide.storage`` reads
and writes it as TOML; the wizard, the plan screen and the log commands edit it (changes to
the log go through ``guide.log``).

Validation is strict: numbers must be numbers (``"20"`` is not 20, ``true`` is not 1),
dates must be TOML dates, times must carry a time-zone offset, and an unknown key is an
error naming the key (``extra="forbid"``), so nothing a user typed is ever silently
dropped. Text fields refuse control characters (single-line fields also refuse newlines)
and lone surrogates, so any text that validates can be written to TOML and read back
unchanged.

Money is :class:`decimal.Decimal`, not ``float``: TOML stores decimal text, and reading it
with ``parse_float=Decimal`` and writing ``str(Decimal)`` round-trips ``0.30`` exactly,
where a float would turn it into ``0.3`` or ``0.30000000000000004`` and sums of many log
entries would drift by cents. Python callers may pass ``int`` or ``float`` (a float is
converted through its shortest repr); a string is refused. All amounts in a plan are in
the plan's currency (``profile.currency``).

Derived values (real hourly rates, minutes used, checklist progress, next milestones, days
to review, stop-rule hits) are functions in ``guide.derived``, never stored.
"""

from __future__ import annotations

import datetime as dt
import re
import secrets
import unicodedata
from collections.abc import Callable, Iterable
from decimal import Decimal
from enum import StrEnum
from typing import TYPE_CHECKING, Annotated, Any

from pydantic import (
    AfterValidator,
    AwareDatetime,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    ValidationError,
    field_validator,
    model_validator,
)

from guide.checklist import CheckState as CheckState  # re-exported for plan users
from guide.checklist import item_ids
from guide.problems import Problem, ProblemError
from guide.rules import between, weekly_cap

if TYPE_CHECKING:
    from guide.rate import RateInputs  # imported when a rate is computed, not to validate

SCHEMA_VERSION = 2
"""The plan layout this program writes; older ones are migrated by ``guide.storage``."""


# --- enums -------------------------------------------------------------------------------


class Language(StrEnum):
    """The language of the plan and of the guide when it opens."""

    EN = "en"
    RU = "ru"


class GoalKind(StrEnum):
    """What brings the user to gig work."""

    FIRST_INCOME = "first_income"
    """A first income or first reviews."""
    BETWEEN_PROJECTS = "between_projects"
    """Income between projects."""
    FIRST_LOOK = "first_look"
    """A first look at remote work."""
    TEMPORARY = "temporary"
    """A temporary measure."""
    REMOTE_CAREER = "remote_career"
    """Building a remote career."""


class CareerPath(StrEnum):
    """The career path the user chose."""

    MICROTASKS_SPRINGBOARD = "microtasks_springboard"
    REMOTE_COLLABORATION = "remote_collaboration"
    REMOTE_PROJECT_MANAGEMENT = "remote_project_management"
    SOFT_SKILLS = "soft_skills"
    OWN_BUSINESS = "own_business"
    MIX = "mix"


class PlatformStatus(StrEnum):
    """Where the user stands with a platform."""

    CONSIDERING = "considering"
    VETTING = "vetting"
    ACTIVE = "active"
    DROPPED = "dropped"


class Weekday(StrEnum):
    """A day of the week, in ``datetime.date.weekday()`` order."""

    MONDAY = "monday"
    TUESDAY = "tuesday"
    WEDNESDAY = "wednesday"
    THURSDAY = "thursday"
    FRIDAY = "friday"
    SATURDAY = "saturday"
    SUNDAY = "sunday"

    @classmethod
    def of(cls, day: dt.date) -> Weekday:
        """The weekday of ``day``."""
        return list(cls)[day.weekday()]


# --- field types ---------------------------------------------------------------------------


# Every character of Unicode's category Cc (control): C0, DEL and C1. Most text has none,
# and one search for them is much faster than asking for each character's category.
_CONTROL = re.compile("[\x00-\x1f\x7f-\x9f]")


def _text_checker(*, multiline: bool, required: bool) -> Callable[[str], str]:
    def check(value: str) -> str:
        if required and not value.strip():
            raise ProblemError("problem_not_empty")
        if _CONTROL.search(value) is None:
            return value
        for i, ch in enumerate(value):
            if ch == "\n" and not multiline:
                raise ProblemError("problem_one_line")
            if ch in "\n\t" and multiline:
                continue
            if unicodedata.category(ch) == "Cc":
                raise ProblemError("problem_control", code=f"{ord(ch):04X}", index=i)
        return value

    return check


def _crlf_to_lf(value: object) -> object:
    return value.replace("\r\n", "\n") if isinstance(value, str) else value


_ONE_LINE = AfterValidator(_text_checker(multiline=False, required=True))
_MULTI_LINE = AfterValidator(_text_checker(multiline=True, required=False))

Title = Annotated[str, StringConstraints(strict=True, max_length=120), _ONE_LINE]
Name = Annotated[str, StringConstraints(strict=True, max_length=80), _ONE_LINE]
Label = Annotated[str, StringConstraints(strict=True, max_length=200), _ONE_LINE]
Resource = Annotated[str, StringConstraints(strict=True, max_length=500), _ONE_LINE]
Note = Annotated[
    str, BeforeValidator(_crlf_to_lf), StringConstraints(strict=True, max_length=5000), _MULTI_LINE
]
Currency = Annotated[str, StringConstraints(strict=True, pattern=r"^[A-Z]{3}$")]
Slug = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z0-9][a-z0-9-]{0,63}$")]


def _number(value: object) -> object:
    """Accept int, float (via its repr) and Decimal; refuse text and true/false."""
    if isinstance(value, bool):
        raise ProblemError("problem_number_not_bool")
    if isinstance(value, int):
        return Decimal(value)
    if isinstance(value, float):
        value = Decimal(repr(value))
    if isinstance(value, Decimal):
        if not value.is_finite():
            raise ProblemError("problem_finite")
        return value
    raise ProblemError("problem_number")


MAX_PLACES = 6
"""Amounts, percentages and minutes have at most this many decimal places."""


def decimal_places(value: Decimal) -> int:
    """How many decimal places ``value`` really has: trailing zeros don't count.

    Exact, from the digits: ``normalize()`` would round to the context's 28 digits (so
    1.00000000000000000000000000001 would count as 1) and overflow on ``1e1000000``.
    """
    _, digits, exponent = value.as_tuple()
    if not isinstance(exponent, int):
        return 0  # NaN or infinity: refused elsewhere
    zeros = len(digits) - len("".join(map(str, digits)).rstrip("0"))
    return max(0, -(exponent + zeros)) if zeros < len(digits) else 0


def _places(places: int) -> Any:
    def check(value: Decimal) -> Decimal:
        exponent = value.as_tuple().exponent
        if isinstance(exponent, int) and -exponent <= places:
            return value  # written with no more places than allowed (trailing zeros or not)
        if decimal_places(value) > places:
            raise ProblemError("problem_places", count=places)
        return value

    return AfterValidator(check)


_NUMBER = BeforeValidator(_number)
_PLACES = _places(MAX_PLACES)

Money = Annotated[Decimal, _NUMBER, _PLACES, between(0, 1_000_000_000)]
Percent = Annotated[Decimal, _NUMBER, _PLACES, between(0, 100)]
TaskMinutes = Annotated[Decimal, _NUMBER, _PLACES, between(0, 1440, low_open=True)]
UnpaidMinutes = Annotated[Decimal, _NUMBER, _PLACES, between(0, 600)]
Hours = Annotated[int, Strict(), between(0, 168)]
DayMinutes = Annotated[int, Strict(), between(0, 1440)]
SessionMinutes = Annotated[int, Strict(), between(1, 1440)]
WeekMinutes = Annotated[int, Strict(), between(0, 10080)]
Weeks = Annotated[int, Strict(), between(1, 52)]
Version = Annotated[int, Strict(), between(SCHEMA_VERSION, SCHEMA_VERSION)]
Date = Annotated[dt.date, Strict()]


def _check_timestamp(value: dt.datetime) -> dt.datetime:
    if not 1900 <= value.year <= 9998:
        raise ProblemError("problem_year")
    offset = value.utcoffset()
    if offset is not None and offset.total_seconds() % 60:
        raise ProblemError("problem_offset_minutes")
    return value


Timestamp = Annotated[AwareDatetime, Strict(), AfterValidator(_check_timestamp)]


def _duplicates(values: Iterable[str]) -> list[str]:
    seen: set[str] = set()
    dupes: list[str] = []
    for value in values:
        key = value.casefold()
        if key in seen and value not in dupes:
            dupes.append(value)
        seen.add(key)
    return dupes


class CrossFieldProblems(ValueError):
    """Problems that involve several fields, each with a path relative to the model."""

    def __init__(self, problems: list[tuple[str, str]]) -> None:
        super().__init__("\n".join(f"{path}: {message}" for path, message in problems))
        self.problems = problems


def _problems(problems: list[tuple[str, str]]) -> None:
    """Raise all cross-field problems at once."""
    if problems:
        raise CrossFieldProblems(problems)


class _Model(BaseModel):
    """Strict about keys; assignments are validated.

    Assigning to a field validates that model (its fields and cross-field checks); checks
    that span the whole plan (review date vs creation, log platforms, unique names) run
    when a ``Plan`` field is assigned and again on save, which refuses an invalid plan.
    """

    model_config = ConfigDict(extra="forbid", validate_assignment=True, defer_build=True)

    def __setattr__(self, name: str, value: Any) -> None:
        # pydantic keeps a value that fails a model-level check; put the old one back.
        saved = dict(self.__dict__)
        fields_set = set(self.__pydantic_fields_set__)
        try:
            super().__setattr__(name, value)
        except ValidationError:
            self.__dict__.clear()
            self.__dict__.update(saved)
            object.__setattr__(self, "__pydantic_fields_set__", fields_set)
            raise


# --- the model -----------------------------------------------------------------------------


class Profile(_Model):
    """Who the plan is for and what they are after."""

    goal: GoalKind = Field(description="What brings the user to gig work.")
    hours_per_week: Hours = Field(description="Hours a week the user can give, 0-168.")
    target_hourly_rate: Money = Field(
        description="The hourly rate the user aims for, in the plan's currency."
    )
    currency: Currency = Field(
        description="ISO 4217 code of the currency of every amount in the plan, e.g. USD."
    )
    skills: list[Label] = Field(
        default_factory=list, max_length=50, description="Skills the user has, one per item."
    )
    path: CareerPath = Field(description="The career path the user chose.")

    @field_validator("skills")
    @classmethod
    def _unique_skills(cls, skills: list[str]) -> list[str]:
        dupes = _duplicates(skills)
        if dupes:
            raise ProblemError("problem_twice", items=", ".join(map(repr, dupes)))
        return skills


class StopRule(_Model):
    """Stop a platform whose real hourly rate stays below a floor for some weeks."""

    min_hourly_rate: Money = Field(
        description="The lowest acceptable real hourly rate from the log, in the plan's currency."
    )
    after_weeks: Weeks = Field(
        description="How many weeks of log the rule looks back over before it fires, 1-52."
    )


class Limits(_Model):
    """How much time microtask work may take."""

    daily_minutes: DayMinutes = Field(description="Most minutes a day, 0-1440.")
    weekly_minutes: WeekMinutes = Field(
        description="Most minutes a week (Monday to Sunday), 0-10080; at most 7 x daily_minutes."
    )
    working_days: list[Weekday] = Field(
        min_length=1, max_length=7, description="Days of the week for microtask work."
    )
    review_date: Date = Field(
        description="When to review the plan; not before the plan's creation date."
    )
    stop_rule: StopRule | None = Field(
        default=None, description="When to stop a platform that pays too little (optional)."
    )

    @field_validator("working_days")
    @classmethod
    def _unique_days(cls, days: list[Weekday]) -> list[Weekday]:
        dupes = _duplicates(days)
        if dupes:
            raise ProblemError("problem_twice", items=", ".join(dupes))
        return days

    @model_validator(mode="after")
    def _weekly_fits(self) -> Limits:
        if self.weekly_minutes > weekly_cap(self.daily_minutes):
            limit = weekly_cap(self.daily_minutes)
            _problems([("weekly_minutes", Problem("problem_weekly_cap", limit=limit))])
        return self


class ChecklistEntry(_Model):
    """One vetting checklist item for one platform."""

    item: str = Field(
        description="The item's id in content/checklist.toml, e.g. payment-guarantee."
    )
    state: CheckState = Field(
        default=CheckState.TODO,
        description='todo ("not yet"), pass ("tick") or fail ("fails").',
    )
    note: Note = Field(default="", description="What the user found out, free text.")

    @field_validator("item", mode="before")
    @classmethod
    def _known_item(cls, value: object) -> object:
        if not isinstance(value, str):
            raise ProblemError("problem_item_text")
        if value not in item_ids():
            known = ", ".join(item_ids())
            shown = value if len(value) <= 40 else value[:37] + "..."
            raise ProblemError("problem_unknown_item", item=repr(shown), known=known)
        return value


class Platform(_Model):
    """A platform the user considers, vets, works on or dropped, with its pay inputs."""

    name: Name = Field(description="The platform's name; unique in the plan.")
    catalogue_id: Slug | None = Field(
        default=None, description="The id in the guide's platform catalogue; none if custom."
    )
    status: PlatformStatus = Field(description="considering, vetting, active or dropped.")
    checklist: list[ChecklistEntry] = Field(
        default_factory=list,
        max_length=100,
        description="Vetting checklist states; items not listed count as not checked yet.",
    )
    pay_per_task: Money | None = Field(
        default=None, description="Typical pay per task, in the plan's currency; unset if unknown."
    )
    minutes_per_task: TaskMinutes | None = Field(
        default=None, description="Typical minutes a task takes; above 0; unset if unknown."
    )
    unpaid_minutes_per_hour: UnpaidMinutes = Field(
        default=Decimal(20),
        description="Unpaid minutes (search, qualifications, admin) per paid hour; "
        "20 after the ILO 2018 survey.",
    )
    rejected_percent: Percent = Field(
        default=Decimal(0), description="Share of submitted work rejected (unpaid), 0-100."
    )
    fee_percent: Percent = Field(
        default=Decimal(0), description="The platform's fee taken from pay, 0-100."
    )
    withdrawal_fee_fixed: Money = Field(
        default=Decimal(0), description="Fixed fee per withdrawal, in the plan's currency."
    )
    withdrawal_fee_percent: Percent = Field(
        default=Decimal(0), description="Percentage fee per withdrawal, 0-100."
    )
    payout_amount: Money | None = Field(
        default=None,
        description="Typical withdrawal size, over which a fixed withdrawal fee is spread; "
        "needed when withdrawal_fee_fixed is set.",
    )
    tax_percent: Percent = Field(default=Decimal(0), description="Tax on this income, 0-100.")

    @field_validator("checklist")
    @classmethod
    def _unique_items(cls, entries: list[ChecklistEntry]) -> list[ChecklistEntry]:
        dupes = _duplicates(e.item for e in entries)
        if dupes:
            raise ProblemError("problem_item_twice", items=", ".join(map(repr, dupes)))
        return entries

    @model_validator(mode="after")
    def _payout_covers_fee(self) -> Platform:
        if self.withdrawal_fee_fixed > 0:
            if self.payout_amount is None:
                _problems([("payout_amount", Problem("problem_payout_needed"))])
            elif self.payout_amount <= self.withdrawal_fee_fixed:
                _problems([("payout_amount", Problem("problem_payout_larger"))])
        return self

    def rate_inputs(self) -> RateInputs | None:
        """The inputs of :func:`guide.rate.real_hourly_rate`; None while pay is unknown."""
        if self.pay_per_task is None or self.minutes_per_task is None:
            return None
        from guide.rate import RateInputs

        return RateInputs(
            pay_per_task=self.pay_per_task,
            minutes_per_task=self.minutes_per_task,
            unpaid_minutes_per_hour=self.unpaid_minutes_per_hour,
            rejected_percent=self.rejected_percent,
            fee_percent=self.fee_percent,
            withdrawal_fee_fixed=self.withdrawal_fee_fixed,
            withdrawal_fee_percent=self.withdrawal_fee_percent,
            payout_amount=self.payout_amount,
            tax_percent=self.tax_percent,
        )

    def deductions(self) -> RateInputs:
        """Withdrawal and tax inputs only (for the rate from the log)."""
        from guide.rate import RateInputs

        return RateInputs(
            pay_per_task=Decimal(0),
            minutes_per_task=Decimal(1),
            withdrawal_fee_fixed=self.withdrawal_fee_fixed,
            withdrawal_fee_percent=self.withdrawal_fee_percent,
            payout_amount=self.payout_amount,
            tax_percent=self.tax_percent,
        )

    def entry(self, item_id: str) -> ChecklistEntry | None:
        """This platform's entry for checklist item ``item_id``, if any."""
        return next((e for e in self.checklist if e.item == item_id), None)


class Milestone(_Model):
    """A step towards an upskilling goal."""

    title: Label = Field(description="What is done when the milestone is reached.")
    due: Date = Field(description="When it is due.")
    done: bool = Field(default=False, strict=True, description="Whether it is reached.")


class Goal(_Model):
    """An upskilling goal."""

    skill: Label = Field(description="The skill to learn.")
    why: Note = Field(default="", description="Why it matters to the user, free text.")
    target_date: Date | None = Field(default=None, description="When to reach it (optional).")
    hours_per_week: Hours = Field(description="Hours a week for it, 0-168.")
    resources: list[Resource] = Field(
        default_factory=list, max_length=100, description="Courses, books, links."
    )
    milestones: list[Milestone] = Field(
        default_factory=list, max_length=200, description="Steps with due dates."
    )


# --- the log, the timer and reviews ------------------------------------------------------


class EntryKind(StrEnum):
    """What a log entry records."""

    WORK = "work"
    """Work on a platform."""
    STUDY = "study"
    """Study toward an upskilling goal."""


class Decision(StrEnum):
    """What a review decided."""

    KEEP_GOING = "keep_going"
    CUT_HOURS = "cut_hours"
    DROP_PLATFORM = "drop_platform"
    SWITCH_TO_SKILL = "switch_to_skill"
    STOP_MICROTASKS = "stop_microtasks"
    MOVE_HOURS_TO_STUDY = "move_hours_to_study"


Count = Annotated[int, Strict(), between(0, 1_000_000)]
EntryId = Annotated[str, StringConstraints(strict=True, pattern=r"^[0-9a-f]{12}$")]
"""A log entry's or review's id: 12 lowercase hex digits, e.g. ``3f9a0c12b7de``."""


def new_id() -> str:
    """A fresh random id (48 bits: a collision in a 10,000-entry log is a 1-in-5-million
    chance, and the plan refuses duplicate ids anyway)."""
    return secrets.token_hex(6)


class LogEntry(_Model):
    """One session: work on a platform or study toward a goal.

    ``id`` is stable: edits keep it, merges and imports match entries by it. Entries read
    from a file without one (older plans, hand edits) get an id derived from their content
    and position (see ``guide.storage``), so reading the same file twice gives the same ids.
    Frozen: an edit makes a new entry (``guide.log.edit_entry``), so copies of a plan can
    share their entries (``working_copy``).
    """

    model_config = ConfigDict(frozen=True)

    id: EntryId = Field(default_factory=new_id, description="Stable id, 12 lowercase hex digits.")
    kind: EntryKind = Field(default=EntryKind.WORK, description="work (default) or study.")
    date: Date = Field(description="The day of the session.")
    platform: Name | None = Field(
        default=None, description="work: the platform's name, as in platforms."
    )
    goal: Label | None = Field(default=None, description="study: the goal's skill, as in goals.")
    minutes: SessionMinutes = Field(
        description="Whole time of the session in minutes, search and admin included, 1-1440."
    )
    earned: Money = Field(
        default=Decimal(0),
        description="work: what the session added to the platform balance (after the "
        "platform's fee), in the plan's currency.",
    )
    tasks: Count | None = Field(default=None, description="work: tasks submitted (optional).")
    approved: Count | None = Field(default=None, description="work: tasks approved (optional).")
    rejected: Count | None = Field(default=None, description="work: tasks rejected (optional).")
    note: Label | None = Field(default=None, description="A short note, one line (optional).")
    changed: Timestamp | None = Field(
        default=None,
        description="When the entry was added or last edited; a merge keeps the later edit.",
    )

    @model_validator(mode="after")
    def _kind_fits(self) -> LogEntry:
        problems: list[tuple[str, str]] = []
        if self.kind is EntryKind.WORK:
            if self.platform is None:
                problems.append(("platform", Problem("problem_work_platform")))
            if self.goal is not None:
                problems.append(("goal", Problem("problem_study_no_goal")))
            counted = (self.approved or 0) + (self.rejected or 0)
            if self.tasks is not None and counted > self.tasks:
                problems.append(("tasks", Problem("problem_tasks_fewer")))
        else:
            if self.goal is None:
                problems.append(("goal", Problem("problem_study_goal")))
            if self.platform is not None:
                problems.append(("platform", Problem("problem_work_no_platform")))
            if self.earned:
                problems.append(("earned", Problem("problem_study_earns")))
            problems += [
                (name, "only a work entry counts tasks")
                for name in ("tasks", "approved", "rejected")
                if getattr(self, name) is not None
            ]
        _problems(problems)
        return self

    @property
    def subject(self) -> str:
        """The platform (work) or goal (study) the entry is about."""
        return (self.platform if self.kind is EntryKind.WORK else self.goal) or ""


class Tombstone(_Model):
    """A deleted log entry's id, so a merge with an older copy doesn't bring it back."""

    id: EntryId = Field(description="The deleted entry's id.")
    when: Timestamp = Field(description="When it was deleted.")


class Timer(_Model):
    """A running session timer, kept in the plan so that it survives closing the app and
    can be stopped by another program (``remote-guide stop``)."""

    started: Timestamp = Field(description="When the session started, with time-zone offset.")
    kind: EntryKind = Field(default=EntryKind.WORK, description="work (default) or study.")
    platform: Name | None = Field(default=None, description="work: the platform timed.")
    goal: Label | None = Field(default=None, description="study: the goal's skill.")
    limit_notified: bool = Field(
        default=False, strict=True, description="Whether reaching the daily limit was told."
    )

    @model_validator(mode="after")
    def _kind_fits(self) -> Timer:
        work = self.kind is EntryKind.WORK
        if work and (self.platform is None or self.goal is not None):
            _problems([("platform", Problem("problem_timer_work"))])
        if not work and (self.goal is None or self.platform is not None):
            _problems([("goal", Problem("problem_timer_study"))])
        return self

    @property
    def subject(self) -> str:
        return (self.platform if self.kind is EntryKind.WORK else self.goal) or ""


class Review(_Model):
    """A decision taken at a review, with one line of why, and when to look again."""

    id: EntryId = Field(default_factory=new_id, description="Stable id, 12 lowercase hex digits.")
    date: Date = Field(description="The day of the review.")
    decision: Decision = Field(
        description="keep_going, cut_hours, drop_platform, switch_to_skill, stop_microtasks "
        "or move_hours_to_study."
    )
    reason: Label = Field(description="One line of reasoning.")
    next_review: Date = Field(description="When to review again; not before the review.")
    platform: Name | None = Field(default=None, description="drop_platform: which platform.")
    goal: Label | None = Field(
        default=None, description="switch_to_skill, move_hours_to_study: which goal."
    )
    weekly_minutes: WeekMinutes | None = Field(
        default=None, description="cut_hours: the new weekly limit for microtasks (optional)."
    )
    hours_per_week: Hours | None = Field(
        default=None, description="move_hours_to_study: hours a week moved to the goal."
    )

    @model_validator(mode="after")
    def _fits(self) -> Review:
        problems: list[tuple[str, str]] = []
        if self.next_review < self.date:
            problems.append(("next_review", Problem("problem_next_before", date=self.date)))
        if self.decision is Decision.DROP_PLATFORM and self.platform is None:
            problems.append(("platform", Problem("problem_drop_platform")))
        _problems(problems)
        return self


class Plan(_Model):
    """A user's plan, as stored in one TOML file."""

    schema_version: Version = Field(description="The file layout's version; this program writes 2.")
    title: Title = Field(description="The plan's name, shown in lists.")
    language: Language = Field(description="en or ru.")
    created: Timestamp = Field(description="When the plan was created, with time-zone offset.")
    updated: Timestamp = Field(description="When it was last changed, with time-zone offset.")
    profile: Profile = Field(description="Who the plan is for.")
    limits: Limits = Field(description="Time limits for microtask work.")
    platforms: list[Platform] = Field(
        default_factory=list, max_length=200, description="Platforms, in the user's order."
    )
    goals: list[Goal] = Field(default_factory=list, max_length=100, description="Upskilling goals.")
    reviews: list[Review] = Field(
        default_factory=list, max_length=1000, description="Reviews, oldest first."
    )
    timer: Timer | None = Field(default=None, description="A running session timer, if any.")
    deleted: list[Tombstone] = Field(
        default_factory=list, max_length=200_000, description="Ids of deleted log entries."
    )
    log: list[LogEntry] = Field(
        default_factory=list,
        max_length=200_000,
        description="Work and study sessions, any order.",
    )

    @model_validator(mode="after")
    def _cross_checks(self) -> Plan:
        problems: list[tuple[str, str]] = []
        seen: set[str] = set()
        for i, p in enumerate(self.platforms):
            if p.name.casefold() in seen:
                problems.append(
                    (f"platforms[{i}].name", Problem("problem_name_taken", name=repr(p.name)))
                )
            seen.add(p.name.casefold())
        if self.limits.review_date < self.created.date():
            problems.append(
                ("limits.review_date", Problem("problem_before_created", date=self.created.date()))
            )
        problems += _log_problems(self)
        _problems(problems)
        return self

    def platform(self, name: str) -> Platform | None:
        """The platform called ``name``, if any."""
        return next((p for p in self.platforms if p.name == name), None)

    def goal(self, skill: str) -> Goal | None:
        """The goal whose skill is ``skill``, if any."""
        return next((g for g in self.goals if g.skill == skill), None)

    def work_log(self) -> list[LogEntry]:
        """The work entries, in log order."""
        return [e for e in self.log if e.kind is EntryKind.WORK]


def _log_problems(plan: Plan) -> list[tuple[str, str]]:
    """Entries and the timer name known platforms and goals; ids are unique and not deleted."""
    known = {
        EntryKind.WORK: ("platform", "problem_not_a_platform", {p.name for p in plan.platforms}),
        EntryKind.STUDY: ("goal", "problem_not_a_goal", {g.skill for g in plan.goals}),
    }
    problems: list[tuple[str, str]] = []
    deleted = {d.id for d in plan.deleted}
    seen: set[str] = set()
    for i, e in enumerate(plan.log):
        field, unknown, names = known[e.kind]
        if e.subject not in names:
            problems.append((f"log[{i}].{field}", Problem(unknown, name=repr(e.subject))))
        if e.id in seen:
            problems.append((f"log[{i}].id", Problem("problem_id_taken", id=repr(e.id))))
        elif e.id in deleted:
            problems.append((f"log[{i}].id", Problem("problem_id_deleted", id=repr(e.id))))
        seen.add(e.id)
    if plan.timer is not None:
        field, unknown, names = known[plan.timer.kind]
        if plan.timer.subject not in names:
            problems.append((f"timer.{field}", Problem(unknown, name=repr(plan.timer.subject))))
    review_ids: set[str] = set()
    for i, r in enumerate(plan.reviews):
        if r.id in review_ids:
            problems.append((f"reviews[{i}].id", Problem("problem_review_id_taken", id=repr(r.id))))
        review_ids.add(r.id)
    return problems


# --- creating ------------------------------------------------------------------------------


def new_plan(
    title: str, language: Language | str, now: dt.datetime, *, currency: str = "USD"
) -> Plan:
    """A fresh plan with modest defaults: an hour a day, five hours a week, weekdays,
    a review in four weeks. ``now`` must be time-zone aware."""
    return Plan(
        schema_version=SCHEMA_VERSION,
        title=title,
        language=Language(language),
        created=now,
        updated=now,
        profile=Profile(
            goal=GoalKind.FIRST_LOOK,
            hours_per_week=10,
            target_hourly_rate=Decimal(0),
            currency=currency,
            path=CareerPath.MIX,
        ),
        limits=Limits(
            daily_minutes=60,
            weekly_minutes=300,
            working_days=list(Weekday)[:5],
            review_date=now.date() + dt.timedelta(days=28),
        ),
    )


def new_platform(name: str, *, catalogue_id: str | None = None) -> Platform:
    """A platform being considered, with every checklist item not checked yet."""
    return Platform(
        name=name,
        catalogue_id=catalogue_id,
        status=PlatformStatus.CONSIDERING,
        checklist=[ChecklistEntry(item=i) for i in item_ids()],
    )
