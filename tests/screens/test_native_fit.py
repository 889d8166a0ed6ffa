"""Issue 11's leftovers: refusals and OS errors said in the interface language, decimals
shown and typed with the reader's mark, and rows, tables and headers that fit at 80x24."""

from __future__ import annotations

import pytest
from textual.widgets import OptionList, Static

from guide.articles import Guide
from guide.paths import plans_dir
from guide.storage import save_plan
from screens.app import RemoteGuideApp
from screens.open_plan import OpenPlanScreen
from tests.guide.plan_samples import example_plan
from tests.screens.conftest import wait_until

LANGS = ["en", "ru"]


@pytest.mark.parametrize("lang", LANGS)
async def test_a_broken_plan_is_one_row_with_its_problem_in_the_interface_language(
    shipped_guide: Guide, lang: str
) -> None:
    folder = plans_dir()
    folder.mkdir(parents=True)
    save_plan(example_plan(), folder / "side-income.toml")
    (folder / "broken.toml").write_text("title = [unclosed\n" + "x" * 200, "utf-8")
    app = RemoteGuideApp(lang=lang, guide=shipped_guide)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        app.choose_plan()
        await wait_until(pilot, lambda: isinstance(app.screen, OpenPlanScreen))
        await wait_until(pilot, lambda: bool(app.screen.query("#saved-plans")))
        options = app.screen.query_one("#saved-plans", OptionList)
        await wait_until(pilot, lambda: options.option_count == 2)
        await pilot.pause()
        rows = [str(options.get_option_at_index(i).prompt) for i in range(2)]
        broken = next(r for r in rows if "broken.toml" in r)
        assert ("не открывается" in broken) == (lang == "ru")
        assert ("TOML" in broken) and (("is not valid" in broken) == (lang == "en"))
        assert broken.rstrip().endswith("broken.toml") and "…" in broken
        # Each row is drawn on one line: the list is as tall as its rows (plus its border).
        assert options.outer_size.height == 2 + 2
        # The whole problem shows under the list while the broken row is highlighted.
        options.highlighted = rows.index(broken)
        problem = app.screen.query_one("#plan-problem", Static)
        await wait_until(pilot, lambda: problem.display)
        assert "…" not in str(problem.render())


# 2. Decimals in the reader's way ------------------------------------------------------------


def decimal_plan():  # type: ignore[no-untyped-def]
    import datetime as dt
    from decimal import Decimal

    from guide.log import make_entry

    plan = example_plan()
    platform = plan.platforms[0]
    plan.platforms[0] = platform.model_copy(update={"fee_percent": Decimal("12.5")})
    plan.profile = plan.profile.model_copy(update={"target_hourly_rate": Decimal("7.25")})
    now = dt.datetime(2026, 11, 21, 10, tzinfo=dt.UTC)
    entry = make_entry(
        plan, now, date=now.date(), minutes=60, platform=platform.name, earned=Decimal("5.40")
    )
    plan.log = [entry]
    return plan


@pytest.mark.parametrize(("lang", "shown"), [("ru", "5,40"), ("en", "5.40")])
@pytest.mark.parametrize("typed", ["6,5", "6.5"])
async def test_the_log_dialog_shows_and_takes_the_readers_decimal_mark(
    shipped_guide: Guide, lang: str, shown: str, typed: str
) -> None:
    import datetime as dt
    from decimal import Decimal

    from screens.context import PlanContext
    from screens.log_session import LogSessionDialog
    from screens.widgets.form import TextField

    plan = decimal_plan()
    context = PlanContext(lang, plan, lambda: dt.date(2026, 11, 21), lambda: shipped_guide)  # type: ignore[arg-type]
    app = RemoteGuideApp(lang=lang, guide=shipped_guide)  # type: ignore[arg-type]
    results: list[object] = []
    async with app.run_test(size=(80, 24)) as pilot:
        dialog = LogSessionDialog(context, entry=plan.log[0])
        await app.push_screen(dialog, results.append)
        await wait_until(pilot, lambda: bool(dialog.query("#log-earned")))
        earned = dialog.query_one("#log-earned", TextField)
        assert earned.value == shown
        earned.value = typed
        await pilot.pause()
        dialog._add()
        await wait_until(pilot, lambda: bool(results))
    entry = results[0]
    assert entry is not None and entry.earned == Decimal("6.5")  # type: ignore[attr-defined]


@pytest.mark.parametrize(("lang", "fee", "target", "stop"), [("ru", "12,5", "7,25", "3,625")])
async def test_the_wizard_shows_decimals_with_the_readers_mark(
    make_app, lang: str, fee: str, target: str, stop: str
) -> None:  # type: ignore[no-untyped-def]
    from screens.widgets.form import TextField
    from screens.wizard import WizardScreen

    plan = decimal_plan()
    plan.limits = plan.limits.model_copy(update={"stop_rule": None})
    app = make_app(lang)
    async with app.run_test(size=(110, 40)) as pilot:
        wizard = WizardScreen(lang, plan, step="about", fresh=False)
        await app.push_screen(wizard)
        await wait_until(pilot, lambda: bool(wizard.query("#target-rate")))
        assert wizard.query_one("#target-rate", TextField).value == target
        for step, field, value in (("limits", "#stop-rate", stop), ("rate", "#rate-fee", fee)):
            wizard.go_to(step)
            await wait_until(pilot, lambda field=field: bool(wizard.query(field)))
            await pilot.pause()
            assert wizard.query_one(field, TextField).value == value


async def test_compare_shows_the_hours_with_the_readers_mark(shipped_guide: Guide) -> None:
    import datetime as dt

    from screens.compare import CompareScreen
    from screens.widgets.form import number_value

    assert number_value("ru", __import__("decimal").Decimal("1.5")) == "1,5"
    app = RemoteGuideApp(lang="ru", guide=shipped_guide)
    async with app.run_test(size=(80, 24)) as pilot:
        screen = CompareScreen("ru", example_plan(), dt.date(2026, 11, 21))
        await app.push_screen(screen)
        await wait_until(pilot, lambda: bool(screen.query("#compare-move")))
        move = screen.query_one("#compare-move")
        move.value = "2,5"  # type: ignore[attr-defined]
        await pilot.pause()
        assert screen.switch.inputs.move_hours == __import__("decimal").Decimal("2.5")
