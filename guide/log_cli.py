"""The log commands: ``log``, ``entries``, ``edit``, ``delete``, ``start``, ``stop``,
``status``, ``history``, ``review`` and ``import``.

Every change goes through :func:`guide.storage.update_plan`, which holds the plan's lock
from reading to writing, so ``remote-guide log`` from a shell and the open app (or two
shells) never lose each other's entries. Exit codes: 0 done, 1 a problem (the message on
stderr names it, and the file is not changed), 2 usage errors (argparse). Messages are in
the interface language (``--lang``, else settings.toml, else the locale); they come from
``content/strings/cli.toml``. User text is escaped before it reaches the terminal.

The commands take a hidden ``--now`` (an ISO time with offset) so tests choose the clock.
"""

from __future__ import annotations

import argparse
import datetime as dt
import os
import sys
from collections.abc import Callable
from decimal import Decimal, InvalidOperation
from pathlib import Path
from typing import TYPE_CHECKING, Any, TypeVar

from guide.cli_parser import new_parser
from guide.i18n import Lang, detect_lang, t

if TYPE_CHECKING:
    from guide.cli_parser import SubParsers
    from guide.plan import Plan

T = TypeVar("T")


class Refused(Exception):
    """A command that can't be done; the message is ready to print."""


# --- formatting -------------------------------------------------------------------------------


def _esc(text: object) -> str:
    from guide.printable import escape_text

    return escape_text(str(text))


def duration(lang: Lang, minutes: int) -> str:
    """``95`` as ``1 h 35 min`` / ``1 ч 35 мин``."""
    hours, rest = divmod(minutes, 60)
    if hours and rest:
        return t(lang, "cli_hours_minutes", hours=hours, minutes=rest)
    if hours:
        return t(lang, "cli_hours", hours=hours)
    return t(lang, "cli_minutes", minutes=rest)


def money(lang: Lang, value: Decimal | None, currency: str) -> str:
    """An amount written the reader's way: "$3.30", "3,30 $"."""
    from guide.rate import money_text

    return money_text(value, currency, lang)


def day(lang: Lang, value: dt.date) -> str:
    """A date written the reader's way: "20 Nov 2026", "20 ноября 2026"."""
    from guide.i18n import date_text

    return date_text(lang, value)


def _lang(args: argparse.Namespace, plan: Plan | None = None) -> Lang:
    """The interface language (``--lang``, else settings.toml, else the locale), as the
    other commands speak; the plan's language only when called without it."""
    ui: Lang | None = getattr(args, "ui_lang", None)
    if ui is not None:
        return ui
    if args.lang:
        return args.lang  # type: ignore[no-any-return]
    if plan is not None:
        return plan.language.value
    return detect_lang(os.environ)


def _now(args: argparse.Namespace) -> dt.datetime:
    if args.now:
        return args.now  # type: ignore[no-any-return]
    return dt.datetime.now().astimezone().replace(microsecond=0)


def _aware_time(value: str) -> dt.datetime:
    try:
        when = dt.datetime.fromisoformat(value)
    except ValueError:
        when = None
    if when is None or when.tzinfo is None:
        raise argparse.ArgumentTypeError(f"not a time with an offset: {value!r}")
    return when


def _number(lang: Lang, option: str, value: str | None) -> Decimal | None:
    if value is None:
        return None
    try:
        number = Decimal(value.strip())
    except InvalidOperation:
        number = None
    if number is None or not number.is_finite():
        raise Refused(t(lang, "cli_not_a_number", option=option, value=repr(value)))
    return number


def _whole(lang: Lang, option: str, value: str | None) -> int | None:
    if value is None:
        return None
    text = value.strip()
    if not text.lstrip("-").isdigit() or len(text) > 9:
        raise Refused(t(lang, "cli_not_whole", option=option, value=repr(value)))
    return int(text)


def _date(lang: Lang, value: str | None, default: dt.date) -> dt.date:
    if value is None:
        return default
    try:
        return dt.date.fromisoformat(value.strip())
    except ValueError:
        raise Refused(t(lang, "cli_not_a_date", value=repr(value))) from None


def _fail(path: Path, message: str, lang: Lang) -> int:
    from guide.printable import escape_text

    text = t(lang, "cli_unchanged", problem=message)
    print(f"{escape_text(str(path))}: {escape_text(text, multiline=True)}", file=sys.stderr)
    return 1


def _problems(problems: list[str], lang: Lang) -> str:
    from guide.problems import said_text

    return "; ".join(said_text(lang, p) for p in problems) + "."


# --- running a change ---------------------------------------------------------------------------


def _path(args: argparse.Namespace) -> Path:
    from guide.storage import resolve_plan_path

    return resolve_plan_path(args.plan)


def _change(args: argparse.Namespace, change: Callable[[Plan, Lang], T]) -> tuple[int, T | None]:
    """Run ``change`` on the plan under its lock and save; 1 and a message on any problem
    (the file untouched). ``change`` raises Refused, LogError or TimerError to refuse."""
    from pydantic import ValidationError

    from guide.log import LogError
    from guide.printable import escape_text
    from guide.storage import PlanError, load_plan, update_plan, validation_problems
    from guide.timer import TimerError

    path = _path(args)
    lang = _lang(args)

    def run(plan: Plan) -> T:
        nonlocal lang
        lang = _lang(args, plan)
        result = change(plan, lang)
        plan.updated = _now(args)
        return result

    try:
        if not path.exists():
            load_plan(path)  # says "file not found" without leaving a lock file behind
        result, _ = update_plan(path, run)
    except PlanError as e:
        print(escape_text(e.text(lang), multiline=True), file=sys.stderr)
        return 1, None
    except Refused as e:
        return _fail(path, str(e), lang), None
    except TimerError as e:
        return _fail(path, e.said(lang), lang), None
    except LogError as e:
        return _fail(path, _problems(e.problems, lang), lang), None
    except ValidationError as e:  # a change the plan's own checks refuse
        return _fail(path, _problems(validation_problems(e), lang), lang), None
    finally:
        _notice(path, lang)
    return 0, result


def _load(args: argparse.Namespace) -> Plan | None:
    from guide.printable import escape_text
    from guide.storage import PlanError, load_plan

    path = _path(args)
    try:
        plan = load_plan(path).plan
    except PlanError as e:
        print(escape_text(e.text(_lang(args)), multiline=True), file=sys.stderr)
        _notice(path, _lang(args))
        return None
    _notice(path, _lang(args, plan))
    return plan


def _notice(path: Path, lang: str | None) -> None:
    """The one line on stderr naming sync-conflict copies beside the plan, if any."""
    from guide.plan_cli import print_conflict_notice

    print_conflict_notice(path, lang)


# --- log -----------------------------------------------------------------------------------------


def _entry_fields(args: argparse.Namespace, lang: Lang) -> dict[str, Any]:
    return {
        "earned": _number(lang, "earned", args.earned),
        "tasks": _whole(lang, "tasks", args.tasks),
        "approved": _whole(lang, "approved", getattr(args, "approved", None)),
        "rejected": _whole(lang, "rejected", getattr(args, "rejected", None)),
        "note": (args.note or "").strip() or None,
    }


def _logged_line(plan: Plan, lang: Lang, entry: Any, today: dt.date) -> str:
    from guide.plan import EntryKind
    from guide.weekly import study_week

    when = day(lang, entry.date)
    if entry.kind is EntryKind.WORK:
        earned = money(lang, entry.earned, plan.profile.currency)
        return t(
            lang,
            "cli_logged_work",
            minutes=duration(lang, entry.minutes),
            platform=_esc(entry.platform),
            date=when,
            earned=earned,
            id=entry.id,
        )
    week = study_week(plan, entry.goal, entry.date)
    assert week is not None
    return t(
        lang,
        "cli_logged_study",
        minutes=duration(lang, entry.minutes),
        goal=_esc(entry.goal),
        date=when,
        week=duration(lang, week.minutes),
        target=duration(lang, week.target_minutes),
        id=entry.id,
    )


def _log(args: argparse.Namespace) -> int:
    from guide.log import add_entry, make_entry

    now = _now(args)

    def change(plan: Plan, lang: Lang) -> str:
        fields = _entry_fields(args, lang)
        minutes = _whole(lang, "minutes", args.minutes)
        entry = make_entry(
            plan,
            now,
            date=_date(lang, args.date, now.date()),
            minutes=minutes,
            platform=args.platform,
            goal=args.goal,
            **fields,
        )
        add_entry(plan, entry)
        return _logged_line(plan, lang, entry, now.date())

    code, line = _change(args, change)
    if line is not None:
        print(line)
    return code


def entry_line(plan: Plan, lang: Lang, entry: Any) -> str:
    """One entry for ``entries``: id, date, platform or goal, time, earnings, note."""
    from guide.plan import EntryKind

    parts = [entry.id, day(lang, entry.date), _esc(entry.subject), duration(lang, entry.minutes)]
    if entry.kind is EntryKind.WORK:
        parts.append(money(lang, entry.earned, _esc(plan.profile.currency)))
    else:
        parts.append(t(lang, "cli_entry_study"))
    if entry.note:
        parts.append(_esc(entry.note))
    return "  ".join(parts)


def _entries(args: argparse.Namespace) -> int:
    from guide.log import entries

    plan = _load(args)
    if plan is None:
        return 1
    lang = _lang(args, plan)
    found = entries(plan, platform=args.platform, goal=args.goal)
    if args.weeks is not None:
        from guide.derived import week_start

        first = week_start(_now(args).date()) - dt.timedelta(weeks=args.weeks - 1)
        found = [e for e in found if e.date >= first]
    if args.json:
        from guide.export import log_json, summary_json

        shown = plan.model_copy(update={"log": found})
        print(summary_json({"log": log_json(shown)}))
        return 0
    if not found:
        print(t(lang, "cli_history_empty"))
    for entry in found:
        print(entry_line(plan, lang, entry))
    return 0


def _edit(args: argparse.Namespace) -> int:
    from guide.log import edit_entry

    now = _now(args)

    def change(plan: Plan, lang: Lang) -> str:
        fields: dict[str, Any] = {
            k: v for k, v in _entry_fields(args, lang).items() if v is not None
        }
        if args.minutes is not None:
            fields["minutes"] = _whole(lang, "minutes", args.minutes)
        if args.date is not None:
            fields["date"] = _date(lang, args.date, now.date())
        if args.platform is not None:
            fields.update(kind="work", platform=args.platform, goal=None)
        if args.goal is not None:
            fields.update(kind="study", goal=args.goal, platform=None, earned=None, tasks=None)
        done = edit_entry(plan, args.id, now, **fields)
        return t(lang, "cli_edited", entry=entry_line(plan, lang, done.entry))

    code, line = _change(args, change)
    if line is not None:
        print(line)
    return code


def _delete(args: argparse.Namespace) -> int:
    from guide.log import delete_entry

    now = _now(args)

    def change(plan: Plan, lang: Lang) -> str:
        done = delete_entry(plan, args.id, now)
        return t(lang, "cli_deleted", entry=entry_line(plan, lang, done.entry))

    code, line = _change(args, change)
    if line is not None:
        print(line)
    return code


# --- the timer -----------------------------------------------------------------------------------


def _clock(when: dt.datetime, now: dt.datetime) -> str:
    local = when.astimezone(now.tzinfo)
    return f"{local:%H:%M}" if local.date() == now.date() else f"{local:%Y-%m-%d %H:%M}"


def _start(args: argparse.Namespace) -> int:
    from guide.timer import SinceLater, parse_since, start_timer

    now = _now(args)

    def change(plan: Plan, lang: Lang) -> str:
        if plan.timer is not None:
            raise Refused(
                t(
                    lang,
                    "cli_timer_running",
                    subject=_esc(plan.timer.subject),
                    time=_clock(plan.timer.started, now),
                )
            )
        since = None
        if args.since is not None:
            try:
                since = parse_since(args.since, now)
            except SinceLater as later:
                # Not taken as yesterday: 08:00 typed at 04:00 would be a 20-hour session.
                example = f"{later.yesterday:%Y-%m-%d %H:%M}"
                words = t(lang, "cli_since_later", time=f"{later.start:%H:%M}", example=example)
                raise Refused(words) from None
            except ValueError:
                raise Refused(t(lang, "cli_not_a_time", value=repr(args.since))) from None
        timer = start_timer(plan, now, platform=args.platform, goal=args.goal, since=since)
        time = _clock(timer.started, now)
        if args.platform is not None:
            return t(lang, "cli_started_work", platform=_esc(args.platform), time=time)
        return t(lang, "cli_started_study", goal=_esc(args.goal), time=time)

    code, line = _change(args, change)
    if line is not None:
        print(line)
    return code


def _stop(args: argparse.Namespace) -> int:
    from guide.timer import MAX_MINUTES, cancel_timer, elapsed_minutes, stop_timer

    now = _now(args)

    def change(plan: Plan, lang: Lang) -> str:
        timer = plan.timer
        if timer is None:
            raise Refused(t(lang, "cli_timer_none"))
        subject = _esc(timer.subject)
        if args.discard:
            cancel_timer(plan)
            return t(lang, "cli_timer_discarded", subject=subject)
        minutes = _whole(lang, "minutes", args.minutes)
        spent = elapsed_minutes(timer, now) if minutes is None else minutes
        if spent > MAX_MINUTES and minutes is None:
            raise Refused(
                t(lang, "cli_timer_too_long", subject=subject, elapsed=duration(lang, spent))
            )
        entry = stop_timer(plan, now, minutes=minutes, **_entry_fields(args, lang))
        if entry is None:
            return t(lang, "cli_timer_short", subject=subject)
        return _logged_line(plan, lang, entry, now.date())

    code, line = _change(args, change)
    if line is not None:
        print(line)
    return code


def status_lines(plan: Plan, now: dt.datetime, lang: Lang) -> list[str]:
    """What ``status`` prints: the running timer, and the time left today and this week."""
    from guide.timer import timer_status

    status = timer_status(plan, now)
    lines: list[str] = []
    if status.timer is None:
        lines.append(t(lang, "cli_timer_none"))
    else:
        lines.append(
            t(
                lang,
                "cli_status_running",
                subject=_esc(status.timer.subject),
                time=_clock(status.timer.started, now),
                elapsed=duration(lang, status.elapsed_minutes),
            )
        )
    limits = plan.limits
    lines.append(
        t(
            lang,
            "cli_status_today",
            used=duration(lang, status.today_minutes),
            limit=duration(lang, limits.daily_minutes),
            left=duration(lang, status.left_today),
        )
    )
    lines.append(
        t(
            lang,
            "cli_status_week",
            used=duration(lang, status.week_minutes),
            limit=duration(lang, limits.weekly_minutes),
            left=duration(lang, status.left_week),
        )
    )
    if not status.working_day:
        lines.append(t(lang, "cli_status_not_working_day"))
    if status.limit_reached and status.timer is not None and status.timer.platform is not None:
        lines.append(t(lang, "cli_status_limit"))
    return lines


def _status(args: argparse.Namespace) -> int:
    plan = _load(args)
    if plan is None:
        return 1
    for line in status_lines(plan, _now(args), _lang(args, plan)):
        print(line)
    return 0


# --- history ---------------------------------------------------------------------------------


def history_text(plan: Plan, today: dt.date, lang: Lang, weeks: int | None) -> str:
    """``history`` as a table, newest week first, then this month's and year's totals."""
    from guide.weekly import month_totals, weekly_history, year_totals

    rows = weekly_history(plan, today, weeks)
    if not rows:
        return t(lang, "cli_history_empty") + "\n"
    cur = _esc(plan.profile.currency)
    head = [t(lang, k) for k in ("cli_history_week", "cli_history_work", "cli_history_study")]
    head += [t(lang, "cli_history_earned"), t(lang, "cli_history_rate")]
    table = [head]
    for w in rows:
        rate = w.real_rate
        table.append(
            [
                f"{w.week} ({day(lang, w.start)})",
                duration(lang, w.work_minutes),
                duration(lang, w.study_minutes),
                money(lang, w.earned, cur),
                "—" if rate is None else t(lang, "cli_per_hour", money=money(lang, rate, cur)),
            ]
        )
    widths = [max(len(r[i]) for r in table) for i in range(len(head))]
    lines = ["  ".join(cell.ljust(widths[i]) for i, cell in enumerate(r)).rstrip() for r in table]
    lines.append("")
    for key, totals in (
        ("cli_history_month", month_totals(plan, today)),
        ("cli_history_year", year_totals(plan, today)),
    ):
        lines.append(
            t(
                lang,
                key,
                earned=money(lang, totals.earned, cur),
                fees=money(lang, totals.withdrawal_fees, cur),
                tax=money(lang, totals.tax, cur),
                net=money(lang, totals.net, cur),
            )
        )
    return "\n".join(lines) + "\n"


def _history(args: argparse.Namespace) -> int:
    plan = _load(args)
    if plan is None:
        return 1
    today = _now(args).date()
    if args.json:
        from guide.export import summary_json
        from guide.weekly import history_json

        print(summary_json(history_json(plan, today, args.weeks)))
    else:
        sys.stdout.write(history_text(plan, today, _lang(args, plan), args.weeks))
    return 0


# --- import ------------------------------------------------------------------------------------


def _import(args: argparse.Namespace) -> int:
    from guide.csvlog import CsvError, import_csv
    from guide.problems import Problem, os_problem, said_text

    source: Path = args.file
    lang = _lang(args)
    try:
        data = source.read_bytes()
        text = data.decode("utf-8-sig")
    except OSError as e:
        problem = said_text(lang, os_problem(e))
        print(_esc(t(lang, "cli_csv_unreadable", file=source, problem=problem)), file=sys.stderr)
        return 1
    except UnicodeDecodeError as e:
        problem = said_text(lang, Problem("problem_csv_not_utf8", byte=e.start + 1))
        print(_esc(t(lang, "cli_csv_unreadable", file=source, problem=problem)), file=sys.stderr)
        return 1
    now = _now(args)

    def change(plan: Plan, lang: Lang) -> str:
        try:
            defaults = {"platform": args.platform} if args.platform else {}
            if args.goal:
                defaults = {"goal": args.goal, "kind": "study"}
            result = import_csv(plan, text, now, args.map, defaults)
        except CsvError as e:
            raise Refused(t(lang, "cli_bad_csv", file=source, problem=e.said(lang))) from None
        return t(lang, "cli_imported", file=source, added=len(result.added), skipped=result.skipped)

    code, line = _change(args, change)
    if line is not None:
        print(_esc(line))
    return code


# --- review ----------------------------------------------------------------------------------


def review_lines(plan: Plan, today: dt.date, lang: Lang) -> list[str]:
    """What ``review`` prints without a decision: whether one is due and why, the numbers
    since the last review, and the decisions with the articles to read first."""
    from guide.plan import Decision
    from guide.review import advice, review_due, review_numbers

    cur = _esc(plan.profile.currency)
    due = review_due(plan, today)
    lines: list[str] = []
    if due is None:
        lines.append(t(lang, "cli_review_not_due", date=day(lang, plan.limits.review_date)))
    else:
        if due.date_reached:
            lines.append(t(lang, "cli_review_due_date", date=day(lang, due.review_date)))
        for hit in due.stop_hits:
            per_hour = t(lang, "cli_per_hour", money=money(lang, hit.rate, cur))
            lines.append(t(lang, "cli_review_due_rule", platform=_esc(hit.platform), rate=per_hour))
    numbers = review_numbers(plan, today)
    totals = numbers.totals
    rate = totals.real_rate
    lines.append(
        t(
            lang,
            "cli_review_numbers",
            since=day(lang, totals.start),
            work=duration(lang, totals.work_minutes),
            earned=money(lang, totals.earned, cur),
            net=money(lang, totals.net, cur),
            rate="—" if rate is None else t(lang, "cli_per_hour", money=money(lang, rate, cur)),
            study=duration(lang, totals.study_minutes),
        )
    )
    lines.append(
        t(
            lang,
            "cli_review_milestones",
            done=numbers.milestones_done,
            open=numbers.milestones_open,
            overdue=numbers.milestones_overdue,
        )
    )
    lines.append(t(lang, "cli_review_choices"))
    for decision in Decision:
        words = t(lang, f"cli_decision_{decision.value}")
        lines.append(f"  {decision.value:<20} {words} ({', '.join(advice(decision))})")
    return lines


def _review(args: argparse.Namespace) -> int:
    today = args.today or _now(args).date()
    if args.decision is None:
        plan = _load(args)
        if plan is None:
            return 1
        print("\n".join(review_lines(plan, today, _lang(args, plan))))
        return 0
    from guide.review import ReviewError, record_review

    def change(plan: Plan, lang: Lang) -> str:
        try:
            review = record_review(
                plan,
                today,
                args.decision,
                args.reason or "",
                next_review=_date(lang, args.next, today) if args.next else None,
                platform=args.platform,
                goal=args.goal,
                weekly_minutes=_whole(lang, "weekly-minutes", args.weekly_minutes),
                hours_per_week=_whole(lang, "hours", args.hours),
            )
        except ReviewError as e:
            raise Refused(_problems(e.problems, lang)) from None
        words = t(lang, f"cli_decision_{review.decision.value}")
        return t(lang, "cli_review_recorded", decision=words, date=day(lang, review.next_review))

    code, line = _change(args, change)
    if line is not None:
        print(line)
    return code


# --- the parser --------------------------------------------------------------------------------


def _weeks(lang: Lang) -> Callable[[str], int]:
    def parse(value: str) -> int:
        if not value.isdigit() or not 1 <= int(value) <= 1000:
            raise argparse.ArgumentTypeError(t(lang, "cli_bad_weeks", value=value))
        return int(value)

    parse.__name__ = "weeks"
    return parse


def _mapping(lang: Lang) -> Callable[[str], dict[str, str]]:
    def parse(value: str) -> dict[str, str]:
        from guide.csvlog import parse_mapping
        from guide.problems import ProblemError, said_text

        try:
            return parse_mapping(value)
        except ProblemError as e:
            raise argparse.ArgumentTypeError(said_text(lang, e.problem)) from None

    parse.__name__ = "mapping"
    return parse


def _subject(p: argparse.ArgumentParser, lang: Lang) -> None:
    which = p.add_mutually_exclusive_group(required=True)
    which.add_argument("--platform", metavar=t(lang, "mv_name"), help=t(lang, "help_work_on"))
    which.add_argument("--goal", metavar=t(lang, "mv_skill"), help=t(lang, "help_study_for"))


def _common(p: argparse.ArgumentParser, lang: Lang) -> None:
    p.add_argument("plan", metavar=t(lang, "mv_plan"), help=t(lang, "help_plan_arg"))
    p.add_argument("--now", type=_aware_time, help=argparse.SUPPRESS)


def _work_fields(p: argparse.ArgumentParser, lang: Lang) -> None:
    p.add_argument("--earned", metavar=t(lang, "mv_amount"), help=t(lang, "help_earned"))
    p.add_argument("--tasks", metavar="N", help=t(lang, "help_tasks"))
    p.add_argument("--note", metavar=t(lang, "mv_text"), help=t(lang, "help_note"))


def _only(p: argparse.ArgumentParser, lang: Lang, platform: str, goal: str) -> None:
    which = p.add_mutually_exclusive_group()
    which.add_argument("--platform", metavar=t(lang, "mv_name"), help=t(lang, platform))
    which.add_argument("--goal", metavar=t(lang, "mv_skill"), help=t(lang, goal))


def _add(sub: SubParsers, lang: Lang, name: str) -> argparse.ArgumentParser:
    """A log command's parser (its help under ``help_NAME``), with the plan argument."""
    p = new_parser(lang, sub, name, help=t(lang, f"help_{name}"))
    _common(p, lang)
    return p


def register(sub: SubParsers, lang: Lang) -> None:
    """Add the log commands (see the module's docstring) to the ``remote-guide`` parser."""
    n, day_mv = "N", t(lang, "mv_date")
    p = _add(sub, lang, "log")
    p.add_argument("--minutes", required=True, metavar=n, help=t(lang, "help_minutes"))
    _subject(p, lang)
    _work_fields(p, lang)
    p.add_argument("--approved", metavar=n, help=t(lang, "help_approved"))
    p.add_argument("--rejected", metavar=n, help=t(lang, "help_rejected"))
    p.add_argument("--date", metavar=day_mv, help=t(lang, "help_date"))
    p.set_defaults(func=_log)

    p = _add(sub, lang, "entries")
    _only(p, lang, "help_only_platform", "help_only_goal")
    p.add_argument("--weeks", type=_weeks(lang), metavar=n, help=t(lang, "help_weeks"))
    p.add_argument("--json", action="store_true", help=t(lang, "help_entries_json"))
    p.set_defaults(func=_entries)

    p = _add(sub, lang, "edit")
    p.add_argument("id", metavar=t(lang, "mv_id"), help=t(lang, "help_entry_id"))
    p.add_argument("--minutes", metavar=n, help=t(lang, "help_minutes"))
    _only(p, lang, "help_make_work", "help_make_study")
    _work_fields(p, lang)
    p.add_argument("--date", metavar=day_mv, help=t(lang, "help_the_day"))
    p.set_defaults(func=_edit)

    p = _add(sub, lang, "delete")
    p.add_argument("id", metavar=t(lang, "mv_id"), help=t(lang, "help_entry_id"))
    p.set_defaults(func=_delete)

    p = _add(sub, lang, "start")
    _subject(p, lang)
    p.add_argument("--since", metavar=t(lang, "mv_time"), help=t(lang, "help_since"))
    p.set_defaults(func=_start)

    p = _add(sub, lang, "stop")
    _work_fields(p, lang)
    p.add_argument("--minutes", metavar=n, help=t(lang, "help_stop_minutes"))
    p.add_argument("--discard", action="store_true", help=t(lang, "help_discard"))
    p.set_defaults(func=_stop)

    p = _add(sub, lang, "status")
    p.set_defaults(func=_status)

    p = _add(sub, lang, "history")
    p.add_argument("--weeks", type=_weeks(lang), metavar=n, help=t(lang, "help_weeks"))
    p.add_argument("--json", action="store_true", help=t(lang, "help_history_json"))
    p.set_defaults(func=_history)

    p = _add(sub, lang, "review")
    _review_arguments(p, lang)
    p.set_defaults(func=_review)

    p = _add(sub, lang, "import")
    p.add_argument("file", type=Path, metavar=t(lang, "mv_csv"), help=t(lang, "help_csv_file"))
    p.add_argument(
        "--map", type=_mapping(lang), metavar=t(lang, "mv_map"), help=t(lang, "help_map")
    )
    _only(p, lang, "help_import_default", "help_import_default")
    p.set_defaults(func=_import)


def _review_arguments(p: argparse.ArgumentParser, lang: Lang) -> None:
    p.add_argument(
        "--decision",
        choices=(
            "keep_going",
            "cut_hours",
            "drop_platform",
            "switch_to_skill",
            "stop_microtasks",
            "move_hours_to_study",
        ),
        help=t(lang, "help_decision"),
    )
    p.add_argument("--reason", metavar=t(lang, "mv_text"), help=t(lang, "help_reason"))
    p.add_argument("--next", metavar=t(lang, "mv_date"), help=t(lang, "help_next"))
    p.add_argument("--platform", metavar=t(lang, "mv_name"), help=t(lang, "help_drop_platform"))
    p.add_argument("--goal", metavar=t(lang, "mv_skill"), help=t(lang, "help_switch_goal"))
    p.add_argument("--weekly-minutes", metavar="N", help=t(lang, "help_weekly_minutes"))
    p.add_argument("--hours", metavar="N", help=t(lang, "help_move_hours_review"))
    p.add_argument("--today", type=dt.date.fromisoformat, help=argparse.SUPPRESS)
