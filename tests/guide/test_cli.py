"""The command line: help, version, language, and staying light without the TUI."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from guide.cli import build_parser, main
from guide.i18n import detect_lang
from tests.guide.plan_samples import EXAMPLE


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "guide", *args], capture_output=True, text=True, timeout=60
    )


def test_help_lists_every_command_with_a_line(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--help"])
    assert exit_.value.code == 0
    out = capsys.readouterr().out
    sub = next(a for a in build_parser()._actions if a.__class__.__name__ == "_SubParsersAction")
    for choice in sub._choices_actions:  # type: ignore[attr-defined]
        assert choice.dest in out and choice.help, choice.dest
    assert "--lang" in out and "--version" in out


def test_version(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--version"])
    assert capsys.readouterr().out.startswith("remote-guide 0.")


def test_unknown_language_is_a_usage_error() -> None:
    assert run("--lang", "de").returncode == 2


@pytest.mark.parametrize(
    ("env", "expected"),
    [
        ({"LANG": "ru_RU.UTF-8"}, "ru"),
        ({"LC_ALL": "en_US.UTF-8", "LANG": "ru_RU.UTF-8"}, "en"),
        ({"LC_MESSAGES": "ru_UA"}, "ru"),
        ({"LANG": "C.UTF-8"}, "en"),
        ({}, "en"),
    ],
)
def test_language_from_locale(env: dict[str, str], expected: str) -> None:
    assert detect_lang(env) == expected


CHECK_IMPORTS = """
import json, sys
from guide.cli import main
try:
    main(sys.argv[1:])
except SystemExit:
    pass
ui = ('textual', 'rich', 'screens', 'argcomplete', 'textual_serve', 'aiohttp', 'difflib')
print(json.dumps(sorted(m for m in sys.modules if m.split('.')[0] in ui)))
"""


@pytest.mark.parametrize(
    "args",
    [
        ["--help"],
        ["--version"],
        ["check", "--help"],
        ["history", str(EXAMPLE), "--json"],
        ["status", str(EXAMPLE)],
    ],
)
def test_non_interactive_commands_do_not_import_textual(args: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-c", CHECK_IMPORTS, *args], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert json.loads(result.stdout.strip().splitlines()[-1]) == []


# --- commands, languages and conventions ----------------------------------------------------


@pytest.mark.parametrize(
    ("argv", "hint"),
    [(["shwo", "plan.toml"], "did you mean “show”"), (["bogus"], "commands: open, check")],
)
def test_an_unknown_command_is_a_usage_error(
    argv: list[str], hint: str, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(argv) == 2
    err = capsys.readouterr().err
    assert err.startswith("usage: remote-guide") and "unknown command" in err and hint in err


def test_an_unknown_command_exits_at_once_with_stdout_piped() -> None:
    # It used to open the wizard (and spin with no terminal): now it is a usage error.
    result = run("bogus")
    assert result.returncode == 2 and "unknown command" in result.stderr


def test_a_plan_path_still_opens_the_app(tmp_path: Path) -> None:
    from guide.cli import _with_open

    existing = tmp_path / "plan"
    existing.write_text("", encoding="utf-8")
    commands = {"open", "show"}
    assert _with_open(["new.toml"], commands) == ["open", "new.toml"]
    assert _with_open(["--lang", "ru", str(existing)], commands) == [
        "--lang",
        "ru",
        "open",
        str(existing),
    ]
    assert _with_open(["show", "x"], commands) == ["show", "x"]
    assert _with_open(["--lang", "ru"], commands) == ["--lang", "ru"]
    assert _with_open(["shwo"], commands) == "shwo"


def test_help_in_russian(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "ru", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("использование: remote-guide")
    assert "команды:" in out and "параметры:" in out and "проверить файл плана" in out
    with pytest.raises(SystemExit):
        main(["--lang=ru", "show", "--help"])
    assert "считать так, будто сегодня эта дата" in capsys.readouterr().out
    with pytest.raises(SystemExit):  # export's own --lang is the export's language
        main(["export", "--lang", "ru", "--help"])
    assert "language of the export" in capsys.readouterr().out


def test_serve_help_warns_that_the_page_has_no_login(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["serve", "--help"])
    out = " ".join(capsys.readouterr().out.split())
    assert "no login" in out and "127.0.0.1" in out and "--port" in out


def test_language_from_settings_then_flag(
    _private_config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _private_config_dir.mkdir()
    (_private_config_dir / "settings.toml").write_text('language = "ru"\n', encoding="utf-8")
    assert main(["check", str(EXAMPLE)]) == 0
    assert "3 платформы, 2 цели, 9 записей в журнале" in capsys.readouterr().out
    assert main(["--lang", "en", "check", str(EXAMPLE)]) == 0
    assert "3 platforms, 2 goals, 9 log entries" in capsys.readouterr().out


def test_language_from_locale_for_the_cli(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")
    assert main(["search", "zzzzqqqq"]) == 1
    assert "Ни на одном языке нет статей" in capsys.readouterr().err


def test_a_broken_settings_file_is_reported_once_and_defaults_used(
    _private_config_dir: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _private_config_dir.mkdir()
    settings = _private_config_dir / "settings.toml"
    settings.write_text('language = "ru\n', encoding="utf-8")
    assert main(["check", str(EXAMPLE)]) == 0
    out, err = capsys.readouterr()
    assert "valid plan" in out
    assert err.count("settings.toml") == 1 and "not valid TOML" in err
    assert settings.read_text(encoding="utf-8") == 'language = "ru\n'


def test_exports_speak_the_plans_language(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from guide.storage import load_plan, save_plan

    plan = load_plan(EXAMPLE).plan
    plan.language = type(plan.language)("ru")
    path = tmp_path / "ru.toml"
    save_plan(plan, path)
    assert main(["export", str(path), "--today", "2026-11-21"]) == 0
    text = capsys.readouterr().out
    assert "Выгружено 21 ноября 2026. Пересмотр плана 14 декабря 2026 (через 23 дня)." in text
    assert "| Prolific | работаю | 9,00\u00a0$ в час |" in text
    assert main(["export", str(path), "--format", "ics"]) == 0
    assert "SUMMARY:Пересмотр плана: Side income while I retrain" in capsys.readouterr().out
    assert main(["--lang", "en", "export", str(path), "--today", "2026-11-21"]) == 0
    assert "Exported 21 Nov 2026." in capsys.readouterr().out
    assert main(["export", str(path), "--lang", "en", "--format", "ics"]) == 0
    assert "SUMMARY:Review plan: " in capsys.readouterr().out


# --- shell completion ---------------------------------------------------------------------


def complete(line: str, tmp_path: Path, cwd: Path | None = None) -> list[str]:
    out = tmp_path / "completions.txt"
    env = {
        **os.environ,
        "_ARGCOMPLETE": "1",
        "_ARGCOMPLETE_IFS": "\n",
        "COMP_LINE": line,
        "COMP_POINT": str(len(line)),
        "_ARGCOMPLETE_STDOUT_FILENAME": str(out),
    }
    result = subprocess.run(
        [sys.executable, "-m", "guide"],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return [c.strip() for c in out.read_text(encoding="utf-8").split("\n")]


def test_completion_of_commands_options_plans_and_articles(tmp_path: Path) -> None:
    assert {"show", "search", "serve"} <= set(complete("remote-guide s", tmp_path))
    assert "--json" in complete("remote-guide show --j", tmp_path)
    (tmp_path / "mine.toml").write_text("", encoding="utf-8")
    (tmp_path / "notes.txt").write_text("", encoding="utf-8")
    found = complete("remote-guide show ", tmp_path, cwd=tmp_path)
    assert "mine.toml" in found and "notes.txt" not in found
    assert "real-hourly-rate" in complete("remote-guide search real-h", tmp_path)


def test_plans_in_russian_with_dates_the_readers_way(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert main(["--lang", "ru", "plans", "--dir", str(tmp_path)]) == 0
    assert capsys.readouterr().out.startswith(f"В папке {tmp_path} планов нет")
    (tmp_path / "a.toml").write_bytes(EXAMPLE.read_bytes())
    os.utime(tmp_path / "a.toml", (1796000000, 1796000000))  # November 2026 in every time zone
    assert main(["--lang", "ru", "plans", "--dir", str(tmp_path)]) == 0
    assert " ноября 2026, " in capsys.readouterr().out


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ('language = "ru\n', "это не TOML"),
        ('language = "de"\n', "language должен быть одним из en, ru, а не 'de'"),
        ("keys = 3\n", "[keys] сопоставляет id действий клавишам"),
    ],
)
def test_the_settings_problems_are_said_in_the_interface_language(
    _private_config_dir: Path, capsys: pytest.CaptureFixture[str], text: str, words: str
) -> None:
    _private_config_dir.mkdir()
    (_private_config_dir / "settings.toml").write_text(text, encoding="utf-8")
    assert main(["--lang", "ru", "check", str(EXAMPLE)]) == 0
    err = capsys.readouterr().err
    assert words in err and "settings.toml" in err
    assert not re.search("[A-Za-z]{3,} [a-z]{3,} [a-z]{3,}", err.replace(words, ""))


def test_the_collector_is_off_while_a_command_runs_and_on_again_after(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import gc

    from guide import storage

    seen: list[bool] = []
    real = storage.load_plan

    def load_plan(*args: Any, **kwargs: Any) -> storage.LoadedPlan:
        seen.append(gc.isenabled())
        return real(*args, **kwargs)

    monkeypatch.setattr(storage, "load_plan", load_plan)
    assert gc.isenabled()
    assert main(["check", str(EXAMPLE)]) == 0
    assert seen == [False]
    assert gc.isenabled()
    with pytest.raises(SystemExit):
        main(["check", "--no-such-option"])
    assert gc.isenabled()  # back on after a usage error too
    gc.disable()
    try:
        assert main(["check", str(EXAMPLE)]) == 0
        assert not gc.isenabled()  # a caller's choice is kept
    finally:
        gc.enable()


def test_the_program_leaves_the_collector_off_to_the_end() -> None:
    # Turned back on after a command, the collector would make one pass over everything
    # the command made (all of it young); the process ends instead.
    code = (
        "import gc, sys\n"
        "from guide.cli import run\n"
        f"sys.argv = ['remote-guide', 'check', {str(EXAMPLE)!r}]\n"
        "status = run()\n"
        "print(status, gc.isenabled())\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60
    )
    assert result.stdout.splitlines()[-1] == "0 False", result.stderr


def test_serve_turns_the_collector_back_on_before_it_serves(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import gc
    import types

    seen: list[bool] = []

    class Server:
        public_url = "http://127.0.0.1:8000"

        def __init__(self, *args: object, **kwargs: object) -> None:
            pass

        def serve(self) -> None:
            seen.append(gc.isenabled())

    fake = types.ModuleType("textual_serve.server")
    fake.Server = Server  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "textual_serve", types.ModuleType("textual_serve"))
    monkeypatch.setitem(sys.modules, "textual_serve.server", fake)
    assert main(["serve"]) == 0
    assert seen == [True]


CHECK_BUILDS = """
import json, sys
from guide.cli import main
code = main(sys.argv[1:])
from guide import checklist, texts
lazy = (checklist.Checklist, checklist.ChecklistItem, checklist.StateLabels, texts.LocalText,
        texts.LocalList)
unused = ("pickle", "tomli_w", "guide.derived", "guide.rate")
print(json.dumps({
    "code": code,
    "built": [m.__name__ for m in lazy if m.__pydantic_complete__],
    "modules": sorted(m for m in unused if m in sys.modules),
}))
"""


@pytest.mark.parametrize("lang", ["en", "ru"])
def test_check_builds_and_imports_only_what_it_uses(lang: str) -> None:
    # A plan needs only the checklist's ids (ChecklistIds); the whole checklist's models
    # are built when the wizard first reads it. pickle is for big plans' parse cache,
    # tomli_w for saving, guide.derived (rates, limits used...) for showing a plan.
    result = subprocess.run(
        [sys.executable, "-c", CHECK_BUILDS, "--lang", lang, "check", str(EXAMPLE)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    said = json.loads(result.stdout.strip().splitlines()[-1])
    assert said == {"code": 0, "built": [], "modules": []}
