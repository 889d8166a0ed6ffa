"""The help screen: what remote-guide is and every key, in the current language."""

from __future__ import annotations

from rich.table import Table
from rich.text import Text
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import Screen
from textual.widgets import Label, Static

from guide.i18n import Lang, t
from screens.base import GuideModal

# (keys shown, id of the words in strings.toml) — the order of the help screen.
HELP_KEYS = [
    ("↑ ↓ Enter, {mouse}", "help_move"),
    ("Tab / Shift+Tab", "help_focus"),
    ("b, Alt+←", "key_back"),
    ("f, Alt+→", "key_forward"),
    ("h", "key_home"),
    ("c", "key_contents"),
    ("o", "key_reader_open"),
    ("y", "key_reader_copy"),
    ("s", "key_sidebar"),
    ("l", "key_language"),
    ("t", "key_theme"),
    ("/, Ctrl+F", "key_search"),
    ("Ctrl+P", "key_palette"),
    ("F1, ?", "key_help"),
    ("q, Ctrl+Q", "key_quit"),
]


def screen_keys(screen: Screen[object]) -> list[tuple[str, str]]:
    """The keys of ``screen`` and of the app as they act there, with their words: what
    the help shows when opened from a screen other than the guide."""
    app = screen.app
    rows: dict[tuple[str, str], list[str]] = {}
    for item in screen.active_bindings.values():
        binding = item.binding
        # Ours only (they have an id, and words in both languages); Textual's own (Tab,
        # Ctrl+C) are the general rows above them.
        if item.node not in (screen, app) or not binding.id or not binding.description:
            continue
        keys = rows.setdefault((binding.action, binding.description), [])
        shown = app.get_key_display(binding)
        if shown not in keys:
            keys.append(shown)
    return [(", ".join(keys), words) for (_, words), keys in rows.items()]


class HelpScreen(GuideModal[None]):
    BINDINGS = [Binding("escape,q,f1,question_mark", "dismiss", "Close", id="close")]

    def __init__(self, lang: Lang, keys: list[tuple[str, str]] | None = None) -> None:
        """``keys``: (keys, words) of the screen the help is opened from; by default the
        guide's keys."""
        super().__init__()
        self.lang = lang
        self.keys = keys

    def _keys(self, keys: str) -> str:
        # "mouse" is a word, not a key: it speaks the reader's language.
        return keys.replace("{mouse}", t(self.lang, "help_mouse"))

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
        if self.keys is None:
            rows = [(self._keys(keys), t(self.lang, key)) for keys, key in HELP_KEYS]
        else:
            general = [HELP_KEYS[0], HELP_KEYS[1], ("Ctrl+P", "key_palette")]
            rows = [(self._keys(keys), t(self.lang, key)) for keys, key in general] + self.keys
        for keys, words in rows:
            table.add_row(Text(keys), Text(words))
        return table
