"""A run that names its command builds only that command's part of the parser
(``guide.cli.COMMANDS``); all it prints (help, usage errors) is what the whole parser
prints, in every language."""

from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from guide.cli import COMMANDS, build_parser, main
from guide.i18n import LANGS, Lang
from tests.guide.plan_samples import EXAMPLE
from tests.guide.test_cli_lang import ERRORS

Capture = pytest.CaptureFixture[str]


def subcommands(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(sub.choices)


def test_the_table_of_commands_is_the_parser_s() -> None:
    assert list(subcommands(build_parser())) == list(COMMANDS)
    for name, module in COMMANDS.items():
        same_module = [other for other, where in COMMANDS.items() if where == module]
        assert list(subcommands(build_parser("en", [name]))) == same_module
    assert subcommands(build_parser("en", [])) == {}


def printed(capsys: Capture, argv: list[str], parse: bool = False) -> tuple[object, str, str]:
    """What ``main(argv)`` prints (with ``parse``: the whole parser parsing ``argv``)."""
    with pytest.raises(SystemExit) as exit_:
        build_parser(argv[1], None).parse_args(argv) if parse else main(argv)  # type: ignore[arg-type]
    out, err = capsys.readouterr()
    return exit_.value.code, out, err


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize("command", COMMANDS)
def test_every_command_s_help_is_the_whole_parser_s(
    lang: Lang, command: str, capsys: Capture
) -> None:
    whole = subcommands(build_parser(lang))[command].format_help()
    assert printed(capsys, ["--lang", lang, command, "--help"]) == (0, whole, "")


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "argv",
    [["--help"], ["--help", "check"], ["-h", "log"], ["--he", "show"], ["--version", "check"]],
)
def test_options_before_the_command_see_the_whole_parser(
    lang: Lang, argv: list[str], capsys: Capture
) -> None:
    argv = ["--lang", lang, *argv]
    assert printed(capsys, argv) == printed(capsys, argv, parse=True)


@pytest.mark.parametrize("lang", LANGS)
@pytest.mark.parametrize(
    "argv",
    [
        *[argv for argv, _ in ERRORS],
        ["check"],
        ["--lang"],
        ["--lang", "de", "check", "a.toml"],
        ["check", "a.toml", "--version"],
        ["log", "--help", "--minutes"],
    ],
)
def test_usage_errors_are_the_whole_parser_s(lang: Lang, argv: list[str], capsys: Capture) -> None:
    argv = ["--lang", lang, *argv]
    code, out, err = printed(capsys, argv)
    assert code != 0 or out
    assert (code, out, err) == printed(capsys, argv, parse=True)


MODULES = """
import json, sys
from guide.cli import main
main(sys.argv[1:])
print(json.dumps(sorted(m for m in sys.modules if m.startswith("guide.") and m.endswith("_cli"))))
"""


def test_check_builds_only_the_plan_commands() -> None:
    result = subprocess.run(
        [sys.executable, "-c", MODULES, "check", str(EXAMPLE)],
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert json.loads(result.stdout.splitlines()[-1]) == ["guide.plan_cli"]
