"""The help screen: what remote-guide is and every key, in the current language."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Label, Static

from guide.i18n import Lang, t
from screens.base import GuideModal

# (keys shown, id of the words in strings.toml) — the order of the help screen.
HELP_KEYS = [
    ("↑ ↓ Enter, mouse", "help_move"),
    ("Tab / Shift+Tab", "help_focus"),
    ("b, Alt+←", "key_back"),
    ("f, Alt+→", "key_forward"),
    ("h", "key_home"),
    ("c", "key_contents"),
    ("s", "key_sidebar"),
    ("l", "key_language"),
    ("t", "key_theme"),
    ("/, Ctrl+F", "key_search"),
    ("Ctrl+P", "key_palette"),
    ("F1, ?", "key_help"),
    ("q, Ctrl+Q", "key_quit"),
]


class HelpScreen(GuideModal[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Close", id="close")]

    def __init__(self, lang: Lang) -> None:
        super().__init__()
        self.lang = lang

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help-box"):
            yield Label(Content(t(self.lang, "help_title")), id="help-title")
            yield Static(Content(t(self.lang, "help_about")), id="help-about")
            yield Static(self._keys_table(), id="help-keys")
            yield Static(Content(t(self.lang, "help_close")), id="help-close")

    def _keys_table(self) -> Table:
        table = Table.grid(padding=(0, 2))
        table.add_column(style="bold", no_wrap=True)
        table.add_column()
        for keys, key in HELP_KEYS:
            table.add_row(Text(keys), Text(t(self.lang, key)))
        return table
