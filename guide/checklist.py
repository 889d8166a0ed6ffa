"""The platform vetting checklist, kept as data in ``content/checklist.toml``.

A plan's platforms refer to the items by ``id`` (see :class:`guide.plan.ChecklistEntry`);
the states an item can have are ``todo``, ``pass`` and ``fail``, shown in the wizard as
"not yet", "tick" and "fails" (their words in both languages are in the file too).
"""

from __future__ import annotations

import tomllib
from enum import StrEnum
from functools import cache
from pathlib import Path
from typing import Annotated, Self

from pydantic import BaseModel, ConfigDict, Field, StringConstraints, model_validator

from guide.i18n import Lang
from guide.paths import content_dir
from guide.texts import LocalText

ItemId = Annotated[str, StringConstraints(strict=True, pattern=r"^[a-z][a-z0-9-]{1,39}$")]


class CheckState(StrEnum):
    """The state of one checklist item for one platform."""

    TODO = "todo"
    PASS = "pass"
    FAIL = "fail"


class Principle(StrEnum):
    """Where an item comes from: a Fairwork Cloudwork principle or the FTC scam signs."""

    FAIR_PAY = "fair-pay"
    FAIR_CONDITIONS = "fair-conditions"
    FAIR_CONTRACTS = "fair-contracts"
    FAIR_MANAGEMENT = "fair-management"
    FAIR_REPRESENTATION = "fair-representation"
    SCAM_SIGNS = "scam-signs"


class ItemKey(BaseModel):
    """What a plan knows of a checklist item: its id (the rest is for the wizard)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    id: ItemId = Field(description="Stable id that plans refer to; never changes once shipped.")


class ChecklistIds(BaseModel):
    """What a plan needs of the checklist: the item ids, in order, each once. Validating
    a plan reads only this much of the file; :class:`Checklist` is the whole of it, with
    the same rules for the ids (it is built on this model)."""

    model_config = ConfigDict(extra="ignore", frozen=True)

    item: tuple[ItemKey, ...] = Field(min_length=1, description="The items, in order.")

    @model_validator(mode="after")
    def _unique_ids(self) -> Self:
        ids = [i.id for i in self.item]
        dupes = sorted({i for i in ids if ids.count(i) > 1})
        if dupes:
            raise ValueError(f"duplicate item ids: {', '.join(dupes)}")
        return self

    def ids(self) -> tuple[str, ...]:
        """The item ids, in order."""
        return tuple(i.id for i in self.item)


# The models below are built when the whole checklist is first read (the wizard, a plan's
# details), not on import: ``check`` needs only the ids.
class ChecklistItem(ItemKey, LocalText):
    """One thing to check before working for a platform: its id, its text in each
    language (the ``en``, ``ru``... keys of a ``LocalText``), and why it matters."""

    model_config = ConfigDict(extra="forbid", frozen=True, strict=False, defer_build=True)

    principle: Principle = Field(description="The Fairwork principle or FTC warning behind it.")
    why: LocalText = Field(description="One line on why the item matters, in each language.")

    def text(self, lang: Lang) -> str:
        """The item's text in ``lang``."""
        return self.get(lang)


class StateLabels(BaseModel):
    """How the wizard names each state."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    todo: LocalText = Field(description='Label for an item not checked yet ("not yet").')
    pass_: LocalText = Field(alias="pass", description='Label for a passed item ("tick").')
    fail: LocalText = Field(description='Label for a failed item ("fails").')

    def label(self, state: CheckState, lang: Lang) -> str:
        """The label of ``state`` in ``lang``."""
        text = {CheckState.TODO: self.todo, CheckState.PASS: self.pass_}.get(state, self.fail)
        return text.get(lang)


class Checklist(ChecklistIds):
    """The whole checklist: state labels and items, in the order they are shown."""

    model_config = ConfigDict(extra="forbid", frozen=True, defer_build=True)

    states: StateLabels = Field(description="Labels of the three states.")
    item: tuple[ChecklistItem, ...] = Field(min_length=1, description="The items, in order.")

    @property
    def items(self) -> tuple[ChecklistItem, ...]:
        """The items, in order."""
        return self.item

    def get(self, item_id: str) -> ChecklistItem | None:
        """The item with ``item_id``, or None."""
        return next((i for i in self.item if i.id == item_id), None)


def _read(path: Path) -> dict[str, object]:
    with path.open("rb") as f:
        return tomllib.load(f)


def load_checklist_file(path: Path) -> Checklist:
    """Read and validate a checklist file (raises on any problem: it is shipped content)."""
    return Checklist.model_validate(_read(path))


CHECKLIST_FILE = "checklist.toml"


@cache
def load_checklist() -> Checklist:
    """The shipped checklist (``content/checklist.toml``), read once."""
    return load_checklist_file(content_dir() / CHECKLIST_FILE)


@cache
def item_ids() -> tuple[str, ...]:
    """The ids a plan's checklist may use, in order, read once (only the ids: see
    :class:`ChecklistIds`)."""
    return ChecklistIds.model_validate(_read(content_dir() / CHECKLIST_FILE)).ids()
