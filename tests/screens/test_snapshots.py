"""Screenshots of the main screens, compared with the reviewed SVGs in __snapshots__/."""

from __future__ import annotations

import pytest

from guide.history import Place

SIZES = [(80, 24), (160, 48)]


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_home(snap_compare, make_app, lang: str, size: tuple[int, int]) -> None:
    assert snap_compare(make_app(lang), terminal_size=size)


@pytest.mark.parametrize("lang", ["en", "ru"])
@pytest.mark.parametrize("size", SIZES, ids=lambda s: f"{s[0]}x{s[1]}")
def test_article(snap_compare, make_app, lang: str, size: tuple[int, int]) -> None:
    async def open_article(pilot) -> None:  # type: ignore[no-untyped-def]
        while not pilot.app.screen.query("#views"):  # the main screen mounts after start-up
            await pilot.pause()
        pilot.app.screen.go(Place("article", "microtasks-vs-project-management"))
        await pilot.pause()

    assert snap_compare(make_app(lang), terminal_size=size, run_before=open_article)
