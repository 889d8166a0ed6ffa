from __future__ import annotations

import pytest
from textual.widgets import Input

from guide.articles import Guide
from screens.app import RemoteGuideApp


@pytest.fixture(autouse=True)
def _no_cursor_blink(monkeypatch: pytest.MonkeyPatch) -> None:
    """A blinking cursor makes screenshots differ from run to run."""
    monkeypatch.setattr(Input, "cursor_blink", False)


@pytest.fixture
def make_app(shipped_guide: Guide):  # type: ignore[no-untyped-def]
    def make(lang: str = "en", guide: Guide | None = None) -> RemoteGuideApp:
        return RemoteGuideApp(lang=lang, guide=guide or shipped_guide)  # type: ignore[arg-type]

    return make
