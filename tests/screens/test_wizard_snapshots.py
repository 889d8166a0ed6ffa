"""Screenshots of every wizard step and the plan screen, 80x24 and 120x40, both languages."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest

from guide.storage import LoadedPlan, save_plan
from screens.plan_screen import PlanScreen
from screens.steps import KEYS
from screens.wizard import WizardScreen
from tests.guide.plan_samples import example_plan

SIZES = [(80, 24), (120, 40)]
TODAY = dt.date(2026, 11, 21)
# The file names shown on screen; the real data folder is a fresh one per test.
SHOWN_FOLDER = Path("/home/reader/.local/share/remote-guide/plans")


async def settle(pilot) -> None:  # type: ignore[no-untyped-def]
    """Let mounts, highlights and focus-driven scrolling finish (the steps mount rows and
    answer highlight events after they are shown)."""
    for _ in range(3):
        await pilot.pause()
    await pilot.wait_for_scheduled_animations()
    await pilot.pause()


def fixed_app(make_app, lang: str):  # type: ignore[no-untyped-def]
    app = make_app(lang)
    app.today = lambda: TODAY
    return app


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
@pytest.mark.parametrize("step", KEYS)
def test_wizard_step(snap_compare, make_app, lang: str, size: tuple[int, int], step: str) -> None:
    async def open_step(pilot) -> None:  # type: ignore[no-untyped-def]
        plan = example_plan()
        wizard = WizardScreen(
            lang, plan, step=step, target=SHOWN_FOLDER / "side-income.toml", fresh=False
        )
        await pilot.app.push_screen(wizard)
        await settle(pilot)

    assert snap_compare(fixed_app(make_app, lang), terminal_size=size, run_before=open_step)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_plan_screen(
    snap_compare, make_app, lang: str, size: tuple[int, int], tmp_path: Path
) -> None:
    path = tmp_path / "plan.toml"
    fingerprint = save_plan(example_plan(), path)
    shown_path = SHOWN_FOLDER / "side-income.toml"

    async def open_plan(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.app.push_screen(
            PlanScreen(lang, LoadedPlan(example_plan(), shown_path, fingerprint))
        )
        await settle(pilot)

    assert snap_compare(fixed_app(make_app, lang), terminal_size=size, run_before=open_plan)
