"""Plans on disk: TOML files that are read safely and saved without ever losing data.

Reading (:func:`load_plan`) never writes anything and never raises anything but
:class:`PlanError`, whose ``problems`` say what is wrong: file not found or not
readable, not UTF-8, not TOML (with line and column), a TOML that isn't a plan (every bad
field with its path, e.g. ``platforms[2].fee_percent: must be between 0 and 100``; keys
are cut to :data:`MAX_KEY_SHOWN` characters, their control characters escaped), or a
``schema_version`` newer than this program. Files are read with ``parse_float=Decimal``,
so amounts such as ``0.30`` keep their exact decimal value.

Unknown keys are rejected, not kept and not dropped: a key the plan doesn't define
(a typo such as ``fee_percnt``, or a setting from a newer version) is an error naming the
key's full path, so a later save can never silently lose it. A newer program that adds a
key also raises ``schema_version``, and this program then refuses the file as too new.

Saving (:func:`save_plan`) is atomic: the new text goes to a temporary file in the same
folder, is flushed and fsynced, then renamed over the plan, and the folder is fsynced; the
previous version is kept as ``NAME.toml.bak`` (written the same way) and both files get
mode 0600; folders it creates are 0700 whatever the umask, and temporary files left by a
save that was killed are removed by the next save (:func:`remove_orphans`). If the file
changed on disk since it was loaded (its size or SHA-256 differ from the
:class:`Fingerprint` taken at load), saving raises :class:`SaveConflict` unless
``overwrite=True``. The check and the rename happen under an exclusive lock on
``.NAME.toml.lock`` beside the plan (:func:`plan_lock`), so two programs saving the same
file can't both pass the check; :func:`update_plan` holds the same lock from reading to
writing, for read-modify-write callers such as ``remote-guide log``. Before writing, the
new text is parsed back and compared with the plan, so what is written always loads.

Migrations: ``MIGRATIONS[n]`` turns a version-``n`` document (a plain dict straight from
TOML) into version ``n + 1``; loading runs them in turn up to :data:`SCHEMA_VERSION` in
memory only (the file changes when the user next saves, and the old text stays in the
``.bak``). Version 0 is the pre-release layout of remote-guide 0.0 (see
:func:`_v0_to_v1`).
"""

from __future__ import annotations

import datetime as dt
import hashlib
import os
import re
import tempfile
import time
import tomllib
from collections.abc import Callable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal
from pathlib import Path
from stat import S_ISDIR, S_ISREG
from typing import Any, TypeVar

from pydantic import TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from guide import parsed_cache
from guide.i18n import Lang
from guide.paths import make_private_dir, plans_dir
from guide.plan import SCHEMA_VERSION, CrossFieldProblems, LogEntry, Plan
from guide.printable import escape_text
from guide.problems import Problem, ProblemError, os_problem, said_text, toml_problem

MAX_BYTES = 8 * 1024 * 1024
"""Largest plan file read (a plan with 1000 log entries is about 100 KB)."""
MAX_PROBLEMS = 100
"""At most this many problems are listed; the rest are counted."""
FILE_MODE = 0o600
HEADER = (
    "# A remote-guide plan. After editing it by hand, check it with:\n"
    "#   remote-guide check THIS_FILE\n"
    "# remote-guide rewrites this file when it saves: comments are not kept.\n\n"
)

Document = dict[str, Any]
T = TypeVar("T")


# --- errors and results ------------------------------------------------------------------


class PlanError(Exception):
    """A plan file can't be read, isn't a valid plan, or can't be saved."""

    def __init__(self, path: Path | str, problems: list[str]) -> None:
        self.path = Path(path)
        self.problems = list(problems) or [Problem("problem_unknown")]
        super().__init__(str(self))

    def __str__(self) -> str:
        return "\n".join(f"{self.path}: {problem}" for problem in self.problems)

    def text(self, lang: Lang) -> str:
        """The problems in ``lang``, one line each, each naming the file."""
        return "\n".join(f"{self.path}: {said_text(lang, p)}" for p in self.problems)


class SaveConflict(PlanError):
    """The file changed on disk since it was loaded; save with ``overwrite=True`` to replace
    it anyway (its current text is then kept as the ``.bak``)."""

    def __init__(self, path: Path | str, reason: str) -> None:
        super().__init__(path, [Problem("problem_conflict", reason=reason)])


@dataclass(frozen=True)
class Fingerprint:
    """What a file looked like when it was read or written."""

    mtime_ns: int
    size: int
    sha256: str

    @classmethod
    def of(cls, data: bytes, stat: os.stat_result) -> Fingerprint:
        return cls(stat.st_mtime_ns, len(data), hashlib.sha256(data).hexdigest())

    def same_content(self, other: Fingerprint) -> bool:
        """Same bytes (a changed mtime alone, e.g. ``touch``, is not a change)."""
        return self.size == other.size and self.sha256 == other.sha256


@dataclass(frozen=True)
class LoadedPlan:
    """A plan as loaded: pass ``fingerprint`` back to :func:`save_plan` as ``expected``."""

    plan: Plan
    path: Path
    fingerprint: Fingerprint
    migrated_from: int | None = None


@dataclass(frozen=True)
class PlanInfo:
    """One entry of :func:`list_plans`."""

    path: Path
    modified: dt.datetime
    title: str | None
    problem: str | None
    copies: int = 0
    """Sync-conflict copies beside it (guide.conflicts); they are not listed as plans."""


# --- migrations ----------------------------------------------------------------------------


class MigrationProblems(ValueError):
    """Values an old layout can't be converted from, each as ``path: message``."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def _number_within(value: object, high: int) -> Decimal | None:
    """``value`` as a Decimal if it is a number from 0 to ``high``; None if it isn't a
    number at all (left for validation to report). ValueError for a number out of range,
    checked before any arithmetic, so ``1e1000000`` can't overflow."""
    if isinstance(value, bool) or not isinstance(value, int | Decimal):
        return None
    number = Decimal(value)
    if not number.is_finite():
        finite = Problem("problem_finite")
        raise ProblemError("problem_found", message=finite, value=_show(value))
    if not 0 <= number <= high:
        between = Problem("problem_between", low=0, high=high)
        raise ProblemError("problem_found", message=between, value=_show(value))
    return number


def _hours_to_minutes(high: int) -> Callable[[object], object]:
    def convert(value: object) -> object:
        hours = _number_within(value, high)
        if hours is None:
            return value
        return int((hours * 60).to_integral_value(ROUND_HALF_UP))

    return convert


def _fraction_to_percent(value: object) -> object:
    fraction = _number_within(value, 1)
    return value if fraction is None else fraction * 100


def _same(value: object) -> object:
    return value


class _Renamer:
    """Renames keys of one document, collecting the values that can't be converted."""

    def __init__(self) -> None:
        self.problems: list[str] = []

    def rename(
        self, table: Document, where: str, old: str, new: str, convert: Callable[[Any], Any]
    ) -> None:
        if old in table and new not in table:
            try:
                table[new] = convert(table[old])
            except ValueError as e:
                at = f"{where}{_cut(old)}"
                self.problems.append(Problem("problem_at", path=at, message=_said(e)))
                return
            del table[old]


def _tables(value: object) -> list[tuple[int, Document]]:
    if not isinstance(value, list):
        return []
    return [(i, t) for i, t in enumerate(value) if isinstance(t, dict)]


def _v0_to_v1(doc: Document) -> Document:
    """Version 0, written by the 0.0 pre-releases, differs from version 1 in four places:

    - the plan's title was ``name``;
    - limits were hours: ``limits.daily_hours`` and ``limits.weekly_hours`` (numbers),
      now ``daily_minutes`` and ``weekly_minutes`` (whole minutes, rounded);
    - a platform's fee was a fraction, ``platforms[].fee = 0.2``, now
      ``fee_percent = 20``;
    - the log was ``[[sessions]]`` with ``hours``, now ``[[log]]`` with ``minutes``.

    Keys that are not where version 0 put them, or already exist under the new name, are
    left alone, so validation reports them instead of the migration dropping them; so are
    values that are not numbers. Numbers out of range (hours beyond a day or a week, a fee
    fraction above 1, NaN) raise :class:`MigrationProblems` naming the version-0 key.
    """
    out = dict(doc)
    out["schema_version"] = 1
    renamer = _Renamer()
    renamer.rename(out, "", "name", "title", _same)
    if isinstance(out.get("limits"), dict):
        limits = out["limits"] = dict(out["limits"])
        renamer.rename(limits, "limits.", "daily_hours", "daily_minutes", _hours_to_minutes(24))
        renamer.rename(limits, "limits.", "weekly_hours", "weekly_minutes", _hours_to_minutes(168))
    if isinstance(out.get("platforms"), list):
        out["platforms"] = [dict(p) if isinstance(p, dict) else p for p in out["platforms"]]
        for i, platform in _tables(out["platforms"]):
            renamer.rename(platform, f"platforms[{i}].", "fee", "fee_percent", _fraction_to_percent)
    renamer.rename(out, "", "sessions", "log", _same)
    if isinstance(out.get("log"), list):
        out["log"] = [dict(e) if isinstance(e, dict) else e for e in out["log"]]
        for i, entry in _tables(out["log"]):
            renamer.rename(entry, f"sessions[{i}].", "hours", "minutes", _hours_to_minutes(24))
    if renamer.problems:
        raise MigrationProblems(renamer.problems)
    return out


def _v1_to_v2(doc: Document) -> Document:
    """Version 2 adds, all optional, so a version-1 document needs only its number raised:

    - log entries have an ``id`` (given on load when missing, see :func:`assign_ids`), a
      ``kind`` (``work``, the default, or ``study`` with a ``goal``), optional ``tasks``,
      ``approved``, ``rejected``, ``note`` and a ``changed`` time;
    - ``[[reviews]]`` (decisions taken at reviews), ``[timer]`` (a running session timer)
      and ``[[deleted]]`` (ids of deleted entries, so merges don't bring them back).
    """
    out = dict(doc)
    out["schema_version"] = 2
    return out


MIGRATIONS: dict[int, Callable[[Document], Document]] = {0: _v0_to_v1, 1: _v1_to_v2}
"""``MIGRATIONS[n]`` turns a version-``n`` document into version ``n + 1``."""


def migrate(doc: Document) -> tuple[Document, int | None]:
    """``doc`` in the current layout, and the version it was migrated from (None if none).

    A missing or non-integer ``schema_version`` is left for validation to report.
    Raises ``ValueError`` with a message for versions this program can't read.
    """
    version = doc.get("schema_version")
    if not isinstance(version, int) or isinstance(version, bool) or version == SCHEMA_VERSION:
        return doc, None
    if version > SCHEMA_VERSION:
        raise ProblemError("problem_too_new", version=version, newest=SCHEMA_VERSION)
    if version not in MIGRATIONS:
        raise ProblemError("problem_no_such_version", version=version)
    start = version
    while version < SCHEMA_VERSION:
        doc = MIGRATIONS[version](doc)
        version += 1
    return doc, start


def _canonical(value: object) -> str:
    if isinstance(value, dict):
        items = sorted((str(k), _canonical(v)) for k, v in value.items())
        return "{" + ",".join(f"{k}={v}" for k, v in items) + "}"
    if isinstance(value, list):
        return "[" + ",".join(_canonical(v) for v in value) + "]"
    return f"{type(value).__name__}:{value}"


def _digest(text: str) -> str:
    return hashlib.sha256(text.encode("utf-8", "surrogatepass")).hexdigest()[:12]


def assign_ids(doc: Document, key: str) -> Document:
    """``doc`` with an ``id`` on every table of ``doc[key]`` (``log`` or ``reviews``).

    A table without one (an older plan, a hand edit) gets the first 12 hex digits of the
    SHA-256 of its position and content, so reading the same file again, or the same file
    on another machine, gives the same ids (a merge of two copies of one old plan then
    matches their entries). Ids already in the file are kept; a derived id that one of
    them already uses is derived again with a counter.
    """
    tables = doc.get(key)
    if not isinstance(tables, list) or all(not isinstance(t, dict) or "id" in t for t in tables):
        return doc
    used = {t["id"] for _, t in _tables(tables) if isinstance(t.get("id"), str)}
    out: list[object] = []
    for i, table in enumerate(tables):
        if isinstance(table, dict) and "id" not in table:
            content, n = f"{key}\x1f{i}\x1f{_canonical(table)}", 0
            new = _digest(content)
            while new in used:
                n += 1
                new = _digest(f"{content}\x1f{n}")
            used.add(new)
            table = {"id": new, **table}
        out.append(table)
    return {**doc, key: out}


# --- validation messages -------------------------------------------------------------------


MAX_KEY_SHOWN = 60
"""Keys longer than this are cut when a message names them."""


def _cut(key: str) -> str:
    """A key as a message names it: cut when long, control characters escaped (a key is
    anything in quotes, line breaks and escape sequences included)."""
    key = key if len(key) <= MAX_KEY_SHOWN else key[: MAX_KEY_SHOWN - 3] + "..."
    return escape_text(key)


def _path(loc: tuple[int | str, ...]) -> str:
    out = ""
    for part in loc:
        out += f"[{part}]" if isinstance(part, int) else f"{'.' if out else ''}{_cut(part)}"
    return out


def _show(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict):
        return Problem("problem_a_table")
    if isinstance(value, list):
        return Problem("problem_a_list")
    if isinstance(value, str):
        text = repr(value)
        return text if len(text) <= 40 else text[:36] + "...'"
    if isinstance(value, dt.date | dt.time):
        return value.isoformat()
    text = str(value)
    return text if len(text) <= 40 else text[:37] + "..."


_TYPE_MESSAGES = {
    "int_type": "problem_int_type",
    "string_type": "problem_string_type",
    "bool_type": "problem_bool_type",
    "date_type": "problem_date_type",
    "datetime_type": "problem_datetime_type",
    "timezone_aware": "problem_timezone_aware",
    "list_type": "problem_list_type",
    "model_type": "problem_table_type",
    "model_attributes_type": "problem_table_type",
    "dict_type": "problem_table_type",
    "string_unicode": "problem_string_unicode",
}
_PATTERNS = {
    "currency": "problem_currency",
    "catalogue_id": "problem_catalogue_id",
    "id": "problem_id_form",
}


def _found(message: Problem, err: ErrorDetails) -> Problem:
    return Problem("problem_found", message=message, value=_show(err["input"]))


def _expected(text: str) -> str:
    """pydantic's "'a', 'b' or 'c'" with its "or" in every language."""
    head, sep, last = text.rpartition(" or ")
    return Problem("problem_or", head=head, last=last) if sep else text


def _message(err: ErrorDetails) -> str:
    """pydantic's error as a :class:`Problem` in the plan's words (its ctx values, such
    as max_length, filled in)."""
    kind, ctx = err["type"], err.get("ctx", {})
    if kind == "missing":
        return Problem("problem_missing")
    if kind == "extra_forbidden":
        return Problem("problem_extra")
    if kind == "value_error":
        cause = ctx.get("error")
        message = cause.problem if isinstance(cause, ProblemError) else str(cause or err["msg"])
        if isinstance(message, Problem) and message.key == "problem_number":
            return _found(message, err)  # true/false has its own message
        return message
    if kind == "enum":
        return _found(Problem("problem_one_of", expected=_expected(ctx.get("expected", ""))), err)
    if kind in _TYPE_MESSAGES:
        return _found(Problem(_TYPE_MESSAGES[kind]), err)
    if kind == "string_pattern_mismatch":
        field = str(err["loc"][-1]) if err["loc"] else ""
        return _found(Problem(_PATTERNS.get(field, "problem_wrong_form")), err)
    if kind == "string_too_long" or (kind == "too_long" and isinstance(err["input"], str)):
        return Problem("problem_too_long", count=ctx.get("max_length"))
    if kind == "too_long":
        return Problem("problem_too_many", max=ctx.get("max_length"))
    if kind == "too_short":
        return Problem("problem_too_short", count=ctx.get("min_length"))
    return err["msg"].replace("Input should be", "must be")


def _said(error: ValueError) -> str:
    """An error's message, as a Problem when it carries one."""
    return error.problem if isinstance(error, ProblemError) else str(error)


def validation_problems(error: ValidationError) -> list[str]:
    """Every problem of ``error`` as ``path: message``, in the order pydantic found them."""
    return error_problems(error.errors())


def error_problems(errors: list[ErrorDetails]) -> list[str]:
    """Every one of pydantic's ``errors`` as ``path: message``, in their order."""
    problems: list[str] = []
    for err in errors:
        where = _path(err["loc"])
        cause = err.get("ctx", {}).get("error")
        if isinstance(cause, CrossFieldProblems):
            prefix = f"{where}." if where else ""
            problems += [
                Problem("problem_at", path=f"{prefix}{path}", message=message)
                for path, message in cause.problems
            ]
        else:
            problems.append(Problem("problem_at", path=where or "plan", message=_message(err)))
    if len(problems) > MAX_PROBLEMS:
        rest = len(problems) - MAX_PROBLEMS
        problems = [*problems[:MAX_PROBLEMS], Problem("problem_more", count=rest)]
    return problems


# --- reading -------------------------------------------------------------------------------

_UTF8_BOM = b"\xef\xbb\xbf"


def _read(path: Path) -> tuple[bytes, Fingerprint]:
    """The file's bytes and fingerprint; OSError as PlanError (FileNotFoundError kept).

    Opened non-blocking and checked to be a regular file first, so a folder, a FIFO or a
    device gives a message instead of a hang or an endless read.
    """
    try:
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    except FileNotFoundError:
        raise
    except IsADirectoryError:
        raise PlanError(path, [Problem("problem_folder")]) from None
    except PermissionError:
        raise PlanError(path, [Problem("problem_permission")]) from None
    except OSError as e:
        raise PlanError(path, [Problem("problem_unreadable", error=os_problem(e))]) from None
    stat = os.fstat(fd)
    if not S_ISREG(stat.st_mode):
        os.close(fd)
        folder = S_ISDIR(stat.st_mode)
        raise PlanError(path, [Problem("problem_folder" if folder else "problem_not_regular")])
    with os.fdopen(fd, "rb") as f:
        try:
            data = f.read(MAX_BYTES + 1)
        except OSError as e:
            raise PlanError(path, [Problem("problem_unreadable", error=os_problem(e))]) from None
    if len(data) > MAX_BYTES:
        raise PlanError(path, [Problem("problem_too_large", mib=MAX_BYTES // 2**20)])
    return data, Fingerprint.of(data, stat)


def _decode(data: bytes) -> str:
    if data.startswith(_UTF8_BOM):
        raise ProblemError("problem_bom")
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ProblemError("problem_utf16")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError as e:
        line = data.count(b"\n", 0, e.start) + 1
        column = e.start - (data.rfind(b"\n", 0, e.start) + 1) + 1
        byte = data[e.start : e.start + 1].hex()
        raise ProblemError("problem_not_utf8", byte=byte, line=line, column=column) from None


# tomllib's messages (Python 3.11-3.13), so they can be said in every language; one that
# isn't here is shown as tomllib writes it.


def _parse_toml(text: str) -> Document:
    if not text.strip():
        raise ProblemError("problem_empty")
    try:
        return tomllib.loads(text, parse_float=Decimal)
    except RecursionError:
        raise ProblemError("problem_toml_deep") from None
    except ValueError as e:  # tomllib.TOMLDecodeError, or int too long to convert
        raise ProblemError.of(toml_problem(e)) from None


def plan_from_document(doc: Document, path: Path | str = "<plan>") -> tuple[Plan, int | None]:
    """Migrate and validate a document from TOML; PlanError with every problem if invalid."""
    try:
        doc, migrated_from = migrate(doc)
    except MigrationProblems as e:
        version = doc.get("schema_version")
        note = Problem("problem_not_migrated", version=version, target=SCHEMA_VERSION)
        raise PlanError(path, [note, *e.problems]) from None
    except ValueError as e:
        raise PlanError(path, [_said(e)]) from None
    doc = assign_ids(assign_ids(doc, "log"), "reviews")
    try:
        return Plan.model_validate(doc), migrated_from
    except ValidationError as e:
        problems = validation_problems(e)
        if migrated_from is not None:
            note = Problem("problem_migrated", version=migrated_from, target=SCHEMA_VERSION)
            problems.insert(0, note)
        raise PlanError(path, problems) from None
    except RecursionError:
        raise PlanError(path, [Problem("problem_too_deep")]) from None
    except ArithmeticError as e:  # numbers are checked before arithmetic; a last resort
        raise PlanError(path, [Problem("problem_bad_number", error=repr(e))]) from None


def plan_from_toml(text: str, path: Path | str = "<plan>") -> Plan:
    """Parse and validate a plan's TOML text (PlanError if it isn't a valid plan)."""
    try:
        doc = _parse_toml(text)
    except ValueError as e:
        raise PlanError(path, [_said(e)]) from None
    return plan_from_document(doc, path)[0]


Remember = Callable[[bytes, Document], None]


def load_plan(path: Path | str, *, remember: Remember | None = parsed_cache.store) -> LoadedPlan:
    """Read, migrate and validate the plan at ``path``; raises only PlanError. Never writes
    the plan; a big one parsed afresh is given to ``remember`` for the parse cache (the app
    stores it after its first frame; None: not kept, it is about to change or is only
    listed). Nothing changes the document afterwards."""
    path = Path(path)
    try:
        data, fingerprint = _read(path)
    except FileNotFoundError:
        raise PlanError(path, [Problem("problem_not_found")]) from None
    doc = parsed_cache.lookup(data)
    if doc is None:
        try:
            doc = _parse_toml(_decode(data))
        except ValueError as e:
            raise PlanError(path, [_said(e)]) from None
        if remember is not None:
            remember(data, doc)
    plan, migrated_from = plan_from_document(doc, path)
    return LoadedPlan(plan=plan, path=path, fingerprint=fingerprint, migrated_from=migrated_from)


# --- writing -------------------------------------------------------------------------------


def plan_to_document(plan: Plan) -> Document:
    """The plan as plain data for tomli-w: field order, no unset optional keys."""
    return plan.model_dump(mode="python", exclude_none=True)


LOG_CHUNK = 500
"""Log entries dumped, validated and compared at a time when saving: each step over a
chunk is one call into pydantic-core that holds the GIL for a millisecond or two, so a
save in a thread never holds up the UI thread for more than that (10,000 entries at once
held it for about 70 ms)."""

_log_adapter: TypeAdapter[list[LogEntry]] | None = None


def _log_entries() -> TypeAdapter[list[LogEntry]]:
    global _log_adapter
    if _log_adapter is None:  # built on first use, as the plan's own schema is
        _log_adapter = TypeAdapter(list[LogEntry])
    return _log_adapter


def _chunks(count: int) -> Iterator[slice]:
    for start in range(0, count, LOG_CHUNK):
        time.sleep(0)  # lets a waiting thread (the UI's) take the GIL between chunks
        yield slice(start, start + LOG_CHUNK)


def _checked_log(log: list[LogEntry], path: Path | str) -> tuple[list[Document], list[LogEntry]]:
    """The log as written (plain tables) and those tables validated again, chunk by chunk,
    so the entries saved are the ones that will be read; PlanError naming each bad entry's
    path (``log[9876].minutes: ...``)."""
    adapter = _log_entries()
    tables: list[Document] = []
    entries: list[LogEntry] = []
    errors: list[ErrorDetails] = []
    for part in _chunks(len(log)):
        # Anything else put in the list (lists can be edited in place) is dumped as it is
        # and then refused by the validation.
        chunk = adapter.dump_python(log[part], mode="python", exclude_none=True, warnings=False)
        try:
            validated = adapter.validate_python(chunk)
        except ValidationError as e:
            start = part.start or 0
            for err in e.errors():
                index, *rest = err["loc"]
                errors.append({**err, "loc": ("log", start + int(index), *rest)})
            continue
        if validated == log[part]:
            # Keep the plan's own entries: the copies would be 10,000 more objects for the
            # garbage collector to walk while the save runs (a collection stops every thread).
            entries += log[part]
        else:  # an entry made without validation: save what validation makes of it
            entries += validated
            chunk = adapter.dump_python(validated, mode="python", exclude_none=True)
        tables += chunk
    if errors:
        raise PlanError(path, error_problems(errors))
    return tables, entries


def _same_tables(read: object, written: list[Document]) -> bool:
    if not isinstance(read, list) or len(read) != len(written):
        return False
    return all(read[part] == written[part] for part in _chunks(len(written)))


def plan_to_toml(plan: Plan, path: Path | str = "<plan>") -> str:
    """The plan's TOML text (see :func:`_plan_text`)."""
    return _plan_text(plan, path)[0]


def _plan_text(plan: Plan, path: Path | str) -> tuple[str, Document]:
    """The plan's TOML text, and the document ``tomllib`` reads from it (for the parse
    cache). Validates the plan first (lists can be edited in place without validation)
    and checks that the text reads back as the same plan; PlanError if not.

    The log, which can be 10,000 entries and more, is validated in chunks (see
    :data:`LOG_CHUNK`) and the rest of the plan, with every plan-wide check over the
    validated log, at once. Read back, the text's log must be the very tables that were
    validated, and the rest of it must validate to the same plan again."""
    log_tables, entries = _checked_log(plan.log, path)
    head = plan.model_dump(mode="python", exclude={"log"})
    try:
        # Entries are LogEntry instances: pydantic takes them as they are (not again).
        checked = Plan.model_validate({**head, "log": entries})
    except ValidationError as e:
        raise PlanError(path, validation_problems(e)) from None
    doc = checked.model_dump(mode="python", exclude={"log"}, exclude_none=True)
    # Reviews, deletions and the log go last, as [[...]] tables, the log at the very end:
    # tomli-w would write short tables inline and put the whole log above the profile.
    tail = {key: doc.pop(key, []) for key in ("reviews", "deleted")}
    tail["log"] = log_tables
    for entry in log_tables:
        if entry.get("kind") == "study":
            entry.pop("earned", None)  # always 0: a study entry earns nothing
    import tomli_w  # only saves write TOML

    text = HEADER + tomli_w.dumps(doc)
    text += "".join(
        f"\n[[{key}]]\n{tomli_w.dumps(table)}" for key, tables in tail.items() for table in tables
    )
    read = _read_back(text, path)
    if not _reads_as(read, checked, log_tables, path):
        raise PlanError(path, [Problem("problem_read_back")])
    return text, read


def _read_back(text: str, path: Path | str) -> Document:
    try:
        return _parse_toml(text)
    except ValueError as e:
        raise PlanError(path, [_said(e)]) from None


def _reads_as(read: Document, plan: Plan, log_tables: list[Document], path: Path | str) -> bool:
    """Whether ``read`` (a text read back) is ``plan``: its log the same tables as
    ``log_tables`` (which validated as ``plan.log``), the rest validating to the same plan."""
    if not _same_tables(read.get("log", []), log_tables):
        return False
    try:
        return plan_from_document({**read, "log": plan.log}, path)[0] == plan
    except PlanError:
        return False


def backup_path(path: Path) -> Path:
    """Where the previous version of ``path`` is kept: ``NAME.toml.bak``."""
    return path.with_name(path.name + ".bak")


def _fsync_dir(folder: Path) -> None:
    flags = os.O_RDONLY | getattr(os, "O_DIRECTORY", 0)
    try:
        fd = os.open(folder, flags)
    except OSError:
        return  # e.g. Windows: folders can't be opened, and renames are durable there
    try:
        with suppress(OSError):
            os.fsync(fd)
    finally:
        os.close(fd)


def write_atomic(target: Path, data: bytes) -> os.stat_result:
    """Replace ``target`` with ``data`` all at once: temp file, fsync, rename, fsync folder."""
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as f:
            if hasattr(os, "fchmod"):
                os.fchmod(f.fileno(), FILE_MODE)
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        os.replace(tmp, target)
    except BaseException:
        with suppress(OSError):
            os.unlink(tmp)
        raise
    _fsync_dir(target.parent)
    return os.stat(target)


def _temp_name(target: Path) -> re.Pattern[str]:
    # Exactly what write_atomic makes for ``target`` and its backup, and nothing else:
    # ".plan.toml.x.toml.abcd1234.tmp" belongs to the plan "plan.toml.x.toml".
    name = re.escape(f".{target.name}.")
    return re.compile(rf"{name}(bak\.)?[a-z0-9_]{{8}}\.tmp")


def remove_orphans(target: Path) -> None:
    """Remove temporary files a killed save of ``target`` (or of its backup) left behind.
    Call it holding the target's lock, so that no save in progress loses its file."""
    pattern = _temp_name(target)
    try:
        with os.scandir(target.parent) as entries:
            orphans = [e.path for e in entries if pattern.fullmatch(e.name)]
    except OSError:
        return
    for orphan in orphans:
        with suppress(OSError):
            os.unlink(orphan)


def _current(path: Path) -> tuple[bytes, Fingerprint] | None:
    try:
        return _read(path)
    except FileNotFoundError:
        return None


def _check_conflict(
    path: Path, expected: Fingerprint | None, current: tuple[bytes, Fingerprint] | None
) -> None:
    if current is None and expected is not None:
        raise SaveConflict(path, Problem("problem_conflict_gone"))
    if current is not None and expected is None:
        raise SaveConflict(path, Problem("problem_conflict_exists"))
    if current is not None and expected is not None and not expected.same_content(current[1]):
        raise SaveConflict(path, Problem("problem_conflict_changed"))


def lock_path(path: Path) -> Path:
    """The lock file beside ``path``: ``.NAME.toml.lock`` (hidden, never a plan)."""
    return path.with_name(f".{path.name}.lock")


@contextmanager
def plan_lock(path: Path | str) -> Iterator[None]:
    """Hold an exclusive lock on the plan at ``path`` (blocking until other writers let go).

    The lock is ``flock`` on a separate lock file, never on the plan itself, because saving
    replaces the plan's inode. On systems without ``fcntl`` it does nothing. PlanError if the
    lock file can't be made.
    """
    try:
        import fcntl
    except ImportError:  # Windows: no advisory locks; the fingerprint check still applies
        yield
        return
    path = Path(path)
    try:
        try:
            fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, FILE_MODE)
        except FileNotFoundError:  # a new plan in a new folder
            make_private_dir(path.parent)
            fd = os.open(lock_path(path), os.O_RDWR | os.O_CREAT, FILE_MODE)
    except OSError as e:
        raise PlanError(path, [Problem("problem_not_saved", error=os_problem(e))]) from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)  # closing releases the lock


def save_plan(
    plan: Plan,
    path: Path | str,
    *,
    expected: Fingerprint | None = None,
    overwrite: bool = False,
) -> Fingerprint:
    """Save ``plan`` to ``path`` atomically and return the new file's fingerprint.

    ``expected`` is the fingerprint from :func:`load_plan` (or the last save), None for a
    new file. Raises :class:`SaveConflict` when the file isn't what ``expected`` says,
    unless ``overwrite``; :class:`PlanError` when the plan is invalid or the disk fails.
    The check and the write are one step under :func:`plan_lock`.
    """
    path = Path(path)
    text, read = _plan_text(plan, path)
    data = text.encode("utf-8")
    with plan_lock(path):
        fingerprint = _save_locked(path, data, expected, overwrite)
    parsed_cache.store(data, read)  # the next open of a big plan skips parsing it
    return fingerprint


def _save_locked(
    path: Path, data: bytes, expected: Fingerprint | None, overwrite: bool
) -> Fingerprint:
    current = _current(path)
    if not overwrite:
        _check_conflict(path, expected, current)
    if current is not None and current[0] == data:
        return current[1]
    try:
        make_private_dir(path.parent)
        remove_orphans(path)
        if current is not None:
            write_atomic(backup_path(path), current[0])
        stat = write_atomic(path, data)
    except OSError as e:
        raise PlanError(path, [Problem("problem_not_saved", error=os_problem(e))]) from None
    return Fingerprint.of(data, stat)


def update_plan(path: Path | str, change: Callable[[Plan], T]) -> tuple[T, Fingerprint]:
    """Read the plan at ``path``, let ``change`` edit it in place, and save it, all under
    the plan's lock, so no other writer's save can fall in between and be lost.

    ``change`` returns a result for the caller (what was logged, say) and may raise to
    leave the file untouched. Raises PlanError as :func:`load_plan` and :func:`save_plan`.
    """
    path = Path(path)
    with plan_lock(path):
        loaded = load_plan(path, remember=None)  # the save below stores what it writes
        result = change(loaded.plan)
        text, read = _plan_text(loaded.plan, path)
        data = text.encode("utf-8")
        fingerprint = _save_locked(path, data, loaded.fingerprint, overwrite=False)
    parsed_cache.store(data, read)
    return result, fingerprint


# --- finding plans -------------------------------------------------------------------------


def list_plans(directory: Path | str | None = None) -> list[PlanInfo]:
    """The plans (``*.toml``) in ``directory`` (default: the data folder's ``plans/``),
    newest first; sync-conflict copies are counted with their plan, not listed. Files
    that don't load are listed with their first problem; a folder
    that doesn't exist has none; one that can't be read raises PlanError."""
    from guide.conflicts import original_name

    folder = Path(directory) if directory is not None else plans_dir()
    files = _plan_files(folder)
    names = {f.name for f in files}
    copies: dict[str, int] = {}
    for file in files:
        original = original_name(file.name)
        if original in names:  # a copy whose plan is gone is listed as a plan
            copies[original] = copies.get(original, 0) + 1
    infos: list[PlanInfo] = []
    for file in files:
        if original_name(file.name) in names:
            continue
        try:
            mtime = file.stat().st_mtime
        except OSError:
            continue
        modified = dt.datetime.fromtimestamp(mtime, dt.UTC)
        try:
            # Not kept in the parse cache: a list of many big plans would push out the
            # entry of the one that is opened.
            title, problem = load_plan(file, remember=None).plan.title, None
        except PlanError as e:
            title, problem = None, e.problems[0]
        infos.append(PlanInfo(file, modified, title, problem, copies=copies.get(file.name, 0)))
    return sorted(infos, key=lambda i: (-i.modified.timestamp(), i.path.name))


def _plan_files(folder: Path) -> list[Path]:
    """The ``*.toml`` files in ``folder`` (none if it doesn't exist yet); PlanError if it
    can't be listed, so an unreadable folder is never reported as one without plans."""
    try:
        with os.scandir(folder) as entries:
            names = [e.name for e in entries]
    except FileNotFoundError:
        return []
    except NotADirectoryError:
        raise PlanError(folder, [Problem("problem_not_a_folder")]) from None
    except PermissionError:
        raise PlanError(folder, [Problem("problem_permission")]) from None
    except OSError as e:
        raise PlanError(folder, [Problem("problem_unreadable", error=os_problem(e))]) from None
    files = [folder / n for n in sorted(names) if n.endswith(".toml") and not n.startswith(".")]
    return [f for f in files if f.is_file()]


def _slug(title: str) -> str:
    words = re.findall(r"\w+", title.casefold())
    return "-".join(words)[:60].strip("-_") or "plan"


def default_plan_path(title: str, directory: Path | str | None = None) -> Path:
    """A new file name for a plan called ``title`` that doesn't exist yet."""
    folder = Path(directory) if directory is not None else plans_dir()
    stem = _slug(title)
    candidate = folder / f"{stem}.toml"
    n = 2
    while candidate.exists():
        candidate = folder / f"{stem}-{n}.toml"
        n += 1
    return candidate


def resolve_plan_path(name: str | Path) -> Path:
    """``name`` as given if it exists or has a folder part; else the plan of that name in
    the data folder (``remote-guide check myplan`` finds ``plans/myplan.toml``)."""
    path = Path(name).expanduser()
    has_folder = any(sep in str(name) for sep in {"/", os.sep})
    if _exists(path) or has_folder or path.name != str(name):
        return path
    stem = path.name if path.suffix == ".toml" else f"{path.name}.toml"
    candidate = plans_dir() / stem
    return candidate if _exists(candidate) else path


def _exists(path: Path) -> bool:
    try:
        return path.exists()
    except OSError:  # e.g. a name too long: loading it gives the message
        return False
