"""``remote-guide compare PLAN [--move-hours N] [--json]``: the switch calculator.

Prints what the plan's microtask hours earn now, when its study reaches job-ready (now and
with N hours a week moved to study), and when that pays back, with every assumption and
the sources of the path's figures. Text in the plan's language (or ``--lang``); JSON keys
are fixed (see :func:`switch_json`), money as strings with two decimals like
``show --json``, hours as numbers, dates as ISO strings or null.

Exit codes: 0 ok, 1 an invalid or unreadable plan (the problems on stderr), 2 usage.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING, Any

from guide.cli_parser import new_parser

if TYPE_CHECKING:
    from guide.cli_parser import SubParsers
    from guide.i18n import Lang
    from guide.switch import Switch


def _hours(value: str) -> Decimal:
    try:
        hours = Decimal(value)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not a number of hours: {value!r}") from None
    if not hours.is_finite() or not 0 <= hours <= 168:
        raise argparse.ArgumentTypeError(f"must be between 0 and 168 hours: {value!r}")
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

    loaded = _load(args.plan)
    if loaded is None:
        return 1
    plan = loaded.plan
    lang: Lang = args.lang or plan.language.value
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

    p = new_parser(
        lang,
        sub,
        "compare",
        help="what your microtask hours are worth toward your career path, now and moved to study",
    )
    p.add_argument("plan", help="the plan's TOML file (or the name of a plan in the data folder)")
    p.add_argument(
        "--move-hours",
        type=_hours,
        default=Decimal(0),
        metavar="N",
        help="hours a week moved from microtasks to study (default 0)",
    )
    p.add_argument(
        "--hours-needed",
        type=_hours_needed,
        default=None,
        metavar="N",
        help="your own estimate of the study hours to be job-ready (instead of the path's)",
    )
    p.add_argument("--json", action="store_true", help="print the figures as JSON")
    p.add_argument(
        "--today", type=_today(lang), help="compute as if today were this date (YYYY-MM-DD)"
    )
    p.set_defaults(func=_compare)


def _hours_needed(value: str) -> Decimal:
    try:
        hours = Decimal(value)
    except InvalidOperation:
        raise argparse.ArgumentTypeError(f"not a number of hours: {value!r}") from None
    if not hours.is_finite() or not 0 < hours <= 100_000:
        raise argparse.ArgumentTypeError(f"must be above 0 and at most 100000: {value!r}")
    return hours
