"""No escape sequence from a file or a file name reaches the terminal, on any screen.

The app runs with a driver that keeps what it writes (tests/screens/terminal.py), over
plans whose keys, values and file names carry OSC 52 (clipboard), OSC 0 (window title),
``ESC[2J`` (clear screen) and an 8-bit CSI. Whatever the app draws must contain none of
them raw: only Textual's own styling and cursor sequences, and the file's text escaped.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from guide.articles import Guide
from guide.paths import plans_dir
from screens.app import RemoteGuideApp
from screens.open_plan import OpenPlanScreen
from screens.plan_error import PlanErrorScreen
from screens.plan_screen import PlanScreen
from screens.steps.review import ReviewStep
from screens.wizard import WizardScreen
from tests.guide.plan_samples import EXAMPLE

from .terminal import Capture, until

SIZE = (100, 30)
CLIPBOARD = "\x1b]52;c;RVZJTA==\x07"
TITLE = "\x1b]0;OWNED\x07"
CLEAR = "\x1b[2J"
CSI8 = "\x9b2J"
HOSTILE_NAME = f"evil{TITLE}{CLEAR}.toml"
RAW = (CLIPBOARD, "\x1b]52", "\x1b]0;", CLEAR, "\x9b")


@pytest.fixture
def hostile_plans() -> dict[str, Path]:
    folder = plans_dir()
    folder.mkdir(parents=True)
    named = folder / HOSTILE_NAME
    shutil.copyfile(EXAMPLE, named)
    key = folder / "key.toml"
    key.write_text('schema_version = 1\n"\\u001b]52;c;RVZJTA==\\u0007" = 1\n"\\u009b2J" = 2\n')
    both = folder / f"broken{CLEAR}.toml"
    both.write_text('[limits]\n"\\u001b]0;OWNED\\u0007" = 1\n')
    return {"named": named, "key": key, "both": both}


def assert_clean(capture: Capture) -> None:
    text = capture.text()
    assert not [raw for raw in RAW if raw in text]
    assert not capture.leaks()


async def test_no_escape_from_files_or_names_reaches_the_terminal(
    shipped_guide: Guide, hostile_plans: dict[str, Path], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(plans_dir())
    app = RemoteGuideApp(lang="en", guide=shipped_guide)
    capture = Capture(app)  # type: ignore[arg-type]
    async with app.run_test(size=SIZE, headless=False, notifications=True) as pilot:
        await until(pilot, lambda: "remote-guide" in capture.text(), "the home screen")

        # The Open-a-plan list: every plan in the folder, broken ones with their problem.
        app.choose_plan()
        await until(pilot, lambda: isinstance(app.screen, OpenPlanScreen), "the plan list")
        await until(pilot, lambda: "OWNED" in capture.text(), "the list drawn")
        assert_clean(capture)
        assert "evil\\x1b]0;OWNED" in capture.text()
        app.screen.dismiss(None)

        # The plan-error screen, for a hostile key and a hostile table name.
        for name in ("key", "both"):
            capture.clear()
            app.open_plan(hostile_plans[name])
            await until(pilot, lambda: isinstance(app.screen, PlanErrorScreen), "the error")
            await until(pilot, lambda: "unknown key" in capture.text(), "the problems drawn")
            assert_clean(capture)
            app.screen.dismiss(None)

        # The plan screen: the file name is in the header; saving names it again.
        capture.clear()
        app.open_plan(Path(HOSTILE_NAME))  # relative, so that the header shows it whole
        await until(pilot, lambda: isinstance(app.screen, PlanScreen), "the plan screen")
        await until(pilot, lambda: "OWNED" in capture.text(), "the header")
        assert_clean(capture)
        assert "evil\\x1b]0;OWNED\\x07\\x1b[2J" in capture.text()
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "Saved to evil" in capture.text(), "the saved notice")
        assert_clean(capture)
        app.screen.dismiss(None)

        # The wizard aimed at a hostile new file: the review step shows the file name.
        capture.clear()
        target = Path(f"new{CLIPBOARD}.toml")
        shutil.copyfile(EXAMPLE, target)  # it exists: saving asks whether to replace it
        app.make_plan(target=target)
        await until(pilot, lambda: "Step 1 of 8" in capture.text(), "the wizard")
        wizard = app.screen
        assert isinstance(wizard, WizardScreen)
        wizard.go_to(ReviewStep.key)
        await until(pilot, lambda: "RVZJTA" in capture.text(), "the file field drawn")
        assert_clean(capture)
        assert "\\x1b]52;c;RVZJTA" in capture.text()
        assert wizard.query_one(ReviewStep).file == target  # shown escaped, saved as named

        # Saving over it: the "already exists" question names the file.
        capture.clear()
        await pilot.press("ctrl+n")
        await until(pilot, lambda: "The file already exists" in capture.text(), "the question")
        await until(pilot, lambda: "RVZJTA" in capture.text(), "the question's text")
        assert_clean(capture)
        assert "new\\x1b]52;c;RVZJTA==\\x07.toml" in capture.text()
        app.screen.dismiss("cancel")
        await until(pilot, lambda: app.screen is wizard, "back in the wizard")

        # Problems with the guide's own content files.
        capture.clear()
        app.pop_screen()
        app.main_screen.show_problems([f"content/x{TITLE}.md: broken{CSI8}"])
        await until(pilot, lambda: "broken" in capture.text(), "the content problems")
        assert_clean(capture)
        assert "broken\\x9b2J" in capture.text()
