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
