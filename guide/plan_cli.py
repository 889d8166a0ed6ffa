"""The plan commands: ``check``, ``show``, ``export`` and ``plans``.

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
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from guide.storage import LoadedPlan


def _today(value: str) -> dt.date:
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a date like 2025-03-01: {value!r}") from None


def _load(name: str) -> LoadedPlan | None:
    """The plan, or None after printing every problem to stderr."""
    from guide.storage import PlanError, load_plan, resolve_plan_path

    try:
        return load_plan(resolve_plan_path(name))
    except PlanError as e:
        from guide.printable import escape_text

        print(escape_text(str(e), multiline=True), file=sys.stderr)
        return None


def _check(args: argparse.Namespace) -> int:
    loaded = _load(args.plan)
    if loaded is None:
        return 1
    from guide.printable import escape_text

    plan = loaded.plan
    migrated = (
        f" (schema_version {loaded.migrated_from}: migrated on load, saved as "
        f"{plan.schema_version} next time)"
        if loaded.migrated_from is not None
        else ""
    )
    print(
        f"{escape_text(str(loaded.path))}: valid plan '{escape_text(plan.title)}': "
        f"{len(plan.platforms)} platforms, {len(plan.goals)} goals, "
        f"{len(plan.log)} log entries{migrated}"
    )
    return 0


def _show(args: argparse.Namespace) -> int:
    loaded = _load(args.plan)
    if loaded is None:
        return 1
    from guide.export import plan_summary, summary_json, summary_text

    summary = plan_summary(loaded.plan, args.today or dt.date.today())
    if args.json:
        print(summary_json({"file": str(loaded.path), **summary}))
    else:
        sys.stdout.write(summary_text(summary, str(loaded.path)))
    return 0


def _export(args: argparse.Namespace) -> int:
    loaded = _load(args.plan)
    if loaded is None:
        return 1
    from guide.export import escape_text, to_ics, to_markdown

    if args.format == "ics":
        data = to_ics(loaded.plan).encode("utf-8")
    else:
        data = to_markdown(loaded.plan, args.today or dt.date.today()).encode("utf-8")
    if args.output is None:
        sys.stdout.flush()
        sys.stdout.buffer.write(data)
        sys.stdout.buffer.flush()
        return 0
    try:
        _write_export(args.output, data)
    except OSError as e:
        print(f"{escape_text(str(args.output))}: can't write: {e.strerror or e}", file=sys.stderr)
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
    from guide.storage import PlanError, list_plans

    folder = args.dir or plans_dir()
    try:
        infos = list_plans(folder)
    except PlanError as e:
        print(escape_text(str(e), multiline=True), file=sys.stderr)
        return 1
    if not infos:
        print(f"No plans in {escape_text(str(folder))}")
        return 0
    for info in infos:
        when = info.modified.astimezone().strftime("%Y-%m-%d %H:%M")
        label = escape_text(info.title) if info.title is not None else f"(invalid: {info.problem})"
        print(f"{when}  {escape_text(str(info.path))}  {escape_text(label)}")
    return 0


def register(sub: argparse._SubParsersAction) -> None:  # type: ignore[type-arg]
    """Add ``check``, ``show``, ``export`` and ``plans`` to the ``remote-guide`` parser."""
    plan_help = "the plan's TOML file (or the name of a plan in the data folder)"
    today_help = "compute as if today were this date (YYYY-MM-DD)"

    p = sub.add_parser("check", help="validate a plan file and list every problem")
    p.add_argument("plan", help=plan_help)
    p.set_defaults(func=_check)

    p = sub.add_parser("show", help="summarise a plan: limits, real hourly rates, goals")
    p.add_argument("plan", help=plan_help)
    p.add_argument("--json", action="store_true", help="print the same data as JSON")
    p.add_argument("--today", type=_today, help=today_help)
    p.set_defaults(func=_show)

    p = sub.add_parser("export", help="export a plan as Markdown or an iCalendar file")
    p.add_argument("plan", help=plan_help)
    p.add_argument("--format", choices=("md", "ics"), default="md", help="md (default) or ics")
    p.add_argument("-o", "--output", type=Path, help="write to this file instead of stdout")
    p.add_argument("--today", type=_today, help=today_help)
    p.set_defaults(func=_export)

    p = sub.add_parser("plans", help="list the saved plans in the data folder, newest first")
    p.add_argument("--dir", type=Path, help="list this folder instead of the data folder")
    p.set_defaults(func=_plans)
