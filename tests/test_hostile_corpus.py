"""Hostile plan files (tests/hostile_plans, and large or odd files made here): every command and
opening in the app ends cleanly.

For each file: ``check``, ``show``, ``show --json``, ``export`` (Markdown and iCalendar)
and ``plans`` exit 0 or 1 without a traceback and print no control character but
newlines; the app opens it (a plan screen or a plan-error screen) and writes no escape
sequence but its own; and the file is byte-for-byte what it was.
"""

from __future__ import annotations

import os
import re
import shutil
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest

from guide.articles import Guide
from guide.cli import main
from screens.app import RemoteGuideApp
from screens.open_plan import OpenPlanScreen
from screens.plan_error import PlanErrorScreen
from screens.plan_screen import PlanScreen
from screens.review_screen import ReviewScreen
from tests.screens.terminal import Capture, until

CORPUS = Path(__file__).parent / "hostile_plans"
EXAMPLE = Path(__file__).parents[1] / "examples" / "plan.toml"
# Printed text may have newlines (and tabs in notes); nothing else below U+0020, no C1.
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
COMMANDS = [
    ["check"],
    ["show"],
    ["show", "--json"],
    ["show", "--today", "0001-01-07"],
    ["export"],
    ["export", "--format", "ics", "--today", "9999-12-31"],
]


def test_the_corpus_is_large_enough() -> None:
    assert len(list(CORPUS.glob("*.toml"))) >= 40


@pytest.fixture
def hostile_folder(tmp_path: Path) -> Iterator[Path]:
    """The corpus, plus files that can't live in a repository: names with escape
    sequences, a FIFO, a symlink loop, a folder named like a plan."""
    folder = tmp_path / "plans"
    shutil.copytree(CORPUS, folder)
    for name, text in large_files().items():
        (folder / name).write_text(text, encoding="utf-8")
    shutil.copyfile(EXAMPLE, folder / "valid \x1b]0;OWNED\x07 name.toml")
    shutil.copyfile(CORPUS / "osc52_key.toml", folder / "broken \x1b]52;c;RVZJTA==\x07\x9b2J.toml")
    shutil.copyfile(EXAMPLE, folder / "newline\nand\rcarriage.toml")
    os.mkfifo(folder / "fifo.toml")
    (folder / "loop.toml").symlink_to("loop.toml")
    (folder / "folder.toml").mkdir()
    yield folder


def large_files() -> dict[str, str]:
    """Files too large to keep in the repository: a megabyte of title, a key and a
    checklist item of 100,000 characters, a number with 100,000 decimals."""
    text = EXAMPLE.read_text("utf-8")
    title = 'title = "Side income while I retrain"'
    return {
        "title_1m_characters.toml": text.replace(title, f'title = "{"t" * 1_000_000}"'),
        "key_100k_characters.toml": text.replace("[profile]", f"[profile]\n{'k' * 100_000} = 1"),
        "checklist_item_100k.toml": text.replace(
            'item = "payment-guarantee"', f'item = "{"u" * 100_000}"', 1
        ),
        "long_decimal.toml": text.replace(
            "pay_per_task = 1.20", f"pay_per_task = 1.{'0' * 100_000}1", 1
        ),
    }


def plan_files(folder: Path) -> list[Path]:
    return sorted(folder.iterdir())


def contents(folder: Path) -> dict[str, bytes | None]:
    out: dict[str, bytes | None] = {}
    for path in plan_files(folder):
        regular = not path.is_symlink() and stat.S_ISREG(path.lstat().st_mode)
        out[path.name] = path.read_bytes() if regular else None
    return out


def test_every_command_on_every_hostile_file(
    hostile_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = contents(hostile_folder)
    codes: dict[int, int] = {}
    for path in plan_files(hostile_folder):
        for command in COMMANDS:
            code = main([command[0], str(path), *command[1:]])  # a traceback fails the test
            out, err = capsys.readouterr()
            assert code in (0, 1), (path.name, command)
            codes[code] = codes.get(code, 0) + 1
            assert not CONTROL.search(out.replace("\r\n", "\n")), (path.name, command, out[:300])
            assert not CONTROL.search(err), (path.name, command, err[:300])
            assert (code == 1) == bool(err), (path.name, command, err[:300])
    assert main(["plans", "--dir", str(hostile_folder)]) == 0
    out, err = capsys.readouterr()
    assert not CONTROL.search(out) and not err
    assert len(out.splitlines()) == len(before) - 3  # the FIFO, the loop and the folder aren't
    assert contents(hostile_folder) == before
    assert codes[0] and codes[1]  # valid plans among them, and broken ones
    assert sorted(p.name for p in hostile_folder.iterdir()) == sorted(before)  # no temp, no .bak


def test_check_in_russian_says_every_problem_in_russian(
    hostile_folder: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    broken = 0
    for path in plan_files(hostile_folder):
        code = main(["--lang", "ru", "check", str(path)])
        out, err = capsys.readouterr()
        assert code in (0, 1), path.name
        if code == 0:
            assert "в порядке" in out, path.name
            continue
        broken += 1
        for line in err.splitlines():
            assert re.search("[а-яё]", line), (path.name, line)  # Russian, not English
            message = line.split(".toml: ", 1)[1]  # after the file's name
            words = re.sub(r"^[^а-яё]*?: ", "", re.sub(r"'[^']*'|\\\w+", "", message))
            english = re.sub(r"\b[\w.\[\]]+:|schema_version|true/false", "", words)
            assert not re.search(r"\b(must|is|the|a|not|found|of)\b", english), line
    assert broken >= 30


async def test_opening_every_hostile_file_in_the_app(
    hostile_folder: Path, shipped_guide: Guide, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("REMOTE_GUIDE_DATA_DIR", str(hostile_folder.parent))
    before = contents(hostile_folder)
    app = RemoteGuideApp(lang="en", guide=shipped_guide)
    capture = Capture(app)  # type: ignore[arg-type]
    async with app.run_test(size=(80, 24), headless=False) as pilot:
        await until(pilot, lambda: "remote-guide" in capture.text(), "the home screen")
        app.choose_plan()  # the list of every plan in the folder, broken ones too
        await until(pilot, lambda: isinstance(app.screen, OpenPlanScreen), "the plan list")
        await until(pilot, lambda: "can't be opened" in capture.text(), "the list drawn")
        assert not capture.leaks()
        app.screen.dismiss(None)
        for path in plan_files(hostile_folder):
            await until(pilot, lambda: not isinstance(app.screen, OpenPlanScreen), "home")
            capture.clear()
            app.open_plan(path)
            await until(pilot, lambda: _drawn(app, capture), f"{path.name!r} drawn")
            assert not capture.leaks(), path.name
            if isinstance(app.screen, ReviewScreen):  # a plan due for review opens on it
                app.screen.dismiss(None)
                await until(pilot, lambda: isinstance(app.screen, PlanScreen), "the plan")
            app.pop_screen()
    assert contents(hostile_folder) == before


def _drawn(app: RemoteGuideApp, capture: Capture) -> bool:
    text = capture.text()
    if isinstance(app.screen, PlanErrorScreen):
        return "This plan can't be opened" in text
    if isinstance(app.screen, ReviewScreen):
        return "Time to review your plan" in text
    return isinstance(app.screen, PlanScreen) and "Platforms" in text and not _review_due(app)


def _review_due(app: RemoteGuideApp) -> bool:
    """The plan screen is about to open the review over itself."""
    from guide.review import review_due

    screen = app.screen
    assert isinstance(screen, PlanScreen)
    return review_due(screen.plan, app.today()) is not None
