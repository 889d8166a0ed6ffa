"""Wizard steps are found by key: the review's edit buttons, the plan screen's chooser and
keys, and a draft all name a step, never its position."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Button, Static

from guide.storage import LoadedPlan, save_plan
from screens.dialogs import ChoiceDialog
from screens.plan_screen import PlanScreen
from screens.steps import EDITABLE_ALONE, KEYS, step_class
from screens.steps.vetting import VettingStep
from screens.wizard import StepEditor, WizardScreen
from tests.guide.plan_samples import example_plan


def test_keys_are_unique_and_found() -> None:
    assert len(set(KEYS)) == len(KEYS) and KEYS[0] == "about" and KEYS[-1] == "review"
    assert step_class("vetting") is VettingStep
    with pytest.raises(KeyError, match="no wizard step 'nope'"):
        step_class("nope")


async def test_the_reviews_edit_buttons_go_to_their_step(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        wizard = WizardScreen("en", example_plan(), step="review", fresh=False)
        await app.push_screen(wizard)
        await pilot.pause()
        edits = {b.name for b in wizard.query(".review-edit").results(Button)}
        assert edits == {"about", "limits", "platforms", "goals"}
        await pilot.click(".review-edit")  # the first: "About you"
        await pilot.pause()
        assert wizard.step == "about"
        indicator = str(wizard.query_one("#step-indicator", Static).render())
        assert indicator == f"Step 1 of {len(KEYS)}: About you"


async def test_the_plan_screen_edits_steps_by_key(make_app, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = tmp_path / "plan.toml"
    loaded = LoadedPlan(example_plan(), path, save_plan(example_plan(), path))
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        await app.push_screen(PlanScreen("en", loaded))
        await pilot.pause()
        await pilot.press("e")
        await pilot.pause()
        assert isinstance(app.screen, ChoiceDialog)
        offered = [b.id for b in app.screen.query(Button)]
        assert offered == [f"answer-{s.key}" for s in EDITABLE_ALONE] + ["answer-cancel"]
        await pilot.press("escape")
        await pilot.press("v")
        await pilot.pause()
        editor = app.screen
        assert isinstance(editor, StepEditor) and editor.step == "vetting"
        assert [type(s) for s in editor.query(VettingStep)] == [VettingStep]
