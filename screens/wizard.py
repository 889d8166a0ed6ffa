"""The planning wizard: its steps from an empty start to a saved plan, with a draft saved
after every change; and the same steps one at a time, prefilled, to edit a saved plan
(from the plan screen). Steps are addressed by their key, never by position."""

from __future__ import annotations

from pathlib import Path
from typing import TypeVar

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.timer import Timer
from textual.widgets import Button, ContentSwitcher, Footer, Header, Static

from guide.drafts import Draft, discard_draft, save_draft
from guide.i18n import Lang, t
from guide.plan import Plan
from guide.printable import escape_text, shown_path
from guide.problems import said_error
from guide.storage import LoadedPlan, PlanError
from screens.base import GuideScreen
from screens.context import OnContext, PlanContext
from screens.dialogs import ask
from screens.steps import KEYS, STEPS, step_class
from screens.steps.base import GoTo, StepChanged, WizardStep
from screens.widgets.form import TextField

DRAFT_DELAY = 0.3  # seconds after the last change before the draft is written

ResultT = TypeVar("ResultT")


class StepsScreen(OnContext, GuideScreen[ResultT]):
    """What both modes share: the steps shown, loading them, showing one by key."""

    CSS_PATH = "wizard.tcss"

    def __init__(self, context: PlanContext, step: str, *, fresh: bool) -> None:
        super().__init__()
        self.context = context
        self.step = step if step in KEYS else KEYS[0]
        self.fresh = fresh

    @property
    def target(self) -> Path | None:
        return self.context.target

    def shown_steps(self) -> tuple[type[WizardStep], ...]:
        return STEPS

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        yield Static(id="step-indicator", markup=False)
        with ContentSwitcher(id="steps"):
            for step in self.shown_steps():
                yield step(self.context, fresh=self.fresh, id=f"step-{step.key}")
        with Horizontal(id="wizard-buttons"):
            yield from self.buttons()
        yield Footer()

    def buttons(self) -> ComposeResult:
        yield from ()

    def on_mount(self) -> None:
        self.title = t(self.lang, "wizard_title")
        for step in self.query(WizardStep):
            step.load(self.plan)
        self.start()

    def start(self) -> None:
        """The steps are loaded: show the first one. (Not a second ``on_mount``: Textual
        calls every class's own ``on_mount``, and the steps would load twice.)"""

    @property
    def current(self) -> WizardStep:
        return self.query_one(f"#step-{self.step}", WizardStep)

    def show(self, key: str) -> WizardStep:
        """Show the step called ``key``; returns it."""
        step_class(key)  # a wrong key fails here, loudly
        self.step = key
        step = self.current
        step.enter(self.plan)
        self.query_one(ContentSwitcher).current = step.id
        step.scroll_home(animate=False)
        self.call_after_refresh(step.focus_first)
        return step

    def show_indicator(self, text: str) -> None:
        self.query_one("#step-indicator", Static).update(Content(text))

    def apply_current(self) -> bool:
        """Apply the shown step; False (and the problems shown) when it can't be."""
        problems = self.current.apply(self.plan)
        if problems:
            self.notify(
                t(self.lang, "next_refused", problems="; ".join(problems)),
                markup=False,
                severity="error",
                timeout=6,
            )
            invalid = self.current.query(".field.-invalid Input")
            if invalid:
                invalid.first().focus()
        return not problems


class WizardScreen(StepsScreen[LoadedPlan | None]):
    """A new plan, step by step. Dismisses with the saved plan, or None when the user
    leaves (a draft kept or not, as they choose)."""

    BINDINGS = [
        Binding("alt+right,ctrl+n", "next", "Next", id="wizard_next"),
        Binding("alt+left", "back", "Back", id="wizard_back"),
        Binding("escape", "leave", "Leave", id="wizard_leave"),
    ]

    def __init__(
        self,
        lang: Lang,
        plan: Plan,
        *,
        step: str = KEYS[0],
        target: Path | None = None,
        fields: dict[str, str] | None = None,
        fresh: bool = True,
    ) -> None:
        context = PlanContext(
            lang,
            plan,
            clock=lambda: self.app.today(),
            guide_source=lambda: self.app.guide,
            target=target,
        )
        super().__init__(context, step, fresh=fresh)
        self._restore = fields or {}
        self._draft_timer: Timer | None = None
        self._draft_failed = False

    def buttons(self) -> ComposeResult:
        lang = self.lang
        yield Button(Content(t(lang, "btn_back")), id="back", compact=True)
        yield Button(Content(t(lang, "btn_next")), id="next", variant="primary", compact=True)

    def start(self) -> None:
        for field in self.query(TextField):
            if field.id in self._restore:
                field.value = self._restore[field.id]
        self.go_to(self.step)

    def go_to(self, key: str) -> None:
        """Show the step called ``key``, with its place among the steps."""
        step = self.show(key)
        index = KEYS.index(key)
        name = t(self.lang, step.title_key())
        self.show_indicator(t(self.lang, "wizard_step", n=index + 1, total=len(KEYS), name=name))
        self.query_one("#back", Button).disabled = index == 0
        last = index == len(KEYS) - 1
        self.query_one("#next", Button).label = Content(
            t(self.lang, "btn_save" if last else "btn_next")
        )
        self._schedule_draft()

    @on(GoTo)
    def _go_to(self, event: GoTo) -> None:
        event.stop()
        self.go_to(event.key)

    # Moving -----------------------------------------------------------------------------

    def action_next(self) -> None:
        index = KEYS.index(self.step)
        if index == len(KEYS) - 1:
            self._save()
        elif self.apply_current():
            self.go_to(KEYS[index + 1])

    def action_back(self) -> None:
        index = KEYS.index(self.step)
        if index == 0:
            return
        self.current.apply(self.plan)  # keep what is valid; the rest stays typed in the step
        self.go_to(KEYS[index - 1])

    @on(Button.Pressed, "#next")
    def _next_pressed(self) -> None:
        self.action_next()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_back()

    # Leaving and saving -----------------------------------------------------------------

    @work(exclusive=True, group="wizard-leave")
    async def action_leave(self) -> None:
        if await self.confirm_quit():
            self.dismiss(None)

    async def confirm_quit(self) -> bool:
        """Ask whether to keep a draft; True to go on leaving."""
        lang = self.lang
        answer = await ask(
            self.app,
            t(lang, "leave_title"),
            t(lang, "leave_body"),
            [("keep", t(lang, "leave_keep")), ("discard", t(lang, "leave_discard"))],
            cancel=t(lang, "btn_cancel"),
        )
        if answer == "keep" and not self.write_draft(tell=True):
            return False  # no draft: stay, so that nothing typed is lost
        if answer == "discard":
            self._cancel_draft_timer()
            discard_draft()
        return answer != "cancel"

    @work(exclusive=True, group="wizard-save")
    async def _save(self) -> None:
        from screens.saving import save_asking
        from screens.steps.review import ReviewStep

        if not self.apply_current():
            return
        path = self.query_one(ReviewStep).file
        fingerprint = await save_asking(self, self.lang, self.plan, path, None)
        if fingerprint is None:
            return
        self._cancel_draft_timer()
        discard_draft()
        self.notify(t(self.lang, "review_saved", path=shown_path(path)), markup=False)
        self.dismiss(LoadedPlan(self.plan, path, fingerprint))

    # The draft --------------------------------------------------------------------------

    @on(StepChanged)
    def _step_changed(self) -> None:
        self._schedule_draft()

    def _schedule_draft(self) -> None:
        self._cancel_draft_timer()
        self._draft_timer = self.set_timer(DRAFT_DELAY, self.write_draft)

    def _cancel_draft_timer(self) -> None:
        if self._draft_timer is not None:
            self._draft_timer.stop()
            self._draft_timer = None

    def write_draft(self, *, tell: bool = False) -> bool:
        """Save the plan as it stands, with the raw text of every field; False when the
        draft can't be written (said once, or again when ``tell``)."""
        self._cancel_draft_timer()
        fields = {f.id: f.value for f in self.query(TextField) if f.id}
        try:
            save_draft(Draft(self.plan, self.step, str(self.target or ""), fields))
        except (OSError, PlanError) as error:
            # The draft is a convenience: say so once, and keep everything typed on screen.
            if tell or not self._draft_failed:
                self._draft_failed = True
                reason = escape_text(said_error(self.lang, error))
                self.notify(
                    t(self.lang, "draft_failed", error=reason),
                    markup=False,
                    severity="warning",
                    timeout=10,
                )
            return False
        return True


class StepEditor(StepsScreen[Plan | None]):
    """One step of a saved plan, prefilled. Dismisses with the edited plan (a copy: the
    plan screen decides what to keep), or None when cancelled."""

    BINDINGS = [
        Binding("alt+right,ctrl+n", "done", "Next", id="wizard_next"),
        Binding("escape", "leave", "Leave", id="wizard_leave"),
    ]

    def __init__(self, context: PlanContext, step: str) -> None:
        super().__init__(context, step, fresh=False)

    def shown_steps(self) -> tuple[type[WizardStep], ...]:
        return (step_class(self.step),)

    def buttons(self) -> ComposeResult:
        lang = self.lang
        yield Button(Content(t(lang, "btn_done")), id="done", variant="primary", compact=True)
        yield Button(Content(t(lang, "btn_cancel")), id="cancel", compact=True)

    def start(self) -> None:
        step = self.show(self.step)
        self.show_indicator(t(self.lang, step.title_key()))

    @on(Button.Pressed, "#done")
    def action_done(self) -> None:
        if self.apply_current():
            self.dismiss(self.plan)

    @on(Button.Pressed, "#cancel")
    def action_leave(self) -> None:
        self.dismiss(None)

    async def confirm_quit(self) -> bool:
        return True
