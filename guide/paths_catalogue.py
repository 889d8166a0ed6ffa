"""What each career path takes and pays, kept as data in ``content/paths.toml``.

For every path the wizard can recommend (:class:`guide.plan.CareerPath`): the typical study
hours to be ready for a first job, course and exam costs, and pay with its region, year and
source. Only sourced figures: where a figure is missing the entry says so in a ``*_note``
field, and a region with no sourced pay figure is listed under ``no_pay`` with its reason,
so the switch calculator (``guide.switch``) never borrows another region's figure.

Loading is strict, like the platform catalogue (``guide.platforms``): an unknown key, a
missing translation, a missing source or a path listed twice is a ``ContentError`` naming
the file and the field, e.g. ``paths.toml: path[0].pay[0].year: must be between 2000 and
2100``.
"""

from __future__ import annotations

from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic import StringConstraints as Str

from guide.content import ContentError, read_toml
from guide.paths import content_dir
from guide.plan import CareerPath
from guide.platforms import _message, _where
from guide.texts import LocalText

FILE_NAME = "paths.toml"

Url = Annotated[str, Str(strict=True, pattern=r"^https://[A-Za-z0-9.-]+\.[a-z]{2,}(/\S*)?$")]
Currency = Annotated[str, Str(strict=True, pattern=r"^[A-Z]{3}$")]


def _positive(value: int) -> int:
    if value <= 0:
        raise ValueError("must be above 0")
    return value


def _year(value: int) -> int:
    if not 2000 <= value <= 2100:
        raise ValueError("must be between 2000 and 2100")
    return value


Positive = Annotated[int, AfterValidator(_positive)]
Year = Annotated[int, AfterValidator(_year)]


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class Per(StrEnum):
    """How often a cost is paid."""

    MONTH = "month"
    ONCE = "once"


class Cost(_Model):
    """A course or exam cost."""

    what: LocalText = Field(description="What is paid for.")
    amount: Positive = Field(description="The amount, in ``currency``.")
    currency: Currency = Field(description="ISO 4217 code, e.g. USD.")
    per: Per = Field(strict=False, description="month (a subscription) or once.")
    note: LocalText | None = Field(default=None, description="Hedges, member prices.")
    source: Url = Field(description="Where the figure comes from.")


class Pay(_Model):
    """Annual pay for the path's occupation in one region, with its year and source."""

    region: LocalText = Field(description='Say "United States" when the figure is American.')
    currency: Currency = Field(description="The currency of the figures; plans in it use them.")
    occupation: LocalText = Field(description="The occupation the figures are for, and who.")
    median_annual: Positive = Field(description="Median annual pay.")
    entry_annual: Positive | None = Field(
        default=None, description="Entry-level annual pay, where a source gives one."
    )
    entry_note: LocalText | None = Field(
        default=None, description="What stands in for a missing entry-level figure."
    )
    year: Year = Field(description="The year the figures are for.")
    period: LocalText = Field(description='The survey period, e.g. "May 2024".')
    source: Url = Field(description="The publication's page.")

    @property
    def annual(self) -> int:
        """The annual pay the calculator uses: entry-level where known, else the median."""
        return self.entry_annual if self.entry_annual is not None else self.median_annual


class NoPay(_Model):
    """A region with no sourced pay figure, and what that means."""

    region: LocalText = Field(description="The region.")
    currency: Currency = Field(description="Plans in this currency get this note.")
    note: LocalText = Field(description="Says that there is no sourced figure.")


class PathInfo(_Model):
    """One path: what the switch takes and what it pays."""

    id: CareerPath = Field(strict=False, description="A guide.plan.CareerPath value.")
    role: LocalText = Field(description="The first job the path leads to.")
    study_hours: Positive | None = Field(
        default=None, description="Typical hours of study to be ready for a first job."
    )
    study_basis: LocalText | None = Field(
        default=None, description="How study_hours is arrived at (required with it)."
    )
    study_note: LocalText | None = Field(
        default=None, description="Why there is no study_hours (required without it)."
    )
    study_source: list[Url] = Field(default_factory=list, description="Sources of the above.")
    cost: list[Cost] = Field(default_factory=list, description="Course and exam costs.")
    cost_note: LocalText | None = Field(default=None, description="Why there are no costs.")
    pay: list[Pay] = Field(default_factory=list, description="Pay by region.")
    no_pay: list[NoPay] = Field(default_factory=list, description="Regions with no figure.")

    def pay_for(self, currency: str) -> Pay | None:
        """The pay figure in ``currency``, if one is sourced."""
        return next((p for p in self.pay if p.currency == currency), None)

    def no_pay_for(self, currency: str) -> NoPay | None:
        """The note for a region in ``currency`` with no sourced figure, if listed."""
        return next((p for p in self.no_pay if p.currency == currency), None)

    def sources(self) -> list[str]:
        """Every URL the path's figures rest on, in file order, each once."""
        urls = [*self.study_source, *(c.source for c in self.cost), *(p.source for p in self.pay)]
        return list(dict.fromkeys(urls))


class Catalogue(_Model):
    """The whole file: ``[[path]]`` tables."""

    path: list[PathInfo] = Field(min_length=1, description="The paths.")


def _entry_problems(i: int, p: PathInfo) -> list[str]:
    problems: list[str] = []
    if p.study_hours is not None and p.study_basis is None:
        problems.append(f"path[{i}].study_basis: missing; say how study_hours is arrived at")
    if p.study_hours is None and p.study_note is None:
        problems.append(f"path[{i}].study_note: missing; say why there is no study_hours")
    if p.study_hours is not None and not p.study_source:
        problems.append(f"path[{i}].study_source: missing; name the source of study_hours")
    if not p.cost and p.cost_note is None:
        problems.append(f"path[{i}].cost_note: missing; say why no cost is listed")
    currencies = [x.currency for x in p.pay] + [x.currency for x in p.no_pay]
    for j, pay in enumerate(p.pay):
        if pay.entry_annual is None and pay.entry_note is None:
            problems.append(f"path[{i}].pay[{j}].entry_note: missing without entry_annual")
    for currency in dict.fromkeys(c for c in currencies if currencies.count(c) > 1):
        problems.append(f"path[{i}]: currency {currency} is listed more than once in pay/no_pay")
    return problems


def load_paths(root: Path | None = None) -> dict[CareerPath, PathInfo]:
    """The paths of ``root/paths.toml`` (the shipped content by default) by id; raise
    ``ContentError`` listing every problem with its file and field. Every
    :class:`CareerPath` must have an entry."""
    path = (root or content_dir()) / FILE_NAME
    data = read_toml(path)
    try:
        entries = list(Catalogue.model_validate(data).path)
    except ValidationError as error:
        raise ContentError(
            [f"{path}: {_where(e)}: {_message(e)}" for e in error.errors()]
        ) from None
    problems: list[str] = []
    found: dict[CareerPath, PathInfo] = {}
    for i, entry in enumerate(entries):
        if entry.id in found:
            problems.append(f"{path}: path[{i}].id: {entry.id.value!r} is listed twice")
        found.setdefault(entry.id, entry)
        problems += [f"{path}: {p}" for p in _entry_problems(i, entry)]
    missing = [c.value for c in CareerPath if c not in found]
    if missing:
        problems.append(f"{path}: path: no entry for {', '.join(missing)}")
    if problems:
        raise ContentError(problems)
    return found


@cache
def shipped_paths() -> dict[CareerPath, PathInfo]:
    """The shipped catalogue, loaded once."""
    return load_paths()
