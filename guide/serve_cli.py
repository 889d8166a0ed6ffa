"""``remote-guide serve``: the same app in a web browser, through textual-serve.

textual-serve is an optional extra (``pip install 'remote-guide[web]'``) and is imported
only when ``serve`` runs. Each browser tab starts its own ``remote-guide`` process on the
server. The page has no login, so the default address is the loopback: binding another
address lets anyone who reaches it read and change the plans.
"""

from __future__ import annotations

import argparse
import gc
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING

from guide.cli_parser import new_parser
from guide.i18n import Lang, t

if TYPE_CHECKING:
    from guide.cli_parser import SubParsers

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def _serve(args: argparse.Namespace) -> int:
    lang: Lang = args.ui_lang
    try:
        from textual_serve.server import Server
    except ImportError:
        print(t(lang, "serve_missing"), file=sys.stderr)
        return 1
    import shlex

    command = shlex.join([sys.executable, "-m", "guide", "--lang", lang])
    server = Server(command, host=args.host, port=args.port, title="remote-guide")
    print(t(lang, "serve_listening", url=server.public_url), flush=True)
    gc.enable()  # off while a command starts (guide.cli.main); the server runs on
    server.serve()
    return 0


def _port(lang: Lang) -> Callable[[str], int]:
    def parse(value: str) -> int:
        if not value.isdigit() or not 1 <= int(value) <= 65535:
            raise argparse.ArgumentTypeError(t(lang, "cli_bad_port", value=value))
        return int(value)

    parse.__name__ = "port"
    return parse


def register(sub: SubParsers, lang: Lang) -> None:
    """Add ``serve`` to the ``remote-guide`` parser."""
    p = new_parser(
        lang,
        sub,
        "serve",
        help=t(lang, "help_serve"),
        description=t(lang, "help_serve_description"),
    )
    p.add_argument(
        "--host", default=DEFAULT_HOST, metavar=t(lang, "mv_host"), help=t(lang, "help_host")
    )
    p.add_argument(
        "--port",
        type=_port(lang),
        default=DEFAULT_PORT,
        metavar=t(lang, "mv_port"),
        help=t(lang, "help_port"),
    )
    p.set_defaults(func=_serve)
