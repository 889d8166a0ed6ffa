"""The plan screen's log: entries newest first in a table, with a filter by platform,
goal or this week. The plan screen does the changing (add, correct, delete, undo); this
widget shows the log and tells which entry is under the cursor."""

from __future__ import annotations

import datetime as dt

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Label, Select, Static

from guide.i18n import Lang, date_text, t
from guide.log import entries
from guide.plan import EntryKind, LogEntry, Plan
from guide.printable import escape_text
from guide.rate import money_text

ALL, WEEK, WORK, STUDY = "all", "week", "p:", "g:"

SHOWN = 200
"""Rows put in the table at most: a long log stays quick to show (the filter finds older)."""


def filter_options(plan: Plan, lang: Lang) -> list[tuple[Content, str]]:
    return [
        (Content(t(lang, "logv_filter_all")), ALL),
        (Content(t(lang, "logv_filter_week")), WEEK),
        *((Content(p.name), WORK + p.name) for p in plan.platforms),
        *((Content(t(lang, "logv_study_for", goal=g.skill)), STUDY + g.skill) for g in plan.goals),
    ]


def filtered(plan: Plan, choice: str, today: dt.date) -> list[LogEntry]:
    if choice == WEEK:
        return entries(plan, week=today)
    if choice.startswith(WORK):
        return entries(plan, kind=EntryKind.WORK, platform=choice.removeprefix(WORK))
    if choice.startswith(STUDY):
        return entries(plan, kind=EntryKind.STUDY, goal=choice.removeprefix(STUDY))
    return entries(plan)


def entry_text(entry: LogEntry, lang: Lang, currency: str) -> str:
    """One line naming an entry, for messages: date, subject, minutes, earnings."""
    subject = (
        t(lang, "logv_study_for", goal=entry.goal)
        if entry.kind is EntryKind.STUDY
        else entry.platform or ""
    )
    parts = [
        date_text(lang, entry.date),
        escape_text(subject),
        t(lang, "cli_minutes", minutes=entry.minutes),
    ]
    if entry.kind is EntryKind.WORK:
        parts.append(money_text(entry.earned, currency, lang))
    return ", ".join(parts)


class LogView(Vertical):
    class Picked(Message):
        """Enter on an entry: correct it."""

        def __init__(self, entry_id: str) -> None:
            super().__init__()
            self.entry_id = entry_id

    def __init__(self, lang: Lang, plan: Plan, *, id: str) -> None:
        super().__init__(id=id)
        self.lang, self._plan = lang, plan
        self._today = dt.date.today()
        self._shown_choice: str | None = None  # the filter the table was drawn with

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Label(Content(t(lang, "logv_title")), classes="field-label")
        yield Select(
            filter_options(self._plan, lang), value=ALL, allow_blank=False, id="log-filter"
        )
        yield DataTable(id="log-table", cursor_type="row", zebra_stripes=True)
        yield Static(Content(t(lang, "logv_empty")), id="log-empty", classes="muted")
        yield Static(Content(t(lang, "logv_keys")), classes="muted")

    def on_mount(self) -> None:
        table: DataTable[Text] = self.query_one(DataTable)
        for key in ("date", "subject", "minutes", "earned", "note"):
            table.add_column(t(self.lang, f"logv_col_{key}"), key=key)

    def show(self, plan: Plan, today: dt.date) -> None:
        self._plan, self._today = plan, today
        choice = str(self.query_one("#log-filter", Select).value)
        self._shown_choice = choice
        table: DataTable[Text] = self.query_one(DataTable)
        row = table.cursor_row
        table.clear()
        currency, lang = plan.profile.currency, self.lang
        picked = filtered(plan, choice, today)
        for e in picked[:SHOWN]:
            subject = (
                t(lang, "logv_study_for", goal=e.goal)
                if e.kind is EntryKind.STUDY
                else e.platform or ""
            )
            earned = money_text(e.earned, currency, lang) if e.kind is EntryKind.WORK else ""
            table.add_row(
                Text(date_text(lang, e.date)),
                Text(escape_text(subject)),
                Text(str(e.minutes), justify="right"),
                Text(earned, justify="right"),
                Text(escape_text(e.note or "")),
                key=e.id,
            )
        if picked:
            table.move_cursor(row=min(row, len(picked[:SHOWN]) - 1))
        table.display = bool(picked)
        self.query_one("#log-empty").display = not picked

    def refresh_filters(self, plan: Plan) -> None:
        """New platforms or goals: new filter choices (keeping the current one if it stays)."""
        select = self.query_one("#log-filter", Select)
        current = str(select.value)
        options = filter_options(plan, self.lang)
        with select.prevent(Select.Changed):
            select.set_options(options)
            select.value = current if current in {v for _, v in options} else ALL

    def selected_id(self) -> str | None:
        table: DataTable[Text] = self.query_one(DataTable)
        if not table.row_count:
            return None
        return str(table.coordinate_to_cell_key(table.cursor_coordinate).row_key.value)

    @on(Select.Changed, "#log-filter")
    def _filter(self, event: Select.Changed) -> None:
        event.stop()
        # The Select reports its first value when it mounts, which the table already shows
        # (every change to the plan redraws it): drawing a long log twice cost the plan
        # screen's first frame about 10 %.
        if str(event.value) != self._shown_choice:
            self.show(self._plan, self._today)

    @on(DataTable.RowSelected, "#log-table")
    def _picked(self, event: DataTable.RowSelected) -> None:
        event.stop()
        if event.row_key.value is not None:
            self.post_message(self.Picked(str(event.row_key.value)))
