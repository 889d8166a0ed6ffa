"""Parsers that speak the interface language, for every command module.

argparse writes its own words ("usage:", "options", "the following arguments are
required", …) through ``gettext``, which has no catalogue here and would take its
language from the environment, not from ``--lang``. argparse has no public way to give
it other words, so :class:`Parser` swaps the two names argparse calls them through
(``argparse._`` and ``argparse.ngettext``, bound by its ``from gettext import gettext as
_, ngettext``) for the time it builds, parses, formats help or reports an error, and puts
them back after. That swap in :func:`_speaking` is the one hook; the words are in
``content/strings/argparse.toml``, keyed by argparse's English msgid, and
tests/guide/test_cli_lang.py fails if the installed argparse shows a message the table
doesn't have.
"""

from __future__ import annotations

import argparse
from collections.abc import Callable, Sequence
from typing import TYPE_CHECKING, Any, NoReturn, TypeVar

from guide.i18n import Lang, counted_template, has_text, t

if TYPE_CHECKING:
    SubParsers = argparse._SubParsersAction[argparse.ArgumentParser]

T = TypeVar("T")

ARGPARSE_TABLE = "argparse"
"""The strings file with argparse's words (``content/strings/on_demand/argparse.toml``)."""


def argparse_text(lang: Lang, msgid: str) -> str:
    """argparse's message ``msgid`` in ``lang`` (the msgid itself when it isn't known)."""
    return t(lang, msgid) if has_text(msgid, ARGPARSE_TABLE) else msgid


def argparse_counted(lang: Lang, singular: str, plural: str, count: int) -> str:
    """argparse's counted message (``ngettext``) in ``lang``, with its ``%s`` kept."""
    if not has_text(singular, ARGPARSE_TABLE):
        return singular if count == 1 else plural
    return counted_template(lang, singular, count).replace("{count}", "%s")


def _speaking(lang: Lang, call: Callable[[], T]) -> T:
    """Run ``call`` with argparse's words in ``lang`` (see the module's docstring)."""
    if lang == "en":
        return call()
    names = vars(argparse)  # the module's globals, where argparse looks the names up
    saved = names["_"], names["ngettext"]
    names["_"] = lambda msgid: argparse_text(lang, msgid)
    names["ngettext"] = lambda one, other, n: argparse_counted(lang, one, other, n)
    try:
        return call()
    finally:
        names["_"], names["ngettext"] = saved


class Parser(argparse.ArgumentParser):
    """An ``ArgumentParser`` whose own words (usage, headings, errors) are in ``lang``;
    its subcommands' parsers are of this class too (argparse makes them ``type(self)``)."""

    def __init__(self, *args: Any, lang: Lang = "en", **kw: Any) -> None:
        self.lang: Lang = lang
        _speaking(lang, lambda: super(Parser, self).__init__(*args, **kw))

    def parse_known_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> tuple[Any, list[str]]:
        return _speaking(self.lang, lambda: super(Parser, self).parse_known_args(args, namespace))

    def parse_args(  # type: ignore[override]
        self, args: Sequence[str] | None = None, namespace: Any = None
    ) -> Any:
        return _speaking(self.lang, lambda: super(Parser, self).parse_args(args, namespace))

    def format_usage(self) -> str:
        return _speaking(self.lang, super().format_usage)

    def format_help(self) -> str:
        return _speaking(self.lang, super().format_help)

    def error(self, message: str) -> NoReturn:
        _speaking(self.lang, lambda: super(Parser, self).error(message))
        raise AssertionError("unreachable: ArgumentParser.error exits")


def new_parser(
    lang: Lang, add: SubParsers | None = None, name: str = "", **kw: Any
) -> argparse.ArgumentParser:
    """A :class:`Parser` (or a subcommand's, from ``add``) that speaks ``lang``."""
    if add is None:
        return Parser(lang=lang, **kw)
    return add.add_parser(name, lang=lang, **kw)
