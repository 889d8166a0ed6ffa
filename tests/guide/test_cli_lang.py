"""The CLI's own words in the interface language: every command's --help, argparse's own
words (usage, headings, errors), and the plan's problems, in English and Russian."""

from __future__ import annotations

import argparse
import ast
import gettext
import inspect
import pickle
import re
import shutil
import tomllib
from pathlib import Path

import pytest

from guide.cli import build_parser, main
from guide.cli_parser import argparse_text
from guide.csvlog import COLUMNS
from guide.i18n import has_text, tn
from guide.paths import content_dir
from guide.problems import Problem, said_text
from guide.storage import PlanError, load_plan

HOSTILE = Path(__file__).parents[1] / "hostile_plans"
EXAMPLE = Path(__file__).parents[2] / "examples" / "plan.toml"
LATIN = re.compile(r"[A-Za-z][A-Za-z'’]*")
CYRILLIC = re.compile(r"[А-Яа-яЁё]")
# Words that stay as they are in Russian help: names, formats and typed values.
ALLOWED = {"remote-guide", "git", "toml", "md", "ics", "csv", "iCalendar", "Markdown"}


def commands() -> list[str]:
    parser = build_parser("en")
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return list(sub.choices)


def typed_values() -> set[str]:
    """Values typed as they are (choices, CSV fields, command names)."""
    parser = build_parser("ru")
    values = set(commands()) | set(COLUMNS)
    sub = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    for command in sub.choices.values():
        for action in command._actions:
            values |= {str(c) for c in action.choices or ()}
    return {part for value in values for part in re.split(r"[_\W]+", value) if part}


def help_text(capsys: pytest.CaptureFixture[str], *args: str) -> str:
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", "ru", *args, "--help"])
    assert exit_.value.code == 0
    return capsys.readouterr().out


def english_lines(text: str, allowed: set[str]) -> list[str]:
    """Lines whose words are mostly Latin once option names, metavars (capitals), file
    names and typed values are set aside: English left in a Russian help."""
    found = []
    for line in text.splitlines():
        rest = re.sub(r"--?[\w-]+|\{[^}]*\}|\S+\.toml|%\w", " ", line)
        latin = [w for w in LATIN.findall(rest) if not w.isupper() and w not in allowed]
        cyrillic = [w for w in rest.split() if CYRILLIC.search(w)]
        if len(latin) > len(cyrillic):
            found.append(line)
    return found


@pytest.mark.parametrize("command", ["", *commands()])
def test_help_of_every_command_is_russian(command: str, capsys: pytest.CaptureFixture[str]) -> None:
    text = help_text(capsys, *([command] if command else []))
    assert text.startswith("использование: remote-guide")
    assert "использование: использование:" not in text
    assert english_lines(text, ALLOWED | typed_values()) == []


def test_the_heuristic_finds_english_help() -> None:
    english = "  --minutes N        whole minutes, 1-1440\n  --note ТЕКСТ  a short note"
    assert len(english_lines(english, ALLOWED)) == 2
    assert english_lines("  --json  вывести записи в JSON", ALLOWED) == []


def test_english_help_stays_english(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "en", "log", "--help"])
    out = capsys.readouterr().out
    assert out.startswith("usage: remote-guide log")
    assert "positional arguments:" in out and "options:" in out
    assert "show this help message and exit" in out


# --- argparse's errors ---------------------------------------------------------------------

ERRORS = [
    (["log", "p.toml"], "не хватает обязательных аргументов: --minutes"),
    (["log", "p.toml", "--minutes", "5"], "нужен один из аргументов --platform --goal"),
    (["entries", "p.toml", "--platform", "a", "--goal", "b"], "нельзя указывать вместе с"),
    (["show", "p.toml", "--today"], "аргумент --today: нужно одно значение"),
    (["show", "p.toml", "--today", "tomorrow"], "это не дата вида 2025-03-01"),
    (["check", "a.toml", "b"], "неизвестные аргументы: b"),
    (["review", "p.toml", "--decision", "bad"], "недопустимое значение 'bad'"),
    (["history", "p.toml", "--weeks", "0"], "нужно целое число от 1 до 1000"),
    (["serve", "--port", "abc"], "нужен номер порта от 1 до 65535"),
    (["compare", "p.toml", "--move-hours", "x"], "это не число часов"),
    (["search", "налог", "--limit", "0"], "нужно целое число от 1"),
    (["merge-driver", "a"], "не хватает обязательных аргументов: НАШ, ИХ"),
]


@pytest.mark.parametrize(("args", "message"), ERRORS)
def test_usage_errors_in_russian(
    args: list[str], message: str, capsys: pytest.CaptureFixture[str]
) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", "ru", *args])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert err.startswith("использование: remote-guide")
    assert f"remote-guide {args[0]}: ошибка: " in err or "remote-guide: ошибка: " in err
    assert message in err
    assert not re.search(r"\b(usage|error|argument|expected|invalid|required)\b", err)


def test_usage_errors_in_english(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as exit_:
        main(["--lang", "en", "log", "p.toml"])
    assert exit_.value.code == 2
    err = capsys.readouterr().err
    assert "remote-guide log: error: the following arguments are required: --minutes" in err


def test_counted_argparse_message() -> None:
    assert argparse_text("ru", "expected one argument") == "нужно одно значение"
    assert argparse_text("ru", "a message argparse may add one day") == (
        "a message argparse may add one day"
    )
    assert tn("ru", "expected %s argument", 2) == "нужно 2 значения"


def test_argparse_words_are_put_back(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit):
        main(["--lang", "ru", "log", "p.toml"])
    capsys.readouterr()
    assert vars(argparse)["_"] is gettext.gettext
    assert vars(argparse)["ngettext"] is gettext.ngettext


# Messages argparse raises to the program's author, never to a user of a finished parser.
PROGRAMMER_ERRORS = {
    "'required' is an invalid argument for positionals",
    "%r is not callable",
    ".__call__() not defined",
    'argument "-" with mode %r',
    "cannot have multiple subparser arguments",
    "cannot merge actions - two groups are named %r",
    "conflicting subparser alias: %s",
    "conflicting subparser: %s",
    "conflicting option string: %s",
    "dest= is required for options like %r",
    "invalid conflict_resolution value: %r",
    "mutually exclusive arguments must be optional",
    "invalid option string %(option)r: must start with a character %(prefix_chars)r",
    "%(heading)s:",
}


def argparse_msgids() -> set[str]:
    """Every message the installed argparse passes to ``_()`` or ``ngettext()``."""
    tree = ast.parse(inspect.getsource(argparse))
    found = set()
    for node in ast.walk(tree):
        if not (isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and node.args):
            continue
        first = node.args[0]
        if node.func.id in ("_", "ngettext") and isinstance(first, ast.Constant):
            found.add(str(first.value))
    return found


def test_every_message_of_this_argparse_has_its_words() -> None:
    # Fails when a Python version brings a message the table lacks: add it to
    # content/strings/argparse.toml (keyed by the msgid) in every language.
    msgids = argparse_msgids()
    assert "the following arguments are required: %s" in msgids  # the hook still applies
    missing = {m for m in msgids - PROGRAMMER_ERRORS if not has_text(m)}
    assert missing == set()


def test_argparse_placeholders_are_kept() -> None:
    table = tomllib.loads(
        (content_dir() / "strings" / "on_demand" / "argparse.toml").read_text("utf-8")
    )
    placeholder = re.compile(r"%\(?\w*\)?[sr]")
    for msgid, english in table["en"].items():
        if isinstance(english, dict):
            continue  # counted: {count} in the table
        assert english == msgid
        assert sorted(placeholder.findall(table["ru"][msgid])) == sorted(placeholder.findall(msgid))


# --- the plan's problems -------------------------------------------------------------------


def problem_of(name: str) -> PlanError:
    with pytest.raises(PlanError) as error:
        load_plan(HOSTILE / name)
    return error.value


@pytest.mark.parametrize(
    ("name", "english", "russian"),
    [
        (
            "fee_percent_negative_huge.toml",
            "platforms[0].fee_percent: must be between 0 and 100",
            "platforms[0].fee_percent: должно быть от 0 до 100",
        ),
        (
            "note_5001_characters.toml",
            "platforms[0].checklist[2].note: is too long: at most 5000 characters",
            "platforms[0].checklist[2].note: слишком длинное: не больше чем 5000 символов",
        ),
        (
            "too_many_skills.toml",
            "profile.skills: has too many items: at most 50",
            "profile.skills: слишком много элементов: не больше 50",
        ),
        (
            "esc_in_enum.toml",
            "language: must be one of 'en' or 'ru' (found '\\x1b[2Jen')",
            "language: допустимые значения: 'en' или 'ru' (указано: '\\x1b[2Jen')",
        ),
        (
            "zero_minutes.toml",
            "platforms[0].minutes_per_task: must be above 0 and 1440",
            "platforms[0].minutes_per_task: должно быть больше 0 и не больше 1440",
        ),
        (
            "many_decimal_places.toml",
            "platforms[0].pay_per_task: must have at most 6 decimal places",
            "platforms[0].pay_per_task: после запятой может быть не больше чем 6 знаков",
        ),
        (
            "v0_daily_hours_nan.toml",
            "limits.daily_hours: must be a finite number (found NaN)",
            "limits.daily_hours: должно быть конечным числом (указано: NaN)",
        ),
        (
            "raw_c1_bytes.toml",
            "is not UTF-8 text (byte 0x9b at line 6, column 15); is it a plan file?",
            "это не текст в UTF-8 (байт 0x9b в строке 6, столбце 15); точно ли это файл плана?",
        ),
    ],
)
def test_problems_in_both_languages(name: str, english: str, russian: str) -> None:
    error = problem_of(name)
    path = str(HOSTILE / name)
    assert f"{path}: {english}" in error.text("en").splitlines()
    assert f"{path}: {english}" in str(error).splitlines()  # str() stays English
    assert f"{path}: {russian}" in error.text("ru").splitlines()


def test_missing_keys_and_the_count_of_the_rest(tmp_path: Path) -> None:
    plan = tmp_path / "plan.toml"
    plan.write_text("schema_version = 2\n" + "".join(f"k{i} = 1\n" for i in range(115)))
    error = problem_of_path(plan)
    assert error.text("en").splitlines()[-1].endswith("... and 21 more problems")
    assert error.text("ru").splitlines()[-1].endswith("... и ещё 21 ошибка")
    assert f"{plan}: title: не указано; это обязательная настройка" in error.text("ru")


def problem_of_path(path: Path) -> PlanError:
    with pytest.raises(PlanError) as error:
        load_plan(path)
    return error.value


def test_check_says_the_problems_in_the_interface_language(
    capsys: pytest.CaptureFixture[str],
) -> None:
    bad = str(HOSTILE / "too_many_skills.toml")
    assert main(["--lang", "ru", "check", bad]) == 1
    assert f"{bad}: profile.skills: слишком много элементов: не больше 50" in (
        capsys.readouterr().err
    )
    assert main(["--lang", "en", "check", bad]) == 1
    assert f"{bad}: profile.skills: has too many items: at most 50" in capsys.readouterr().err


def test_log_refusals_in_russian(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan = tmp_path / "plan.toml"
    shutil.copyfile(EXAMPLE, plan)
    before = plan.read_bytes()
    args = ["--lang", "ru", "log", str(plan), "--minutes", "30", "--platform", "Nope"]
    assert main(args) == 1
    err = capsys.readouterr().err
    assert "platform: 'Nope' нет среди платформ плана (Prolific, Clickworker, Toloka)" in err
    assert main(["--lang", "ru", "delete", str(plan), "zzz"]) == 1
    assert "id: в журнале нет записи 'zzz'" in capsys.readouterr().err
    assert main(["--lang", "ru", "stop", str(plan)]) == 1
    assert "таймер не запущен" in capsys.readouterr().err.casefold()
    assert plan.read_bytes() == before


def test_a_problem_is_its_english_text_and_survives_pickling() -> None:
    problem = Problem("problem_at", path="a", message=Problem("problem_more", count=21))
    assert problem == "a: ... and 21 more problems"
    assert said_text("ru", problem) == "a: ... и ещё 21 ошибка"
    again = pickle.loads(pickle.dumps(problem))
    assert isinstance(again, Problem) and again.said("ru") == problem.said("ru")
    assert said_text("ru", "plain text") == "plain text"


def test_csv_import_problems_in_russian(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    plan, csv = tmp_path / "plan.toml", tmp_path / "log.csv"
    shutil.copyfile(EXAMPLE, plan)
    csv.write_text("date,minutes\n2026-11-01,abc\n", encoding="utf-8")
    args = ["import", str(plan), str(csv), "--platform", "Toloka"]
    assert main(["--lang", "ru", *args]) == 1
    err = capsys.readouterr().err
    assert "строка 2, столбец minutes: должно быть целым числом (указано: 'abc')" in err
    assert main(["--lang", "en", *args]) == 1
    assert "line 2, column minutes: must be a whole number (found 'abc')" in capsys.readouterr().err


def test_a_value_the_model_refuses_in_the_app_is_said_in_the_readers_language() -> None:
    from guide.plan import new_platform
    from guide.problems import said_error

    with pytest.raises(ValueError) as refused:
        new_platform("a\x1b]0;x\x07")
    assert said_error("ru", refused.value) == (
        "name: не должно содержать управляющих символов (U+001B в позиции 1)"
    )
    english = "name: must not contain control characters (U+001B at 1)"
    assert said_error("en", refused.value) == english
