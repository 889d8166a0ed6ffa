"""The ``remote-guide`` command line.

Only the command that starts the app imports Textual; every other command stays light so
that it answers fast (tests/guide/test_cli.py checks ``sys.modules``).
"""

from __future__ import annotations

import argparse
import errno
import gc
import io
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from guide import __version__, plan_cli, search_cli
from guide.i18n import LANGS, detect_lang

DESCRIPTION = "A terminal guide and planner: microtask gig work or a remote career?"


def _run_app(args: argparse.Namespace) -> int:
    # Start-up makes many long-lived objects and no garbage worth collecting: the app turns
    # the collector back on once its first screen is drawn.
    gc.disable()
    from screens.app import run  # Textual is imported only here

    plan = getattr(args, "plan", None)
    return run(lang=args.lang or detect_lang(os.environ), plan_path=plan)


def _add_open(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    p = sub.add_parser("open", help="open a plan in the app (a new path starts the wizard there)")
    p.add_argument("plan", type=Path, help="the plan's TOML file")
    p.set_defaults(func=_run_app)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="remote-guide",
        description=DESCRIPTION,
        epilog="With no command the app starts on its home screen; "
        "`remote-guide PLAN.toml` is the same as `remote-guide open PLAN.toml`.",
    )
    parser.add_argument("--version", action="version", version=f"remote-guide {__version__}")
    parser.add_argument(
        "--lang", choices=LANGS, help="language of the guide (default: from LC_ALL/LANG)"
    )
    parser.set_defaults(func=_run_app)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    _add_open(sub)
    plan_cli.register(sub)
    search_cli.register(sub)
    return parser


def _with_open(argv: list[str], commands: set[str]) -> list[str]:
    """``remote-guide PLAN.toml`` means ``remote-guide open PLAN.toml``."""
    skip_next = False
    for i, arg in enumerate(argv):
        if skip_next:
            skip_next = False
        elif arg == "--lang":
            skip_next = True
        elif not arg.startswith("-"):
            return argv if arg in commands else [*argv[:i], "open", *argv[i:]]
    return argv


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
    stderr (nothing for a closed pipe, as ``head`` users expect), never a traceback."""
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
        print(_os_error_message(e), file=sys.stderr)
        return 1


def _os_error_message(error: OSError) -> str:
    # Errors of files are PlanErrors by now; one without a file name is the output's.
    if error.filename is None:
        return f"remote-guide: can't write the output: {error.strerror or error}"
    from guide.printable import shown_path

    return f"remote-guide: {shown_path(error.filename)}: {error.strerror or error}"


def _main(argv: Sequence[str] | None) -> int:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    args = parser.parse_args(
        _with_open(list(sys.argv[1:] if argv is None else argv), set(commands))
    )
    return int(args.func(args) or 0)
