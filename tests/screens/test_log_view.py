"""The plan screen's log view: newest first, a filter, add / correct / delete with undo of
the last change, Enter submits the log dialog, study toward a goal with its week and
milestones."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import DataTable, Input, ProgressBar, Select, Static

from guide.log import entries, find
from guide.plan import EntryKind
from guide.storage import LoadedPlan, save_plan
from screens.log_session import LogSessionDialog
from screens.log_view import LogView
from screens.plan_screen import PlanScreen
from tests.guide.plan_samples import example_plan
from tests.screens.conftest import wait_until

TODAY = dt.date(2026, 12, 7)
SIZE = (80, 24)


async def open_plan(app: Any, pilot: Any, tmp_path: Path) -> PlanScreen:
    app.today = lambda: TODAY
    plan = example_plan()
    path = tmp_path / "plan.toml"
    screen = PlanScreen(app.lang, LoadedPlan(plan, path, save_plan(plan, path)))
    await app.push_screen(screen)
    await wait_until(pilot, lambda: screen.query_one("#log-table", DataTable).row_count > 0)
    return screen


def table_ids(screen: PlanScreen) -> list[str]:
    table: DataTable[Any] = screen.query_one("#log-table", DataTable)
    return [str(k.value) for k in table.rows]


async def test_the_log_is_newest_first_and_filters(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_plan(app, pilot, tmp_path)
        assert table_ids(screen) == [e.id for e in entries(screen.plan)]
        name = screen.plan.platforms[0].name
        screen.query_one("#log-filter", Select).value = "p:" + name
        wanted = [e.id for e in entries(screen.plan, platform=name)]
        await wait_until(pilot, lambda: table_ids(screen) == wanted)


async def test_correct_delete_and_undo(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_plan(app, pilot, tmp_path)
        newest = entries(screen.plan)[0]
        table = screen.query_one("#log-table", DataTable)
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, LogSessionDialog))
        minutes = app.screen.query_one("#log-minutes-input", Input)
        minutes.focus()
        minutes.value = "77"
        await pilot.press("enter")  # Enter submits the dialog
        await wait_until(pilot, lambda: app.screen is screen)
        edited = screen.plan.log[find(screen.plan, newest.id) or 0]
        assert edited.id == newest.id and edited.minutes == 77 and screen.dirty

        await pilot.press("u")  # undo the correction
        await wait_until(
            pilot,
            lambda: screen.plan.log[find(screen.plan, newest.id) or 0].minutes == newest.minutes,
        )

        count = len(screen.plan.log)
        table.focus()
        table.move_cursor(row=0)
        await pilot.press("d")
        await wait_until(pilot, lambda: len(screen.plan.log) == count - 1)
        assert find(screen.plan, newest.id) is None
        assert newest.id not in table_ids(screen)
        assert [d.id for d in screen.plan.deleted] == [newest.id]

        await pilot.press("u")  # undo the delete: the entry is back, its tombstone gone
        await wait_until(pilot, lambda: len(screen.plan.log) == count)
        assert table_ids(screen)[0] == newest.id and not screen.plan.deleted


async def test_logging_study_shows_the_week_and_milestones(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    app = make_app("ru")
    async with app.run_test(size=(100, 40)) as pilot:
        screen = await open_plan(app, pilot, tmp_path)
        goal = screen.plan.goals[0]
        await pilot.press("l")
        await wait_until(pilot, lambda: isinstance(app.screen, LogSessionDialog))
        dialog = app.screen
        dialog.query_one("#log-platform", Select).value = "g:" + goal.skill
        study = dialog.query_one("#log-study", Static)
        await wait_until(pilot, lambda: study.display)
        assert f"из {goal.hours_per_week} ч" in str(study.render())
        bar = dialog.query_one("#log-milestones", ProgressBar)
        assert bar.total == max(1, len(goal.milestones))
        minutes = dialog.query_one("#log-minutes-input", Input)
        minutes.focus()
        minutes.value = "45"
        await pilot.press("enter")
        await wait_until(pilot, lambda: app.screen is screen)
        newest = entries(screen.plan)[0]
        assert newest.kind is EntryKind.STUDY and newest.goal == goal.skill
        assert newest.minutes == 45
        assert screen.query_one(LogView).selected_id() == newest.id


async def test_a_timer_started_in_the_app_is_stopped_by_the_shell(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from guide.cli import main
    from guide.storage import load_plan

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_plan(app, pilot, tmp_path)
        await pilot.press("t")
        await pilot.click("#answer-1")
        timer = screen.query_one("#plan-timer", Static)
        await wait_until(pilot, lambda: timer.display)
        assert load_plan(screen.path).plan.timer is not None
        count = len(screen.plan.log)
        assert main(["stop", str(screen.path), "--minutes", "30"]) == 0
        await wait_until(pilot, lambda: not timer.display)  # the app sees the file change
        assert screen.plan.timer is None and len(screen.plan.log) == count + 1
        assert entries(screen.plan)[0].minutes == 30
        assert table_ids(screen)[0] == entries(screen.plan)[0].id


async def test_a_timer_started_in_the_shell_shows_in_the_app(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from guide.cli import main

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_plan(app, pilot, tmp_path)
        name = screen.plan.platforms[0].name
        assert main(["start", str(screen.path), "--platform", name]) == 0
        timer = screen.query_one("#plan-timer", Static)
        await wait_until(pilot, lambda: timer.display)
        assert name in str(timer.render()) and screen.plan.timer is not None


async def test_the_charts_show_the_last_12_weeks(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Sparkline

    from guide.weekly import weekly_history

    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        screen = await open_plan(app, pilot, tmp_path)
        work = screen.query_one("#chart-work", Sparkline)
        weeks = weekly_history(screen.plan, TODAY, 12)
        assert list(work.data or []) == [float(w.work_minutes) for w in reversed(weeks)]
        totals = str(screen.query_one("#chart-totals", Static).render())
        assert "This month" in totals and "This year" in totals


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_log_and_charts_snapshot(snap_compare, make_app, lang: str) -> None:  # type: ignore[no-untyped-def]
    from guide.storage import Fingerprint

    app = make_app(lang)
    app.today = lambda: TODAY

    async def open_charts(pilot) -> None:  # type: ignore[no-untyped-def]
        loaded = LoadedPlan(example_plan(), Path("/nowhere/plan.toml"), Fingerprint(0, 0, ""))
        screen = PlanScreen(lang, loaded)  # type: ignore[arg-type]
        await pilot.app.push_screen(screen)
        await wait_until(pilot, lambda: screen.query_one("#log-table", DataTable).row_count > 0)
        body = screen.query_one("#plan-body")
        await wait_until(pilot, lambda: body.max_scroll_y > 0)
        body.scroll_end(animate=False, immediate=True)
        await wait_until(pilot, lambda: body.scroll_y == body.max_scroll_y)
        await pilot.pause()

    assert snap_compare(app, terminal_size=SIZE, run_before=open_charts)
