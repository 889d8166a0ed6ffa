"""The baseline for keystroke timing: a bare Textual app that echoes what is typed."""

from textual.app import App, ComposeResult
from textual.widgets import Input, Static


class Echo(App[None]):
    def compose(self) -> ComposeResult:
        yield Input(id="query")
        yield Static(id="echo")

    def on_input_changed(self, event: Input.Changed) -> None:
        self.query_one("#echo", Static).update(f"echo:{event.value}")


if __name__ == "__main__":
    Echo().run()
