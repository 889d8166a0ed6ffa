from __future__ import annotations

import pytest
from textual.widgets import Input

from guide.articles import Guide
from screens.app import RemoteGuideApp


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes screenshots differ from run to run."""
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture(autouse=True)
def _no_review_on_open(monkeypatch: pytest.MonkeyPatch) -> None:
    """Opening a plan whose review is due starts the review; the example plan is due on
    most days (its stop rule fires), so tests of other things turn that off.
    tests/screens/test_review.py turns it back on."""
    from screens.plan_screen import PlanScreen

    monkeypatch.setattr(PlanScreen, "review_on_open", False)


@pytest.fixture
def make_app(shipped_guide: Guide):  # type: ignore[no-untyped-def]
    def make(lang: str = "en", guide: Guide | None = None) -> RemoteGuideApp:
        return RemoteGuideApp(lang=lang, guide=guide or shipped_guide)  # type: ignore[arg-type]

    return make


async def wait_until(pilot, condition, timeout: float = 20.0) -> None:  # type: ignore[no-untyped-def]
    """Let the app run until ``condition()`` holds; fail after ``timeout`` seconds.

    Loaded machines make any fixed pause too short somewhere: wait on what the test needs.
    """
    import asyncio

    loop = asyncio.get_running_loop()
    deadline = loop.time() + timeout
    while not condition():
        assert loop.time() < deadline, f"timed out after {timeout} s waiting for {condition}"
        await pilot.pause(0.02)
