"""The merge commands: ``merge`` (conflict copies or other copies into a plan) and
``merge-driver`` (a git merge driver).

``remote-guide merge PLAN [OTHER...] [--dry-run]`` merges each OTHER (default: the
sync-conflict copies beside PLAN, see ``guide.conflicts``) into PLAN, two-way, in one
atomic save under the plan's lock (the plan is read again under the lock, so a ``log``
from another shell meanwhile is kept). It prints what each copy brought in the interface
language (``--lang``, else the settings, else the locale), a copy's problems too.
Afterwards each merged conflict copy beside the plan moves into the plan's backup folder
``.NAME.toml.backups/``; a file named explicitly that is not a conflict copy beside the
plan stays where it is. A copy that is not a valid plan is reported with its
problems and left alone. Exit status: 0 when every copy merged (or there were none), 1
when a copy or the plan is invalid or the save failed.

``remote-guide merge-driver %O %A %B [%P]`` is the three-way merge git runs with
``merge=remote-guide`` in ``.gitattributes`` and ``git config merge.remote-guide.driver
"remote-guide merge-driver %O %A %B"``: it writes the merged plan to %A and exits 0, or
leaves %A alone and exits 1 when a version isn't a valid plan (git then reports a
conflict). The summary goes to stderr. An empty %O (the file was added on both branches)
means a two-way merge.
"""

from __future__ import annotations

import argparse
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING

from guide.cli_parser import new_parser
from guide.i18n import Lang, t

if TYPE_CHECKING:
    from guide.cli_parser import SubParsers
    from guide.merge import MergeSummary
    from guide.plan import Plan


def _shown(text: object) -> str:
    from guide.printable import escape_text

    return escape_text(str(text))


def _os_line(error: OSError, lang: Lang) -> str:
    """What the system said about a file, in ``lang``, naming the file."""
    from guide.problems import os_problem, said_text

    said = said_text(lang, os_problem(error))
    return f"{error.filename}: {said}" if error.filename is not None else said


def _err(*lines: str) -> None:
    for line in lines:
        print(line, file=sys.stderr)


def _problems(problems: Iterable[str], lang: Lang) -> list[str]:
    """A copy's or the plan's problems, one indented line each, said in ``lang``."""
    from guide.printable import escape_text
    from guide.problems import said_text

    return [f"  {escape_text(said_text(lang, p), multiline=True)}" for p in problems]


def _print_summary(header: str, summary: MergeSummary, lang: Lang, currency: str) -> None:
    from guide.merge_text import summary_lines

    print(header)
    for line in summary_lines(summary, lang, currency):
        print(f"  {_shown(line)}")


def _merge(args: argparse.Namespace) -> int:
    from guide.conflicts import conflict_copies, load_copies
    from guide.merge import MergeError, adopt, merge_all
    from guide.storage import PlanError, load_plan, resolve_plan_path, update_plan

    lang: Lang = args.ui_lang
    path = resolve_plan_path(args.plan)
    try:
        loaded = load_plan(path)
    except PlanError as e:
        _err(_shown(e.path), *_problems(e.problems, lang))
        return 1
    others: list[Path] = list(args.others) or conflict_copies(path)
    if not others:
        print(t(lang, "merge_none_found", plan=_shown(path)))
        return 0
    read = load_copies(path, others)
    for other in read.skipped:
        print(t(lang, "merge_same_file", copy=_shown(other)))
    for other, problems in read.invalid:
        _err(t(lang, "merge_invalid", copy=_shown(other)), *_problems(problems, lang))
    copies, bad = read.valid, len(read.invalid)
    if not copies:
        return 1
    plans = [plan for _, plan in copies]

    def change(plan: Plan) -> list[MergeSummary]:
        merged, summaries = merge_all(plan, plans)
        adopt(plan, merged)
        return summaries

    try:
        if args.dry_run:
            summaries = merge_all(loaded.plan, plans)[1]
        else:
            summaries, saved = update_plan(path, change)
    except MergeError as e:
        _err(t(lang, "merge_failed", plan=_shown(path)), *_problems(e.problems, lang))
        return 1
    except PlanError as e:
        _err(_shown(e.path), *_problems(e.problems, lang))
        return 1
    currency = loaded.plan.profile.currency
    key = "merge_dry_from" if args.dry_run else "merge_from"
    for (copy, _), summary in zip(copies, summaries, strict=True):
        _print_summary(t(lang, key, copy=_shown(copy), plan=_shown(path)), summary, lang, currency)
    if args.dry_run:
        print(t(lang, "merge_dry_run"))
        return 1 if bad else 0
    done = "merge_unchanged" if saved.same_content(loaded.fingerprint) else "merge_saved"
    print(t(lang, done, plan=_shown(path)))
    moved_ok = _keep_copies([copy for copy, _ in copies], path, lang)
    return 1 if bad or not moved_ok else 0


def _keep_copies(copies: list[Path], path: Path, lang: Lang) -> bool:
    """Move the merged conflict copies into the plan's backup folder; False if one failed."""
    from guide.conflicts import is_conflict_copy_of, keep_merged, merged_dir
    from guide.problems import os_problem, said_text

    ok = True
    for copy in copies:
        if not is_conflict_copy_of(copy, path):
            print(t(lang, "merge_left", copy=_shown(copy)))
            continue
        try:
            target = keep_merged(copy, path)
        except OSError as e:
            folder = _shown(merged_dir(path))
            error = _shown(said_text(lang, os_problem(e)))
            _err(t(lang, "merge_move_failed", copy=_shown(copy), folder=folder, error=error))
            ok = False
            continue
        print(t(lang, "merge_moved", copy=_shown(copy.name), target=_shown(target)))
    return ok


def _driver(args: argparse.Namespace) -> int:
    from guide.merge import MergeError, merge
    from guide.storage import PlanError, load_plan, plan_to_toml, write_atomic

    name = args.name or args.ours
    lang: Lang = args.ui_lang
    try:
        ours = load_plan(args.ours).plan
        theirs = load_plan(args.theirs).plan
        empty = args.base.stat().st_size == 0
        base = None if empty else load_plan(args.base).plan
        result = merge(ours, theirs, base)
        text = plan_to_toml(result.plan, name)
    except (PlanError, MergeError) as e:
        _err(t(lang, "merge_driver_failed", file=_shown(name)), *_problems(e.problems, lang))
        return 1
    except OSError as e:
        failed = t(lang, "merge_driver_failed", file=_shown(name))
        _err(failed, *_problems([_os_line(e, lang)], lang))
        return 1
    try:
        write_atomic(args.ours, text.encode("utf-8"))
    except OSError as e:
        failed = t(lang, "merge_driver_failed", file=_shown(name))
        _err(failed, *_problems([_os_line(e, lang)], lang))
        return 1
    from guide.merge_text import summary_lines

    _err(t(lang, "merge_driver_done", file=_shown(name)))
    _err(
        *(
            f"  {_shown(line)}"
            for line in summary_lines(result.summary, lang, ours.profile.currency)
        )
    )
    return 0


def register(sub: SubParsers, lang: Lang) -> None:
    """Add ``merge`` and ``merge-driver`` to the ``remote-guide`` parser."""
    p = new_parser(
        lang,
        sub,
        "merge",
        help=t(lang, "help_merge"),
        description=t(lang, "help_merge_description"),
    )
    p.add_argument("plan", metavar=t(lang, "mv_plan"), help=t(lang, "help_plan_arg"))
    p.add_argument(
        "others",
        nargs="*",
        type=Path,
        metavar=t(lang, "mv_other"),
        help=t(lang, "help_merge_others"),
    )
    p.add_argument("--dry-run", action="store_true", help=t(lang, "help_dry_run"))
    p.set_defaults(func=_merge)

    p = new_parser(
        lang,
        sub,
        "merge-driver",
        help=t(lang, "help_driver"),
        description=t(lang, "help_driver_description"),
    )
    for dest, metavar in (("base", "mv_base"), ("ours", "mv_ours"), ("theirs", "mv_theirs")):
        p.add_argument(
            dest, type=Path, metavar=t(lang, metavar), help=t(lang, f"help_driver_{dest}")
        )
    p.add_argument("name", nargs="?", metavar=t(lang, "mv_path"), help=t(lang, "help_driver_name"))
    p.set_defaults(func=_driver)
