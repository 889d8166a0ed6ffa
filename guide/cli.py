"""The ``remote-guide`` command line.

Only the command that starts the app imports Textual; every other command stays light so
that it answers fast (tests/guide/test_cli.py checks ``sys.modules``). The CLI speaks the
interface language (``--lang``, else ``settings.toml``, else the locale), its ``--help``
and argparse's own words and usage errors included (see ``guide.cli_parser``), and so do
the problems of a plan file (``guide.problems``). Exports speak the plan's language.
"""

from __future__ import annotations

import argparse
import errno
import gc
import importlib
import io
import os
import sys
from collections.abc import Callable, Collection, Sequence
from pathlib import Path
from typing import TYPE_CHECKING

from guide import __version__
from guide.cli_parser import new_parser
from guide.i18n import LANGS, Lang, t
from guide.settings import Settings, interface_lang, load_settings

if TYPE_CHECKING:
    from guide.cli_parser import SubParsers


def _run_app(args: argparse.Namespace) -> int:
    # The collector is still off (see ``main``): the app turns it back on once its first
    # screen is drawn.
    from screens.app import run  # Textual is imported only here

    plan = getattr(args, "plan", None)
    return run(lang=args.ui_lang, plan_path=plan, settings=args.settings)


def _add_open(sub: SubParsers, lang: Lang) -> None:
    p = new_parser(lang, sub, "open", help=t(lang, "help_open"))
    p.add_argument("plan", type=Path, metavar=t(lang, "mv_plan"), help=t(lang, "help_open_plan"))
    p.set_defaults(func=_run_app)


# Every command, in the order of the help, and the module whose ``register`` adds it (with
# the module's other commands); "cli" is this module. tests/guide/test_cli.py checks this
# against the parser.
COMMANDS: dict[str, str] = {
    "open": "cli",
    "check": "plan_cli",
    "show": "plan_cli",
    "export": "plan_cli",
    "plans": "plan_cli",
    "log": "log_cli",
    "entries": "log_cli",
    "edit": "log_cli",
    "delete": "log_cli",
    "start": "log_cli",
    "stop": "log_cli",
    "status": "log_cli",
    "history": "log_cli",
    "review": "log_cli",
    "import": "log_cli",
    "search": "search_cli",
    "compare": "switch_cli",
    "merge": "merge_cli",
    "merge-driver": "merge_cli",
    "serve": "serve_cli",
}


def _register(module: str, sub: SubParsers, lang: Lang) -> None:
    if module == "cli":
        _add_open(sub, lang)
        return
    register: Callable[[SubParsers, Lang], None] = importlib.import_module(
        f"guide.{module}"
    ).register
    register(sub, lang)


def build_parser(
    lang: Lang = "en", commands: Collection[str] | None = None
) -> argparse.ArgumentParser:
    """The ``remote-guide`` parser with every command, or only with the modules of
    ``commands`` (a run that names its command builds only that part; the rest of the
    parser is the same, see ``_main``)."""
    parser = new_parser(
        lang,
        prog="remote-guide",
        description=t(lang, "cli_description"),
        epilog=t(lang, "cli_epilog"),
    )
    parser.add_argument(
        "--version",
        action="version",
        version=f"remote-guide {__version__}",
        help=t(lang, "cli_version"),
    )
    parser.add_argument("--lang", choices=LANGS, help=t(lang, "cli_lang"))
    parser.set_defaults(func=_run_app)
    sub = parser.add_subparsers(title=t(lang, "cli_commands"), metavar="COMMAND")
    wanted = COMMANDS if commands is None else commands
    for module in dict.fromkeys(COMMANDS[name] for name in wanted):
        _register(module, sub, lang)
    return parser


def _lang_flag(argv: list[str]) -> Lang | None:
    """The global ``--lang`` (before the command), read before parsing so that --help can
    use it; a command's own ``--lang`` (search, export) is the language of its data."""
    end = _first_word(argv)
    argv = argv if end is None else argv[:end]
    for i, arg in enumerate(argv):
        value = arg.removeprefix("--lang=") if arg.startswith("--lang=") else None
        if arg == "--lang" and i + 1 < len(argv):
            value = argv[i + 1]
        if value in LANGS:
            return value
    return None


def _first_word(argv: list[str]) -> int | None:
    """Where the first word that is not an option (or the value of --lang) is."""
    skip_next = False
    for i, arg in enumerate(argv):
        if skip_next:
            skip_next = False
        elif arg == "--lang":
            skip_next = True
        elif arg == "--":
            return i + 1 if i + 1 < len(argv) else None
        elif not arg.startswith("-"):
            return i
    return None


def _with_open(argv: list[str], commands: set[str]) -> list[str] | str:
    """``remote-guide PLAN.toml`` means ``remote-guide open PLAN.toml``. A first word that
    is neither a command nor a plan (ends in ``.toml`` or exists) is returned alone: it is a
    mistyped command."""
    i = _first_word(argv)
    if i is None:
        return argv
    word = argv[i]
    if word in commands:
        return argv
    if word.endswith(".toml") or Path(word).exists():
        return [*argv[:i], "open", *argv[i:]]
    return word


def _unknown_command(
    parser: argparse.ArgumentParser, word: str, commands: Sequence[str], lang: Lang
) -> int:
    import difflib

    parser.print_usage(sys.stderr)
    message = t(lang, "cli_unknown_command", command=word)
    close = difflib.get_close_matches(word, commands, n=1, cutoff=0.6)
    if close:
        message += "; " + t(lang, "cli_did_you_mean", suggestion=close[0])
    else:
        message += "; " + t(lang, "cli_choose_from", commands=", ".join(commands))
    from guide.printable import escape_text

    print(f"remote-guide: {escape_text(message)}", file=sys.stderr)
    return 2


class _ClosedOutput(io.RawIOBase):
    """Stands for a standard output that was closed before the program started."""

    def writable(self) -> bool:
        return True

    def write(self, data: object) -> int:
        raise OSError(errno.EBADF, "standard output is closed")


def _drop_pending_output() -> None:
    """After a failed write, Python would try to flush stdout again at exit and print a
    traceback-like warning: point it at the null device (as the Python docs advise for
    SIGPIPE), or at a string if it has no file descriptor."""
    try:
        fd = os.open(os.devnull, os.O_WRONLY)
        os.dup2(fd, sys.stdout.fileno())
        os.close(fd)
    except (OSError, ValueError, AttributeError):
        sys.stdout = io.TextIOWrapper(io.BytesIO())


def _encoding_message(error: UnicodeEncodeError) -> str:
    return (
        f"remote-guide: can't write the output as {error.encoding}; "
        "use UTF-8 (for example PYTHONIOENCODING=utf-8)"
    )


def main(argv: Sequence[str] | None = None) -> int:
    """Run one command; output that can't be written (a closed pipe, a full disk, a
    closed stdout, an encoding without Cyrillic) ends it with exit 1 and one line on
    stderr (nothing for a closed pipe, as ``head`` users expect), never a traceback.

    The garbage collector is off while the command runs and as it was afterwards (the
    program itself keeps it off to the end: see :func:`run`)."""
    # A command makes thousands of objects that live until it ends (pydantic's classes and
    # validators, the strings, the plan) and next to no garbage (what it drops is freed by
    # reference counting), so collecting during it is wasted: about 10 ms of ``check``
    # (bench/README.md). What runs on after start-up turns it back on: the app after its
    # first frame, ``serve``.
    collecting = gc.isenabled()
    gc.disable()
    try:
        return _guarded(argv)
    finally:
        if collecting:
            gc.enable()


def run() -> int:
    """The ``remote-guide`` program (and ``python -m guide``): :func:`main` on the
    program's arguments, the collector left off when it returns, since the process ends
    then. Turned back on, it would make one pass over everything the command made, all
    of it still young (about 15 ms after ``check``)."""
    gc.disable()
    return main()


def _guarded(argv: Sequence[str] | None) -> int:
    if sys.stdout is None:  # started with stdout closed (`remote-guide ... >&-`)
        sys.stdout = io.TextIOWrapper(_ClosedOutput(), encoding="utf-8")
    try:
        try:
            return _main(argv)
        finally:
            sys.stdout.flush()
    except BrokenPipeError:
        _drop_pending_output()
        return 1
    except UnicodeEncodeError as e:
        _drop_pending_output()
        print(_encoding_message(e), file=sys.stderr)
        return 1
    except OSError as e:
        _drop_pending_output()
        print(_os_error_message(e, argv), file=sys.stderr)
        return 1


def _os_error_message(error: OSError, argv: Sequence[str] | None) -> str:
    """The system's refusal in the interface language. (Not so for an output that can't
    encode the text: it could not show Russian either.)"""
    from guide.printable import shown_path
    from guide.problems import os_problem, said_text

    args = list(sys.argv[1:] if argv is None else argv)
    lang = interface_lang(_lang_flag(args), load_settings(), os.environ)
    closed = error.errno == errno.EBADF and error.filename is None  # _ClosedOutput's
    reason = t(lang, "cli_output_closed") if closed else said_text(lang, os_problem(error))
    # Errors of files are PlanErrors by now; one without a file name is the output's.
    if error.filename is None:
        return f"remote-guide: {t(lang, 'cli_output_failed', reason=reason)}"
    return f"remote-guide: {shown_path(error.filename)}: {reason}"


def _main(argv: Sequence[str] | None) -> int:
    args_in = list(sys.argv[1:] if argv is None else argv)
    settings = load_settings()
    lang = interface_lang(_lang_flag(args_in), settings, os.environ)
    commands = list(COMMANDS)
    routed = _with_open(args_in, set(commands))
    if isinstance(routed, str):
        return _unknown_command(build_parser(lang), routed, commands, lang)
    completing = "_ARGCOMPLETE" in os.environ  # the shell asks for completions
    parser = build_parser(lang, None if completing else _named_command(routed))
    if completing:
        from guide.completion import complete

        complete(parser)  # answers and exits
    args = parser.parse_args(routed)
    args.ui_lang = lang
    args.settings = settings
    if args.func is not _run_app:
        _report(settings, lang)
    return int(args.func(args) or 0)


def _named_command(argv: list[str]) -> list[str] | None:
    """The command ``argv`` runs, as the commands the parser needs to parse it: none
    when it names none (the app starts), every one when an option before the command
    other than ``--lang`` may need the whole parser (``--help`` lists every command)."""
    end = _first_word(argv)
    before = [a for a in argv[:end] if a != "--" and not a.startswith("--lang=")]
    if len(before) % 2 or any(option != "--lang" for option in before[::2]):
        return None  # anything but "--lang VALUE" pairs
    return [] if end is None else [argv[end]]


def _report(settings: Settings, lang: Lang) -> None:
    """Say once what is wrong with the settings file (the app says it in a notification)."""
    from guide.printable import escape_text
    from guide.problems import said_text

    for problem in settings.problems:
        print(f"remote-guide: {escape_text(said_text(lang, problem))}", file=sys.stderr)
