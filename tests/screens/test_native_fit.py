"""Issue 11's leftovers: refusals and OS errors said in the interface language, decimals
shown and typed with the reader's mark, and rows, tables and headers that fit at 80x24."""

from __future__ import annotations

from pathlib import Path

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


# 3, 4. Refusals and the system's words in the interface language ----------------------------


async def test_the_plan_screen_says_refusals_in_the_interface_language(
    shipped_guide: Guide, tmp_path: Path
) -> None:
    from guide.log import LogError
    from guide.problems import Problem
    from guide.storage import LoadedPlan
    from guide.timer import TimerError
    from screens.plan_screen import PlanScreen

    path = tmp_path / "plan.toml"
    loaded = LoadedPlan(example_plan(), path, save_plan(example_plan(), path))
    app = RemoteGuideApp(lang="ru", guide=shipped_guide)
    said: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        screen = PlanScreen("ru", loaded)
        await app.push_screen(screen)
        await pilot.pause()
        screen.notify = lambda text, **_: said.append(str(text))  # type: ignore[method-assign]
        refusals = [
            TimerError(Problem("problem_timer_none")),
            LogError([Problem("problem_at", path="id", message=Problem("problem_id_fixed"))]),
        ]
        for refusal in refusals:

            def refuse(plan: object, refusal: Exception = refusal) -> None:
                raise refusal

            assert await screen._write(refuse) is None
    assert said[0] == "таймер не запущен"
    assert said[1] == "id: ID записи нельзя изменить"


async def test_the_draft_warning_says_the_system_error_in_russian(
    make_app, monkeypatch: pytest.MonkeyPatch
) -> None:  # type: ignore[no-untyped-def]
    import errno

    import screens.wizard
    from screens.wizard import WizardScreen

    def fail(*_: object) -> None:
        raise FileNotFoundError(errno.ENOENT, "No such file or directory")

    monkeypatch.setattr(screens.wizard, "save_draft", fail)
    app = make_app("ru")
    said: list[str] = []
    async with app.run_test(size=(80, 24)) as pilot:
        wizard = WizardScreen("ru", example_plan(), step="about", fresh=False)
        await app.push_screen(wizard)
        await pilot.pause()
        wizard.notify = lambda text, **_: said.append(str(text))  # type: ignore[method-assign]
        assert wizard.write_draft(tell=True) is False
    assert "нет такого файла или папки" in said[0] and "No such" not in said[0]


def test_said_error_speaks_each_kind_of_refusal() -> None:
    from guide.merge import MergeError
    from guide.problems import Problem, said_error
    from guide.storage import PlanError

    assert said_error("ru", PermissionError(13, "Permission denied")) == "нет доступа"
    assert said_error("ru", MergeError([])) != "unknown problem"
    assert said_error("ru", PlanError("p.toml", [Problem("problem_permission")])).startswith(
        "p.toml: "
    )


# 6, 7. The plan screen at 80x24, the header, the key line -----------------------------------


@pytest.mark.parametrize("lang", LANGS)
async def test_the_platforms_table_fits_at_80_columns(
    shipped_guide: Guide, tmp_path: Path, lang: str
) -> None:
    from textual.widgets import DataTable

    from screens.plan_screen import PlanScreen
    from tests.screens.test_fit import cells_fit, open_plan, plan_file

    app = RemoteGuideApp(lang=lang, guide=shipped_guide, plan_path=plan_file(tmp_path))  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        screen = await open_plan(app, pilot)
        assert isinstance(screen, PlanScreen)
        table = screen.query_one("#plan-platforms", DataTable)
        await wait_until(pilot, lambda: table.row_count == 3)
        await pilot.pause()
        assert cells_fit(table) == []  # type: ignore[arg-type]


def header_text(app: RemoteGuideApp) -> str:
    [shown] = app.screen.query("HeaderTitle").results(Static)
    return str(shown.render())


@pytest.mark.parametrize("lang", LANGS)
async def test_the_header_drops_its_subtitle_when_it_does_not_fit(make_app, lang: str) -> None:  # type: ignore[no-untyped-def]
    from guide.i18n import t

    app = make_app(lang)
    subtitle = t(lang, "app_subtitle")  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: bool(app.screen.query("HeaderTitle")))
        await pilot.pause()
        assert header_text(app) == f"remote-guide — {subtitle}"
        await pilot.resize_terminal(60, 24)
        await wait_until(pilot, lambda: header_text(app) == "remote-guide")
        await pilot.resize_terminal(100, 30)
        await wait_until(pilot, lambda: subtitle in header_text(app))


@pytest.mark.parametrize("lang", LANGS)
def test_the_plan_screens_key_line_lists_its_letter_keys(lang: str) -> None:
    from guide.i18n import t
    from screens.plan_screen import PlanScreen

    listed = {part.split()[0].lower() for part in t(lang, "plan_keys").split(" · ")}  # type: ignore[arg-type]
    row_keys = {"d", "u"}  # the log's rows: listed under the log
    for binding in PlanScreen.BINDINGS:
        assert not isinstance(binding, tuple)
        if len(binding.key) == 1 and binding.key not in row_keys:
            assert binding.key in listed, binding.id
    assert "r" in listed and "ctrl+s" in listed


async def test_a_long_plan_path_in_the_header_keeps_the_file_name(
    shipped_guide: Guide, tmp_path: Path
) -> None:
    from tests.screens.test_fit import open_plan, plan_file

    folder = tmp_path / ("a-long-folder-name-" * 4)
    folder.mkdir()
    app = RemoteGuideApp(lang="en", guide=shipped_guide, plan_path=plan_file(folder))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(app, pilot)
        await wait_until(pilot, lambda: header_text(app).endswith("/plan.toml"))
        text = header_text(app)
        assert text.startswith("remote-guide — …") and len(text) <= 80 - 18
