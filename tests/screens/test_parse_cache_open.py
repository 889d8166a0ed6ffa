"""Opening a big plan in the app: its parsed text is cached after the plan screen shows."""

from __future__ import annotations

from pathlib import Path

import pytest

from guide import parsed_cache, storage
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
