"""The ``search`` command: search the guide from the shell, without starting the TUI.

``remote-guide search QUERY... [--lang en|ru] [--json] [--limit N]`` prints the best articles
(score, id, title, section; articles found only in the other language are marked) or the
same as JSON. Exit codes: 0 with results, 1 when nothing matches (the message, and a "did
you mean" when there is one, go to stderr), 2 for usage errors. The guide and the search
engine are imported only when the command runs, so ``remote-guide --help`` stays light;
Textual is never imported.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from guide.cli_parser import new_parser
from guide.completion import article_completer
from guide.i18n import LANGS, Lang, t

if TYPE_CHECKING:
    from guide.articles import Guide
    from guide.cli_parser import SubParsers
    from guide.search import Hit

DEFAULT_LIMIT = 10


def _limit(lang: Lang) -> Callable[[str], int]:
    def parse(value: str) -> int:
        try:
            number = int(value)
        except ValueError:
            number = 0
        if number < 1:
            raise argparse.ArgumentTypeError(t(lang, "cli_bad_limit", value=value))
        return number

    return parse


def _search(args: argparse.Namespace) -> int:
    from guide.articles import load_guide
    from guide.printable import escape_text
    from guide.search import SearchIndex

    # The search language: its own --lang, else the interface's; messages follow it too.
    lang: Lang = args.search_lang or args.ui_lang
    query = " ".join(args.query)
    guide = load_guide()
    index = SearchIndex.build(guide)
    hits = index.search(query, lang, limit=args.limit)
    suggestion = index.suggestion(query, lang)
    if args.json:
        print(json.dumps(_as_json(query, lang, suggestion, hits, guide), ensure_ascii=False))
    elif hits:
        if suggestion is not None:
            print(t(lang, "search_showing", query=escape_text(suggestion)))
        width = max(len(hit.article_id) for hit in hits)
        for hit in hits:
            print(_line(hit, guide, width))
    if hits:
        return 0
    message = t(lang, "search_no_match", query=escape_text(query))
    if suggestion is not None:
        message += " " + t(lang, "search_did_you_mean_cli", query=escape_text(suggestion))
    print(message, file=sys.stderr)
    return 1


def _line(hit: Hit, guide: Guide, width: int) -> str:
    section = guide.section(hit.section_id).title(hit.lang)
    marker = f"[{hit.lang}] " if hit.other_language else ""
    return f"{hit.score:7.2f}  {hit.article_id:<{width}}  {marker}{hit.title}  ({section})"


def _as_json(
    query: str, lang: Lang, suggestion: str | None, hits: list[Hit], guide: Guide
) -> dict[str, Any]:
    return {
        "query": query,
        "lang": lang,
        "suggestion": suggestion,
        "results": [
            {
                "id": hit.article_id,
                "lang": hit.lang,
                "other_language": hit.other_language,
                "title": hit.title,
                "section": hit.section_id,
                "section_title": guide.section(hit.section_id).title(hit.lang),
                "score": hit.score,
                "block": hit.block,
                "snippet": "".join(text for text, _ in hit.snippet),
                "terms": list(hit.terms),
            }
            for hit in hits
        ],
    }


def register(sub: SubParsers, lang: Lang) -> None:
    """Add ``search`` to the ``remote-guide`` parser."""
    p = new_parser(lang, sub, "search", help=t(lang, "help_search"))
    query = p.add_argument(
        "query", nargs="+", metavar=t(lang, "mv_query"), help=t(lang, "help_query")
    )
    query.completer = article_completer  # type: ignore[attr-defined]
    p.add_argument("--lang", dest="search_lang", choices=LANGS, help=t(lang, "help_search_lang"))
    p.add_argument("--json", action="store_true", help=t(lang, "help_search_json"))
    p.add_argument(
        "--limit",
        type=_limit(lang),
        default=DEFAULT_LIMIT,
        metavar="N",
        help=t(lang, "help_limit", default=DEFAULT_LIMIT),
    )
    p.set_defaults(func=_search)
