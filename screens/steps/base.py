"""What every wizard step has: a title, loading from the plan, and applying to it."""

from __future__ import annotations

from typing import TYPE_CHECKING

from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Select

from guide.i18n import Lang
from screens.widgets.form import TextField

if TYPE_CHECKING:
    from guide.plan import Plan


class WizardStep(VerticalScroll):
    """A step edits part of the wizard's working plan.

    ``load`` fills the widgets from the plan; ``apply`` writes valid values back and returns
    the problems that block Next (each also shown next to its field). Steps whose widgets
    change the plan as the user acts (platforms, vetting, goals) apply as they go.
    """

    name_key = ""

    def __init__(self, lang: Lang, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.lang = lang

    @property
    def plan(self) -> Plan:
        return self.screen.plan  # type: ignore[attr-defined, no-any-return]

    def load(self, plan: Plan) -> None:
        """Fill the widgets from ``plan``."""

    def enter(self, plan: Plan) -> None:
        """The step is shown again: refresh what depends on other steps (not typed values)."""

    def apply(self, plan: Plan) -> list[str]:
        """Write the widgets' values into ``plan``; the problems that block Next."""
        return self.field_problems()

    def focus_first(self) -> None:
        """Focus the step's first control, so typing starts at once."""
        for widget in self.walk_children():
            if widget.focusable and widget.display:
                widget.focus()
                return

    def field_problems(self) -> list[str]:
        problems = []
        for field in self.query(TextField):
            if field.display and not field.check():
                problems.append(f"{field.label}: {field.problem()}")
        return problems

    def changed(self) -> None:
        """Tell the wizard something changed (it saves the draft)."""
        self.screen.post_message(StepChanged())


class StepChanged(Message):
    """A step's values changed; the wizard saves its draft."""


def fill_platform_select(select: Select[int], plan: Plan) -> bool:
    """Offer the plan's platforms (values are their indexes), keeping the one chosen if it
    is still there; False when the plan has none."""
    count = len(plan.platforms)
    keep = select.value if isinstance(select.value, int) and select.value < count else 0
    with select.prevent(Select.Changed):
        select.set_options([(Content(p.name), i) for i, p in enumerate(plan.platforms)])
        if count:
            select.value = keep
    return count > 0
