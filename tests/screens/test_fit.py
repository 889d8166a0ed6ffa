"""Pilot tests that nothing is cut at 60, 80, 100 and 120 columns: the vetting checklist,
the note dialog's title, the working days, the header, long answer lists and the footers."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
from rich.text import Text
from textual.widgets import DataTable, Footer, Label

from guide.articles import Guide
from guide.checklist import load_checklist
from guide.plan import Goal, Milestone
from guide.storage import save_plan
from screens.app import RemoteGuideApp
from screens.plan_screen import PlanScreen
from tests.screens.conftest import wait_until
from tests.screens.test_layout import shown

LANGS = ["en", "ru"]


def plan_file(tmp_path: Path, goals: int = 0) -> Path:
    from tests.guide.plan_samples import example_plan

    plan = example_plan()
    for i in range(goals):
        due = dt.date(2027, 1, 1 + i)
        plan.goals.append(
            Goal(skill=f"Skill {i}", hours_per_week=1, milestones=[Milestone(title="m", due=due)])
        )
    path = tmp_path / "plan.toml"
    save_plan(plan, path)
    return path


async def open_plan(app: RemoteGuideApp, pilot) -> PlanScreen:  # type: ignore[no-untyped-def]
    await wait_until(pilot, lambda: isinstance(app.screen, PlanScreen))
    screen = app.screen
    assert isinstance(screen, PlanScreen)
    return screen


async def open_wizard_step(app: RemoteGuideApp, pilot, step: str) -> None:  # type: ignore[no-untyped-def]
    from screens.wizard import WizardScreen

    await pilot.press("enter")
    await wait_until(pilot, lambda: isinstance(app.screen, WizardScreen))
    wizard = app.screen
    assert isinstance(wizard, WizardScreen)
    wizard.go_to(step)
    await pilot.pause()


def cells_fit(table: DataTable[Text]) -> list[str]:
    """What of ``table`` is cut: columns wider than the table, or a cell's wrapped text
    taller than its row."""
    problems = []
    if table.virtual_size.width > table.scrollable_content_region.width:
        problems.append(f"{table.virtual_size.width} > {table.scrollable_content_region.width}")
    console = table.app.console
    widths = [c.get_render_width(table) - 2 for c in table.ordered_columns]
    for row_key, row in table.rows.items():
        for width, cell in zip(widths, table.get_row(row_key), strict=True):
            lines = len(cell.wrap(console, width)) if isinstance(cell, Text) else 1
            if lines > row.height:
                problems.append(f"{cell.plain[:30]}: {lines} lines in a row of {row.height}")
    return problems


# 1. The vetting checklist -------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [80, 100])
async def test_the_checklist_and_its_notes_fit_in_the_step_editor(
    shipped_guide: Guide, tmp_path: Path, lang: str, width: int
) -> None:
    path = plan_file(tmp_path)
    app = RemoteGuideApp(lang=lang, guide=shipped_guide, plan_path=path)  # type: ignore[arg-type]
    async with app.run_test(size=(width, 30)) as pilot:
        screen = await open_plan(app, pilot)
        notes = [e.note for e in screen.plan.platforms[0].checklist if e.note]
        await pilot.press("v")
        await wait_until(pilot, lambda: bool(app.screen.query("#checklist")))
        table: DataTable[Text] = app.screen.query_one("#checklist", DataTable)
        await wait_until(pilot, lambda: table.row_count > 0 and table.size.width > 0)
        await pilot.pause()
        assert cells_fit(table) == []
        shown_text = "\n".join(table.get_row_at(i)[-1].plain for i in range(table.row_count))
        assert notes and all(note in shown_text for note in notes)


@pytest.mark.parametrize("lang", LANGS)
async def test_the_checklist_fits_in_the_wizard_and_follows_the_width(make_app, lang: str) -> None:  # type: ignore[no-untyped-def]
    from guide.plan import Platform, PlatformStatus
    from screens.steps.vetting import VettingStep
    from screens.wizard import WizardScreen

    app = make_app(lang)
    async with app.run_test(size=(100, 30)) as pilot:
        await open_wizard_step(app, pilot, "platforms")
        wizard = app.screen
        assert isinstance(wizard, WizardScreen)
        wizard.context.plan.platforms.append(Platform(name="Toloka", status=PlatformStatus.VETTING))
        wizard.go_to("vetting")
        vetting = app.screen.query_one(VettingStep)
        table: DataTable[Text] = vetting.query_one("#checklist", DataTable)
        await wait_until(pilot, lambda: table.row_count > 0 and table.size.width > 0)
        await pilot.pause()
        assert cells_fit(table) == []
        await pilot.resize_terminal(80, 24)
        await wait_until(pilot, lambda: table.size.width < 80)
        await pilot.pause()
        assert cells_fit(table) == []


# 2. The note dialog's title ------------------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
async def test_the_note_dialog_shows_its_whole_title(
    shipped_guide: Guide, tmp_path: Path, lang: str
) -> None:
    from screens.dialogs import TextDialog

    app = RemoteGuideApp(lang=lang, guide=shipped_guide, plan_path=plan_file(tmp_path))  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(app, pilot)
        await pilot.press("v")
        await wait_until(pilot, lambda: bool(app.screen.query("#checklist")))
        table = app.screen.query_one("#checklist")
        table.focus()
        await wait_until(pilot, lambda: table.has_focus)
        await pilot.press("n")
        await wait_until(pilot, lambda: isinstance(app.screen, TextDialog))
        title = app.screen.query_one(".dialog-title", Label)
        box = app.screen.query_one(".dialog-box")
        await wait_until(pilot, lambda: title.region.height >= 2)  # the long title wraps
        assert box.content_region.contains_region(title.region)
        item = load_checklist().items[0].text(lang)
        assert item in str(title.render())


# 3. The working days at 60 columns -----------------------------------------------------------


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("width", [60, 80])
async def test_every_working_day_is_shown(make_app, lang: str, width: int) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Checkbox

    app = make_app(lang)
    async with app.run_test(size=(width, 30)) as pilot:
        await open_wizard_step(app, pilot, "limits")
        boxes = list(app.screen.query("#days Checkbox").results(Checkbox))
        assert len(boxes) == 7
        await wait_until(pilot, lambda: all(shown(app, b) for b in boxes))


# 4. The header -------------------------------------------------------------------------------


def header_fits(app: RemoteGuideApp) -> bool:
    title = app.screen.query_one("HeaderTitle")
    screen = app.screen
    words = screen.title or app.title
    sub = screen.sub_title or app.sub_title
    text = f"{words} — {sub}" if sub else words
    return Text(text).cell_len <= title.content_region.width


@pytest.mark.parametrize("lang", LANGS)
async def test_the_header_is_not_cut_at_80_columns(make_app, lang: str) -> None:  # type: ignore[no-untyped-def]
    app = make_app(lang)
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        assert header_fits(app)
        await open_wizard_step(app, pilot, "about")
        assert header_fits(app)


# 5. Long answer lists (the timer's picker) ---------------------------------------------------


@pytest.mark.parametrize("size", [(80, 24), (120, 24), (120, 40)])
async def test_the_timer_picker_shows_cancel(
    shipped_guide: Guide, tmp_path: Path, size: tuple[int, int]
) -> None:
    from screens.dialogs import ChoiceDialog

    path = plan_file(tmp_path, goals=10)
    app = RemoteGuideApp(lang="en", guide=shipped_guide, plan_path=path)
    async with app.run_test(size=size) as pilot:
        await open_plan(app, pilot)
        await pilot.press("t")
        await wait_until(pilot, lambda: isinstance(app.screen, ChoiceDialog))
        cancel = app.screen.query_one("#answer-cancel")
        cancel.focus()
        await wait_until(pilot, lambda: shown(app, cancel))
        assert app.screen.query_one(".dialog-box").region.bottom <= size[1]


# 6. Footers at 80 columns --------------------------------------------------------------------


def footer_cut(app: RemoteGuideApp) -> list[str]:
    """The footer keys of the current screen that are cut or hidden under the palette key."""
    footer = app.screen.query_one(Footer)
    keys = list(footer.query("FooterKey"))
    if len(keys) < 3:  # the footer fills itself in after its screen is shown
        return ["not drawn yet"]
    palette = [k for k in keys if "-command-palette" in k.classes]
    right = palette[0].region.x if palette else app.size.width
    return [
        f"{k.description}: {k.region}"
        for k in keys
        if k not in palette and (k.region.right > right or not k.region)
    ]


@pytest.mark.parametrize("lang", LANGS)
async def test_the_footers_fit_at_80_columns(
    shipped_guide: Guide, tmp_path: Path, lang: str
) -> None:
    from guide.history import Place
    from screens.main import MainScreen
    from screens.plan_details import PlanDetailsScreen
    from screens.reader import ReaderScreen

    app = RemoteGuideApp(lang=lang, guide=shipped_guide)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await wait_until(pilot, lambda: footer_cut(app) == [])
        main = app.screen
        assert isinstance(main, MainScreen)
        main.go(Place("article", "software"))
        main.focus_content()
        await pilot.pause()
        await wait_until(pilot, lambda: footer_cut(app) == [])
        await app.push_screen(ReaderScreen("software"))
        await pilot.pause()
        await wait_until(pilot, lambda: footer_cut(app) == [])
    path = plan_file(tmp_path)
    app = RemoteGuideApp(lang=lang, guide=shipped_guide, plan_path=path)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(app, pilot)
        await pilot.pause()
        await wait_until(pilot, lambda: footer_cut(app) == [])
        await pilot.press("i")
        await wait_until(pilot, lambda: isinstance(app.screen, PlanDetailsScreen))
        await pilot.pause()
        await wait_until(pilot, lambda: footer_cut(app) == [])


@pytest.mark.parametrize("lang", LANGS)
async def test_help_on_the_plan_screen_lists_the_keys_its_footer_leaves_out(
    shipped_guide: Guide, tmp_path: Path, lang: str
) -> None:
    from screens.help import HelpScreen

    app = RemoteGuideApp(lang=lang, guide=shipped_guide, plan_path=plan_file(tmp_path))  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(app, pilot)
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen) and help_screen.keys is not None
        keys = [k.split(", ")[0] for k, _ in help_screen.keys]
        assert {"i", "q", "/"} <= set(keys)
