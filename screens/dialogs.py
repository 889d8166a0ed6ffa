"""Small modal dialogs: a question with a few answers, and one line of text to type; and
``ask``, the one way screens put a question (save / discard / cancel and the like)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from textual import on
from textual.app import App, ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Input, Label, Static
from textual.widgets.button import ButtonVariant

from screens.base import GuideModal


class AnswerList(VerticalScroll, can_focus=False):
    """A column of answers that scrolls when long; the focus goes to the answers."""


class ChoiceDialog(GuideModal[str]):
    """Returns the id of the chosen answer; Escape returns ``cancel``."""

    BINDINGS = [
        Binding("escape", "dismiss('cancel')", "Cancel", id="cancel"),
        Binding("down", "app.focus_next", show=False),
        Binding("up", "app.focus_previous", show=False),
    ]
    ONE_ROW = 3

    def __init__(self, title: str, body: str, answers: Sequence[tuple[str, str]]) -> None:
        super().__init__(classes="dialog")
        self._title, self._body, self._answers = title, body, answers

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box"):
            yield Label(Content(self._title), classes="dialog-title")
            yield Static(Content(self._body), classes="dialog-body")
            # More answers than fit on one row at 80 columns go in a column of one-line
            # buttons, which scrolls when even that is too long (a timer for ten goals).
            many = len(self._answers) > self.ONE_ROW
            row = AnswerList if many else Horizontal
            with row(classes="dialog-buttons list" if many else "dialog-buttons"):
                for i, (answer_id, label) in enumerate(self._answers):
                    variant: ButtonVariant = "primary" if i == 0 else "default"
                    yield Button(
                        Content(label), id=f"answer-{answer_id}", variant=variant, compact=many
                    )

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        self.dismiss((event.button.id or "answer-cancel").removeprefix("answer-"))


class TextDialog(GuideModal[str | None]):
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


async def ask(
    app: App[Any],
    title: str,
    body: str,
    answers: Sequence[tuple[str, str]],
    *,
    cancel: str | None = None,
) -> str:
    """Put a question and wait for the id of the answer; ``cancel`` (its label given)
    adds a last answer, id ``cancel``, which Escape also gives. The first answer is the
    default. Must run in a worker (it waits for the user)."""
    choices = [*answers, ("cancel", cancel)] if cancel is not None else list(answers)
    return await app.push_screen_wait(ChoiceDialog(title, body, choices))
