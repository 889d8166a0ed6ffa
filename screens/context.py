"""What the wizard, its steps and the plan screen work on, in one typed object."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from guide.i18n import Lang

if TYPE_CHECKING:
    from guide.articles import Guide  # pydantic: kept off the start-up path
    from guide.plan import Plan


@dataclass
class PlanContext:
    """The plan being edited and what editing it needs.

    ``clock`` and ``guide_source`` are asked each time: a screen left open past midnight
    moves to the new day, and the guide (loaded in a thread) may arrive after the screen.
    """

    lang: Lang
    plan: Plan
    clock: Callable[[], dt.date]
    guide_source: Callable[[], Guide | None]
    target: Path | None = None  # the file a new plan will be saved to, if chosen

    def today(self) -> dt.date:
        return self.clock()

    @property
    def guide(self) -> Guide | None:
        return self.guide_source()


class OnContext:
    """What a screen or step working on a :class:`PlanContext` reads by name (the wizard,
    its steps, the review): the language and the plan."""

    context: PlanContext

    @property
    def lang(self) -> Lang:
        return self.context.lang

    @property
    def plan(self) -> Plan:
        return self.context.plan
