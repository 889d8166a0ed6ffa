"""Pilot tests that every screen and dialog is usable at 80x24: what can be focused is
on screen, and the keyboard starts where the user expects."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widget import Widget

from guide.articles import Guide
from guide.storage import save_plan
from screens.app import RemoteGuideApp
from screens.plan_screen import PlanScreen
from tests.screens.conftest import wait_until

SMALL = (80, 24)


@pytest.fixture
def saved_plan(tmp_path: Path) -> Path:
    from tests.guide.plan_samples import example_plan

    path = tmp_path / "plan.toml"
    save_plan(example_plan(), path)
    return path


def shown(app: RemoteGuideApp, widget: Widget) -> bool:
    """The widget is on screen, whole, and not hidden behind or clipped by anything."""
    region = widget.region
    if not region or not app.screen.region.contains_region(region):
        return False
    corners = [(region.x, region.y), (region.right - 1, region.bottom - 1)]
    return all(app.screen.get_widget_at(x, y)[0] is widget for x, y in corners)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_every_answer_of_which_part_is_shown_at_80x24(
    shipped_guide: Guide, saved_plan: Path, lang: str
) -> None:
    app = RemoteGuideApp(lang=lang, guide=shipped_guide, plan_path=saved_plan)  # type: ignore[arg-type]
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, PlanScreen))
        await pilot.press("e")
        await wait_until(pilot, lambda: bool(app.screen.query("#answer-cancel")))
        await pilot.pause()
        buttons = list(app.screen.query("Button"))
        assert len(buttons) == 8
        hidden = [b.id for b in buttons if not shown(app, b)]
        assert hidden == []
        await pilot.press("down", "down")
        assert app.focused is buttons[2]


async def test_the_chosen_platforms_are_all_shown(make_app) -> None:  # type: ignore[no-untyped-def]
    from screens.steps.platforms import PlatformsStep
    from screens.wizard import WizardScreen

    app = make_app("en")
    async with app.run_test(size=(100, 30)) as pilot:
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, WizardScreen))
        wizard = app.screen
        assert isinstance(wizard, WizardScreen)
        wizard.go_to("platforms")
        step = wizard.query_one(PlatformsStep)
        catalogue = step.query_one("#catalogue")
        catalogue.focus()
        await wait_until(pilot, lambda: catalogue.has_focus)  # before the keys arrive
        await pilot.press("space", "down", "space")
        await wait_until(pilot, lambda: len(step.query(".platform-row")) == 2)
        for remove in step.query(".platform-remove"):
            remove.focus(scroll_visible=False)
            remove.scroll_visible(animate=False)
            await pilot.pause()
            await wait_until(pilot, lambda r=remove: shown(app, r))  # type: ignore[misc]


async def test_the_goal_editor_takes_typing_at_once(make_app) -> None:  # type: ignore[no-untyped-def]
    from textual.widgets import Input

    from screens.goal_editor import GoalEditor
    from screens.wizard import WizardScreen

    app = make_app("en")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, WizardScreen))
        assert isinstance(app.screen, WizardScreen)
        context = app.screen.context
        await app.push_screen(GoalEditor(context, None))
        await wait_until(pilot, lambda: isinstance(app.screen, GoalEditor))
        await pilot.press(*"SQL")
        assert app.screen.query_one("#goal-skill-input", Input).value == "SQL"


async def test_a_radio_list_starts_on_the_chosen_answer(make_app) -> None:  # type: ignore[no-untyped-def]
    from screens.widgets.form import Choices
    from screens.wizard import WizardScreen

    app = make_app("en")
    async with app.run_test(size=SMALL) as pilot:
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, WizardScreen))
        choices = app.screen.query_one("#goal", Choices)
        names = [b.name for b in choices.query("RadioButton")]
        choices.choose(names[2])
        choices.focus()
        await pilot.pause()
        await pilot.press("enter")
        await pilot.pause()
        assert choices.chosen == names[2]
        await pilot.press("down", "enter")
        await pilot.pause()
        assert choices.chosen == names[3]


@pytest.mark.parametrize("field", ["pay", "tax"])
async def test_the_rate_field_being_typed_in_stays_in_view(
    shipped_guide: Guide, saved_plan: Path, field: str
) -> None:
    from textual.widgets import Input

    app = RemoteGuideApp(lang="en", guide=shipped_guide, plan_path=saved_plan)
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, PlanScreen))
        assert isinstance(app.screen, PlanScreen)
        app.screen.action_edit_step("rate")
        await wait_until(pilot, lambda: bool(app.screen.query(f"#rate-{field}-input")))
        box = app.screen.query_one(f"#rate-{field}-input", Input)
        box.focus()
        await pilot.press("ctrl+a", "backspace", *"x1", "backspace", "backspace", *"0.75x")
        await wait_until(pilot, lambda: shown(app, box))


@pytest.mark.parametrize(
    ("lang", "log", "language"), [("en", "Log", "Language"), ("ru", "Журнал", "Язык")]
)
async def test_help_on_the_plan_screen_lists_its_keys(
    shipped_guide: Guide, saved_plan: Path, lang: str, log: str, language: str
) -> None:
    from screens.help import HelpScreen

    app = RemoteGuideApp(lang=lang, guide=shipped_guide, plan_path=saved_plan)  # type: ignore[arg-type]
    async with app.run_test(size=SMALL) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, PlanScreen))
        await pilot.press("f1")
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        help_screen = app.screen
        assert isinstance(help_screen, HelpScreen) and help_screen.keys is not None
        assert ("l", log) in help_screen.keys
        assert language not in [words for _, words in help_screen.keys]


@pytest.mark.parametrize(
    ("lang", "theme", "palette"), [("en", "Theme", "Commands"), ("ru", "Тема", "Команды")]
)
async def test_the_palette_speaks_the_language(
    make_app, lang: str, theme: str, palette: str
) -> None:  # type: ignore[no-untyped-def]
    app = make_app(lang)
    async with app.run_test(size=SMALL) as pilot:
        await pilot.pause()
        titles = [c.title for c in app.get_system_commands(app.screen)]
        assert theme in titles and ("Quit" in titles) == (lang == "en")
        assert app.screen.active_bindings["ctrl+p"].binding.description == palette
