"""A dialog to log one work session: platform, date, minutes, earnings."""

from __future__ import annotations

from decimal import Decimal

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Label, Select, Static

from guide.i18n import t
from guide.plan import LogEntry
from screens.base import GuideModal
from screens.context import PlanContext
from screens.widgets.form import DateValue, NumberRange, TextField, parse_date, parse_decimal


class LogSessionDialog(GuideModal[LogEntry | None]):
    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="cancel")]

    def __init__(
        self, context: PlanContext, *, platform: str | None = None, minutes: int | None = None
    ) -> None:
        super().__init__(classes="dialog")
        self.lang, self.plan, self.today = context.lang, context.plan, context.today()
        self._platform, self._minutes = platform, minutes

    def compose(self) -> ComposeResult:
        lang = self.lang
        names = [p.name for p in self.plan.platforms]
        with VerticalScroll(classes="dialog-box"):
            yield Label(Content(t(lang, "log_title")), classes="dialog-title")
            yield Label(Content(t(lang, "log_platform")), classes="field-label")
            yield Select(
                [(Content(n), n) for n in names],
                value=self._platform or names[0],
                allow_blank=False,
                id="log-platform",
            )
            yield TextField(
                t(lang, "log_date"),
                self.today.isoformat(),
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
                "0",
                validators=[NumberRange(lang, LogEntry, "earned")],
                id="log-earned",
            )
            yield Static("", id="log-error", classes="field-error", markup=False)
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(t(lang, "btn_add")), id="log-add", variant="primary")
                yield Button(Content(t(lang, "btn_cancel")), id="log-cancel")

    def on_mount(self) -> None:
        self.query_one("#log-error").display = False
        self.query_one("#log-minutes-input").focus()

    @on(Button.Pressed, "#log-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#log-add")
    def _add(self) -> None:
        fields = list(self.query(TextField))
        if not all([f.check() for f in fields]):
            return
        value = {f.id: f.value for f in fields}
        try:
            entry = LogEntry(
                date=parse_date(value["log-date"]) or self.today,
                platform=str(self.query_one("#log-platform", Select).value),
                minutes=int(parse_decimal(value["log-minutes"]) or 0),
                earned=parse_decimal(value["log-earned"]) or Decimal(0),
            )
        except ValidationError as invalid:
            error = self.query_one("#log-error", Static)
            error.update(Content("; ".join(e["msg"] for e in invalid.errors())))
            error.display = True
            return
        self.dismiss(entry)
