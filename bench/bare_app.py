"""The baseline: a bare Textual app that shows one line of text."""

from textual.app import App
from textual.widgets import Static


class Hello(App[None]):
    def compose(self):  # type: ignore[no-untyped-def]
        yield Static("Hello from a bare Textual app")


if __name__ == "__main__":
    Hello().run()
