"""Saving a plan from the UI: the file-changed and file-exists questions, and errors shown
as messages. Shared by the wizard and the plan screen."""

from __future__ import annotations

import asyncio
import gc
import threading
from pathlib import Path
from typing import Any

from textual.screen import Screen

from guide.i18n import Lang, t
from guide.plan import Plan
from guide.printable import escape_text, shown_path
from guide.storage import Fingerprint, PlanError, SaveConflict, save_plan
from screens.dialogs import ask


class _CollectorPause:
    """The garbage collector off while saves run in threads, back as it was after the last.

    A collection stops every thread, the UI's too, and a save of a 10,000-entry plan makes
    enough objects (tables dumped, TOML read back) to start a full one: 20-50 ms of the
    event loop stalled. What a save makes is freed by reference counting when it ends
    (there are no cycles), so nothing waits for the collector meanwhile."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._running = 0
        self._was_enabled = False

    def __enter__(self) -> None:
        with self._lock:
            if self._running == 0:
                self._was_enabled = gc.isenabled()
                gc.disable()
            self._running += 1

    def __exit__(self, *exc: object) -> None:
        with self._lock:
            self._running -= 1
            if self._running == 0 and self._was_enabled:
                gc.enable()


_collector_paused = _CollectorPause()


def _save(plan: Plan, path: Path, **options: Any) -> Fingerprint:
    with _collector_paused:
        return save_plan(plan, path, **options)


async def save_asking(
    screen: Screen[Any], lang: Lang, plan: Plan, path: Path, expected: Fingerprint | None
) -> Fingerprint | None:
    """Save ``plan`` (in a thread: the disk never holds up the screen); on a conflict ask
    whether to overwrite. None when not saved. Must run in a worker (it waits for the
    user's answer); ``plan`` must not change until it returns."""
    try:
        return await asyncio.to_thread(_save, plan, path, expected=expected)
    except SaveConflict:
        if expected is None:
            answer = await ask(
                screen.app,
                t(lang, "exists_title"),
                t(lang, "exists_body", path=shown_path(path)),
                [("overwrite", t(lang, "exists_replace"))],
                cancel=t(lang, "btn_cancel"),
            )
        else:
            answer = await ask(
                screen.app,
                t(lang, "conflict_title"),
                t(lang, "conflict_body", path=shown_path(path)),
                [("overwrite", t(lang, "conflict_overwrite"))],
                cancel=t(lang, "conflict_cancel"),
            )
        if answer != "overwrite":
            return None
        try:
            return await asyncio.to_thread(_save, plan, path, expected=expected, overwrite=True)
        except PlanError as error:
            _failed(screen, lang, error)
    except PlanError as error:
        _failed(screen, lang, error)
    return None


def _failed(screen: Screen[Any], lang: Lang, error: PlanError) -> None:
    screen.notify(
        t(lang, "save_failed", error=escape_text(error.text(lang), multiline=True)),
        markup=False,
        severity="error",
        timeout=10,
    )
