"""The plan screen: where the user stands this week, each platform's real hourly rate and
vetting, the next milestones, the review date; edit any part, log sessions, time a session,
save. Leaving with unsaved changes asks first."""

from __future__ import annotations

import datetime as dt
import time

from rich.text import Text
from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.timer import Timer
from textual.widgets import DataTable, Footer, Header, Label, Static

from guide.i18n import Lang, t
from guide.plan import (
    Plan,
    checklist_progress,
    days_to_review,
    limit_use,
    next_milestones,
    platform_log_rate,
    platform_rate,
    stop_rule_hits,
)
from guide.printable import shown_path
from guide.rate import money_text
from guide.storage import LoadedPlan
from screens.dialogs import ChoiceDialog

# (words key, wizard step) offered by "edit"
EDIT_PARTS = [
    ("step_about", 0),
    ("step_path", 1),
    ("step_limits", 2),
    ("step_platforms", 3),
    ("step_vetting", 4),
    ("step_rate", 5),
    ("step_goals", 6),
]


class PlanScreen(Screen[None]):
    CSS_PATH = "plan.tcss"
    BINDINGS = [
        Binding("e", "edit", "Edit", id="plan_edit"),
        Binding("v", "edit_step(4)", "Vetting", id="plan_vetting", show=False),
        Binding("g", "edit_step(6)", "Goals", id="plan_goals", show=False),
        Binding("l", "log", "Log", id="plan_log"),
        Binding("t", "timer", "Timer", id="plan_timer"),
        Binding("ctrl+s", "save", "Save", id="plan_save"),
        Binding("escape", "close", "Close", id="plan_close"),
    ]

    def __init__(self, lang: Lang, loaded: LoadedPlan) -> None:
        super().__init__()
        self.lang = lang
        self.plan = loaded.plan.model_copy(deep=True)
        self.path = loaded.path
        self.fingerprint = loaded.fingerprint
        self.dirty = False
        self._timer_start: float | None = None
        self._timer_platform = ""
        self._limit_told = False
        self._ticker: Timer | None = None

    def today(self) -> dt.date:
        return self.app.today()  # type: ignore[attr-defined, no-any-return]

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="plan-body"):
            yield Static(id="plan-heading", markup=False)
            yield Static(id="plan-status", markup=False)
            yield Static(id="plan-timer", markup=False)
            yield Static(id="plan-warnings", markup=False)
            yield Label(Content(t(self.lang, "plan_platforms")), classes="field-label")
            yield DataTable(id="plan-platforms", cursor_type="row", show_cursor=False)
            yield Label(Content(t(self.lang, "plan_milestones")), classes="field-label")
            yield Static(id="plan-milestones", markup=False)
            yield Static(Content(t(self.lang, "plan_keys")), classes="muted")
        yield Footer()

    def on_mount(self) -> None:
        table = self.query_one("#plan-platforms", DataTable)
        for key in (
            "plan_col_platform",
            "plan_col_status",
            "plan_col_rate",
            "plan_col_log_rate",
            "plan_col_checklist",
        ):
            table.add_column(t(self.lang, key), key=key)
        self.query_one("#plan-timer").display = False
        self.show_plan()

    # Showing ----------------------------------------------------------------------------

    def show_plan(self) -> None:
        plan, lang, today = self.plan, self.lang, self.today()
        title = plan.title + (f"  · {t(lang, 'plan_unsaved')}" if self.dirty else "")
        self.query_one("#plan-heading", Static).update(Content(title))
        self.sub_title = shown_path(self.path)
        self.query_one("#plan-status", Static).update(
            Content("\n".join(status_lines(plan, lang, today)))
        )
        warnings = [
            t(
                lang,
                "plan_stop_rule",
                platform=h.platform,
                rate=money_text(h.rate, plan.profile.currency),
                weeks=h.weeks,
            )
            for h in stop_rule_hits(plan, today)
        ]
        warning = self.query_one("#plan-warnings", Static)
        warning.update(Content("\n".join(warnings)))
        warning.display = bool(warnings)
        self._show_platforms()
        self.query_one("#plan-milestones", Static).update(milestone_lines(plan, lang, today))

    def _show_platforms(self) -> None:
        table = self.query_one("#plan-platforms", DataTable)
        table.clear()
        currency = self.plan.profile.currency
        for p in self.plan.platforms:
            progress = checklist_progress(p)
            table.add_row(
                Text(p.name),
                Text(t(self.lang, f"status_{p.status.value}")),
                Text(money_text(platform_rate(p), currency)),
                Text(money_text(platform_log_rate(self.plan, p.name), currency)),
                Text(f"✓{progress.passed} ✗{progress.failed} / {progress.total}"),
            )

    def changed(self) -> None:
        self.dirty = True
        self.show_plan()

    # Editing ----------------------------------------------------------------------------

    @work(exclusive=True, group="plan-edit")
    async def action_edit(self) -> None:
        answers = [(str(step), t(self.lang, key)) for key, step in EDIT_PARTS]
        answer = await self.app.push_screen_wait(
            ChoiceDialog(
                t(self.lang, "edit_which"),
                t(self.lang, "edit_which_body"),
                [*answers, ("cancel", t(self.lang, "btn_cancel"))],
            )
        )
        if answer.isdigit():
            self.action_edit_step(int(answer))

    def action_edit_step(self, step: int) -> None:
        from screens.wizard import WizardScreen

        def edited(plan: object) -> None:
            if isinstance(plan, Plan):
                self.plan = plan
                self.changed()

        copy = self.plan.model_copy(deep=True)
        self.app.push_screen(WizardScreen(self.lang, copy, step=step, edit=True), edited)

    def action_log(self, platform: str | None = None, minutes: int | None = None) -> None:
        from screens.log_session import LogSessionDialog

        if not self.plan.platforms:
            self.notify(Content(t(self.lang, "log_needs_platform")), severity="warning")
            return

        def logged(entry: object) -> None:
            from guide.plan import LogEntry

            if isinstance(entry, LogEntry):
                self.plan.log = [*self.plan.log, entry]
                self.notify(
                    Content(
                        t(self.lang, "log_added", minutes=entry.minutes, platform=entry.platform)
                    )
                )
                self.changed()

        dialog = LogSessionDialog(
            self.lang, self.plan, self.today(), platform=platform, minutes=minutes
        )
        self.app.push_screen(dialog, logged)

    # The timer ---------------------------------------------------------------------------

    @work(exclusive=True, group="plan-timer")
    async def action_timer(self) -> None:
        if self._timer_start is not None:
            self._stop_timer()
            return
        names = [p.name for p in self.plan.platforms]
        if not names:
            self.notify(Content(t(self.lang, "log_needs_platform")), severity="warning")
            return
        if len(names) > 1:
            answer = await self.app.push_screen_wait(
                ChoiceDialog(
                    t(self.lang, "timer_pick"),
                    "",
                    [(str(i), n) for i, n in enumerate(names)]
                    + [("cancel", t(self.lang, "btn_cancel"))],
                )
            )
            if not answer.isdigit():
                return
            name = names[int(answer)]
        else:
            name = names[0]
        self._timer_platform, self._timer_start, self._limit_told = name, time.monotonic(), False
        self.query_one("#plan-timer").display = True
        self.notify(Content(t(self.lang, "timer_started", platform=name)))
        self._tick()
        self._ticker = self.set_interval(1, self._tick)

    def _stop_timer(self) -> None:
        """Stop the session timer and offer to log the session, prefilled."""
        assert self._timer_start is not None
        minutes = max(1, round((time.monotonic() - self._timer_start) / 60))
        self._timer_start = None
        if self._ticker is not None:
            self._ticker.stop()
        self.query_one("#plan-timer").display = False
        self.action_log(self._timer_platform, minutes)

    def _tick(self) -> None:
        assert self._timer_start is not None
        elapsed = int(time.monotonic() - self._timer_start)
        use = limit_use(self.plan, self.today())
        left = max(0, use.left_today - elapsed // 60)
        clock = f"{elapsed // 3600}:{elapsed // 60 % 60:02d}:{elapsed % 60:02d}"
        text = t(
            self.lang, "timer_running", elapsed=clock, platform=self._timer_platform, left=left
        )
        self.query_one("#plan-timer", Static).update(Content(text))
        if left == 0 and not self._limit_told:
            self._limit_told = True
            self.app.bell()
            self.notify(Content(t(self.lang, "timer_limit")), severity="warning", timeout=15)

    # Saving and leaving -----------------------------------------------------------------

    @work(exclusive=True, group="plan-save")
    async def action_save(self) -> bool:
        return await self._save()

    async def _save(self) -> bool:
        from screens.saving import save_asking

        self.plan.updated = dt.datetime.now(dt.UTC).astimezone()
        fingerprint = await save_asking(self, self.lang, self.plan, self.path, self.fingerprint)
        if fingerprint is None:
            return False
        self.fingerprint, self.dirty = fingerprint, False
        self.notify(Content(t(self.lang, "plan_saved", path=shown_path(self.path))))
        self.show_plan()
        return True

    @work(exclusive=True, group="plan-close")
    async def action_close(self) -> None:
        if await self.confirm_quit():
            self.dismiss(None)

    async def confirm_quit(self) -> bool:
        """With unsaved changes, ask to save, discard or stay; True to go on leaving.
        A running timer is stopped first and its session offered for the log."""
        if self._timer_start is not None:
            self._stop_timer()
            return False
        if not self.dirty:
            return True
        answer = await self.app.push_screen_wait(
            ChoiceDialog(
                t(self.lang, "unsaved_title"),
                t(self.lang, "unsaved_body"),
                [
                    ("save", t(self.lang, "unsaved_save")),
                    ("discard", t(self.lang, "unsaved_discard")),
                    ("cancel", t(self.lang, "btn_cancel")),
                ],
            )
        )
        if answer == "save":
            return await self._save()
        return answer == "discard"

    @on(DataTable.RowSelected)
    def _row(self) -> None:
        self.action_edit_step(5)


def status_lines(plan: Plan, lang: Lang, today: dt.date) -> list[str]:
    use = limit_use(plan, today)
    lines = [
        t(lang, "plan_week", used=use.week_minutes, limit=use.weekly_limit),
        t(lang, "plan_today", used=use.today_minutes, limit=use.daily_limit, left=use.left_today),
    ]
    if not use.working_day:
        lines.append(t(lang, "plan_not_working_day"))
    if use.over_daily:
        lines.append(t(lang, "plan_over_daily"))
    if use.over_weekly:
        lines.append(t(lang, "plan_over_weekly"))
    days = days_to_review(plan, today)
    date = plan.limits.review_date.isoformat()
    key = (
        "plan_review_in"
        if days > 0
        else "plan_review_today"
        if days == 0
        else "plan_review_overdue"
    )
    lines.append(t(lang, key, days=abs(days), date=date))
    return lines


def milestone_lines(plan: Plan, lang: Lang, today: dt.date) -> Content:
    due = next_milestones(plan, today, limit=6)
    if not due:
        return Content(t(lang, "plan_no_milestones"))
    parts: list[Content] = []
    for d in due:
        when = (
            t(lang, "plan_overdue", days=-d.days_left)
            if d.overdue
            else t(lang, "plan_due_in", days=d.days_left)
        )
        style = "bold red" if d.overdue else ""
        parts.append(Content.assemble(f"• {d.goal.skill}: {d.milestone.title} — ", (when, style)))
    return Content("\n").join(parts)
