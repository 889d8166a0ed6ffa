"""The review flow: opening a plan whose review is due starts it (by its date, by the stop
rule), the decision is recorded in the file and shows on the plan screen, "move N hours"
goes through the Compare paths screen, Escape records nothing; snapshots."""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest
from textual.widgets import Input, Static

from guide.articles import Guide
from guide.i18n import Lang, t
from guide.plan import Decision, Plan, PlatformStatus
from guide.storage import load_plan, save_plan
from screens.app import RemoteGuideApp
from screens.compare import CompareScreen
from screens.help import HelpScreen
from screens.plan_screen import PlanScreen
from screens.reader import ReaderScreen
from screens.review_screen import ReviewScreen, due_lines
from tests.guide.plan_samples import example_plan
from tests.screens.conftest import wait_until

RULE_DAY = dt.date(2026, 12, 7)  # the example's stop rule fires for Prolific and Clickworker
REVIEW_DAY = dt.date(2026, 12, 14)  # the example's review date
WIDE = (120, 40)


@pytest.fixture(autouse=True)
def _review_on_open(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(PlanScreen, "review_on_open", True)


def no_stop_rule(plan: Plan) -> Plan:
    return plan.model_copy(update={"limits": plan.limits.model_copy(update={"stop_rule": None})})


def saved(tmp_path: Path, plan: Plan) -> Path:
    path = tmp_path / "plan.toml"
    save_plan(plan, path)
    return path


def make(guide: Guide, lang: Lang, path: Path, today: dt.date) -> RemoteGuideApp:
    app = RemoteGuideApp(lang=lang, guide=guide, plan_path=path)
    app.today = lambda: today
    return app


async def opened_review(pilot: Any) -> ReviewScreen:
    await wait_until(pilot, lambda: isinstance(pilot.app.screen, ReviewScreen))
    screen = pilot.app.screen
    assert isinstance(screen, ReviewScreen)
    await pilot.pause()
    return screen


def text_of(screen: Any, selector: str) -> str:
    return str(screen.query_one(selector, Static).render())


async def decide(pilot: Any, decision: Decision) -> None:
    """Pick ``decision`` with the keyboard, as a reader would."""
    screen = pilot.app.screen
    screen.query_one("#review-decision").focus()
    await pilot.press("home", *["down"] * list(Decision).index(decision), "enter")
    await wait_until(pilot, lambda: screen.decision is decision)


async def type_into(pilot: Any, selector: str, text: str) -> None:
    field = pilot.app.screen.query_one(selector, Input)
    field.focus()
    field.value = ""
    await pilot.press(*text)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_due_by_its_date_cut_hours(shipped_guide: Guide, tmp_path: Path, lang: Lang) -> None:
    path = saved(tmp_path, no_stop_rule(example_plan()))
    app = make(shipped_guide, lang, path, REVIEW_DAY)
    async with app.run_test(size=WIDE) as pilot:
        screen = await opened_review(pilot)
        why = text_of(screen, "#review-why")
        assert ("14 Dec 2026" if lang == "en" else "14 декабря 2026") in why
        assert "Prolific" not in why  # no stop rule: only the date
        numbers = text_of(screen, "#review-numbers")
        assert "Prolific" in numbers and "Clickworker" in numbers
        await decide(pilot, Decision.CUT_HOURS)
        assert screen.query_one("#review-weekly-row").display
        await type_into(pilot, "#review-weekly", "300")
        await type_into(pilot, "#review-reason", "Too tired [b]by Friday")
        await pilot.press("enter")
        await wait_until(pilot, lambda: isinstance(app.screen, PlanScreen))
        plan_screen = app.screen
        await wait_until(pilot, lambda: bool(plan_screen.plan.reviews))
        status = text_of(plan_screen, "#plan-status")
        assert "300" in status and "Too tired [b]by Friday" in status
        assert not plan_screen.dirty
    plan = load_plan(path).plan
    (review,) = plan.reviews
    assert review.decision is Decision.CUT_HOURS and review.weekly_minutes == 300
    assert review.date == REVIEW_DAY and review.reason == "Too tired [b]by Friday"
    assert plan.limits.weekly_minutes == 300
    assert plan.limits.review_date == REVIEW_DAY + dt.timedelta(weeks=4)


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_due_by_the_stop_rule_drop_a_platform(
    shipped_guide: Guide, tmp_path: Path, lang: Lang
) -> None:
    path = saved(tmp_path, example_plan())
    app = make(shipped_guide, lang, path, RULE_DAY)
    async with app.run_test(size=WIDE) as pilot:
        screen = await opened_review(pilot)
        why = text_of(screen, "#review-why")
        assert "Prolific" in why and "Clickworker" in why
        assert "14 Dec 2026" not in why and "14 декабря" not in why  # the date hasn't come
        await pilot.click("#decision-drop_platform")  # the mouse works too
        await wait_until(pilot, lambda: screen.decision is Decision.DROP_PLATFORM)
        assert screen.query_one("#review-platform-box").display
        assert screen.query_one("#review-platform").chosen == "Prolific"  # the first flagged
        await pilot.click("#platform-1")
        await type_into(pilot, "#review-reason", "Clickworker pays least")
        await pilot.click("#review-record")
        await wait_until(pilot, lambda: isinstance(app.screen, PlanScreen))
        plan_screen = app.screen
        await wait_until(pilot, lambda: bool(plan_screen.plan.reviews))
        statuses = [p.status for p in plan_screen.plan.platforms]
        assert statuses[1] is PlatformStatus.DROPPED
    plan = load_plan(path).plan
    assert plan.reviews[0].platform == "Clickworker"
    assert plan.platform("Clickworker").status is PlatformStatus.DROPPED  # type: ignore[union-attr]
    assert plan.platform("Prolific").status is not PlatformStatus.DROPPED  # type: ignore[union-attr]


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_move_hours_through_the_compare_screen(
    shipped_guide: Guide, tmp_path: Path, lang: Lang
) -> None:
    plan = example_plan()
    path = saved(tmp_path, plan)
    app = make(shipped_guide, lang, path, RULE_DAY)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await opened_review(pilot)
        await decide(pilot, Decision.MOVE_HOURS_TO_STUDY)
        await type_into(pilot, "#review-hours", "3")
        await pilot.press("c")  # from the hours field: it takes digits only
        await wait_until(pilot, lambda: isinstance(app.screen, CompareScreen))
        compare = app.screen
        assert isinstance(compare, CompareScreen) and compare.switch.moved_hours == 3
        await pilot.press("backspace", "5")
        await wait_until(pilot, lambda: compare.switch.moved_hours == 5)
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        assert screen.decision is Decision.MOVE_HOURS_TO_STUDY  # the choice is kept
        assert screen.query_one("#review-hours", Input).value == "5"
        await type_into(pilot, "#review-reason", "Practice comes first")  # "c" is a letter here
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: isinstance(app.screen, PlanScreen))
        await wait_until(pilot, lambda: bool(app.screen.plan.reviews))
    after = load_plan(path).plan
    review = after.reviews[0]
    assert review.reason == "Practice comes first"
    assert review.decision is Decision.MOVE_HOURS_TO_STUDY and review.hours_per_week == 5
    assert review.goal == plan.goals[0].skill
    assert after.goals[0].hours_per_week == plan.goals[0].hours_per_week + 5
    assert after.limits.weekly_minutes == plan.limits.weekly_minutes - 300


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_escape_records_nothing_and_the_review_comes_again(
    shipped_guide: Guide, tmp_path: Path, lang: Lang
) -> None:
    path = saved(tmp_path, example_plan())
    before = path.read_bytes()
    app = make(shipped_guide, lang, path, RULE_DAY)
    async with app.run_test(size=WIDE) as pilot:
        screen = await opened_review(pilot)
        await pilot.press("f1")  # the help lists this screen's keys, in the reader's words
        await wait_until(pilot, lambda: isinstance(app.screen, HelpScreen))
        words = [w for _, w in app.screen.keys or []]
        assert t(lang, "key_review_record") in words and t(lang, "key_review_compare") in words
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        await decide(pilot, Decision.STOP_MICROTASKS)
        await type_into(pilot, "#review-reason", "not now")
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, PlanScreen))
        plan_screen = app.screen
        assert not plan_screen.plan.reviews and not plan_screen.dirty
        await pilot.press("escape")  # close the plan, open it again
        await wait_until(pilot, lambda: not isinstance(app.screen, PlanScreen))
        app.open_plan(path)
        again = await opened_review(pilot)
        assert again is not screen and again.decision is None
    assert path.read_bytes() == before


async def test_r_reviews_any_time_and_problems_are_shown(
    shipped_guide: Guide, tmp_path: Path
) -> None:
    path = saved(tmp_path, no_stop_rule(example_plan()))
    app = make(shipped_guide, "en", path, dt.date(2026, 11, 20))  # not due
    async with app.run_test(size=WIDE) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, PlanScreen))
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)  # nothing due: no review
        await pilot.press("r")
        screen = await opened_review(pilot)
        assert "any time" in text_of(screen, "#review-why")
        await pilot.press("ctrl+s")
        error = screen.query_one("#review-error", Static)
        assert error.display and "Choose a decision" in str(error.render())
        await decide(pilot, Decision.CUT_HOURS)
        await type_into(pilot, "#review-reason", "less")
        await type_into(pilot, "#review-weekly", "9999")  # more than now is no cut
        await pilot.press("ctrl+s")
        assert "below 450" in str(error.render()) and app.screen is screen
        await type_into(pilot, "#review-reason", "")
        await pilot.press("ctrl+s")
        assert "one line of why" in str(error.render())
        # The guide's articles on the decision open in the app, over the review.
        await pilot.click(".article-link")
        await wait_until(pilot, lambda: isinstance(app.screen, ReaderScreen))
        await pilot.press("escape")
        await wait_until(pilot, lambda: app.screen is screen)
        await pilot.press("escape")
        await wait_until(pilot, lambda: isinstance(app.screen, PlanScreen))
    assert not load_plan(path).plan.reviews


def test_why_names_the_date_and_the_flagged_platforms() -> None:
    from guide.review import review_due

    plan = example_plan()
    lines = due_lines(plan, review_due(plan, REVIEW_DAY + dt.timedelta(days=1)), "ru")
    assert lines == ["Наступила дата пересмотра — 14 декабря 2026."]
    lines = due_lines(plan, review_due(plan, RULE_DAY), "en")
    assert len(lines) == 2 and all("over the last 3 weeks" in line for line in lines)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("size", [(80, 24), WIDE], ids=lambda s: f"{s[0]}x{s[1]}")
def test_review_screen_snapshot(
    snap_compare: Any, shipped_guide: Guide, tmp_path: Path, lang: Lang, size: tuple[int, int]
) -> None:
    path = saved(tmp_path, example_plan())
    app = make(shipped_guide, lang, path, RULE_DAY)

    async def move_hours(pilot: Any) -> None:
        await opened_review(pilot)
        await decide(pilot, Decision.MOVE_HOURS_TO_STUDY)
        pilot.app.screen.query_one("#review-decision").focus()
        await pilot.pause()

    assert snap_compare(app, terminal_size=size, run_before=move_hours)
