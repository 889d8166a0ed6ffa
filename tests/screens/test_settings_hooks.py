"""The app reads settings.toml (theme, keys) and keeps the theme and language chosen."""

from __future__ import annotations

import asyncio
import tomllib
from pathlib import Path
from typing import Any

from textual.pilot import Pilot

from guide.paths import settings_path
from screens.search import SearchScreen


async def settle_until(pilot: Pilot[Any], condition: Any, limit: float = 10.0) -> None:
    """Let the app run until ``condition()`` holds, for at most ``limit`` seconds."""
    async with asyncio.timeout(limit):
        while not condition():
            await pilot.pause()


def saved() -> dict[str, Any]:
    path = settings_path()
    return tomllib.loads(path.read_text(encoding="utf-8")) if path.exists() else {}


def write_settings(text: str) -> Path:
    path = settings_path()
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


async def test_theme_and_keys_come_from_settings(make_app) -> None:  # type: ignore[no-untyped-def]
    write_settings('theme = "high-contrast"\n[keys]\nsearch = "ctrl+k"\n')
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        assert app.theme == "high-contrast"
        await pilot.pause()
        await pilot.press("ctrl+k")
        await settle_until(pilot, lambda: isinstance(app.screen, SearchScreen))


async def test_the_chosen_theme_and_language_are_kept(make_app) -> None:  # type: ignore[no-untyped-def]
    write_settings('# mine\nextra = "kept"\n')
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        app.theme = "high-contrast"
        await settle_until(pilot, lambda: saved().get("theme") == "high-contrast")
        await pilot.press("l")
        await settle_until(pilot, lambda: saved().get("language") == "ru")
    assert saved()["extra"] == "kept"


async def test_a_broken_file_is_reported_once_and_kept(make_app) -> None:  # type: ignore[no-untyped-def]
    path = write_settings('theme = "nord\n')
    app = make_app()
    messages: list[str] = []
    notify = app.notify
    app.notify = lambda message, **kw: (messages.append(message), notify(message, **kw))[1]
    async with app.run_test(size=(80, 24)) as pilot:
        await pilot.pause()
        await pilot.press("l")
        app.theme = "high-contrast"
        await pilot.pause()
        assert sum("settings.toml" in m for m in messages) == 1
    assert path.read_text(encoding="utf-8") == 'theme = "nord\n'
