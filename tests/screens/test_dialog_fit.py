"""The plan's tall dialogs at 80x24: their buttons stay in sight while the fields scroll,
the goal's reason keeps its lines, and the section overview opens at its top."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from textual.errors import NoWidget
from textual.geometry import Region
from textual.pilot import Pilot
from textual.widget import Widget

from guide.history import Place
from guide.i18n import Lang
from guide.plan import Goal
from guide.storage import Fingerprint, LoadedPlan
from screens.app import RemoteGuideApp
from screens.base import GuideModal
from screens.context import PlanContext
from screens.goal_editor import GoalEditor
from screens.log_session import LogSessionDialog
from screens.plan_screen import PlanScreen
from screens.widgets.section_view import SectionView
from tests.guide.plan_samples import example_plan
from tests.screens.conftest import wait_until

LANGS: list[Lang] = ["en", "ru"]
SIZE = (80, 24)

Dialog = Callable[[PlanContext], GuideModal[object]]
DIALOGS: dict[str, tuple[Dialog, tuple[str, ...]]] = {
    "goal_new": (lambda c: GoalEditor(c, None), ("#goal-done", "#goal-cancel")),
    "goal_edit": (lambda c: GoalEditor(c, c.plan.goals[0]), ("#goal-done", "#goal-cancel")),
    "log_work": (lambda c: LogSessionDialog(c), ("#log-add", "#log-cancel")),
    "log_study": (
        lambda c: LogSessionDialog(c, goal=c.plan.goals[0].skill),
        ("#log-add", "#log-cancel"),
    ),
    "log_correct": (
        lambda c: LogSessionDialog(c, entry=c.plan.log[0]),
        ("#log-add", "#log-cancel"),
    ),
}


async def plan_screen(app: RemoteGuideApp, pilot: Pilot[int], lang: Lang) -> PlanScreen:
    loaded = LoadedPlan(example_plan(), app_plan_path(), Fingerprint(0, 0, ""))
    screen = PlanScreen(lang, loaded)
    await app.push_screen(screen)
    await wait_until(pilot, lambda: app.screen is screen)
    return screen


def app_plan_path():  # type: ignore[no-untyped-def]
    from guide.paths import plans_dir

    return plans_dir() / "plan.toml"


def in_sight(widget: Widget, screen_height: int) -> bool:
    """The whole of ``widget`` is drawn on the screen, not scrolled or cut off."""
    try:
        geometry = widget.screen.find_widget(widget)
    except NoWidget:  # scrolled out of sight altogether
        return False
    region = geometry.region
    return (
        region.height > 0 and geometry.visible_region == region and region.bottom <= screen_height
    )


def top_in_sight(widget: Widget) -> bool:
    """The first line of ``widget`` is drawn, not under the dialog's docked buttons."""
    geometry = widget.screen.find_widget(widget)
    region = geometry.region
    top = Region(region.x, region.y, region.width, 1)
    foot = widget.screen.query_one(".dialog-foot")
    return geometry.visible_region.contains_region(top) and not (
        foot.region.overlaps(top) and widget not in foot.query("*")
    )


@pytest.mark.parametrize("lang", LANGS)
async def test_tall_dialogs_keep_their_buttons_in_sight(
    make_app: Callable[[Lang], RemoteGuideApp], lang: Lang
) -> None:
    app = make_app(lang)
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(app, pilot, lang)
        for name, (make, buttons) in DIALOGS.items():
            dialog = make(screen.context)
            await app.push_screen(dialog)
            await wait_until(pilot, lambda d=dialog: app.screen is d)  # type: ignore[misc]
            await pilot.pause()
            for selector in buttons:
                button = dialog.query_one(selector)
                assert in_sight(button, SIZE[1]), (name, selector, button.region)
            # Each field and button reached in turn is scrolled into sight, above the
            # docked buttons (the first line of a tall one, at least).
            for _ in dialog.focus_chain:
                focused = dialog.focus_next()  # what Tab does, without a key's waits
                assert focused is not None
                await wait_until(pilot, lambda w=focused: top_in_sight(w))  # type: ignore[misc]
            app.pop_screen()
            await wait_until(pilot, lambda: app.screen is screen)


async def test_the_goals_reason_keeps_its_lines(
    make_app: Callable[[Lang], RemoteGuideApp],
) -> None:
    app = make_app("en")
    async with app.run_test(size=SIZE) as pilot:
        screen = await plan_screen(app, pilot, "en")
        goal = screen.context.plan.goals[0]
        goal.why = "First reason.\nSecond reason, on a line of its own."
        results: list[Goal | None] = []
        editor = GoalEditor(screen.context, goal)
        await app.push_screen(editor, results.append)
        await wait_until(pilot, lambda: app.screen is editor)
        reason = editor.query_one("#goal-why-input")
        await wait_until(pilot, lambda: reason.region.height == 2)  # both lines shown
        assert in_sight(reason, SIZE[1])
        reason.focus()
        await pilot.press("down", "end", "enter", *"Third.", "ctrl+s")
        await wait_until(pilot, lambda: bool(results))
    saved = results[0]
    assert saved is not None
    assert saved.why == goal.why + "\nThird."


@pytest.mark.parametrize("lang", LANGS)
async def test_a_section_opens_at_its_top(
    make_app: Callable[[Lang], RemoteGuideApp], lang: Lang
) -> None:
    app = make_app(lang)
    async with app.run_test(size=SIZE) as pilot:
        main = app.main_screen
        await wait_until(pilot, lambda: main.guide is not None)
        for section in ("remote-work", "career-paths", "workplace", "remote-work"):
            main.go(Place("section", section), focus=True)
            view = main.query_one(SectionView)
            await wait_until(pilot, lambda v=view: v.display and app.focused is not None)  # type: ignore[misc]
            await pilot.pause()
            await pilot.wait_for_scheduled_animations()
            await pilot.pause()
            # Only the list scrolls: the view itself can't open scrolled past the title.
            assert view.max_scroll_y == 0, (section, view.max_scroll_y)
            assert in_sight(view.query_one("#section-title"), SIZE[1])
