"""Conflict copies beside a plan, offered for merging when the plan screen opens.

A sync tool (Syncthing, Dropbox...) that saw the plan edited on two machines leaves a
copy beside it (guide.conflicts). Opening the plan lists the copies and what merging them
brings (guide.merge_text.summary_lines), before anything is saved; Merge is one atomic
save under the plan's lock (the file is read again under it, as ``remote-guide merge``
does), after which each merged copy moves into the plan's backup folder. A copy that is
not a valid plan is named and left where it is.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.content import Content
from textual.widgets import Button, Label, Static

from guide.i18n import Lang, t, tn
from guide.printable import escape_text, shown_path
from guide.problems import os_problem, said_error, said_text
from screens.base import GuideModal

if TYPE_CHECKING:
    from guide.conflicts import Copies
    from guide.merge import MergeSummary
    from guide.plan import Plan
    from screens.plan_screen import PlanScreen


@dataclass(frozen=True)
class Offer:
    """Conflict copies read and merged in memory (nothing saved yet)."""

    copies: Copies
    summaries: list[MergeSummary]


class MergeOfferDialog(GuideModal[bool]):
    """The copies and what merging brings; True for Merge, False for Not now (Escape)."""

    BINDINGS = [Binding("escape", "dismiss(False)", "Not now", id="cancel")]
    # As tall as the text, up to about half the screen (the title and buttons need the
    # rest at 80x24); a longer summary scrolls.
    DEFAULT_CSS = """
    MergeOfferDialog #merge-offer-body {
        height: auto;
        max-height: 45vh;
    }
    """

    def __init__(self, title: str, body: str, merge: str, later: str) -> None:
        super().__init__(classes="dialog")
        self._title, self._body, self._merge, self._later = title, body, merge, later

    def compose(self) -> ComposeResult:
        with Vertical(classes="dialog-box wide", id="merge-offer"):
            yield Label(Content(self._title), classes="dialog-title")
            with VerticalScroll(id="merge-offer-body"):
                yield Static(Content(self._body), classes="dialog-body")
            with Horizontal(classes="dialog-buttons"):
                yield Button(Content(self._merge), id="merge-now", variant="primary")
                yield Button(Content(self._later), id="merge-later")

    def on_mount(self) -> None:
        self.query_one("#merge-now", Button).focus()

    @on(Button.Pressed)
    def _answered(self, event: Button.Pressed) -> None:
        self.dismiss(event.button.id == "merge-now")


def read_offer(path: Path, plan: Plan) -> Offer | None:
    """The conflict copies of the plan at ``path`` merged into ``plan`` in memory; None
    when there are none. (In a thread: it reads files.)"""
    from guide.conflicts import conflict_copies, load_copies
    from guide.merge import merge_all

    found = conflict_copies(path)
    if not found:
        return None
    copies = load_copies(path, found)
    summaries = merge_all(plan, [p for _, p in copies.valid])[1] if copies.valid else []
    return Offer(copies, summaries)


def offer_text(offer: Offer, path: Path, lang: Lang, currency: str) -> str:
    """The dialog's text: the copies, the invalid ones named, and each merge's summary."""
    from guide.conflicts import merged_dir
    from guide.merge_text import summary_lines

    copies = offer.copies
    count = len(copies.valid) + len(copies.invalid)
    lines = [tn(lang, "offer_copies", count, plan=shown_path(path.name))]
    lines += [t(lang, "offer_copy", copy=shown_path(c.name)) for c, _ in copies.valid]
    lines += [
        t(
            lang,
            "offer_invalid",
            copy=shown_path(c.name),
            problem=escape_text(said_text(lang, problems[0])),
        )
        for c, problems in copies.invalid
    ]
    for (copy, _), summary in zip(copies.valid, offer.summaries, strict=True):
        lines += ["", t(lang, "offer_from", copy=shown_path(copy.name))]
        lines += [f"  {escape_text(line)}" for line in summary_lines(summary, lang, currency)]
    lines += ["", t(lang, "offer_after", folder=shown_path(merged_dir(path)))]
    return "\n".join(lines)


def merge_copies(path: Path, plans: list[Plan]) -> None:
    """Merge ``plans`` into the plan at ``path``: one atomic save under its lock, the
    file read again under it. (In a thread.) MergeError, PlanError."""
    from guide.merge import adopt, merge_all
    from guide.storage import update_plan

    def change(plan: Plan) -> None:
        adopt(plan, merge_all(plan, plans)[0])

    update_plan(path, change)


def move_copies(copies: list[Path], path: Path) -> list[tuple[Path, str]]:
    """Move merged copies into the plan's backup folder; those that could not be moved,
    with why. (In a thread.)"""
    from guide.conflicts import keep_merged

    failed: list[tuple[Path, str]] = []
    for copy in copies:
        try:
            keep_merged(copy, path)
        except OSError as e:
            failed.append((copy, os_problem(e)))
    return failed


async def offer_merge(screen: PlanScreen) -> None:
    """Offer to merge the conflict copies beside the plan on ``screen`` (in a worker)."""
    from guide.conflicts import merged_dir
    from guide.merge import MergeError
    from guide.storage import PlanError

    lang, path = screen.lang, screen.path
    try:
        offer = await asyncio.to_thread(read_offer, path, screen.plan)
    except MergeError as e:
        problem = escape_text(said_error(lang, e), multiline=True)
        screen.notify(t(lang, "offer_failed", problem=problem), markup=False)
        return
    if offer is None:
        return
    copies = offer.copies
    if not copies.valid:
        if copies.invalid:
            names = ", ".join(shown_path(c.name) for c, _ in copies.invalid)
            text = tn(lang, "offer_only_invalid", len(copies.invalid), copies=names)
            screen.notify(text, markup=False, severity="warning", timeout=10)
        return
    body = offer_text(offer, path, lang, screen.plan.profile.currency)
    dialog = MergeOfferDialog(
        t(lang, "offer_title"), body, t(lang, "offer_merge"), t(lang, "offer_later")
    )
    if not await screen.app.push_screen_wait(dialog):
        return
    merged = [c for c, _ in copies.valid]
    try:
        await asyncio.to_thread(merge_copies, path, [p for _, p in copies.valid])
    except (MergeError, PlanError) as e:
        problem = escape_text(said_error(lang, e), multiline=True)
        screen.notify(t(lang, "offer_failed", problem=problem), markup=False, severity="error")
        return
    failed = await asyncio.to_thread(move_copies, merged, path)
    folder = shown_path(merged_dir(path))
    moved = len(merged) - len(failed)
    if moved:
        screen.notify(tn(lang, "offer_done", moved, folder=folder), markup=False)
    for copy, error in failed:
        text = t(
            lang,
            "offer_not_moved",
            copy=shown_path(copy.name),
            folder=folder,
            error=said_text(lang, error),
        )
        screen.notify(text, markup=False, severity="warning", timeout=10)
    await screen.reread()
