"""The log as CSV: the round trip is exact, imports dedupe, bad rows are named."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal as D

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from guide.csvlog import COLUMNS, CsvError, import_csv, parse_mapping, read_csv, to_csv
from guide.plan import Goal, LogEntry, Plan, new_platform
from tests.guide.plan_samples import TZ, example_plan

NOW = dt.datetime(2026, 11, 21, 9, 0, tzinfo=TZ)

TRICKY = st.sampled_from(["=SUM(A1)", "'quoted", "-5", "+1", "@x", "a,b", 'say "hi"', " pad "])
TEXT = (
    st.text(st.characters(exclude_categories=["Cc", "Cs"]), min_size=1, max_size=30).filter(
        lambda s: s.strip() != ""
    )
    | TRICKY
)
OFFSETS = st.sampled_from([0, 180, -330, 840]).map(lambda m: dt.timezone(dt.timedelta(minutes=m)))
COUNT = st.none() | st.integers(0, 1000)


@st.composite
def plans_with_logs(draw: st.DrawFn) -> Plan:
    names = draw(st.lists(TEXT, min_size=1, max_size=3, unique_by=str.casefold))
    skills = draw(st.lists(TEXT, min_size=1, max_size=2, unique_by=str.casefold))
    log: list[LogEntry] = []
    for _ in range(draw(st.integers(0, 8))):
        common = {
            "id": draw(st.from_regex(r"[0-9a-f]{12}", fullmatch=True)),
            "date": draw(st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))),
            "minutes": draw(st.integers(1, 1440)),
            "note": draw(st.none() | TEXT),
            "changed": draw(
                st.none()
                | st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2100, 1, 1), timezones=OFFSETS)
            ),
        }
        if draw(st.booleans()):
            tasks = draw(COUNT)
            entry = LogEntry(
                kind="work",
                platform=draw(st.sampled_from(names)),
                earned=draw(st.decimals(D(0), D(100000), places=draw(st.integers(0, 6)))),
                tasks=tasks,
                approved=None if tasks is None else draw(st.none() | st.integers(0, tasks)),
                **common,
            )
        else:
            entry = LogEntry(kind="study", goal=draw(st.sampled_from(skills)), **common)
        if entry.id not in {e.id for e in log}:
            log.append(entry)
    base = example_plan()
    return base.model_copy(
        update={
            "platforms": [new_platform(n) for n in names],
            "goals": [Goal(skill=s, hours_per_week=2) for s in skills],
            "log": log,
        }
    )


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans_with_logs())
def test_export_then_import_into_an_empty_log_is_the_identity(plan: Plan) -> None:
    empty = plan.model_copy(update={"log": []}, deep=True)
    result = import_csv(empty, to_csv(plan), NOW)
    assert empty.log == plan.log
    assert result.skipped == 0
    again = import_csv(empty, to_csv(plan), NOW)
    assert (again.added, again.skipped) == ([], len(plan.log))


def test_header_and_formula_guard() -> None:
    plan = example_plan()
    plan.log[0] = plan.log[0].model_copy(update={"note": "=HYPERLINK(x)"})
    lines = to_csv(plan).splitlines()
    assert lines[0] == ",".join(COLUMNS)
    assert lines[0].startswith("date,kind,platform,goal,minutes,earned,tasks,note,id")
    assert ",'=HYPERLINK(x)," in lines[1]
    assert lines[1].startswith("2026-11-03,work,Prolific,,60,5.40,,")


FOREIGN = """Day,Site,Time spent,Reward,Comment
2026-11-20,Prolific,30,2.50,first
2026-11-20,Prolific,30,2.50,same again
2026-11-21,Toloka,15,0.40,
"""


def test_foreign_csv_with_a_map_dedupes_without_ids() -> None:
    plan = example_plan()
    mapping = parse_mapping("Day=date, Site=platform, Time spent=minutes, Reward=earned")
    first = import_csv(plan, FOREIGN, NOW, mapping)
    assert len(first.added) == 3  # two identical rows are two sessions
    assert plan.log[-1].changed == NOW and plan.log[-1].note is None
    second = import_csv(plan, FOREIGN, NOW, mapping)
    assert (second.added, second.skipped) == ([], 3)
    assert len(plan.log) == 12


def test_deleted_ids_stay_deleted() -> None:
    plan = example_plan()
    text = to_csv(plan)
    from guide.log import delete_entry

    delete_entry(plan, plan.log[0].id, NOW)
    result = import_csv(plan, text, NOW)
    assert result.added == [] and len(plan.log) == 8


@pytest.mark.parametrize(
    ("text", "line", "column", "message"),
    [
        ("date,platform,minutes\n2026-11-20,Prolific,abc\n", 2, "minutes", "whole number"),
        (
            "date,platform,minutes\n2026-11-20,Prolific,5\n20.11.2026,Prolific,5\n",
            3,
            "date",
            "date like",
        ),
        ("date,platform,minutes,earned\n2026-11-20,Prolific,5,1,50\n", 2, None, "5 cells"),
        ("date,platform,minutes,earned\n2026-11-20,Prolific,5,$3\n", 2, "earned", "number"),
        ("date,platform,minutes\n2026-11-20,Nowhere,5\n", 2, "platform", "'Nowhere'"),
        ("date,platform,minutes\n2026-11-20,Prolific,0\n", 2, "minutes", "between 1 and 1440"),
        ('date,platform,minutes,note\n2026-11-20,Prolific,5,"a\nb"\n', 2, "note", "single line"),
        ("date,minutes\n2026-11-20,5\n", 1, None, "no platform or goal column"),
        ("", None, None, "is empty"),
    ],
)
def test_a_bad_row_names_line_and_column(
    text: str, line: int | None, column: str | None, message: str
) -> None:
    plan = example_plan()
    with pytest.raises(CsvError) as info:
        import_csv(plan, text, NOW)
    error = info.value
    assert message in error.message, error
    assert (error.line, error.column) == (line, column), error
    assert len(plan.log) == 9


def test_a_quoted_decimal_comma_is_refused() -> None:
    plan = example_plan()
    with pytest.raises(CsvError, match=r"number like 5\.40"):
        read_csv('date,platform,minutes,earned\n2026-11-20,Prolific,5,"1,50"\n', plan, NOW)


def test_bad_mapping() -> None:
    with pytest.raises(ValueError, match="not COLUMN=FIELD"):
        parse_mapping("Day")
    with pytest.raises(ValueError, match="is not a field"):
        parse_mapping("Day=when")


@settings(max_examples=20, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(plans_with_logs(), st.data())
def test_toml_round_trip_with_tombstones_timer_and_reviews(plan: Plan, data: st.DataObject) -> None:
    from guide.plan import Review, Timer, Tombstone
    from guide.storage import plan_from_toml, plan_to_toml

    stamp = st.datetimes(dt.datetime(2000, 1, 1), dt.datetime(2100, 1, 1), timezones=OFFSETS)
    plan.deleted = [
        Tombstone(id=i, when=data.draw(stamp))
        for i in data.draw(st.lists(st.from_regex(r"[0-9a-f]{12}", fullmatch=True), max_size=3))
        if i not in {e.id for e in plan.log}
    ]
    if data.draw(st.booleans()):
        plan.timer = Timer(started=data.draw(stamp), platform=plan.platforms[0].name)
    day = plan.created.date()
    plan.reviews = [
        Review(
            date=day,
            decision=data.draw(st.sampled_from(["keep_going", "cut_hours", "stop_microtasks"])),
            reason=data.draw(TEXT),
            next_review=day + dt.timedelta(days=data.draw(st.integers(0, 400))),
        )
        for _ in range(data.draw(st.integers(0, 2)))
    ]
    assert plan_from_toml(plan_to_toml(plan)) == plan
