"""Two writers and sync copies in the app: the merge offer for conflict copies on opening a
plan, the question when the file and the unsaved edits changed the same setting, and
Ctrl+S saving in a thread while the screen answers."""

from __future__ import annotations

import datetime as dt
import threading
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Static

from guide.conflicts import merged_dir
from guide.plan import Language, LogEntry, Plan
from guide.storage import load_plan, save_plan, update_plan
from screens.dialogs import ChoiceDialog
from screens.log_session import LogSessionDialog
from screens.merge_offer import MergeOfferDialog
from screens.plan_screen import PlanScreen
from tests.guide.plan_samples import TZ, example_plan
from tests.screens.conftest import wait_until

TODAY = dt.date(2026, 12, 7)
SIZE = (80, 24)
SYNCTHING = "plan.sync-conflict-20261205-101010-ABCDEF7.toml"
DROPBOX = "plan (Jane's conflicted copy 2026-12-05).toml"


def write_plan(path: Path, lang: str, hour: int = 9, **changes: Any) -> Plan:
    plan = example_plan()
    plan.language = Language(lang)
    plan.updated = dt.datetime(2026, 12, 5, hour, tzinfo=TZ)
    for name, value in changes.items():
        if name == "log":
            plan.log.append(value)
        else:
            setattr(plan.limits, name, value)
    save_plan(plan, path, overwrite=True)
    return plan


def copy_with(path: Path, name: str, lang: str) -> Path:
    """A conflict copy of the plan at ``path``: one more entry, a daily limit of its own."""
    copy = path.with_name(name)
    entry = LogEntry(date=dt.date(2026, 12, 5), platform="Toloka", minutes=33)
    write_plan(copy, lang, hour=11, daily_minutes=75, log=entry)
    return copy


def dialog_up(app: Any, kind: type) -> bool:
    """The dialog is on top with its body mounted (it is on the stack a moment before)."""
    return isinstance(app.screen, kind) and bool(app.screen.query(".dialog-body"))


def body_text(dialog: Any) -> str:
    return str(dialog.query_one(".dialog-body", Static).render())


async def click(app: Any, pilot: Any, selector: str) -> None:
    """Click ``selector`` on the top screen once it has been laid out."""

    def shown() -> bool:  # the dialog may be on the stack before its buttons are mounted
        found = app.screen.query(selector)
        return bool(found) and found.first().region.width > 0

    await wait_until(pilot, shown)
    assert await pilot.click(selector)


def plan_screen(app: Any) -> PlanScreen:
    return next(s for s in app.screen_stack if isinstance(s, PlanScreen))


OFFERS = [
    ("en", SYNCTHING, ["1 log entry added", "limits.daily_minutes", "not a valid plan"]),
    ("ru", DROPBOX, ["добавлена 1 запись журнала", "limits.daily_minutes", "это не план"]),
]


@pytest.mark.parametrize(("lang", "name", "words"), OFFERS)
async def test_opening_a_plan_offers_to_merge_its_conflict_copies(  # type: ignore[no-untyped-def]
    make_app, tmp_path: Path, lang: str, name: str, words: list[str]
) -> None:
    path = tmp_path / "plan.toml"
    before = write_plan(path, lang)
    copy = copy_with(path, name, lang)
    broken = path.with_name("plan.sync-conflict-20261206-090000-QRSTUV2.toml")
    broken.write_text("not = [a plan", "utf-8")
    app = make_app(lang)
    app.today = lambda: TODAY
    async with app.run_test(size=SIZE) as pilot:
        app.open_plan(path)
        await wait_until(pilot, lambda: dialog_up(app, MergeOfferDialog))
        text = body_text(app.screen)
        for word in [copy.name, broken.name, *words]:
            assert word in text
        assert load_plan(path).plan.log == before.log  # nothing saved before Merge
        await click(app, pilot, "#merge-now")
        screen = plan_screen(app)
        await wait_until(pilot, lambda: len(screen.plan.log) == len(before.log) + 1)
        saved = load_plan(path).plan
        assert len(saved.log) == len(before.log) + 1 and saved.limits.daily_minutes == 75
        assert not copy.exists() and (merged_dir(path) / copy.name).exists()
        assert broken.exists()  # named, left where it is
        assert not screen.dirty


async def test_not_now_changes_nothing(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "plan.toml"
    write_plan(path, "en")
    copy = copy_with(path, DROPBOX, "en")
    data = path.read_bytes()
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        app.open_plan(path)
        await wait_until(pilot, lambda: dialog_up(app, MergeOfferDialog))
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, PlanScreen))
    assert path.read_bytes() == data and copy.exists()


async def open_screen(app: Any, pilot: Any, path: Path) -> PlanScreen:
    app.today = lambda: TODAY
    write_plan(path, "en")
    app.open_plan(path)
    await wait_until(pilot, lambda: isinstance(app.screen, PlanScreen))
    screen = plan_screen(app)
    await wait_until(pilot, lambda: bool(screen.query("#plan-heading")) and screen.is_mounted)
    return screen


def from_the_shell(path: Path, daily: int) -> None:
    def change(plan: Plan) -> None:
        plan.limits.daily_minutes = daily
        plan.log.append(LogEntry(date=TODAY, platform="Toloka", minutes=12))
        plan.updated = dt.datetime.now(dt.UTC)

    update_plan(path, change)


@pytest.mark.parametrize("answer", ["mine", "theirs"])
async def test_the_same_setting_changed_in_the_file_and_here_asks(  # type: ignore[no-untyped-def]
    make_app, tmp_path: Path, answer: str
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, tmp_path / "plan.toml")
        count = len(screen.plan.log)
        screen.plan.limits.daily_minutes = 80
        screen.plan.title = "Mine"
        screen.changed()
        from_the_shell(screen.path, 100)
        await wait_until(pilot, lambda: dialog_up(app, ChoiceDialog))
        assert "limits.daily_minutes: here 80, in the file 100" in body_text(app.screen)
        await click(app, pilot, f"#answer-{answer}")
        await wait_until(pilot, lambda: len(screen.plan.log) == count + 1)
        assert screen.plan.limits.daily_minutes == (80 if answer == "mine" else 100)
        assert screen.plan.title == "Mine" and screen.dirty  # the other edit stays, unsaved
        assert await screen._save()
        assert len(load_plan(screen.path).plan.log) == count + 1


async def test_without_unsaved_edits_the_file_is_taken_without_a_question(  # type: ignore[no-untyped-def]
    make_app, tmp_path: Path
) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, tmp_path / "plan.toml")
        count = len(screen.plan.log)
        from_the_shell(screen.path, 100)
        await wait_until(pilot, lambda: len(screen.plan.log) == count + 1)
        assert screen.plan.limits.daily_minutes == 100 and app.screen is screen


def heading(screen: PlanScreen) -> str:
    return str(screen.query_one("#plan-heading", Static).render())


def slow_save(monkeypatch: pytest.MonkeyPatch) -> threading.Event:
    """Make saves wait (in their thread) until the returned event is set."""
    import screens.saving

    release = threading.Event()
    real = screens.saving.save_plan

    def waiting(*args: Any, **kwargs: Any) -> Any:
        assert release.wait(30)
        return real(*args, **kwargs)

    monkeypatch.setattr(screens.saving, "save_plan", waiting)
    return release


async def test_ctrl_s_saves_in_a_thread_while_the_screen_answers(  # type: ignore[no-untyped-def]
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = slow_save(monkeypatch)
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, tmp_path / "plan.toml")
        screen.plan.title = "Saved slowly"
        screen.changed()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "saving" in heading(screen))
        await pilot.press("l")  # the screen answers while the save waits
        await wait_until(pilot, lambda: isinstance(app.screen, LogSessionDialog))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        assert screen.dirty and load_plan(screen.path).plan.title != "Saved slowly"
        release.set()
        await wait_until(pilot, lambda: not screen.dirty)
        assert load_plan(screen.path).plan.title == "Saved slowly"
        assert "saving" not in heading(screen)


async def test_a_quit_while_saving_waits_for_the_save(  # type: ignore[no-untyped-def]
    make_app, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    release = slow_save(monkeypatch)
    app = make_app()
    path = tmp_path / "plan.toml"
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, path)
        screen.plan.title = "Saved before quitting"
        screen.changed()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: "saving" in heading(screen))
        await pilot.press("q")
        await wait_until(pilot, lambda: any(w.group == "quit" for w in app.workers))
        assert app.return_code is None  # still running: waiting for the save
        release.set()
        await wait_until(pilot, lambda: app.return_code is not None)
    assert load_plan(path).plan.title == "Saved before quitting"


async def test_a_step_edited_while_the_shell_logs_keeps_both(  # type: ignore[no-untyped-def]
    make_app, tmp_path: Path
) -> None:
    from screens.wizard import StepEditor

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, tmp_path / "plan.toml")
        count = len(screen.plan.log)
        screen.action_edit_step("limits")
        await wait_until(pilot, lambda: isinstance(app.screen, StepEditor))
        editor = app.screen
        edited = screen.plan.model_copy(deep=True)
        edited.limits.daily_minutes = 80
        from_the_shell(screen.path, 100)  # taken while the step is open: nothing unsaved
        await wait_until(pilot, lambda: len(screen.plan.log) == count + 1)
        editor.dismiss(edited)
        await wait_until(pilot, lambda: app.screen is screen and screen.dirty)
        assert screen.plan.limits.daily_minutes == 80 and len(screen.plan.log) == count + 1


async def test_keep_both_joins_the_lists_changed_on_both_sides(  # type: ignore[no-untyped-def]
    make_app, tmp_path: Path
) -> None:
    app = make_app("ru")
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_screen(app, pilot, tmp_path / "plan.toml")
        screen.plan.profile.skills = ["SQL", "Excel"]
        screen.changed()

        def change(plan: Plan) -> None:
            plan.profile.skills = ["SQL", "Python"]

        update_plan(screen.path, change)
        await wait_until(pilot, lambda: dialog_up(app, ChoiceDialog))
        text = body_text(app.screen)
        assert "profile.skills: здесь SQL, Excel, в файле SQL, Python" in text
        assert "«Объединить» сложит списки" in text
        await click(app, pilot, "#answer-both")
        await wait_until(pilot, lambda: screen.plan.profile.skills == ["SQL", "Excel", "Python"])
        assert screen.dirty


@pytest.mark.parametrize(
    ("lang", "words"), [("en", "2 conflict copies"), ("ru", "2 конфликтные копии")]
)
async def test_the_open_plan_screen_shows_copies_next_to_their_plan(  # type: ignore[no-untyped-def]
    make_app, lang: str, words: str
) -> None:
    from textual.widgets import OptionList

    from guide.paths import plans_dir
    from screens.open_plan import OpenPlanScreen

    folder = plans_dir()
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / "plan.toml"
    write_plan(path, lang)
    copy_with(path, SYNCTHING, lang)
    copy_with(path, DROPBOX, lang)
    app = make_app(lang)
    async with app.run_test(size=SIZE) as pilot:
        app.choose_plan()
        await wait_until(
            pilot,
            lambda: (
                isinstance(app.screen, OpenPlanScreen) and bool(app.screen.query("#saved-plans"))
            ),
        )
        options = app.screen.query_one("#saved-plans", OptionList)
        await wait_until(pilot, lambda: options.option_count > 0)
        assert options.option_count == 1
        option = options.get_option_at_index(0)
        assert option.id == str(path) and words in str(option.prompt)
