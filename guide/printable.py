"""Text from files, paths and plans made safe to print: the one boundary both the CLI and
the app pass such text through before a terminal (or a widget) sees it.

Control characters (Unicode category Cc: C0, DEL and C1, so ESC and the 8-bit CSI too),
lone surrogates, bidirectional overrides and line/paragraph separators are written as
visible escapes (``\\x1b``, ``\\u202e``), so a file can't set the window title (OSC 0),
write the clipboard (OSC 52), clear the screen, move the cursor or reorder the text
around it. Escaping twice gives the same text: an escape is plain ASCII.

No pydantic, no Textual: the app's start-up path may import it.
"""

from __future__ import annotations

import unicodedata
from pathlib import PurePath

_INVISIBLE_CONTROLS = frozenset(
    "\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069\u2028\u2029"
)


def needs_escape(ch: str, multiline: bool = False) -> bool:
    """Whether one character must be shown as an escape."""
    if ch == "\n":
        return not multiline
    return ch in _INVISIBLE_CONTROLS or unicodedata.category(ch) in ("Cc", "Cs")


def escape_text(text: str, *, multiline: bool = False) -> str:
    """``text`` with control and bidi-override characters written as escapes (``\\x1b``,
    ``\\u202e``); newlines are kept when ``multiline``."""
    return "".join(
        ch.encode("unicode_escape", "backslashreplace").decode("ascii")
        if needs_escape(ch, multiline)
        else ch
        for ch in text
    )


def shown_path(path: PurePath | str) -> str:
    """A file name or path as shown to people (escaped like any text from outside)."""
    return escape_text(str(path))
