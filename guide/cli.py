"""The ``remote-guide`` command line.

Only the command that starts the app imports Textual; every other command stays light so
that it answers fast (tests/guide/test_cli.py checks ``sys.modules``).
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from guide import __version__, plan_cli, search_cli
from guide.i18n import LANGS, detect_lang

DESCRIPTION = "A terminal guide and planner: microtask gig work or a remote career?"


def _run_app(args: argparse.Namespace) -> int:
    from screens.app import run  # Textual is imported only here

    return run(lang=args.lang or detect_lang(os.environ))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="remote-guide",
        description=DESCRIPTION,
        epilog="With no command the app starts on its home screen.",
    )
    parser.add_argument("--version", action="version", version=f"remote-guide {__version__}")
    parser.add_argument(
        "--lang", choices=LANGS, help="language of the guide (default: from LC_ALL/LANG)"
    )
    parser.set_defaults(func=_run_app)
    sub = parser.add_subparsers(title="commands", metavar="COMMAND")
    plan_cli.register(sub)
    search_cli.register(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(list(sys.argv[1:] if argv is None else argv))
    return int(args.func(args) or 0)
