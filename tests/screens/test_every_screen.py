"""Screenshots of every screen and dialog not shot elsewhere, at 80x24, in both languages.

tests/screens/SNAPSHOTS.md lists what is shot where. Starting the app costs more than
most dialogs, so each language runs one app through every case in turn and compares a
named snapshot (pytest-textual-snapshot's SVG format, ``test_screens[<lang>][<case>].svg``)
after each; between cases everything above the guide is closed again. ``snap_compare``
would start one app per picture: about three times as slow for these 27 pictures.

Each case opens its screen the way a user reaches it (a key on the screen below) where
that is quick, or pushes it directly; dates, times, file names and folders are fixed so
that the pictures are the same on every machine. Review changes as PNGs:
``rsvg-convert -o x.png 'tests/screens/__snapshots__/test_every_screen/<file>.svg'``.
"""

from __future__ import annotations

import datetime as dt
import os
import time
from collections.abc import Awaitable, Callable, Iterator
from pathlib import Path

import pytest
from pytest_textual_snapshot import SVGImageExtension
from syrupy.assertion import SnapshotAssertion
from textual.command import CommandList, CommandPalette
from textual.pilot import Pilot
from textual.screen import Screen
from textual.widgets import Button

import screens.open_plan
import screens.saving
from guide.drafts import Draft, discard_draft, save_draft
from guide.history import Place
from guide.i18n import Lang
from guide.paths import draft_path, plans_dir
from guide.storage import Fingerprint, LoadedPlan, PlanError, SaveConflict, save_plan
from screens.app import RemoteGuideApp
from screens.compare import CompareScreen, SourcesDialog
from screens.contents import ContentsScreen
from screens.dialogs import ChoiceDialog, TextDialog
from screens.goal_editor import GoalEditor
from screens.help import HelpScreen
from screens.log_session import LogSessionDialog
from screens.main import MainScreen
from screens.open_plan import OpenPlanScreen
from screens.plan_error import PlanErrorScreen
from screens.plan_screen import PlanScreen
from screens.reader import ReaderScreen
from screens.search import SearchScreen
from screens.steps import KEYS
from screens.steps.vetting import ChecklistTable
from screens.widgets.section_view import SectionView
from screens.wizard import StepEditor, WizardScreen
from tests.guide.plan_samples import example_plan
from tests.screens.conftest import wait_until

SIZE = (80, 24)
LANGS: list[Lang] = ["en", "ru"]
TODAY = dt.date(2026, 11, 21)
# 21 Nov 2026, 10:30 UTC: when the files shown (plans, the draft) were last changed.
FILE_TIME = dt.datetime(2026, 11, 21, 10, 30, tzinfo=dt.UTC).timestamp()
# The file names and folders shown on screen (the real data folder is a fresh one per test).
SHOWN_FOLDER = Path("/home/reader/.local/share/remote-guide/plans")
SHOWN_PLAN = SHOWN_FOLDER / "side-income.toml"
ARTICLE = "microtasks-vs-project-management"

Case = Callable[[Pilot[int], Lang], Awaitable[None]]
CASES: dict[str, tuple[Case, type[Screen[object]]]] = {}
"""name -> (a coroutine that opens the screen, the screen to go back to after the shot),
in the order they run. Some rely on it: the draft is offered at start-up, the plans folder
is empty before it is filled, and the dialogs of one plan screen or wizard share it (a
plan screen costs more to build than any dialog)."""


def case(name: str, keep: type[Screen[object]] = MainScreen) -> Callable[[Case], Case]:
    def register(run: Case) -> Case:
        CASES[name] = (run, keep)
        return run

    return register


# Helpers ---------------------------------------------------------------------------------


def app_of(pilot: Pilot[int]) -> RemoteGuideApp:
    app = pilot.app
    assert isinstance(app, RemoteGuideApp)
    return app


async def settle(pilot: Pilot[int]) -> None:
    """Let mounts, highlights and focus-driven scrolling finish (what snap_compare does)."""
    for _ in range(3):
        await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


async def shown(pilot: Pilot[int], kind: type[Screen[object]]) -> None:
    """Wait until the top screen is a ``kind``."""
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, kind))
    await pilot.pause()


async def back_to(pilot: Pilot[int], kind: type[Screen[object]]) -> None:
    """Close the screens above the top ``kind``; questions are answered "cancel", so the
    workers waiting on them end."""
    app = app_of(pilot)
    while not isinstance(app.screen, kind):
        top = app.screen
        if isinstance(top, ChoiceDialog):
            await top.dismiss("cancel")
        else:
            await app.pop_screen()
        await wait_until(pilot, lambda top=top: app.screen is not top)
    if kind is MainScreen:
        discard_draft()  # the wizard's, written as it ran: the home screen would offer it
        app.main_screen.refresh_plan_actions()
    app.clear_notifications()


async def plan_screen(pilot: Pilot[int], lang: Lang) -> PlanScreen:
    """The plan screen on top (the one kept from the case before, or a new one)."""
    if isinstance(pilot.app.screen, PlanScreen):
        return pilot.app.screen
    loaded = LoadedPlan(example_plan(), SHOWN_PLAN, Fingerprint(0, 0, ""))
    screen = PlanScreen(lang, loaded)
    await pilot.app.push_screen(screen)
    await pilot.pause()
    return screen


async def wizard(pilot: Pilot[int], lang: Lang) -> WizardScreen:
    """The wizard on top, on its last step (the one kept from the case before, or a new one)."""
    if isinstance(pilot.app.screen, WizardScreen):
        return pilot.app.screen
    screen = WizardScreen(lang, example_plan(), step=KEYS[-1], target=SHOWN_PLAN, fresh=False)
    await pilot.app.push_screen(screen)
    await pilot.pause()
    return screen


@pytest.fixture
def utc() -> Iterator[None]:
    """File times are shown in local time: make that UTC, whatever the machine's zone."""
    old = os.environ.get("TZ")
    os.environ["TZ"] = "UTC"
    time.tzset()
    yield
    if old is None:
        del os.environ["TZ"]
    else:
        os.environ["TZ"] = old
    time.tzset()


@pytest.fixture
def refused_saves(monkeypatch: pytest.MonkeyPatch) -> None:
    """The file is taken (or changed on disk): saving without ``overwrite`` is refused, so
    that the questions about it are asked."""

    def save(*args: object, overwrite: bool = False, **kwargs: object) -> Fingerprint:
        raise SaveConflict(SHOWN_PLAN, "changed on disk")

    monkeypatch.setattr(screens.saving, "save_plan", save)


# Start-up --------------------------------------------------------------------------------


def write_draft() -> None:
    """A draft left by an earlier run: the app offers it when it starts."""
    save_draft(Draft(example_plan(), "limits", str(SHOWN_PLAN), {}))
    os.utime(draft_path(), (FILE_TIME, FILE_TIME))


@case("draft_offer")
async def _draft_offer(pilot: Pilot[int], lang: Lang) -> None:
    await shown(pilot, ChoiceDialog)


# Over the guide ------------------------------------------------------------------------------


@case("help_guide")
async def _help_guide(pilot: Pilot[int], lang: Lang) -> None:
    await pilot.press("f1")
    await shown(pilot, HelpScreen)


@case("search_empty")
async def _search_empty(pilot: Pilot[int], lang: Lang) -> None:
    await pilot.press("slash")
    await shown(pilot, SearchScreen)


@case("search_results")
async def _search_results(pilot: Pilot[int], lang: Lang) -> None:
    await pilot.press("slash")
    await shown(pilot, SearchScreen)
    await pilot.press(*{"en": "fees", "ru": "комиссия"}[lang])
    screen = pilot.app.screen
    await wait_until(pilot, lambda: isinstance(screen, SearchScreen) and bool(screen.hits))


@case("palette")
async def _palette(pilot: Pilot[int], lang: Lang) -> None:
    await pilot.press("ctrl+p")
    await shown(pilot, CommandPalette)
    palette = pilot.app.screen
    # Typed, so the hits have scores (with none they come in the providers' order).
    await pilot.press(*{"en": "theme", "ru": "тема"}[lang])
    results = palette.query_one(CommandList)

    def gathered() -> bool:
        busy = any(w.node is palette and not w.is_finished for w in pilot.app.workers)
        return results.option_count > 0 and not busy

    await wait_until(pilot, gathered)


@case("reader")
async def _reader(pilot: Pilot[int], lang: Lang) -> None:
    await pilot.app.push_screen(ReaderScreen(ARTICLE))
    await shown(pilot, ReaderScreen)


# Opening plans ---------------------------------------------------------------------------


@case("open_plan_empty")
async def _open_plan_empty(pilot: Pilot[int], lang: Lang) -> None:
    app_of(pilot).choose_plan()
    await shown(pilot, OpenPlanScreen)


@case("open_plan_list")
async def _open_plan_list(pilot: Pilot[int], lang: Lang) -> None:
    folder = plans_dir()
    folder.mkdir(parents=True, exist_ok=True)
    plan = example_plan()
    save_plan(plan, folder / "side-income.toml")
    plan.title = "Толока и Prolific: план на зиму"
    save_plan(plan, folder / "winter.toml")
    (folder / "broken.toml").write_text("title = [unclosed\n", "utf-8")
    for i, name in enumerate(("broken.toml", "winter.toml", "side-income.toml")):
        stamp = FILE_TIME - 3600 * i
        os.utime(folder / name, (stamp, stamp))
    app_of(pilot).choose_plan()
    await shown(pilot, OpenPlanScreen)


@case("plan_error")
async def _plan_error(pilot: Pilot[int], lang: Lang) -> None:
    problems = [
        "limits.daily_minutes: must be at most 1440",
        "platforms[1].fee_percent: must be at most 100",
        "line 12: expected '=' after a key",
    ]
    await pilot.app.push_screen(PlanErrorScreen(lang, PlanError(SHOWN_PLAN, problems)))
    await shown(pilot, PlanErrorScreen)


# The plan screen and its dialogs -----------------------------------------------------------


@case("help_plan", keep=PlanScreen)
async def _help_plan(pilot: Pilot[int], lang: Lang) -> None:
    await plan_screen(pilot, lang)
    await pilot.press("f1")
    await shown(pilot, HelpScreen)


@case("plan_chooser", keep=PlanScreen)
async def _plan_chooser(pilot: Pilot[int], lang: Lang) -> None:
    await plan_screen(pilot, lang)
    await pilot.press("e")
    await shown(pilot, ChoiceDialog)


@case("plan_timer_picker", keep=PlanScreen)
async def _plan_timer_picker(pilot: Pilot[int], lang: Lang) -> None:
    await plan_screen(pilot, lang)
    await pilot.press("t")  # three platforms and two goals: which one?
    await shown(pilot, ChoiceDialog)


@case("plan_conflict", keep=PlanScreen)
async def _plan_conflict(pilot: Pilot[int], lang: Lang) -> None:
    await plan_screen(pilot, lang)
    await pilot.press("ctrl+s")
    await shown(pilot, ChoiceDialog)


@case("log_work", keep=PlanScreen)
async def _log_work(pilot: Pilot[int], lang: Lang) -> None:
    await plan_screen(pilot, lang)
    await pilot.press("l")
    await shown(pilot, LogSessionDialog)


@case("log_study", keep=PlanScreen)
async def _log_study(pilot: Pilot[int], lang: Lang) -> None:
    screen = await plan_screen(pilot, lang)
    skill = screen.plan.goals[0].skill
    await pilot.app.push_screen(LogSessionDialog(screen.context, goal=skill))
    await shown(pilot, LogSessionDialog)


@case("log_correct", keep=PlanScreen)
async def _log_correct(pilot: Pilot[int], lang: Lang) -> None:
    screen = await plan_screen(pilot, lang)
    await pilot.app.push_screen(LogSessionDialog(screen.context, entry=screen.plan.log[0]))
    await shown(pilot, LogSessionDialog)


@case("compare_sources", keep=PlanScreen)
async def _compare_sources(pilot: Pilot[int], lang: Lang) -> None:
    await plan_screen(pilot, lang)
    await pilot.press("c")
    await shown(pilot, CompareScreen)
    await pilot.press("s")
    await shown(pilot, SourcesDialog)


@case("edit_goals", keep=StepEditor)
async def _edit_goals(pilot: Pilot[int], lang: Lang) -> None:
    await plan_screen(pilot, lang)
    await pilot.press("g")
    await shown(pilot, StepEditor)


@case("goal_new", keep=StepEditor)
async def _goal_new(pilot: Pilot[int], lang: Lang) -> None:
    editor = pilot.app.screen
    assert isinstance(editor, StepEditor)
    editor.query_one("#goal-add", Button).press()
    await shown(pilot, GoalEditor)


@case("goal_edit", keep=PlanScreen)
async def _goal_edit(pilot: Pilot[int], lang: Lang) -> None:
    editor = pilot.app.screen
    assert isinstance(editor, StepEditor)
    await pilot.app.push_screen(GoalEditor(editor.context, editor.plan.goals[0]))
    await shown(pilot, GoalEditor)


@case("vetting_note", keep=PlanScreen)
async def _vetting_note(pilot: Pilot[int], lang: Lang) -> None:
    await plan_screen(pilot, lang)
    await pilot.press("v")
    await shown(pilot, StepEditor)
    pilot.app.screen.query_one(ChecklistTable).focus()
    await pilot.press("n")
    await shown(pilot, TextDialog)


@case("merge_offer", keep=PlanScreen)
async def _merge_offer(pilot: Pilot[int], lang: Lang) -> None:
    """A Syncthing copy with one more session and a daily limit changed later, and a copy
    that is not a plan, beside the plan (really in the fresh data folder)."""
    from guide.i18n import t
    from guide.plan import LogEntry
    from screens.merge_offer import MergeOfferDialog, offer_text, read_offer

    screen = await plan_screen(pilot, lang)
    real = plans_dir() / SHOWN_PLAN.name
    save_plan(example_plan(), real, overwrite=True)
    copy = example_plan()
    copy.limits.daily_minutes = 75
    copy.updated = dt.datetime(2026, 11, 21, 9, 0, tzinfo=dt.UTC)
    copy.log.append(LogEntry(id="0123456789ab", date=TODAY, platform="Prolific", minutes=25))
    save_plan(copy, real.with_name("side-income.sync-conflict-20261121-090000-ABCDEF7.toml"))
    real.with_name("side-income (Jane's conflicted copy 2026-11-20).toml").write_text("[")
    offer = read_offer(real, screen.plan)
    assert offer is not None
    body = offer_text(offer, SHOWN_PLAN, lang, screen.plan.profile.currency)
    title, merge, later = (t(lang, k) for k in ("offer_title", "offer_merge", "offer_later"))
    await pilot.app.push_screen(MergeOfferDialog(title, body, merge, later))
    await shown(pilot, MergeOfferDialog)


@case("plan_unsaved")
async def _plan_unsaved(pilot: Pilot[int], lang: Lang) -> None:
    screen = await plan_screen(pilot, lang)
    screen.changed()
    await pilot.press("escape")
    await shown(pilot, ChoiceDialog)


# The wizard's dialogs ----------------------------------------------------------------------


@case("wizard_file_exists", keep=WizardScreen)
async def _wizard_file_exists(pilot: Pilot[int], lang: Lang) -> None:
    await wizard(pilot, lang)
    await pilot.press("ctrl+n")
    await shown(pilot, ChoiceDialog)


@case("wizard_leave")
async def _wizard_leave(pilot: Pilot[int], lang: Lang) -> None:
    await wizard(pilot, lang)
    await pilot.press("escape")
    await shown(pilot, ChoiceDialog)


# The guide's own views (last: they leave the guide elsewhere than home) ------------------------


@case("section")
async def _section(pilot: Pilot[int], lang: Lang) -> None:
    main = app_of(pilot).main_screen
    main.go(Place("section", "remote-work"))
    await wait_until(pilot, lambda: main.query_one(SectionView).display)


@case("contents")
async def _contents(pilot: Pilot[int], lang: Lang) -> None:
    app_of(pilot).main_screen.go(Place("article", ARTICLE))
    await pilot.pause()
    await pilot.press("c")
    await shown(pilot, ContentsScreen)


# The test ----------------------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
async def test_screens(
    snapshot: SnapshotAssertion,
    make_app: Callable[[Lang], RemoteGuideApp],
    utc: None,
    refused_saves: None,
    monkeypatch: pytest.MonkeyPatch,
    lang: Lang,
) -> None:
    svg = snapshot.use_extension(SVGImageExtension)
    write_draft()
    app = make_app(lang)
    app.today = lambda: TODAY
    # The empty folder's name as a user sees it (the real one is a fresh temporary one).
    monkeypatch.setattr(screens.open_plan, "plans_dir", lambda: SHOWN_FOLDER)
    differ = []
    async with app.run_test(size=SIZE) as pilot:
        for name, (run, keep) in CASES.items():
            await run(pilot, lang)
            await settle(pilot)
            if svg(name=name) != app.export_screenshot(title=app.title, simplify=True):
                differ.append(name)
            await back_to(pilot, keep)
    assert not differ, f"screenshots differ from the snapshots: {differ}"
