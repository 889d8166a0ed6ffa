"""A dialog to log one session, or correct a logged one: work on a platform or study
toward a goal, its date, minutes, earnings and a note. Enter in any field submits.

Logging study shows the goal's hours this week against its ``hours_per_week`` and a bar
for the goal's milestones done."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from typing import Any

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, ProgressBar, Select, Static

from guide.i18n import Lang, t
from guide.log import LogError, make_entry
from guide.plan import EntryKind, LogEntry
from guide.problems import said_error
from guide.weekly import study_week
from screens.base import GuideModal
from screens.context import PlanContext
from screens.widgets.form import (
    DateValue,
    NumberRange,
    TextField,
    number_value,
    parse_date,
    parse_decimal,
)

WORK, STUDY = "p:", "g:"
"""Prefixes of the subject choice's values: a platform's name or a goal's skill."""


def subject_value(entry: LogEntry) -> str:
    if entry.kind is EntryKind.STUDY:
        return STUDY + (entry.goal or "")
    return WORK + (entry.platform or "")


def hours_text(lang: Lang, minutes: int) -> str:
    """Minutes as hours with one decimal, the reader's decimal mark."""
    text = f"{minutes / 60:.1f}".removesuffix(".0")
    return text.replace(".", ",") if lang == "ru" else text


class LogSessionDialog(GuideModal[LogEntry | None]):
    """Returns the validated entry (with the edited entry's id when correcting one)."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="cancel")]

    def __init__(
        self,
        context: PlanContext,
        *,
        platform: str | None = None,
        minutes: int | None = None,
        goal: str | None = None,
        entry: LogEntry | None = None,
    ) -> None:
        super().__init__(classes="dialog")
        self.lang, self.plan, self.today = context.lang, context.plan, context.today()
        self.entry = entry
        if entry is not None:
            self._subject = subject_value(entry)
        elif goal is not None:
            self._subject = STUDY + goal
        else:
            self._subject = WORK + (platform or self.plan.platforms[0].name)
        self._minutes = entry.minutes if entry is not None else minutes

    def _subjects(self) -> list[tuple[Content, str]]:
        lang = self.lang
        work = [(Content(p.name), WORK + p.name) for p in self.plan.platforms]
        study = [
            (Content(t(lang, "logv_study_for", goal=g.skill)), STUDY + g.skill)
            for g in self.plan.goals
        ]
        return work + study

    def compose(self) -> ComposeResult:
        lang, entry = self.lang, self.entry
        title = "logv_edit_title" if entry is not None else "log_title"
        with Vertical(classes="dialog-box"):
            with VerticalScroll(classes="dialog-body"):
                yield Label(Content(t(lang, title)), classes="dialog-title")
                yield Label(Content(t(lang, "log_platform")), classes="field-label")
                yield Select(
                    self._subjects(), value=self._subject, allow_blank=False, id="log-platform"
                )
                yield Static("", id="log-study", markup=False)
                yield ProgressBar(total=1, show_eta=False, id="log-milestones")
                yield TextField(
                    t(lang, "log_date"),
                    (entry.date if entry is not None else self.today).isoformat(),
                    validators=[DateValue(lang)],
                    id="log-date",
                )
                yield TextField(
                    t(lang, "log_minutes"),
                    str(self._minutes or ""),
                    validators=[NumberRange(lang, LogEntry, "minutes")],
                    id="log-minutes",
                )
                yield TextField(
                    t(lang, "log_earned", currency=self.plan.profile.currency),
                    number_value(lang, entry.earned) if entry is not None else "0",
                    validators=[NumberRange(lang, LogEntry, "earned")],
                    id="log-earned",
                )
                yield TextField(
                    t(lang, "logv_note"),
                    (entry.note or "") if entry is not None else "",
                    id="log-note",
                )
            # Docked: the problem and the buttons stay in sight while the rest scrolls.
            with Vertical(classes="dialog-foot"):
                yield Static("", id="log-error", classes="field-error", markup=False)
                with Horizontal(classes="dialog-buttons"):
                    add = "logv_btn_change" if entry is not None else "btn_add"
                    yield Button(Content(t(lang, add)), id="log-add", variant="primary")
                    yield Button(Content(t(lang, "btn_cancel")), id="log-cancel")

    def on_mount(self) -> None:
        self.query_one("#log-error").display = False
        self._show_subject()
        self.query_one("#log-minutes-input").focus()

    def _studying(self) -> str | None:
        value = str(self.query_one("#log-platform", Select).value)
        return value.removeprefix(STUDY) if value.startswith(STUDY) else None

    @on(Select.Changed, "#log-platform")
    def _show_subject(self) -> None:
        goal = self._studying()
        week = study_week(self.plan, goal, self.today) if goal is not None else None
        study = self.query_one("#log-study", Static)
        bar = self.query_one("#log-milestones", ProgressBar)
        study.display = bar.display = week is not None
        self.query_one("#log-earned").display = week is None
        if week is None:
            return
        study.update(
            Content(
                t(
                    self.lang,
                    "logv_study_week",
                    hours=hours_text(self.lang, week.minutes),
                    target=hours_text(self.lang, week.target_minutes),
                )
                + "\n"
                + t(
                    self.lang,
                    "logv_milestones",
                    done=week.milestones_done,
                    total=week.milestones_total,
                )
            )
        )
        bar.update(total=max(1, week.milestones_total), progress=week.milestones_done)

    @on(Button.Pressed, "#log-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self._add()

    @on(Button.Pressed, "#log-add")
    def _add(self) -> None:
        fields = list(self.query(TextField))
        if not all([f.check() for f in fields if f.display]):
            return
        value = {f.id: f.value for f in fields}
        goal = self._studying()
        subject: dict[str, Any] = (
            {"goal": goal, "kind": EntryKind.STUDY}
            if goal is not None
            else {
                "platform": str(self.query_one("#log-platform", Select).value).removeprefix(WORK),
                "earned": parse_decimal(value["log-earned"]) or Decimal(0),
            }
        )
        try:
            entry = make_entry(
                self.plan,
                dt.datetime.now(dt.UTC),
                id=self.entry.id if self.entry is not None else None,
                date=parse_date(value["log-date"]) or self.today,
                minutes=int(parse_decimal(value["log-minutes"]) or 0),
                note=value["log-note"].strip() or None,
                **subject,
            )
        except LogError as invalid:
            error = self.query_one("#log-error", Static)
            error.update(Content(said_error(self.lang, invalid)))
            error.display = True
            return
        self.dismiss(entry)
