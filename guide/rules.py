"""The plan's rules, written once: the plan model validates with them and the screens read
them, so a bound or a check can't say one thing in a file and another in a form.

- ``Range`` is the validator behind every bounded number of :mod:`guide.plan` (it sits in
  the field's ``Annotated`` metadata); :func:`number_rule` reads it back from a model field
  together with whether the number is whole and whether it may be left unset.
- Cross-field rules (the weekly limit against the daily one) and the session timer's
  time-up rule are plain functions here.
"""

from __future__ import annotations

import types
from dataclasses import dataclass
from decimal import Decimal
from typing import Annotated, Any, TypeVar, Union, get_args, get_origin

from annotated_types import MinLen
from pydantic import AfterValidator, BaseModel

from guide.problems import Problem, ProblemError

_N = TypeVar("_N", int, Decimal)


def _fmt(bound: Decimal | int) -> str:
    return f"{bound:,}".replace(",", "_") if isinstance(bound, int) and bound > 9999 else str(bound)


@dataclass(frozen=True)
class Range:
    """``low`` to ``high`` inclusive (``low`` itself excluded when ``low_open``)."""

    low: Decimal | int
    high: Decimal | int
    low_open: bool = False

    def contains(self, value: Decimal | int) -> bool:
        above = value > self.low if self.low_open else value >= self.low
        return above and value <= self.high

    def message(self) -> Problem:
        """The model's words for a value outside the range, in any language."""
        key = "problem_above" if self.low_open else "problem_between"
        return Problem(key, low=_fmt(self.low), high=_fmt(self.high))

    def __call__(self, value: _N) -> _N:
        """Validate ``value`` (a pydantic after-validator)."""
        if not self.contains(value):
            raise ProblemError.of(self.message())
        return value


def between(low: Decimal | int, high: Decimal | int, *, low_open: bool = False) -> Any:
    """Field metadata: the number must be in the range."""
    return AfterValidator(Range(low, high, low_open))


@dataclass(frozen=True)
class NumberRule:
    """What a form needs to check one number field as the model will."""

    range: Range
    whole: bool  # an int field
    optional: bool  # may be left unset (None)

    @property
    def low(self) -> Decimal:
        return Decimal(self.range.low)

    @property
    def high(self) -> Decimal:
        return Decimal(self.range.high)


def number_rule(model: type[BaseModel], field: str) -> NumberRule:
    """The bounds of ``model.field`` as the model declares them; KeyError when the field
    has none (a form must not invent them)."""
    info = model.model_fields[field]
    annotation, optional = _unwrap_optional(info.annotation)
    metadata: list[object] = list(info.metadata)
    base = annotation
    if get_origin(annotation) is Annotated:
        base, *extra = get_args(annotation)
        metadata += extra
    found = [m.func for m in metadata if isinstance(m, AfterValidator)]
    ranges = [f for f in found if isinstance(f, Range)]
    if not ranges:
        raise KeyError(f"{model.__name__}.{field} has no bounds")
    return NumberRule(ranges[0], whole=base is int, optional=optional)


def min_items(model: type[BaseModel], field: str) -> int:
    """The fewest items the list ``model.field`` may have."""
    return next(
        (m.min_length for m in model.model_fields[field].metadata if isinstance(m, MinLen)), 0
    )


def _unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], True
    return annotation, False


# --- cross-field rules ----------------------------------------------------------------------


def weekly_cap(daily_minutes: int) -> int:
    """The most minutes a week may have: seven full days."""
    return 7 * daily_minutes


# --- the session timer ----------------------------------------------------------------------


def minutes_left(left_today: int, elapsed_seconds: float) -> int:
    """Minutes still allowed today while a session has run ``elapsed_seconds``."""
    return max(0, left_today - int(elapsed_seconds) // 60)


def time_up(left_today: int, elapsed_seconds: float) -> bool:
    """The running session has used up what today allows: time to stop."""
    return minutes_left(left_today, elapsed_seconds) == 0


def session_minutes(elapsed_seconds: float) -> int:
    """The minutes a timed session is logged as: rounded, at least one."""
    return max(1, round(elapsed_seconds / 60))
