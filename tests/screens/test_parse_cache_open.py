"""Opening a big plan in the app: its parsed text is cached after the plan screen shows."""

from __future__ import annotations

import subprocess
import tomllib
from pathlib import Path

import pytest

from guide import parse_ahead, parsed_cache, storage
from guide.articles import Guide
from screens.app import RemoteGuideApp
from screens.plan_screen import PlanScreen
from tests.guide.plan_samples import example_plan
from tests.screens.conftest import wait_until


async def test_a_plan_parsed_on_opening_is_cached_once_shown(
    shipped_guide: Guide, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parsed_cache, "MIN_BYTES", 0)
    path = tmp_path / "plan.toml"
    path.write_text(storage.plan_to_toml(example_plan()), "utf-8")  # not saved by this app
    app = RemoteGuideApp(lang="en", guide=shipped_guide, plan_path=path)
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, PlanScreen))
        await wait_until(pilot, lambda: parsed_cache.lookup(path.read_bytes()) is not None)
    assert storage.load_plan(path).plan == example_plan()


async def test_the_app_waits_for_the_plan_parsed_ahead_and_opens_it_from_the_cache(
    shipped_guide: Guide, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(parsed_cache, "MIN_BYTES", 0)
    path = tmp_path / "plan.toml"
    path.write_text(storage.plan_to_toml(example_plan()), "utf-8")
    monkeypatch.setattr(parse_ahead, "_spare_core", lambda: True)  # the test machines are busy
    helper = parse_ahead.start(path)
    assert helper is not None
    expected = example_plan()

    def no_parsing(text: str, **kwargs: object) -> object:
        raise AssertionError("the app parsed the plan instead of waiting for the cache")

    monkeypatch.setattr(tomllib, "loads", no_parsing)
    app = RemoteGuideApp(lang="en", guide=shipped_guide, plan_path=path)
    app.parse_ahead = helper
    async with app.run_test(size=(80, 24)) as pilot:
        await wait_until(pilot, lambda: isinstance(app.screen, PlanScreen))
        assert isinstance(app.screen, PlanScreen)
        assert app.screen.plan == expected
    assert helper.returncode == 0
    assert app.parse_ahead is None


def test_the_command_line_parses_a_big_plan_ahead(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import screens.app
    from guide.cli import main

    monkeypatch.setattr(parsed_cache, "MIN_BYTES", 0)
    monkeypatch.setattr(parse_ahead, "_spare_core", lambda: True)
    path = tmp_path / "plan.toml"
    path.write_text(storage.plan_to_toml(example_plan()), "utf-8")
    started: list[object] = []

    def run(**kwargs: object) -> int:
        started.append(kwargs["parse_ahead"])
        return 0

    monkeypatch.setattr(screens.app, "run", run)
    assert main(["--lang", "en", str(path)]) == 0
    (helper,) = started
    assert isinstance(helper, subprocess.Popen)
    parse_ahead.wait(helper)
    assert parsed_cache.lookup(path.read_bytes()) is not None
