"""The app keeps working when the terminal is tiny or the data folder can't be written."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from guide.paths import data_dir
from screens.search import SearchScreen
from screens.steps.review import ReviewStep
from screens.wizard import WizardScreen

from .terminal import until


@pytest.mark.parametrize("size", [(40, 12), (40, 8)])
async def test_paging_search_results_on_a_tiny_terminal(make_app, size: tuple[int, int]) -> None:
    app = make_app()
    async with app.run_test(size=size) as pilot:
        await until(pilot, lambda: app.guide is not None, "the guide")
        await pilot.press("slash")
        await until(pilot, lambda: isinstance(app.screen, SearchScreen), "the search screen")
        for query in ("withdraw", "withdrawl paypal"):  # the second gets a "did you mean"
            app.screen.query_one("#query", Input).value = ""
            await pilot.press(*query)
            await until(pilot, lambda: bool(app.screen.hits), "hits")  # type: ignore[attr-defined]
            await pilot.press("down", "pagedown", "pagedown", "pageup", "end", "home", "pagedown")
            app.screen.query_one("#query", Input).focus()
        assert isinstance(app.screen, SearchScreen)  # no KeyError from the option list


async def test_wizard_goes_on_when_its_draft_cant_be_written(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:
    data_dir().parent.mkdir(parents=True, exist_ok=True)
    data_dir().write_text("a file where the data folder should be")
    told: list[str] = []

    def notify(self: WizardScreen, message: object, **kwargs: object) -> None:
        told.append(str(message))

    monkeypatch.setattr(WizardScreen, "notify", notify)
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.press("enter")  # "Make a plan"
        await until(pilot, lambda: isinstance(app.screen, WizardScreen), "the wizard")
        wizard = app.screen
        assert isinstance(wizard, WizardScreen)
        for text in ("9", "12"):
            wizard.query_one("#hours-input", Input).value = text  # as typed
            await pilot.pause()
            wizard.write_draft()  # as the draft timer would
        drafts = [m for m in told if "draft" in m]
        assert len(drafts) == 1 and "can't be kept" in drafts[0], told
        assert wizard.query_one("#hours-input", Input).value == "12"
        assert wizard.write_draft(tell=True) is False  # leaving with "keep" says it again
        assert len([m for m in told if "draft" in m]) == 2

        # Saving where the data folder should be fails with its own message; nothing is lost.
        await pilot.press("ctrl+n")
        wizard.go_to(ReviewStep.key)
        await pilot.pause()
        target = wizard.query_one(ReviewStep).file
        assert Path(data_dir()) in target.parents
        await pilot.press("ctrl+n")
        await until(pilot, lambda: any("Could not save" in m for m in told), "the save error")
        assert app.screen is wizard
        assert wizard.plan.profile.hours_per_week == 12


async def test_more_decimal_places_than_a_plan_keeps_are_refused_not_a_crash(make_app) -> None:
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        await pilot.press("enter")  # "Make a plan"
        await until(pilot, lambda: isinstance(app.screen, WizardScreen), "the wizard")
        wizard = app.screen
        assert isinstance(wizard, WizardScreen)
        field = wizard.query_one("#target-rate-input", Input)
        field.value = "0.1234567"  # as typed (set directly: a key could beat the focus)
        await pilot.pause()
        wizard.action_next()
        await pilot.pause()
        assert wizard.step == "about"  # refused, with the field's message
        assert "6 digits after the decimal point" in str(
            wizard.query_one("#target-rate .field-error").render()
        )
        assert field.value == "0.1234567"  # kept as typed
