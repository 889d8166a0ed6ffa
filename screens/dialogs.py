"""Small modal dialogs: a question with a few answers, and one line of text to type."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Button, Input, Label, Static


class ChoiceDialog(ModalScreen[str]):
    """Returns the id of the chosen answer; Escape returns ``cancel``."""

    BINDINGS = [Binding("escape", "dismiss('cancel')", "Cancel", id="cancel")]

    def __init__(self, title: str, body: str, answers: list[tuple[str, str]]) -> None:
        super().__init__(classes="dialog")
        self._title, self._body, self._answers = title, body, answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Content(self._title), classes="dialog-title")
            yield Static(Content(self._body), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                for i, (answer_id, label) in enumerate(self._answers):
                    variant = "primary" if i == 0 else "default"
                    yield Button(Content(label), id=f"answer-{answer_id}", variant=variant)

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "answer-cancel").removeprefix("answer-"))


class TextDialog(ModalScreen[str | None]):
    """One line of text; Enter returns it, Escape returns None."""

    BINDINGS = [Binding("escape", "dismiss(None)", "Cancel", id="cancel")]

    def __init__(self, title: str, value: str = "") -> None:
        super().__init__(classes="dialog")
        self._title, self._value = title, value

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Content(self._title), classes="dialog-title")
            yield Input(self._value, id="dialog-input")

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        self.dismiss(event.value)
