"""What the app really writes to the terminal, for tests that look for escape sequences.

Under ``run_test`` Textual uses a headless driver that renders nothing. Here the app gets a
driver that reports itself as not headless, so the app renders every frame as it would for
a terminal, and keeps what it would have written.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from textual.app import App
from textual.drivers.headless_driver import HeadlessDriver
from textual.pilot import Pilot

# What Textual itself writes: colours and styles (SGR), cursor moves, private modes
# (synchronised output, cursor visibility), the pointer shape and hyperlinks (OSC 8).
TEXTUAL_SEQUENCES = re.compile(
    r"\x1b\[[0-9;:]*m"
    r"|\x1b\[\d+;\d+H"
    r"|\x1b\[\d*[ABCD]"
    r"|\x1b\[\?\d+[hl]"
    r"|\x1b\]22;[a-z-]+\x07"
    r"|\x1b\]8;[^\x07\x1b]*\x1b\\"
)
# Anything else that is a control character (C0 but newline, DEL, C1) is a leak.
LEAK = re.compile(r"[\x00-\x09\x0b-\x1f\x7f-\x9f]")


class Capture:
    """Everything ``app`` writes to its terminal while it runs: make one before the app
    starts and run the app with ``app.run_test(headless=False)``."""

    def __init__(self, app: App[object]) -> None:
        written: list[str] = []
        self.written = written

        class CapturingDriver(HeadlessDriver):
            @property
            def is_headless(self) -> bool:
                return False  # so that the app renders its frames and writes them here

            def write(self, data: str) -> None:
                written.append(data)

        app.driver_class = CapturingDriver

    def text(self) -> str:
        """What the app wrote, without Textual's own sequences: the text, and leaks."""
        return visible("".join(self.written))

    def leaks(self) -> list[str]:
        """Control characters in the output that are not Textual's own, in context."""
        shown = self.text()
        return [repr(shown[max(0, m.start() - 30) : m.end() + 30]) for m in LEAK.finditer(shown)]

    def clear(self) -> None:
        self.written.clear()


def visible(text: str) -> str:
    """The output without Textual's own sequences: the text, and anything that leaked."""
    return TEXTUAL_SEQUENCES.sub("", text)


async def until(pilot: Pilot[object], condition: Callable[[], bool], what: str) -> None:
    """Wait (at most about 20 s on a loaded machine) for ``condition``."""
    for _ in range(400):
        if condition():
            return
        await pilot.pause(0.05)
    raise AssertionError(f"timed out waiting for {what}")
