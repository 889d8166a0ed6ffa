"""The log as CSV: export for spreadsheets, import from this program or another tracker.

The header is ``date,kind,platform,goal,minutes,earned,tasks,note,id`` followed by
``approved,rejected,changed``, so an export read back gives the same log. Money is written
as plain decimals (``5.40``), dates as ``YYYY-MM-DD``, ``changed`` as an ISO time with
its offset. Text that a spreadsheet would run as a formula (starting with ``=``, ``+``,
``-``, ``@``, a tab or a carriage return) is written with a leading ``'``, and so is text
that starts with ``'``; reading strips one leading ``'``, so the round trip is exact.

Reading is all or nothing: :func:`read_csv` checks every row and raises
:class:`CsvError` naming the first bad row's line and column, and nothing is imported.
Columns are matched to fields by name (any case); ``mapping`` renames a foreign file's
columns (``{"Reward": "earned"}``); columns that match no field are ignored.
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation
from typing import Any

from pydantic import ValidationError

from guide.i18n import Lang, t
from guide.log import LogError, duplicate_key, make_entry
from guide.plan import EntryKind, LogEntry, Plan, new_id
from guide.problems import Problem, ProblemError, said_text

COLUMNS = (
    "date",
    "kind",
    "platform",
    "goal",
    "minutes",
    "earned",
    "tasks",
    "note",
    "id",
    "approved",
    "rejected",
    "changed",
)
"""The columns of an export, in order; import knows the same names."""
TEXT_COLUMNS = ("platform", "goal", "note")
_FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "'")
MAX_ROWS = 200_000


class CsvError(ValueError):
    """A CSV that can't be imported: ``line`` (1-based, as an editor shows it) and
    ``column`` (the header's name) say where, when known."""

    def __init__(self, message: str, line: int | None = None, column: str | None = None) -> None:
        self.message, self.line, self.column = message, line, column
        super().__init__(self.said("en"))

    def said(self, lang: Lang) -> str:
        """The problem in ``lang``, with where it is."""
        message = said_text(lang, self.message)
        if self.line is None:
            return message
        if self.column:
            return t(lang, "problem_csv_cell", line=self.line, column=self.column, message=message)
        return t(lang, "problem_csv_line", line=self.line, message=message)


def _cell_out(column: str, value: object) -> str:
    if value is None:
        return ""
    if isinstance(value, Decimal):
        return format(value, "f")
    if isinstance(value, dt.datetime | dt.date):
        return value.isoformat()
    text = str(value)
    if column in TEXT_COLUMNS and text.startswith(_FORMULA_START):
        return "'" + text
    return text


def to_csv(plan: Plan) -> str:
    """The log as CSV text (log order, ``\\r\\n`` line ends as RFC 4180 has them)."""
    out = io.StringIO()
    writer = csv.writer(out)
    writer.writerow(COLUMNS)
    for e in plan.log:
        values: dict[str, Any] = e.model_dump()
        values["kind"] = e.kind.value
        if e.kind is EntryKind.STUDY:
            values["earned"] = None
        writer.writerow([_cell_out(c, values.get(c)) for c in COLUMNS])
    return out.getvalue()


def parse_mapping(text: str) -> dict[str, str]:
    """``"Reward=earned,Duration=minutes"`` as ``{"Reward": "earned", ...}``.
    ValueError naming what is wrong."""
    mapping: dict[str, str] = {}
    for part in filter(None, (p.strip() for p in text.split(","))):
        column, sep, target = part.partition("=")
        column, target = column.strip(), target.strip().lower()
        if not sep or not column or not target:
            raise ProblemError("problem_csv_not_mapping", part=repr(part))
        if target not in COLUMNS:
            fields = ", ".join(COLUMNS)
            raise ProblemError("problem_csv_not_field", name=repr(target), fields=fields)
        mapping[column] = target
    return mapping


def _header(
    row: list[str], mapping: Mapping[str, str], defaults: Mapping[str, object]
) -> dict[int, str]:
    """Column positions to field names."""
    folded = {k.casefold(): v for k, v in mapping.items()}
    fields: dict[int, str] = {}
    for i, name in enumerate(row):
        name = name.strip().lstrip("\ufeff")
        target = folded.get(name.casefold(), name.casefold())
        if target in COLUMNS:
            if target in fields.values():
                raise CsvError(Problem("problem_csv_two_columns", name=repr(target)), 1, name)
            fields[i] = target
    present = set(fields.values()) | set(defaults)
    missing = [f for f in ("date", "minutes") if f not in present]
    if not {"platform", "goal"} & present:
        missing.append("platform or goal")
    if missing:
        found = ", ".join(repr(c) for c in row) or Problem("problem_csv_none")
        names = [Problem("problem_csv_either") if m == "platform or goal" else m for m in missing]
        columns = names[0]
        for name in names[1:]:
            columns = Problem("problem_csv_and", head=columns, last=name)
        raise CsvError(Problem("problem_csv_missing", columns=columns, found=found), 1)
    return fields


_INT = re.compile(r"^\d{1,9}$")
_NUMBER = re.compile(r"^\d{1,12}(\.\d{1,6})?$")


def _value(field: str, text: str) -> object:
    """One cell as the field's type; ValueError with what is wrong."""
    text = text.strip() if field not in TEXT_COLUMNS else text
    if text == "":
        return None
    if field in TEXT_COLUMNS:
        return text[1:] if text.startswith("'") else text
    if field == "date":
        try:
            return dt.date.fromisoformat(text) if len(text) == 10 else _bad_date(text)
        except ValueError:
            _bad_date(text)
    if field == "changed":
        try:
            value = dt.datetime.fromisoformat(text)
        except ValueError:
            value = None
        if value is None or value.tzinfo is None:
            raise _found("problem_csv_changed", text)
        return value
    if field in ("minutes", "tasks", "approved", "rejected"):
        if not _INT.match(text):
            raise _found("problem_int_type", text)
        return int(text)
    if field == "earned":
        if not _NUMBER.match(text):
            raise _found("problem_csv_number", text)
        try:
            return Decimal(text)
        except InvalidOperation:
            raise _found("problem_csv_number", text) from None
    if field == "kind":
        if text not in {k.value for k in EntryKind}:
            raise _found("problem_csv_kind", text)
        return text
    return text  # id: checked by the model


def _found(key: str, text: str) -> ProblemError:
    return ProblemError("problem_found", message=Problem(key), value=repr(text))


def _bad_date(text: str) -> dt.date:
    raise _found("problem_csv_date", text)


def _first_column(problem: str, fields: dict[int, str]) -> str | None:
    """The field a model problem (``earned: must be ...``) is about."""
    name = problem.split(":", 1)[0].split(".")[-1].split("[")[0]
    return name if name in fields.values() else None


def read_csv(
    text: str,
    plan: Plan,
    now: dt.datetime,
    mapping: Mapping[str, str] | None = None,
    defaults: Mapping[str, object] | None = None,
) -> list[LogEntry]:
    """Every row of ``text`` as a validated entry for ``plan``, in file order; rows with no
    id get a fresh one, and ``changed`` is ``now`` when the file has no such column.
    ``defaults`` fill fields a row leaves empty (``{"platform": "Prolific"}`` for one
    platform's own export). CsvError for the first row that isn't one (nothing is
    returned)."""
    return [entry for entry, _ in _rows(text, plan, now, mapping, defaults)]


def _rows(
    text: str,
    plan: Plan,
    now: dt.datetime,
    mapping: Mapping[str, str] | None,
    defaults: Mapping[str, object] | None = None,
) -> list[tuple[LogEntry, bool]]:
    """The entries, each with whether its row gave an id."""
    reader = csv.reader(io.StringIO(text, newline=""))
    try:
        header = next(reader, None)
        if header is None:
            raise CsvError(Problem("problem_csv_empty"))
        fields = _header(header, mapping or {}, defaults or {})
        entries: list[tuple[LogEntry, bool]] = []
        start = reader.line_num + 1
        for row in reader:
            if not any(cell.strip() for cell in row):
                start = reader.line_num + 1
                continue  # blank lines (spreadsheets add them at the end)
            if len(entries) >= MAX_ROWS:
                raise CsvError(
                    Problem("problem_csv_rows", max=f"{MAX_ROWS:,}".replace(",", " ")), start
                )
            entries.append(_entry(row, fields, header, plan, now, start, defaults or {}))
            start = reader.line_num + 1
    except csv.Error as e:
        raise CsvError(Problem("problem_csv_invalid", error=str(e)), reader.line_num) from None
    return entries


def _entry(
    row: list[str],
    fields: dict[int, str],
    header: list[str],
    plan: Plan,
    now: dt.datetime,
    line: int,
    defaults: Mapping[str, object],
) -> tuple[LogEntry, bool]:
    if len(row) > len(header):
        cells = Problem("problem_csv_cells", count=len(row))
        raise CsvError(Problem("problem_csv_width", cells=cells, header=len(header)), line)
    values: dict[str, Any] = {}
    for i, field in fields.items():
        cell = row[i] if i < len(row) else ""
        try:
            values[field] = _value(field, cell)
        except ProblemError as e:
            raise CsvError(e.problem, line, header[i].strip()) from None
        except ValueError as e:
            raise CsvError(str(e), line, header[i].strip()) from None
    if values.get("platform") is None and values.get("goal") is None:
        for key, value in defaults.items():
            values[key] = value
    names = {f: header[i].strip() for i, f in fields.items()}
    given = values.get("id") is not None
    if not given:
        values["id"] = new_id()
    stamp = "changed" not in fields.values()
    try:
        return make_entry(plan, now, stamp=stamp, **values), given
    except LogError as e:
        problem = e.problems[0]
        column = _first_column(problem, fields)
        message = problem.split(": ", 1)[1] if column else problem
        inner = problem.values.get("message") if isinstance(problem, Problem) else None
        if column and isinstance(inner, str):
            message = inner  # a Problem: said in the reader's language
        raise CsvError(message, line, names.get(column or "", column)) from None
    except ValidationError as e:  # pragma: no cover - make_entry converts these
        raise CsvError(str(e), line) from None


@dataclass(frozen=True)
class ImportResult:
    """What an import did."""

    added: list[LogEntry]
    skipped: int
    """Rows already in the log (same id, a deleted id, or the same date, platform or goal,
    minutes and earnings for a row without an id)."""


def merge_rows(plan: Plan, rows: Iterable[tuple[LogEntry, bool]]) -> ImportResult:
    """Append the rows not yet in the log. Each row comes with whether the file gave its
    id; rows without one are matched by date, subject, minutes and earnings (the n-th such
    row is new only if the log has fewer than n entries like it)."""
    known = {e.id for e in plan.log} | {d.id for d in plan.deleted}
    in_log = Counter(duplicate_key(e) for e in plan.log)
    seen: Counter[tuple[object, ...]] = Counter()
    added: list[LogEntry] = []
    skipped = 0
    for entry, given in rows:
        if given:
            new = entry.id not in known
        else:
            key = duplicate_key(entry)
            seen[key] += 1
            new = seen[key] > in_log[key]
        if new:
            known.add(entry.id)
            added.append(entry)
        else:
            skipped += 1
    plan.log.extend(added)
    return ImportResult(added, skipped)


def import_csv(
    plan: Plan,
    text: str,
    now: dt.datetime,
    mapping: Mapping[str, str] | None = None,
    defaults: Mapping[str, object] | None = None,
) -> ImportResult:
    """Read ``text`` (see :func:`read_csv`) and add its new rows to ``plan`` (CsvError, plan
    unchanged, if any row is bad)."""
    return merge_rows(plan, _rows(text, plan, now, mapping, defaults))
