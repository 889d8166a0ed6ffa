"""The plan's details view (``i`` on the plan screen): every answer of the wizard, shown
safely, scrolling at 80x24, in both languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.containers import VerticalScroll
from textual.content import Content
from textual.widgets import Static

from guide.articles import Guide
from guide.plan import Plan
from guide.storage import save_plan
from screens.app import RemoteGuideApp
from screens.plan_details import PlanDetailsScreen
from screens.plan_screen import PlanScreen
from tests.guide.plan_samples import example_plan
from tests.screens.conftest import wait_until


def details_text(screen: PlanDetailsScreen) -> str:
    """All the view's text, as drawn (tables included), joined by lines."""
    console = screen.app.console
    parts = []
    for static in screen.query(Static):
        content = static.content
        if isinstance(content, Content):
            parts.append(content.plain)
            continue
        lines = console.render_lines(content, console.options.update_width(200))
        parts += ["".join(s.text for s in line).rstrip() for line in lines]
    return "\n".join(parts)


async def open_details(app: RemoteGuideApp, pilot) -> PlanDetailsScreen:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: isinstance(app.screen, PlanScreen))
    await pilot.press("i")
    await wait_until(pilot, lambda: isinstance(app.screen, PlanDetailsScreen))
    screen = app.screen
    assert isinstance(screen, PlanDetailsScreen)
    return screen


def saved(tmp_path: Path, plan: Plan) -> Path:
    path = tmp_path / "plan.toml"
    save_plan(plan, path)
    return path


@pytest.mark.parametrize(
    ("lang", "money", "day", "percent"),
    [("en", "$1.20", "Sat", "Tax (%): 10"), ("ru", "1,20\u00a0$", "Сб", "Налог (%): 10")],
)
async def test_the_details_show_the_wizards_answers(
    shipped_guide: Guide, tmp_path: Path, lang: str, money: str, day: str, percent: str
) -> None:
    plan = example_plan()
    app = RemoteGuideApp(lang=lang, guide=shipped_guide, plan_path=saved(tmp_path, plan))  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        text = details_text(await open_details(app, pilot))
        assert money in text and day in text and percent in text  # pay, days, tax
        assert plan.profile.skills[0] in text
        for platform in plan.platforms:
            assert platform.name in text
            assert all(e.note in text for e in platform.checklist if e.note and len(e.note) < 60)
        for goal in plan.goals:
            assert goal.skill in text
            assert all(r in text for r in goal.resources)
            assert all(m.title in text for m in goal.milestones)
            if goal.why:
                assert goal.why.split()[0] in text
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, PlanScreen))


async def test_the_details_scroll_at_80x24(shipped_guide: Guide, tmp_path: Path) -> None:
    app = RemoteGuideApp(lang="en", guide=shipped_guide, plan_path=saved(tmp_path, example_plan()))
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_details(app, pilot)
        body = screen.query_one("#details-body", VerticalScroll)
        assert body.has_focus and body.max_scroll_y > 0
        await pilot.press("end")
        await wait_until(pilot, lambda: body.scroll_y == body.max_scroll_y)


async def test_the_details_show_file_text_as_text(shipped_guide: Guide, tmp_path: Path) -> None:
    plan = example_plan()
    plan.title = "[b]bold[/b] [/x] [link=https://e.org]x"
    plan.platforms[0].checklist[0].note = "[/bold] list[int] [[/x]] [b"
    plan.goals[0].why = "[red]why[/red]"
    app = RemoteGuideApp(lang="en", guide=shipped_guide, plan_path=saved(tmp_path, plan))
    async with app.run_test(size=(80, 24)) as pilot:
        text = details_text(await open_details(app, pilot))
        assert plan.title in text
        assert plan.platforms[0].checklist[0].note in text
        assert "[red]why[/red]" in text


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("size", [(80, 24), (120, 40)], ids=lambda s: f"{s[0]}x{s[1]}")
def test_details_snapshot(  # type: ignore[no-untyped-def]
    snap_compare, shipped_guide: Guide, lang: str, size: tuple[int, int]
) -> None:
    app = RemoteGuideApp(lang=lang, guide=shipped_guide)  # type: ignore[arg-type]

    async def open_view(pilot) -> None:  # type: ignore[no-untyped-def]
        await pilot.app.push_screen(PlanDetailsScreen(lang, example_plan()))  # type: ignore[arg-type]
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=open_view)
