"""A plan file that can't be loaded: the problems, and a way back. The file is untouched."""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Button, Footer, Header, Label, Static

from guide.i18n import Lang, t
from guide.printable import escape_text
from guide.storage import PlanError
from screens.base import GuideScreen


class PlanErrorScreen(GuideScreen[None]):
    CSS_PATH = "plan.tcss"
    BINDINGS = [Binding("escape,b", "dismiss", "Back", id="back")]

    def __init__(self, lang: Lang, error: PlanError) -> None:
        super().__init__()
        self.lang, self.error = lang, error

    def compose(self) -> ComposeResult:
        yield Header(icon="")
        with VerticalScroll(id="plan-error"):
            yield Label(Content(t(self.lang, "error_title")), classes="dialog-title")
            yield Static(
                Content(escape_text(self.error.text(self.lang), multiline=True)),
                id="plan-error-text",
                markup=False,
            )
            yield Static(Content(t(self.lang, "error_untouched")), classes="muted")
            yield Button(Content(t(self.lang, "error_back")), id="error-back", variant="primary")
        yield Footer()

    @on(Button.Pressed, "#error-back")
    def _back(self) -> None:
        self.dismiss(None)
