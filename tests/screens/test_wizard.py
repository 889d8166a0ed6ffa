"""Pilot tests of the planning wizard and the plan screen, as a user goes through them."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal
from pathlib import Path

import pytest
from textual.widgets import Input, RadioButton, SelectionList, Static

from guide.articles import Guide
from guide.drafts import draft_path, load_draft
from guide.storage import load_plan, save_plan
from screens.app import RemoteGuideApp
from screens.dialogs import ChoiceDialog
from screens.main import MainScreen
from screens.plan_screen import PlanScreen
from screens.steps.platforms import PlatformsStep
from screens.steps.vetting import ChecklistTable
from screens.widgets.form import Choices
from screens.wizard import WizardScreen
from tests.screens.conftest import wait_until

from .terminal import until

SIZE = (110, 40)


async def type_into(pilot, input_id: str, text: str) -> None:  # type: ignore[no-untyped-def]
    field = pilot.app.screen.query_one(f"#{input_id}-input", Input)
    field.focus()
    field.value = ""
    await pilot.pause()  # focused before the keys arrive (on a loaded machine they can win)
    await pilot.press(*text) if text else await pilot.pause()


def step_text(app: RemoteGuideApp) -> str:
    return str(app.screen.query_one("#step-indicator", Static).render())


async def start_wizard(pilot) -> WizardScreen:  # type: ignore[no-untyped-def]
    await pilot.press("enter")  # "Make a plan" is the first entry on the home screen
    await pilot.pause()
    assert isinstance(pilot.app.screen, WizardScreen)
    return pilot.app.screen


async def test_whole_wizard_from_empty_start_to_saved_file(
    make_app, shipped_guide: Guide, tmp_path: Path
) -> None:
    target = tmp_path / "mine.toml"
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        wizard = await start_wizard(pilot)
        assert step_text(app) == "Step 1 of 8: About you"
        # 1. About you: the goal is a radio set; the first option is "a first income".
        goal = wizard.query_one("#goal", Choices)
        names = [b.name for b in goal.query(RadioButton)]
        goal.focus()  # the keyboard starts on the answer that is on: up to the first
        await pilot.press(*["up"] * names.index(goal.chosen), "enter")
        await type_into(pilot, "hours", "6")
        await type_into(pilot, "target-rate", "12.5")
        await type_into(pilot, "currency", "usd")
        await type_into(pilot, "skills", "English, spreadsheets, English")
        await pilot.press("ctrl+n")
        # 2. The recommendation explains itself; keep it.
        assert step_text(app) == "Step 2 of 8: Your path"
        reasons = str(wizard.query_one("#reasons", Static).render())
        assert "6 hours a week" in reasons and "12.5" in reasons
        await pilot.press("ctrl+n")
        # 3. Time limits.
        assert step_text(app).endswith("Time limits")
        await type_into(pilot, "daily", "90")
        await type_into(pilot, "weekly", "450")
        review = (dt.date.today() + dt.timedelta(days=30)).isoformat()
        await type_into(pilot, "review", review)
        wizard.query_one("#use-stop-rule").focus()
        await pilot.press("space")
        await type_into(pilot, "stop-rate", "4")
        await type_into(pilot, "stop-weeks", "3")
        await pilot.press("ctrl+n")
        # 4. Platforms: Prolific from the catalogue, and one of my own.
        assert step_text(app).endswith("Platforms")
        catalogue = wizard.query_one(SelectionList)
        catalogue.focus()
        prolific = [p.id for p in wizard.query_one(PlatformsStep).catalogue].index("prolific")
        await pilot.press("home", *["down"] * prolific, "space")
        wizard.query_one("#custom-name", Input).focus()
        await pilot.press(*"My panel", "enter")
        await pilot.pause()
        assert [p.name for p in wizard.plan.platforms] == ["Prolific", "My panel"]
        await pilot.press("ctrl+n")
        # 5. Vetting: tick the first item, fail the second, with a note.
        assert step_text(app).endswith("Vetting")
        table = wizard.query_one(ChecklistTable)
        table.focus()
        await pilot.press("home", "t", "down", "x", "n")
        await pilot.press(*"asked for a fee", "enter")
        await pilot.pause()
        await pilot.press("ctrl+n")
        # 6. Real hourly rate for Prolific, updating as I type.
        assert step_text(app).endswith("Real hourly rate")
        await type_into(pilot, "rate-pay", "0.30")
        await type_into(pilot, "rate-minutes", "1")
        await type_into(pilot, "rate-rejected", "5")
        await type_into(pilot, "rate-fee", "20")
        await type_into(pilot, "rate-withdraw-fixed", "1")
        await type_into(pilot, "rate-payout", "10")
        result = str(wizard.query_one("#rate-result", Static).render())
        assert "$18.00" in result and "$9.35" in result, result
        await pilot.press("ctrl+n")
        # 7. Goals: take the first suggestion for the path.
        assert step_text(app).endswith("Upskilling goals")
        wizard.query_one("#suggestions").focus()
        await pilot.press("home", "enter")
        await pilot.press("ctrl+n")
        # 8. Review and save.
        assert step_text(app).endswith("Review and save")
        await type_into(pilot, "plan-title", "Side income [/bold]")
        await type_into(pilot, "plan-file", str(target))
        await pilot.press("ctrl+n")
        await wait_until(pilot, lambda: isinstance(app.screen, PlanScreen))
        assert "Side income [/bold]" in str(app.screen.query_one("#plan-heading", Static).render())

    plan = load_plan(target).plan
    assert plan.title == "Side income [/bold]"
    assert plan.profile.goal.value == "first_income"
    assert plan.profile.hours_per_week == 6
    assert plan.profile.target_hourly_rate == Decimal("12.5")
    assert plan.profile.currency == "USD"
    assert plan.profile.skills == ["English", "spreadsheets"]
    assert plan.profile.path.value == "mix"  # the target is above what microtasks pay
    assert (plan.limits.daily_minutes, plan.limits.weekly_minutes) == (90, 450)
    assert plan.limits.review_date.isoformat() == review
    assert plan.limits.stop_rule is not None and plan.limits.stop_rule.after_weeks == 3
    prolific_plan = plan.platforms[0]
    assert prolific_plan.catalogue_id == "prolific"
    assert prolific_plan.pay_per_task == Decimal("0.30")
    assert prolific_plan.withdrawal_fee_fixed == Decimal(1)
    states = [(e.item, e.state.value, e.note) for e in prolific_plan.checklist[:2]]
    assert states[0][1] == "pass" and states[1][1:] == ("fail", "asked for a fee")
    assert plan.platforms[1].name == "My panel" and plan.platforms[1].catalogue_id is None
    assert len(plan.goals) == 1 and plan.goals[0].milestones
    assert target.stat().st_mode & 0o777 == 0o600
    assert not draft_path().exists()  # saved: the draft is gone


async def test_invalid_input_blocks_next_with_the_message(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        wizard = await start_wizard(pilot)
        await type_into(pilot, "hours", "200")
        error = wizard.query_one("#hours .field-error", Static)
        assert "0 to 168" in str(error.render())
        await pilot.press("ctrl+n")
        assert step_text(app).startswith("Step 1 of 8")
        await type_into(pilot, "currency", "dollars")
        await pilot.press("ctrl+n")
        assert step_text(app).startswith("Step 1 of 8")
        await type_into(pilot, "hours", "20")
        await type_into(pilot, "currency", "EUR")
        await pilot.press("ctrl+n")
        assert step_text(app).startswith("Step 2 of 8")


async def test_weekly_limit_over_seven_days_is_refused(make_app) -> None:
    app = make_app("ru")
    async with app.run_test(size=SIZE) as pilot:
        wizard = await start_wizard(pilot)
        wizard.go_to("limits")
        await type_into(pilot, "daily", "30")
        await type_into(pilot, "weekly", "300")
        assert "210" in str(wizard.query_one("#weekly .field-error", Static).render())
        await pilot.press("ctrl+n")
        assert step_text(app).startswith("Шаг 3 из 8")


async def test_back_keeps_entered_values(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        wizard = await start_wizard(pilot)
        await type_into(pilot, "hours", "7")
        await type_into(pilot, "skills", "Support")
        await pilot.press("ctrl+n", "ctrl+n")
        await type_into(pilot, "daily", "45")
        await pilot.press("alt+left", "alt+left")
        assert step_text(app).startswith("Step 1")
        assert wizard.query_one("#hours-input", Input).value == "7"
        assert wizard.query_one("#skills-input", Input).value == "Support"
        await pilot.press("ctrl+n", "ctrl+n")
        assert wizard.query_one("#daily-input", Input).value == "45"


async def test_leaving_keeps_a_draft_that_is_offered_next_launch(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_wizard(pilot)
        await type_into(pilot, "hours", "9")
        await type_into(pilot, "skills", "Proofreading")
        # the draft is written after each change
        await wait_until(
            pilot, lambda: (d := load_draft()) is not None and d.fields["skills"] == "Proofreading"
        )
        await pilot.press("escape")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#answer-keep")
        await pilot.pause()
        assert isinstance(app.screen, MainScreen)

    again = make_app()
    async with again.run_test(size=SIZE) as pilot:

        def offered() -> bool:  # the dialog is up and laid out, so the click lands
            screen = again.screen
            buttons = screen.query("#answer-continue") if isinstance(screen, ChoiceDialog) else []
            return bool(buttons) and buttons.first().region.width > 0

        await until(pilot, offered, "the draft offer")
        await pilot.click("#answer-continue")  # "Continue your draft plan?"
        await until(pilot, lambda: isinstance(again.screen, WizardScreen), "the wizard")
        await until(pilot, lambda: step_text(again).startswith("Step"), "the wizard mounted")
        wizard = again.screen
        assert isinstance(wizard, WizardScreen)
        assert wizard.query_one("#hours-input", Input).value == "9"
        assert wizard.query_one("#skills-input", Input).value == "Proofreading"


async def test_a_killed_wizard_leaves_a_draft(make_app) -> None:
    app = make_app()
    async with app.run_test(size=SIZE) as pilot:
        await start_wizard(pilot)
        await type_into(pilot, "hours", "11")
        await wait_until(
            pilot, lambda: (d := load_draft()) is not None and d.fields["hours"] == "11"
        )
    # No answer to "keep a draft?": the app just stopped, as a killed terminal would.
    draft = load_draft()
    assert draft is not None and draft.fields["hours"] == "11"


@pytest.fixture
def saved_plan(tmp_path: Path) -> Path:
    from tests.guide.plan_samples import example_plan

    path = tmp_path / "plan.toml"
    save_plan(example_plan(), path)
    return path


async def test_reopen_edit_a_limit_and_a_goal_save_and_reload(
    shipped_guide: Guide, saved_plan: Path
) -> None:
    app = RemoteGuideApp(lang="en", guide=shipped_guide, plan_path=saved_plan)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen)
        await pilot.press("e")
        await pilot.click("#answer-limits")
        await pilot.pause()
        await type_into(pilot, "daily", "75")
        await pilot.click("#done")
        await pilot.pause()
        assert isinstance(app.screen, PlanScreen) and app.screen.dirty
        await pilot.press("g")
        await pilot.pause()
        app.screen.query_one("#goals").focus()
        await pilot.press("home", "enter")
        await pilot.pause()
        await type_into(pilot, "goal-skill", "SQL for reviewers")
        await pilot.click("#goal-done")
        await pilot.pause()
        await pilot.click("#done")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await wait_until(pilot, lambda: not app.screen.dirty)
    plan = load_plan(saved_plan).plan
    assert plan.limits.daily_minutes == 75
    assert plan.goals[0].skill == "SQL for reviewers"
    assert saved_plan.with_name("plan.toml.bak").exists()


async def test_leaving_with_unsaved_changes_asks_first(
    shipped_guide: Guide, saved_plan: Path
) -> None:
    before = saved_plan.read_bytes()
    app = RemoteGuideApp(lang="en", guide=shipped_guide, plan_path=saved_plan)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        await pilot.press("l")  # log a session
        await type_into(pilot, "log-minutes", "25")
        await pilot.click("#log-add")
        await pilot.pause()
        assert screen.dirty and len(screen.plan.log) == len(load_plan(saved_plan).plan.log) + 1
        await pilot.press("escape")
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#answer-cancel")
        await pilot.pause()
        assert app.screen is screen
        await pilot.press("q")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#answer-discard")
        await pilot.pause()
    assert saved_plan.read_bytes() == before


async def test_the_session_timer_lives_in_the_file_and_logs_when_stopped(
    shipped_guide: Guide, saved_plan: Path
) -> None:
    from screens.log_session import LogSessionDialog

    app = RemoteGuideApp(lang="en", guide=shipped_guide, plan_path=saved_plan)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, PlanScreen)
        start = dt.datetime(2026, 12, 7, 9, 0, tzinfo=dt.UTC)
        screen.clock = lambda: start
        await pilot.press("t")  # three platforms and two goals: which one?
        await pilot.click("#answer-0")
        timer = screen.query_one("#plan-timer", Static)
        await wait_until(pilot, lambda: timer.display)
        assert "Prolific" in str(timer.render())
        assert load_plan(saved_plan).plan.timer is not None  # saved at once
        screen.clock = lambda: start + dt.timedelta(minutes=25)
        await pilot.press("t")  # stopping logs the session and offers to correct it
        await wait_until(pilot, lambda: isinstance(app.screen, LogSessionDialog))
        assert app.screen.query_one("#log-minutes-input", Input).value == "25"
        await pilot.click("#log-add")
        await wait_until(pilot, lambda: app.screen is screen)
        assert not timer.display
    stored = load_plan(saved_plan).plan
    assert stored.timer is None and any(e.minutes == 25 for e in stored.log)


async def test_save_conflict_asks_before_overwriting(
    shipped_guide: Guide, saved_plan: Path
) -> None:
    app = RemoteGuideApp(lang="en", guide=shipped_guide, plan_path=saved_plan)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        changed_elsewhere = saved_plan.read_text().replace("Side income", "Edited elsewhere")
        saved_plan.write_text(changed_elsewhere)
        app.screen.changed()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        await pilot.click("#answer-cancel")
        await pilot.pause()
    assert saved_plan.read_text() == changed_elsewhere


async def test_a_broken_plan_shows_the_problem_and_is_left_alone(
    shipped_guide: Guide, tmp_path: Path
) -> None:
    broken = tmp_path / "broken.toml"
    broken.write_text("title = 'x'\nthis is not toml\nlimits = 1\n")
    before = broken.read_bytes()
    app = RemoteGuideApp(lang="en", guide=shipped_guide, plan_path=broken)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        text = str(app.screen.query_one("#plan-error-text", Static).render())
        assert str(broken) in text and "line" in text
        await pilot.press("escape")
        assert isinstance(app.screen, MainScreen)
    assert broken.read_bytes() == before


async def test_a_new_path_starts_the_wizard_there(shipped_guide: Guide, tmp_path: Path) -> None:
    target = tmp_path / "new.toml"
    app = RemoteGuideApp(lang="en", guide=shipped_guide, plan_path=target)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        assert isinstance(app.screen, WizardScreen)
        app.screen.go_to("review")
        await pilot.pause()
        assert app.screen.query_one("#plan-file-input", Input).value == str(target)


MARKUP = ["[/bold]", "list[int]", "🚀 [[/x]] [b"]


async def test_user_text_with_markup_and_emoji_shows_literally(
    shipped_guide: Guide, tmp_path: Path
) -> None:
    from tests.guide.plan_samples import example_plan

    plan = example_plan()
    plan.title = MARKUP[0]
    plan.profile.skills = MARKUP
    plan.platforms[0].checklist[0].note = MARKUP[1]
    plan.goals[0].skill = MARKUP[2]
    plan.goals[0].milestones[0].title = MARKUP[1]
    path = tmp_path / "markup.toml"
    save_plan(plan, path)
    app = RemoteGuideApp(lang="en", guide=shipped_guide, plan_path=path)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        screen = app.screen
        assert str(screen.query_one("#plan-heading", Static).render()).startswith(MARKUP[0])
        assert MARKUP[2] in str(screen.query_one("#plan-milestones", Static).render())
        await pilot.press("e")
        await pilot.click("#answer-about")
        await pilot.pause()
        assert app.screen.query_one("#skills-input", Input).value == ", ".join(MARKUP)


async def test_a_goal_with_study_logged_is_kept_and_renamed_with_its_entries(
    shipped_guide: Guide, saved_plan: Path
) -> None:
    from guide.log import add_entry, make_entry
    from guide.storage import update_plan

    now = dt.datetime(2026, 11, 20, 9, 0, tzinfo=dt.UTC)
    skill = load_plan(saved_plan).plan.goals[0].skill
    update_plan(
        saved_plan,
        lambda plan: add_entry(
            plan, make_entry(plan, now, date=now.date(), minutes=30, goal=skill)
        ),
    )
    app = RemoteGuideApp(lang="en", guide=shipped_guide, plan_path=saved_plan)
    async with app.run_test(size=SIZE) as pilot:
        await pilot.pause()
        await pilot.press("g")
        await pilot.pause()
        app.screen.query_one("#goals").focus()
        await pilot.press("home")
        await pilot.click("#goal-remove")
        await pilot.pause()
        assert app.screen.plan.goals[0].skill == skill  # type: ignore[attr-defined]
        app.screen.query_one("#goals").focus()
        await pilot.press("home", "enter")
        await pilot.pause()
        await type_into(pilot, "goal-skill", "SQL for reviewers")
        await pilot.click("#goal-done")
        await pilot.pause()
        await pilot.click("#done")
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause(0.3)
    plan = load_plan(saved_plan).plan
    assert plan.goals[0].skill == "SQL for reviewers"
    assert plan.log[-1].goal == "SQL for reviewers"
