"""The planning wizard: eight steps from an empty start to a saved plan, with a draft saved
after every change. In edit mode (from the plan screen) it shows one step, prefilled."""

from __future__ import annotations

from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Button, ContentSwitcher, Footer, Header, Static

from guide.drafts import Draft, discard_draft, save_draft
from guide.i18n import Lang, t
from guide.plan import Plan
from guide.printable import escape_text, shown_path
from guide.storage import LoadedPlan, PlanError
from screens.steps import STEPS
from screens.steps.base import StepChanged, WizardStep
from screens.widgets.form import TextField

DRAFT_DELAY = 0.3  # seconds after the last change before the draft is written


class WizardScreen(Screen[LoadedPlan | Plan | None]):
    """Dismisses with the saved ``LoadedPlan`` (new plan), the edited ``Plan`` (edit mode),
    or None when the user leaves."""

    CSS_PATH = "wizard.tcss"
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
        step: int = 0,
        target: Path | None = None,
        fields: dict[str, str] | None = None,
        edit: bool = False,
        fresh: bool = True,
    ) -> None:
        super().__init__()
        self.lang = lang
        self.plan = plan
        self.step = step
        self.target = target
        self.edit = edit
        self.fresh = fresh and not edit
        self._restore = fields or {}
        self._draft_timer = None
        self._draft_failed = False

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Header(icon="")
        yield Static(id="step-indicator", markup=False)
        with ContentSwitcher(id="steps"):
            for i, step_class in enumerate(STEPS):
                if not self.edit or i == self.step:
                    yield step_class(lang, id=f"step-{i}", classes="wizard-step")
        with Horizontal(id="wizard-buttons"):
            if self.edit:
                yield Button(
                    Content(t(lang, "btn_done")), id="done", variant="primary", compact=True
                )
                yield Button(Content(t(lang, "btn_cancel")), id="cancel", compact=True)
            else:
                yield Button(Content(t(lang, "btn_back")), id="back", compact=True)
                yield Button(
                    Content(t(lang, "btn_next")), id="next", variant="primary", compact=True
                )
        yield Footer()

    def on_mount(self) -> None:
        self.title = t(self.lang, "wizard_title")
        for step in self.query(WizardStep):
            step.load(self.plan)
        for field in self.query(TextField):
            if field.id in self._restore:
                field.value = self._restore[field.id]
        self.go_to(self.step)

    @property
    def current(self) -> WizardStep:
        return self.query_one(f"#step-{self.step}", WizardStep)

    def go_to(self, index: int) -> None:
        self.step = max(0, min(index, len(STEPS) - 1))
        step = self.current
        step.enter(self.plan)
        self.query_one(ContentSwitcher).current = step.id
        name = t(self.lang, step.name_key)
        indicator = (
            name
            if self.edit
            else t(self.lang, "wizard_step", n=self.step + 1, total=len(STEPS), name=name)
        )
        self.query_one("#step-indicator", Static).update(Content(indicator))
        if not self.edit:
            self.query_one("#back", Button).disabled = self.step == 0
            last = self.step == len(STEPS) - 1
            self.query_one("#next", Button).label = Content(
                t(self.lang, "btn_save" if last else "btn_next")
            )
        step.scroll_home(animate=False)
        self.call_after_refresh(step.focus_first)
        self._schedule_draft()

    # Moving -----------------------------------------------------------------------------

    def _apply_current(self) -> bool:
        problems = self.current.apply(self.plan)
        if problems:
            self.notify(
                Content(t(self.lang, "next_refused", problems="; ".join(problems))),
                severity="error",
                timeout=6,
            )
            invalid = self.current.query(".field.-invalid Input")
            if invalid:
                invalid.first().focus()
        return not problems

    def action_next(self) -> None:
        if self.edit:
            self._done()
        elif self.step == len(STEPS) - 1:
            self._save()
        elif self._apply_current():
            self.go_to(self.step + 1)

    def action_back(self) -> None:
        if self.edit or self.step == 0:
            return
        self.current.apply(self.plan)  # keep what is valid; the rest stays typed in the step
        self.go_to(self.step - 1)

    @on(Button.Pressed, "#next")
    def _next_pressed(self) -> None:
        self.action_next()

    @on(Button.Pressed, "#back")
    def _back_pressed(self) -> None:
        self.action_back()

    @on(Button.Pressed, "#done")
    def _done(self) -> None:
        if self._apply_current():
            self.dismiss(self.plan)

    @on(Button.Pressed, "#cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    # Leaving and saving -----------------------------------------------------------------

    @work(exclusive=True, group="wizard-leave")
    async def action_leave(self) -> None:
        if await self.confirm_quit():
            self.dismiss(None)

    async def confirm_quit(self) -> bool:
        """Ask whether to keep a draft; True to go on leaving."""
        if self.edit:
            return True
        from screens.dialogs import ChoiceDialog

        answer = await self.app.push_screen_wait(
            ChoiceDialog(
                t(self.lang, "leave_title"),
                t(self.lang, "leave_body"),
                [
                    ("keep", t(self.lang, "leave_keep")),
                    ("discard", t(self.lang, "leave_discard")),
                    ("cancel", t(self.lang, "btn_cancel")),
                ],
            )
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

        if not self._apply_current():
            return
        path = self.query_one(ReviewStep).file
        fingerprint = await save_asking(self, self.lang, self.plan, path, None)
        if fingerprint is None:
            return
        self._cancel_draft_timer()
        discard_draft()
        self.notify(Content(t(self.lang, "review_saved", path=shown_path(path))))
        self.dismiss(LoadedPlan(self.plan, path, fingerprint))

    # The draft --------------------------------------------------------------------------

    @on(StepChanged)
    def _step_changed(self) -> None:
        self._schedule_draft()

    def _schedule_draft(self) -> None:
        if self.edit:
            return
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
                reason = escape_text(
                    str(error.strerror or error) if isinstance(error, OSError) else str(error)
                )
                self.notify(
                    Content(t(self.lang, "draft_failed", error=reason)),
                    severity="warning",
                    timeout=10,
                )
            return False
        return True
