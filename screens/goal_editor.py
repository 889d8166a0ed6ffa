"""A dialog to add or edit one upskilling goal and its milestones."""

from __future__ import annotations

from decimal import Decimal

from pydantic import ValidationError
from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.message import Message
from textual.widgets import Button, DataTable, Label, Static, TextArea

from guide.i18n import Lang, date_text, t
from guide.plan import Goal, Milestone
from screens.base import GuideModal
from screens.context import PlanContext
from screens.widgets.form import (
    DateValue,
    NumberRange,
    Required,
    TextField,
    parse_date,
    parse_decimal,
    split_list,
)


class MilestoneTable(DataTable[Text]):
    """The goal's milestones; its keys tell the editor what to do with a row."""

    BINDINGS = [
        Binding("space", "toggle_done", "Done", show=False),
        Binding("delete", "remove", "Remove", show=False),
    ]

    class ToggleDone(Message):
        """Mark the row's milestone done, or not done."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    class Remove(Message):
        """Remove the row's milestone."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    def action_toggle_done(self) -> None:
        self.post_message(self.ToggleDone(self.cursor_row))

    def action_remove(self) -> None:
        self.post_message(self.Remove(self.cursor_row))


class ReasonField(Vertical):
    """The goal's reason: a few lines of the user's own words, kept as typed (line breaks
    too), in a box as tall as the text (up to a few lines, then it scrolls)."""

    def __init__(self, label: str, value: str, *, id: str) -> None:
        super().__init__(id=id, classes="field")
        self.label = label
        self._area = TextArea(
            value, soft_wrap=True, compact=True, highlight_cursor_line=False, id=f"{id}-input"
        )

    def compose(self) -> ComposeResult:
        yield Label(Content(self.label), classes="field-label")
        yield self._area

    @property
    def value(self) -> str:
        return self._area.text

    def on_descendant_focus(self) -> None:
        self.scroll_visible(animate=False)


class GoalEditor(GuideModal[Goal | None]):
    # The first field, not the scrolling box, so typing at once goes where it belongs.
    AUTO_FOCUS = "#goal-skill-input"
    BINDINGS = [
        Binding("escape", "dismiss(None)", "Cancel", id="cancel"),
        Binding("ctrl+s", "done", "Done", id="done"),
    ]

    def __init__(self, context: PlanContext, goal: Goal | None) -> None:
        super().__init__(classes="dialog")
        self.context = context
        self.goal = goal
        self.milestones: list[Milestone] = list(goal.milestones) if goal else []

    def compose(self) -> ComposeResult:
        lang, goal = self.lang, self.goal
        with Vertical(classes="dialog-box wide"):
            with VerticalScroll(classes="dialog-body"):
                yield Label(Content(t(lang, "goal_editor_title")), classes="dialog-title")
                yield TextField(
                    t(lang, "goal_skill"),
                    goal.skill if goal else "",
                    validators=[Required(lang)],
                    id="goal-skill",
                )
                yield ReasonField(t(lang, "goal_why"), goal.why if goal else "", id="goal-why")
                yield TextField(
                    t(lang, "goal_target"),
                    goal.target_date.isoformat() if goal and goal.target_date else "",
                    validators=[DateValue(lang, optional=True)],
                    id="goal-target",
                )
                yield TextField(
                    t(lang, "goal_hours"),
                    str(goal.hours_per_week) if goal else "3",
                    validators=[NumberRange(lang, Goal, "hours_per_week")],
                    id="goal-hours",
                )
                yield TextField(
                    t(lang, "goal_resources"),
                    ", ".join(goal.resources) if goal else "",
                    id="goal-resources",
                )
                yield Label(Content(t(lang, "goal_milestones")), classes="field-label")
                yield MilestoneTable(id="milestones", cursor_type="row")
                with Horizontal(classes="row-inputs"):
                    yield TextField(t(lang, "milestone_title"), id="milestone-title")
                    yield TextField(
                        t(lang, "milestone_due"), validators=[DateValue(lang)], id="milestone-due"
                    )
                yield Button(Content(t(lang, "milestone_add")), id="milestone-add", compact=True)
            # Docked: the problem and the buttons stay in sight while the rest scrolls.
            with Vertical(classes="dialog-foot"):
                yield Static("", id="goal-error", classes="field-error", markup=False)
                with Horizontal(classes="dialog-buttons"):
                    yield Button(Content(t(lang, "btn_done")), id="goal-done", variant="primary")
                    yield Button(Content(t(lang, "btn_cancel")), id="goal-cancel")

    def on_mount(self) -> None:
        table = self.query_one(MilestoneTable)
        table.add_columns("✓", t(self.lang, "milestone_title"), t(self.lang, "milestone_due"))
        self.query_one("#goal-error").display = False
        self._show_milestones()

    def _show_milestones(self) -> None:
        # Rows and self.milestones share one order, so a row number is a list index.
        self.milestones.sort(key=lambda m: m.due)
        table = self.query_one(MilestoneTable)
        table.clear()
        for m in self.milestones:
            table.add_row(
                Text("✓" if m.done else "·"), Text(m.title), Text(date_text(self.lang, m.due))
            )

    @property
    def lang(self) -> Lang:
        return self.context.lang

    @on(MilestoneTable.ToggleDone)
    def _toggle_done(self, event: MilestoneTable.ToggleDone) -> None:
        self.toggle_milestone(event.row)

    @on(MilestoneTable.Remove)
    def _remove(self, event: MilestoneTable.Remove) -> None:
        self.remove_milestone(event.row)

    def toggle_milestone(self, row: int) -> None:
        if 0 <= row < len(self.milestones):
            self.milestones[row].done = not self.milestones[row].done
            self._show_milestones()
            self.query_one(MilestoneTable).move_cursor(row=row)

    def remove_milestone(self, row: int) -> None:
        if 0 <= row < len(self.milestones):
            del self.milestones[row]
            self._show_milestones()

    @on(Button.Pressed, "#milestone-add")
    def _add_milestone(self) -> None:
        title = self.query_one("#milestone-title", TextField)
        due = self.query_one("#milestone-due", TextField)
        day = parse_date(due.value)
        if not title.value.strip() or day is None:
            due.check()
            self._error(
                t(self.lang, "err_required")
                if not title.value.strip()
                else t(self.lang, "err_date")
            )
            return
        try:
            self.milestones.append(Milestone(title=title.value.strip(), due=day))
        except ValidationError as invalid:
            self._error(invalid.errors()[0]["msg"])
            return
        title.value = due.value = ""
        self._error("")
        self._show_milestones()

    @on(Button.Pressed, "#goal-cancel")
    def _cancel(self) -> None:
        self.dismiss(None)

    @on(Button.Pressed, "#goal-done")
    def action_done(self) -> None:
        fields = [
            self.query_one(f"#goal-{name}", TextField) for name in ("skill", "target", "hours")
        ]
        if not all(field.check() for field in fields):
            return
        value = {
            name: self.query_one(f"#goal-{name}", TextField).value
            for name in ("skill", "target", "hours", "resources")
        }
        value["why"] = self.query_one(ReasonField).value
        try:
            goal = Goal(
                skill=value["skill"].strip(),
                why=value["why"].strip(),
                target_date=parse_date(value["target"]) if value["target"].strip() else None,
                hours_per_week=int(parse_decimal(value["hours"]) or Decimal(0)),
                resources=split_list(value["resources"]),
                milestones=self.milestones,
            )
        except ValidationError as invalid:
            self._error("; ".join(e["msg"].removeprefix("Value error, ") for e in invalid.errors()))
            return
        self.dismiss(goal)

    def _error(self, message: str) -> None:
        error = self.query_one("#goal-error", Static)
        error.update(Content(message))
        error.display = bool(message)
