"""The platform catalogue used by the planning wizard, kept as data in
``content/platforms.toml`` (facts from ``shared/facts.md``, section 3).

Every text a reader sees is in both languages. Loading is strict: an unknown key, a
missing translation, a score out of range or a repeated id is a ``ContentError`` naming
the file and the field, e.g. ``platforms.toml: platform[3].fairwork.score: must be between
0 and 10``. A plan's ``catalogue_id`` refers to a platform's ``id``, so ids never change
once shipped.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from enum import StrEnum
from pathlib import Path
from typing import Annotated

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, ValidationError
from pydantic import StringConstraints as Str
from pydantic_core import ErrorDetails

from guide.content import ContentError, read_toml
from guide.i18n import LANGS, Lang
from guide.paths import content_dir
from guide.texts import LocalList as LocalList  # re-exported for catalogue users
from guide.texts import LocalText as LocalText

FILE_NAME = "platforms.toml"

Text = Annotated[str, Str(strict=True, min_length=1, max_length=600, pattern=r"\S")]
Short = Annotated[str, Str(strict=True, min_length=1, max_length=80, pattern=r"\S")]
PlatformId = Annotated[str, Str(strict=True, pattern=r"^[a-z0-9]+(?:-[a-z0-9]+)*$")]
Currency = Annotated[str, Str(strict=True, pattern=r"^[A-Z]{3}$")]


def _between(low: int, high: int) -> Callable[[int], int]:
    def check(value: int) -> int:
        if not low <= value <= high:
            raise ValueError(f"must be between {low} and {high}")
        return value

    return check


class Kind(StrEnum):
    """What kind of work a platform offers."""

    MICROTASKS = "microtasks"
    SURVEYS = "surveys"
    DATA_LABELLING = "data-labelling"
    TRANSCRIPTION = "transcription"
    SEARCH_RATING = "search-rating"
    FREELANCE = "freelance"
    SMALL_JOBS = "small-jobs"


class Confidence(StrEnum):
    """How well facts.md backs a row: high = an official help page, medium = a partial or
    older source, low = memory only. Mixed marks (``H/M``) are stored as the lower one,
    with ``confidence_note`` saying how they split."""

    HIGH = "high"
    MEDIUM = "medium"
    LOW = "low"


class _Model(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


class MinimumPayout(_Model):
    """The smallest balance that can be withdrawn."""

    amount: float = Field(ge=0, description="The minimum, in ``currency``.")
    currency: Currency = Field(description="ISO 4217 code, e.g. EUR, USD, GBP.")
    note: LocalText | None = Field(default=None, description="Other methods, other minimums.")

    def text(self, lang: Lang) -> str:
        """The amount written the reader's way: "$5.00", "5,00 $"."""
        from decimal import Decimal

        from guide.rate import money_text

        return money_text(Decimal(str(self.amount)), self.currency, lang)


class Fairwork(_Model):
    """A Fairwork Cloudwork rating (0-10) and the year it was published."""

    score: Annotated[int, AfterValidator(_between(0, 10))] = Field(description="Points, 0-10.")
    year: Annotated[int, AfterValidator(_between(2018, 2100))] = Field(
        description="The year of the rating."
    )


class Platform(_Model):
    """One row of the catalogue."""

    id: PlatformId = Field(description="Stable kebab-case id; plans refer to it.")
    name: Short = Field(description="The platform's name as it calls itself.")
    kind: Kind = Field(strict=False, description="The main kind of work.")
    work: LocalText = Field(description="What the work is, in a short phrase.")
    payout_methods: list[Short] = Field(
        default_factory=list, description='How money leaves the platform, e.g. "SEPA (EU only)".'
    )
    minimum_payout: MinimumPayout | None = Field(
        default=None, description="Omitted when unknown or not verified."
    )
    fees: LocalText = Field(description='Fees as known; "not verified" where unknown.')
    regions: LocalText = Field(description="Country and payment restrictions.")
    notes: LocalText | None = Field(default=None, description="Other facts worth knowing.")
    fairwork: Fairwork | None = Field(default=None, description="Fairwork rating, if rated.")
    confidence: Confidence = Field(strict=False, description="How well the facts are backed.")
    confidence_note: LocalText | None = Field(
        default=None, description="Which facts are more or less certain, if it differs."
    )
    unverified: LocalList = Field(description="What is not verified.")
    source: list[Text] = Field(min_length=1, description="Where the facts come from.")


class Catalogue(_Model):
    """The whole file: ``[[platform]]`` tables in display order."""

    platform: list[Platform] = Field(min_length=1, description="The platforms.")


def load_catalogue(root: Path | None = None) -> list[Platform]:
    """The platforms of ``root/platforms.toml`` (the shipped content by default), in file
    order; raise ``ContentError`` listing every problem with its file and field."""
    path = (root or content_dir()) / FILE_NAME
    data = read_toml(path)
    try:
        platforms = list(Catalogue.model_validate(data).platform)
    except ValidationError as error:
        raise ContentError(
            [f"{path}: {_where(e)}: {_message(e)}" for e in error.errors()]
        ) from None
    problems: list[str] = []
    first: dict[str, int] = {}
    for i, p in enumerate(platforms):
        if p.id in first:
            problems.append(
                f"{path}: platform[{i}].id: {p.id!r} is already used by platform[{first[p.id]}]"
            )
        first.setdefault(p.id, i)
        lengths = {lang: len(p.unverified.get(lang)) for lang in LANGS}
        if len(set(lengths.values())) > 1:
            langs = " and ".join(lengths)
            problems.append(f"{path}: platform[{i}].unverified: {langs} lists differ in length")
    if problems:
        raise ContentError(problems)
    return platforms


def by_id(platforms: list[Platform], platform_id: str) -> Platform | None:
    """The platform with ``platform_id``, or None."""
    return next((p for p in platforms if p.id == platform_id), None)


_PATTERNS = {
    "id": "must be lowercase words joined by '-', like 'yandex-tasks'",
    "currency": "must be a three-letter ISO 4217 code in capitals, like EUR",
}


def _where(err: ErrorDetails) -> str:
    out = ""
    for part in err["loc"]:
        out += f"[{part}]" if isinstance(part, int) else f"{'.' if out else ''}{part}"
    return out or "file"


def _message(err: ErrorDetails) -> str:
    kind = err["type"]
    if kind == "missing":
        return "missing"
    if kind == "extra_forbidden":
        return "unknown key"
    if kind == "value_error":
        return str(err.get("ctx", {}).get("error", err["msg"]))
    if kind == "string_pattern_mismatch":
        message = _PATTERNS.get(str(err["loc"][-1]), "must not be blank")
    else:
        message = re.sub(r"^\w+ should", "must", err["msg"])
    found = repr(err["input"])
    return f"{message} (found {found if len(found) <= 40 else found[:36] + '...'})"
