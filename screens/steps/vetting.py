"""Step 5: the vetting checklist for each chosen platform: tick, not yet or fails, with a
note. Changes apply to the plan at once."""

from __future__ import annotations

from typing import TYPE_CHECKING

from rich.text import Text
from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.message import Message
from textual.widgets import DataTable, Select, Static

from guide.checklist import CheckState, load_checklist
from guide.i18n import t
from guide.plan import ChecklistEntry
from guide.printable import escape_text
from guide.problems import said_error
from screens.steps.base import WizardStep, fill_platform_select

if TYPE_CHECKING:
    from guide.plan import Plan, Platform

STATE_ORDER = [CheckState.TODO, CheckState.PASS, CheckState.FAIL]
STATE_MARK = {CheckState.TODO: "·", CheckState.PASS: "✓", CheckState.FAIL: "✗"}


class ChecklistTable(DataTable[Text]):
    """The checklist of one platform; its keys tell the step what to do with a row."""

    BINDINGS = [
        Binding("space", "cycle", "Cycle", show=False),
        Binding("t", "set('pass')", "Tick", show=False),
        Binding("x", "set('fail')", "Fails", show=False),
        Binding("u", "set('todo')", "Not yet", show=False),
        Binding("n", "note", "Note", show=False),
    ]

    class Cycle(Message):
        """Move the row's item to its next state."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    class SetState(Message):
        """Give the row's item this state."""

        def __init__(self, row: int, state: CheckState) -> None:
            super().__init__()
            self.row, self.state = row, state

    class EditNote(Message):
        """Edit the note of the row's item."""

        def __init__(self, row: int) -> None:
            super().__init__()
            self.row = row

    def action_cycle(self) -> None:
        self.post_message(self.Cycle(self.cursor_row))

    def action_set(self, state: str) -> None:
        self.post_message(self.SetState(self.cursor_row, CheckState(state)))

    def action_note(self) -> None:
        self.post_message(self.EditNote(self.cursor_row))


class VettingStep(WizardStep):
    key = "vetting"
    edit_key = "v"
    _item_width = 0

    def compose(self) -> ComposeResult:
        yield Select[int](
            [], prompt=t(self.lang, "vetting_platform"), allow_blank=True, id="vet-platform"
        )
        yield Static(Content(t(self.lang, "vetting_none")), id="vet-none", classes="muted")
        yield ChecklistTable(id="checklist", cursor_type="row", zebra_stripes=True)
        yield Static(id="vet-why", classes="muted", markup=False)
        yield Static(Content(t(self.lang, "vetting_keys")), classes="muted")

    def on_mount(self) -> None:
        self._columns(self.query_one(ChecklistTable))

    def _columns(self, table: ChecklistTable) -> None:
        """The state, and the check with its note under it, wrapped to the table's width:
        a third column for the note was off screen below 120 columns."""
        labels = load_checklist().states
        states = [f"{STATE_MARK[s]} {labels.label(s, self.lang)}" for s in STATE_ORDER]
        state_width = max(map(len, [*states, t(self.lang, "vetting_state")]))
        # Each column has one cell of padding on either side; the scroll bar takes two.
        self._item_width = max(20, table.size.width - state_width - 4 - 2)
        table.add_column(t(self.lang, "vetting_state"), key="state", width=state_width)
        table.add_column(t(self.lang, "vetting_item"), key="item", width=self._item_width)

    def on_resize(self) -> None:
        table = self.query_one(ChecklistTable)
        if table.size.width and table.columns and self._item_width != self._wanted(table):
            table.clear(columns=True)
            self._columns(table)
            self._fill()

    def _wanted(self, table: ChecklistTable) -> int:
        state = table.columns[next(iter(table.columns))].width
        return max(20, table.size.width - state - 4 - 2)

    def enter(self, plan: Plan) -> None:
        self.load(plan)

    def load(self, plan: Plan) -> None:
        select: Select[int] = self.query_one("#vet-platform", Select)
        has = fill_platform_select(select, plan)
        self.query_one("#vet-none").display = not has
        select.display = self.query_one(ChecklistTable).display = has
        self._fill()

    @property
    def platform(self) -> Platform | None:
        value = self.query_one("#vet-platform", Select).value
        platforms = self.plan.platforms
        return platforms[value] if isinstance(value, int) and value < len(platforms) else None

    def _fill(self) -> None:
        table = self.query_one(ChecklistTable)
        row = table.cursor_row
        table.clear()
        platform = self.platform
        if platform is None:
            return
        for item in load_checklist().items:
            entry = platform.entry(item.id) or ChecklistEntry(item=item.id)
            table.add_row(*self._cells(entry, item.text(self.lang)), key=item.id, height=None)
        table.move_cursor(row=min(row, table.row_count - 1))
        self._show_why()

    def _cells(self, entry: ChecklistEntry, text: str) -> tuple[Text, Text]:
        labels = load_checklist().states
        state = Text(f"{STATE_MARK[entry.state]} {labels.label(entry.state, self.lang)}")
        style = {"pass": "green", "fail": "red"}.get(entry.state.value, "")
        state.stylize(style)
        check = Text(text)
        if entry.note:
            check.append(f"\n✎ {entry.note}", style="italic")
        return state, check

    def _entry(self, row: int) -> tuple[Platform, ChecklistEntry] | None:
        platform = self.platform
        items = load_checklist().items
        if platform is None or not 0 <= row < len(items):
            return None
        entry = platform.entry(items[row].id)
        if entry is None:
            entry = ChecklistEntry(item=items[row].id)
            platform.checklist = [*platform.checklist, entry]
        return platform, entry

    def set_state(self, row: int, state: CheckState, note: str | None = None) -> None:
        found = self._entry(row)
        if found is None:
            return
        _, entry = found
        entry.state = state
        if note is not None:
            entry.note = note
        self._fill()
        self.changed()

    def cycle(self, row: int) -> None:
        found = self._entry(row)
        if found:
            next_state = STATE_ORDER[(STATE_ORDER.index(found[1].state) + 1) % len(STATE_ORDER)]
            self.set_state(row, next_state)

    def edit_note(self, row: int) -> None:
        from screens.dialogs import TextDialog

        found = self._entry(row)
        if found is None:
            return
        item = load_checklist().items[row].text(self.lang)

        def done(note: str | None) -> None:
            if note is not None:
                try:
                    self.set_state(row, found[1].state, note)
                except ValueError as invalid:
                    problem = escape_text(said_error(self.lang, invalid))
                    self.notify(problem, markup=False, severity="error")

        self.app.push_screen(TextDialog(t(self.lang, "note_title", item=item), found[1].note), done)

    def _show_why(self) -> None:
        table = self.query_one(ChecklistTable)
        items = load_checklist().items
        if 0 <= table.cursor_row < len(items):
            why = items[table.cursor_row].why.get(self.lang)
            self.query_one("#vet-why", Static).update(Content(why))

    @on(DataTable.RowHighlighted)
    def _row(self) -> None:
        self._show_why()

    @on(DataTable.RowSelected)
    def _selected(self, event: DataTable.RowSelected) -> None:
        self.cycle(event.cursor_row)

    @on(ChecklistTable.Cycle)
    def _cycle(self, event: ChecklistTable.Cycle) -> None:
        self.cycle(event.row)

    @on(ChecklistTable.SetState)
    def _set_state(self, event: ChecklistTable.SetState) -> None:
        self.set_state(event.row, event.state)

    @on(ChecklistTable.EditNote)
    def _edit_note(self, event: ChecklistTable.EditNote) -> None:
        self.edit_note(event.row)

    @on(Select.Changed, "#vet-platform")
    def _platform(self) -> None:
        self._fill()
