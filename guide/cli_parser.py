"""Parsers whose help speaks the interface language, for every command module."""

from __future__ import annotations

import argparse
from typing import TYPE_CHECKING, Any

from guide.i18n import Lang, t

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]


def formatter(lang: Lang) -> type[argparse.HelpFormatter]:
    """A help formatter that writes "usage:" in ``lang``."""

    class Formatter(argparse.HelpFormatter):
        def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
            super().add_usage(usage, actions, groups, prefix or t(lang, "cli_usage"))

    return Formatter


def new_parser(
    lang: Lang, add: SubParsers | None = None, name: str = "", **kw: Any
) -> argparse.ArgumentParser:
    """An ``ArgumentParser`` (or a subcommand's, from ``add``) whose help is in ``lang``."""
    kw.update(formatter_class=formatter(lang), add_help=False)
    p = argparse.ArgumentParser(**kw) if add is None else add.add_parser(name, **kw)
    # argparse names its groups through gettext, which has no Russian catalogue here.
    p._positionals.title = t(lang, "cli_positionals")
    p._optionals.title = t(lang, "cli_options")
    p.add_argument("-h", "--help", action="help", help=t(lang, "cli_help"))
    return p
