"""The plan commands: ``check``, ``show``, ``export`` and ``plans`` (the log's commands are
in ``guide.log_cli``).

Handlers import the pydantic-based modules only when they run, so ``remote-guide --help``
and the other commands stay fast. They return exit codes: 0 ok, 1 an invalid or unreadable
plan (every problem on stderr, each line naming the file) or a file that can't be written;
usage errors exit 2 through argparse. A PLAN argument that is a bare name and not an
existing file is looked up in the data folder (``remote-guide check myplan``).
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

from guide.cli_parser import new_parser
from guide.completion import plan_completer
from guide.i18n import LANGS, Lang, datetime_text, t, tn

if TYPE_CHECKING:
    from guide.cli_parser import SubParsers
    from guide.storage import LoadedPlan


def _today(lang: Lang) -> Callable[[str], dt.date]:
    def parse(value: str) -> dt.date:
        try:
            return dt.date.fromisoformat(value)
        except ValueError:
            raise argparse.ArgumentTypeError(t(lang, "cli_bad_date", value=value)) from None

    return parse


def _load(name: str, lang: Lang | None = None) -> LoadedPlan | None:
    """The plan, or None after printing every problem to stderr in ``lang`` (default:
    the locale's)."""
    from guide.storage import PlanError, load_plan, resolve_plan_path

    path = resolve_plan_path(name)
    try:
        loaded = load_plan(path)
    except PlanError as e:
        import os

        from guide.i18n import detect_lang
        from guide.printable import escape_text

        said = e.text(lang or detect_lang(os.environ))
        print(escape_text(said, multiline=True), file=sys.stderr)
        print_conflict_notice(path, lang)
        return None
    print_conflict_notice(path, lang or loaded.plan.language.value)
    return loaded


def print_conflict_notice(path: Path, lang: str | None) -> None:
    """Say on stderr, in one line, that sync-conflict copies lie beside the plan at
    ``path`` and how to merge them (nothing when there are none). ``lang`` is the plan's
    language, None when it couldn't be read (then the terminal's)."""
    import os

    from guide.conflicts import conflict_notice
    from guide.i18n import LANGS, detect_lang

    chosen = next((code for code in LANGS if code == lang), detect_lang(os.environ))
    notice = conflict_notice(path, chosen)
    if notice is not None:
        print(notice, file=sys.stderr)


def _check(args: argparse.Namespace) -> int:
    loaded = _load(args.plan, args.ui_lang)
    if loaded is None:
        return 1
    from guide.printable import escape_text

    plan, lang = loaded.plan, args.ui_lang
    migrated = (
        t(lang, "check_migrated", old=loaded.migrated_from, new=plan.schema_version)
        if loaded.migrated_from is not None
        else ""
    )
    print(
        t(
            lang,
            "check_valid",
            path=escape_text(str(loaded.path)),
            title=escape_text(plan.title),
            platforms=tn(lang, "count_platforms", len(plan.platforms)),
            goals=tn(lang, "count_goals", len(plan.goals)),
            entries=tn(lang, "count_log_entries", len(plan.log)),
            migrated=migrated,
        )
    )
    return 0


def _show(args: argparse.Namespace) -> int:
    loaded = _load(args.plan, args.ui_lang)
    if loaded is None:
        return 1
    from guide.export import log_json, plan_summary, summary_json, summary_text

    summary = plan_summary(loaded.plan, args.today or dt.date.today())
    if args.json:
        print(summary_json({"file": str(loaded.path), **summary, "log": log_json(loaded.plan)}))
    else:
        sys.stdout.write(summary_text(summary, str(loaded.path), args.ui_lang))
    return 0


def _export(args: argparse.Namespace) -> int:
    loaded = _load(args.plan, args.ui_lang)
    if loaded is None:
        return 1
    from guide.export import escape_text, to_ics, to_markdown

    # An export speaks the plan's language unless --lang (before or after the command) says.
    lang = args.export_lang or args.lang
    if args.format == "csv":
        from guide.csvlog import to_csv

        data = to_csv(loaded.plan).encode("utf-8")
    elif args.format == "ics":
        data = to_ics(loaded.plan, lang).encode("utf-8")
    else:
        data = to_markdown(loaded.plan, args.today or dt.date.today(), lang).encode("utf-8")
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        _write_export(args.output, data)
    except OSError as e:
        from guide.problems import os_problem, said_text

        error = said_text(args.ui_lang, os_problem(e))
        message = t(args.ui_lang, "cli_cant_write", path=str(args.output), error=error)
        print(escape_text(message), file=sys.stderr)
        return 1
    return 0


def _write_export(output: Path, data: bytes) -> None:
    """Replace ``output`` all at once (a full disk never leaves half an export in place of
    the old one); a device or a pipe (``-o /dev/stdout``) is written to as it is."""
    import os
    import stat

    from guide.storage import write_atomic

    try:
        special = not stat.S_ISREG(os.stat(output).st_mode)
    except FileNotFoundError:
        special = False
    if special:
        with open(output, "wb") as f:
            f.write(data)
    else:  # through a symlink: the link stays, pointing at the new file
        write_atomic(Path(os.path.realpath(output)), data)


def _plans(args: argparse.Namespace) -> int:
    from guide.paths import plans_dir
    from guide.printable import escape_text
    from guide.problems import said_text
    from guide.storage import PlanError, list_plans

    lang = args.ui_lang
    folder = args.dir or plans_dir()
    try:
        infos = list_plans(folder)
    except PlanError as e:
        print(escape_text(e.text(lang), multiline=True), file=sys.stderr)
        return 1
    if not infos:
        print(t(lang, "plans_none", folder=escape_text(str(folder))))
        return 0
    whens = [datetime_text(lang, info.modified.astimezone()) for info in infos]
    width = max(len(w) for w in whens)
    for when, info in zip(whens, infos, strict=True):
        problem = said_text(lang, info.problem or "")
        label = info.title if info.title is not None else t(lang, "plans_invalid", problem=problem)
        copies = f"  ({tn(lang, 'plans_copies', info.copies)})" if info.copies else ""
        print(f"{when:<{width}}  {escape_text(str(info.path))}  {escape_text(label)}{copies}")
    return 0


def register(sub: SubParsers, lang: Lang) -> None:
    """Add ``check``, ``show``, ``export`` and ``plans`` to the ``remote-guide`` parser."""
    plan_help = t(lang, "help_plan_arg")
    today_help = t(lang, "help_today")
    plan_mv, today_mv = t(lang, "mv_plan"), t(lang, "mv_today")

    p = new_parser(lang, sub, "check", help=t(lang, "help_check"))
    p.add_argument("plan", metavar=plan_mv, help=plan_help).completer = plan_completer  # type: ignore[attr-defined]
    p.set_defaults(func=_check)

    p = new_parser(lang, sub, "show", help=t(lang, "help_show"))
    p.add_argument("plan", metavar=plan_mv, help=plan_help).completer = plan_completer  # type: ignore[attr-defined]
    p.add_argument("--json", action="store_true", help=t(lang, "help_json"))
    p.add_argument("--today", type=_today(lang), metavar=today_mv, help=today_help)
    p.set_defaults(func=_show)

    p = new_parser(lang, sub, "export", help=t(lang, "help_export"))
    p.add_argument("plan", metavar=plan_mv, help=plan_help).completer = plan_completer  # type: ignore[attr-defined]
    p.add_argument(
        "--format", choices=("md", "ics", "csv"), default="md", help=t(lang, "help_format")
    )
    p.add_argument(
        "-o", "--output", type=Path, metavar=t(lang, "mv_output"), help=t(lang, "help_output")
    )
    p.add_argument("--today", type=_today(lang), metavar=today_mv, help=today_help)
    p.add_argument("--lang", dest="export_lang", choices=LANGS, help=t(lang, "help_export_lang"))
    p.set_defaults(func=_export)

    p = new_parser(lang, sub, "plans", help=t(lang, "help_plans"))
    p.add_argument("--dir", type=Path, metavar=t(lang, "mv_dir"), help=t(lang, "help_dir"))
    p.set_defaults(func=_plans)
