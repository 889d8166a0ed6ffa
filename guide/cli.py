"""The ``remote-guide`` command line.

Only the command that starts the app imports Textual; every other command stays light so
that it answers fast (tests/guide/test_cli.py checks ``sys.modules``).
"""

from __future__ import annotations

import argparse
import gc
import os
import sys
from collections.abc import Sequence
from pathlib import Path

from guide import __version__, merge_cli, plan_cli, search_cli
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
    merge_cli.register(sub)
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


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction)).choices
    args = parser.parse_args(
        _with_open(list(sys.argv[1:] if argv is None else argv), set(commands))
    )
    return int(args.func(args) or 0)
