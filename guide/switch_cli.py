"""``remote-guide compare PLAN [--move-hours N] [--json]``: the switch calculator.

Prints what the plan's microtask hours earn now, when its study reaches job-ready (now and
with N hours a week moved to study), and when that pays back, with every assumption and
the sources of the path's figures. Text in the interface language (``--lang``, else the
settings, else the locale: the CLI's own words, not an export); JSON keys
are fixed (see :func:`switch_json`), money as strings with two decimals like
``show --json``, hours as numbers, dates as ISO strings or null.

Exit codes: 0 ok, 1 an invalid or unreadable plan (the problems on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from guide.cli_parser import new_parser
from guide.i18n import t

if TYPE_CHECKING:
    from guide.cli_parser import SubParsers
    from guide.i18n import Lang
    from guide.switch import Switch


def _hours(lang: Lang) -> Callable[[str], Decimal]:
    def parse(value: str) -> Decimal:
        hours = _decimal(lang, value)
        if not 0 <= hours <= 168:
            raise argparse.ArgumentTypeError(t(lang, "cli_hours_range", value=value))
        return hours

    parse.__name__ = "hours"
    return parse


def _decimal(lang: Lang, value: str) -> Decimal:
    try:
        hours = Decimal(value)
    except InvalidOperation:
        hours = Decimal("NaN")
    if not hours.is_finite():
        raise argparse.ArgumentTypeError(t(lang, "cli_bad_hours", value=value))
    return hours


def switch_json(switch: Switch, lang: Lang) -> dict[str, Any]:
    """The JSON document of ``compare --json``: exactly these keys."""
    from guide.export import money

    def iso(day: dt.date | None) -> str | None:
        return None if day is None else day.isoformat()

    def hours(value: Decimal | None) -> float | None:
        return None if value is None else float(round(value, 2))

    inputs = switch.inputs
    return {
        "path": inputs.path,
        "real_rate": money(inputs.real_rate),
        "work_hours_per_week": hours(inputs.work_hours),
        "study_hours_per_week": hours(inputs.study_hours),
        "job_ready_date": iso(switch.job_ready_date),
        "job_ready_date_if_moved": iso(switch.job_ready_date_if_moved),
        "forgone_per_month": money(switch.forgone_per_month),
        "break_even_date": iso(switch.break_even_date),
        "assumptions": switch.assumptions(lang),
        "sources": list(inputs.sources),
    }


def _compare(args: argparse.Namespace) -> int:
    from guide.export import escape_text, summary_json
    from guide.paths_catalogue import shipped_paths
    from guide.plan_cli import _load
    from guide.switch import compare, switch_lines

    loaded = _load(args.plan, args.ui_lang)
    if loaded is None:
        return 1
    plan = loaded.plan
    lang: Lang = args.ui_lang
    today = args.today or dt.date.today()
    switch = compare(plan, today, move_hours=args.move_hours, hours_needed=args.hours_needed)
    if args.json:
        print(summary_json(switch_json(switch, lang)))
        return 0
    info = shipped_paths().get(plan.profile.path)
    role = info.role.get(lang) if info is not None else plan.profile.path.value
    text = "\n".join(switch_lines(switch, lang, role))
    sys.stdout.write(escape_text(text, multiline=True) + "\n")
    return 0


def register(sub: SubParsers, lang: Lang) -> None:
    """Add ``compare`` to the ``remote-guide`` parser."""
    from guide.plan_cli import _today

    p = new_parser(lang, sub, "compare", help=t(lang, "help_compare"))
    p.add_argument("plan", metavar=t(lang, "mv_plan"), help=t(lang, "help_plan_arg"))
    p.add_argument(
        "--move-hours",
        type=_hours(lang),
        default=Decimal(0),
        metavar="N",
        help=t(lang, "help_move_hours"),
    )
    p.add_argument(
        "--hours-needed",
        type=_hours_needed(lang),
        default=None,
        metavar="N",
        help=t(lang, "help_hours_needed"),
    )
    p.add_argument("--json", action="store_true", help=t(lang, "help_compare_json"))
    p.add_argument(
        "--today", type=_today(lang), metavar=t(lang, "mv_today"), help=t(lang, "help_today")
    )
    p.set_defaults(func=_compare)


def _hours_needed(lang: Lang) -> Callable[[str], Decimal]:
    def parse(value: str) -> Decimal:
        hours = _decimal(lang, value)
        if not 0 < hours <= 100_000:
            raise argparse.ArgumentTypeError(t(lang, "cli_hours_needed_range", value=value))
        return hours

    parse.__name__ = "hours"
    return parse
