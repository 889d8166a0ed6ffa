"""Step 3: daily and weekly limits, working days, review date and stop rule."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Grid
from textual.content import Content
from textual.events import Resize
from textual.widgets import Checkbox, Label, Static

from guide.i18n import t
from guide.plan import Limits, StopRule, Weekday
from guide.rules import min_items, weekly_cap
from screens.steps.base import WizardStep
from screens.widgets.form import (
    DateValue,
    NumberRange,
    TextField,
    number_value,
    parse_date,
    parse_decimal,
)

if TYPE_CHECKING:
    from guide.plan import Plan


class DayBoxes(Grid):
    """The seven day boxes in a row, or in two rows when the row is too narrow."""

    BOX = 5

    def on_resize(self, event: Resize) -> None:
        boxes = list(self.query(Checkbox))
        if not boxes:
            return
        # The box, a space and the day's name, and a space between (before the first
        # layout the boxes have no size yet, so it is counted from the labels).
        widest = max(b.label.cell_length for b in boxes) + self.BOX
        per_row = max(1, (event.size.width + 1) // (widest + 1))
        rows = -(-len(boxes) // per_row)
        # Even rows (4 + 3) read better than 6 + 1.
        self.styles.grid_size_columns = -(-len(boxes) // rows)


class LimitsStep(WizardStep):
    key = "limits"

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Static(Content(t(lang, "limits_advice")), classes="advice")
        yield TextField(
            t(lang, "daily_label"),
            validators=[NumberRange(lang, Limits, "daily_minutes")],
            id="daily",
        )
        yield TextField(
            t(lang, "weekly_label"),
            validators=[NumberRange(lang, Limits, "weekly_minutes")],
            id="weekly",
        )
        yield Label(Content(t(lang, "days_label")), classes="field-label")
        with DayBoxes(id="days"):
            for day in Weekday:
                yield Checkbox(Content(t(lang, f"day_{day.value}")), name=day.value, compact=True)
        yield Static("", id="days-error", classes="field-error", markup=False)
        today = self.context.today()
        yield TextField(
            t(lang, "review_label"), validators=[DateValue(lang, earliest=today)], id="review"
        )
        yield Checkbox(Content(t(lang, "stop_rule_label")), id="use-stop-rule")
        yield TextField(
            t(lang, "stop_rate_label"),
            validators=[NumberRange(lang, StopRule, "min_hourly_rate")],
            id="stop-rate",
        )
        yield TextField(
            t(lang, "stop_weeks_label"),
            validators=[NumberRange(lang, StopRule, "after_weeks")],
            id="stop-weeks",
        )

    def load(self, plan: Plan) -> None:
        limits = plan.limits
        self._set("daily", limits.daily_minutes)
        self._set("weekly", limits.weekly_minutes)
        self._set("review", limits.review_date.isoformat())
        for box in self.query("#days Checkbox").results(Checkbox):
            box.value = Weekday(box.name or "") in limits.working_days
        rule = limits.stop_rule
        self.query_one("#use-stop-rule", Checkbox).value = rule is not None
        self._set(
            "stop-rate", rule.min_hourly_rate if rule else plan.profile.target_hourly_rate / 2
        )
        self._set("stop-weeks", rule.after_weeks if rule else 3)
        self._show_stop_rule()

    def apply(self, plan: Plan) -> list[str]:
        problems = self.field_problems() + self._cross_problems()
        if problems:
            return problems
        rule = None
        if self.query_one("#use-stop-rule", Checkbox).value:
            rule = StopRule(
                min_hourly_rate=parse_decimal(self._get("stop-rate")) or Decimal(0),
                after_weeks=int(parse_decimal(self._get("stop-weeks")) or 1),
            )
        plan.limits = Limits(
            daily_minutes=self._whole("daily"),
            weekly_minutes=self._whole("weekly"),
            working_days=self._days(),
            review_date=parse_date(self._get("review")) or plan.limits.review_date,
            stop_rule=rule,
        )
        return []

    def _cross_problems(self) -> list[str]:
        problems = []
        days_error = self.query_one("#days-error", Static)
        too_few = len(self._days()) < min_items(Limits, "working_days")
        days_error.display = too_few
        if too_few:
            days_error.update(Content(t(self.lang, "err_days")))
            problems.append(t(self.lang, "err_days"))
        weekly_field = self.query_one("#weekly", TextField)
        weekly_field.check()  # its own problem first, or none
        daily, weekly = parse_decimal(self._get("daily")), parse_decimal(self._get("weekly"))
        if daily is not None and weekly is not None and weekly > weekly_cap(int(daily)):
            message = t(self.lang, "err_weekly_over", max=weekly_cap(int(daily)))
            weekly_field.show_problem(message)
            problems.append(f"{weekly_field.label}: {message}")
        return problems

    def _days(self) -> list[Weekday]:
        return [
            Weekday(b.name or "") for b in self.query("#days Checkbox").results(Checkbox) if b.value
        ]

    def _set(self, field_id: str, value: Decimal | int | str) -> None:
        shown = value if isinstance(value, str) else number_value(self.lang, value)
        self.query_one(f"#{field_id}", TextField).value = shown

    def _get(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", TextField).value

    def _whole(self, field_id: str) -> int:
        return int(parse_decimal(self._get(field_id)) or 0)

    def _show_stop_rule(self) -> None:
        on_ = self.query_one("#use-stop-rule", Checkbox).value
        for field_id in ("stop-rate", "stop-weeks"):
            self.query_one(f"#{field_id}", TextField).display = on_

    @on(Checkbox.Changed)
    def _checked(self, event: Checkbox.Changed) -> None:
        if event.checkbox.id == "use-stop-rule":
            self._show_stop_rule()
        else:
            self._cross_problems()
        self.changed()

    @on(TextField.Edited)
    def _edited(self) -> None:
        self._cross_problems()
        self.changed()
