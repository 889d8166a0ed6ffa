"""The Compare paths screen: from the plan screen, the hours to move update every figure,
the sources are one key away; screenshots at 80x24 in both languages."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from textual.widgets import OptionList, Static

from guide.i18n import Lang
from guide.storage import LoadedPlan, save_plan
from screens.compare import CompareScreen, SourcesDialog, parse_hours, timeline_lines
from screens.plan_screen import PlanScreen
from tests.guide.plan_samples import example_plan

TODAY = dt.date(2026, 12, 7)
SIZE = (80, 24)


def figures(screen: CompareScreen) -> str:
    return str(screen.query_one("#compare-figures", Static).render())


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_compare_from_the_plan_screen(make_app, tmp_path: Path, lang: Lang) -> None:  # type: ignore[no-untyped-def]
    app = make_app(lang)
    app.today = lambda: TODAY
    plan = example_plan()
    goals = [plan.goals[0].model_copy(update={"skill": "[/bold] [b PM"}), *plan.goals[1:]]
    plan = plan.model_copy(update={"goals": goals})
    path = tmp_path / "plan.toml"
    fingerprint = save_plan(plan, path)
    async with app.run_test(size=SIZE) as pilot:
        await app.push_screen(PlanScreen(lang, LoadedPlan(plan, path, fingerprint)))
        await pilot.pause()
        await pilot.press("c")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, CompareScreen)
        before = screen.switch
        assert before.moved_hours == 0 and before.job_ready_date is not None
        assert "[/bold] [b PM" in str(screen.query_one("#compare-assumptions", Static).render())

        await pilot.click("#compare-move")
        await pilot.press("end", "backspace", "3")
        await pilot.pause()
        after = screen.switch
        assert after.moved_hours == 3
        assert after.job_ready_date_if_moved is not None
        assert after.job_ready_date_if_moved < before.job_ready_date
        moved = "3 h a week" if lang == "en" else "3 ч в неделю"
        assert moved in figures(screen)

        await pilot.press("backspace")  # an empty field is 0
        await pilot.pause()
        last_good = screen.switch
        assert last_good.moved_hours == 0
        await pilot.press(".")  # "." alone is not a number
        await pilot.pause()
        assert screen.query_one("#compare-move-error").display
        assert screen.switch is last_good  # the last good figures stay
        await pilot.press("backspace", "1", ",", "5")  # a Russian decimal comma is fine
        await pilot.pause()
        assert not screen.query_one("#compare-move-error").display
        assert screen.switch.moved_hours == Decimal("1.5")

        await pilot.press("s")
        await pilot.pause()
        dialog = app.screen
        assert isinstance(dialog, SourcesDialog)
        assert any("bls.gov" in url for url in dialog.urls)
        assert dialog.query_one(OptionList).option_count == len(dialog.urls)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("escape")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)


def test_parse_hours() -> None:
    assert parse_hours("") == 0
    assert parse_hours("2,5") == Decimal("2.5")
    assert parse_hours("169") is None and parse_hours(".") is None


def test_timeline_scales_to_the_latest_date() -> None:
    screen_switch = CompareScreen("en", example_plan(), TODAY, move_hours=3).switch
    lines = timeline_lines(screen_switch, "en", width=10)
    assert len(lines) == 3
    bars = [line.split()[2] if line.startswith("As") else line for line in lines]
    assert all("█" in line for line in bars)
    latest = max(d for d in (screen_switch.job_ready_date, screen_switch.inputs.target_date) if d)
    assert any(line.endswith("30 Apr 2027") for line in lines) and latest.year == 2027


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("size", [SIZE, (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_compare_screen_snapshot(snap_compare, make_app, lang: str, size: tuple[int, int]) -> None:  # type: ignore[no-untyped-def]
    app = make_app(lang)
    app.today = lambda: TODAY

    async def open_compare(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.app.push_screen(CompareScreen(lang, example_plan(), TODAY, move_hours=3))  # type: ignore[arg-type]
        for _ in range(3):
            await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_compare)
