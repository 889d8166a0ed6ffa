"""The command line: help, version, language, and staying light without the TUI."""

from __future__ import annotations

import json
import subprocess
import sys

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
ui = ('textual', 'rich', 'screens')
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
