"""What every wizard step has: a key, a title, loading from the plan, and applying to it."""

from __future__ import annotations

from typing import TYPE_CHECKING, ClassVar

from textual import getters
from textual.containers import VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Select

from screens.context import OnContext, PlanContext
from screens.widgets.form import TextField

if TYPE_CHECKING:
    from guide.plan import Plan
    from screens.app import RemoteGuideApp


class WizardStep(OnContext, VerticalScroll):
    """A step edits part of the wizard's working plan.

    ``load`` fills the widgets from the plan; ``apply`` writes valid values back and returns
    the problems that block Next (each also shown next to its field). Steps whose widgets
    change the plan as the user acts (platforms, vetting, goals) apply as they go.

    Steps are addressed by ``key`` (unique; its title is the words ``step_<key>``), never by
    position. ``editable_alone`` steps are offered by the plan screen's "edit"; ``edit_key``
    is the plan screen's key that opens the step alone, if it has one.
    """

    if TYPE_CHECKING:
        app = getters.app(RemoteGuideApp)

    key: ClassVar[str]
    editable_alone: ClassVar[bool] = True
    edit_key: ClassVar[str | None] = None

    def __init__(self, context: PlanContext, *, fresh: bool = False, id: str | None = None) -> None:
        super().__init__(id=id, classes="wizard-step")
        self.context = context
        # A new plan: steps may preselect what they recommend (a draft or a plan may not).
        self.fresh = fresh

    @classmethod
    def title_key(cls) -> str:
        return f"step_{cls.key}"

    def load(self, plan: Plan) -> None:
        """Fill the widgets from ``plan``."""

    def enter(self, plan: Plan) -> None:
        """The step is shown again: refresh what depends on other steps (not typed values)."""

    def apply(self, plan: Plan) -> list[str]:
        """Write the widgets' values into ``plan``; the problems that block Next."""
        return self.field_problems()

    def focus_first(self) -> None:
        """Focus the step's first control, so typing starts at once."""
        for widget in self.walk_children(Widget):
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
        self.post_message(StepChanged())


class StepChanged(Message):
    """A step's values changed; the wizard saves its draft."""


class GoTo(Message):
    """Show the step called ``key`` (the review's "edit" buttons)."""

    def __init__(self, key: str) -> None:
        super().__init__()
        self.key = key


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
