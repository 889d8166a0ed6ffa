"""The form pieces: a choice set from code is quiet and keeps one button on."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.widgets import RadioButton, RadioSet

from screens.widgets.form import Choices


class ChoicesApp(App[None]):
    def __init__(self) -> None:
        super().__init__()
        self.changes: list[str | None] = []

    def compose(self) -> ComposeResult:
        yield Choices(*(RadioButton(n, name=n) for n in ("a", "b", "c")), id="choices")

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        self.changes.append(event.pressed.name)


async def test_a_choice_made_in_code_is_quiet_and_the_users_wins() -> None:
    app = ChoicesApp()
    async with app.run_test() as pilot:
        choices = app.query_one(Choices)
        choices.choose("c")
        await pilot.pause()
        assert choices.chosen == "c" and app.changes == []
        choices.focus()
        await pilot.press("enter")  # the cursor is on the first button: the user picks "a"
        await pilot.pause()
        assert app.changes == ["a"] and choices.chosen == "a"
        assert [b.value for b in choices.query(RadioButton)] == [True, False, False]
