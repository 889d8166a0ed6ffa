"""Saving a plan from the UI: the file-changed and file-exists questions, and errors shown
as messages. Shared by the wizard and the plan screen."""

from __future__ import annotations

import asyncio
from pathlib import Path
from typing import Any

from textual.screen import Screen

from guide.i18n import Lang, t
from guide.plan import Plan
from guide.printable import escape_text, shown_path
from guide.storage import Fingerprint, PlanError, SaveConflict, save_plan
from screens.dialogs import ask


async def save_asking(
    screen: Screen[Any], lang: Lang, plan: Plan, path: Path, expected: Fingerprint | None
) -> Fingerprint | None:
    """Save ``plan`` (in a thread: the disk never holds up the screen); on a conflict ask
    whether to overwrite. None when not saved. Must run in a worker (it waits for the
    user's answer); ``plan`` must not change until it returns."""
    try:
        return await asyncio.to_thread(save_plan, plan, path, expected=expected)
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
            return await asyncio.to_thread(save_plan, plan, path, expected=expected, overwrite=True)
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
