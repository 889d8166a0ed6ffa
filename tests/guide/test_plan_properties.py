"""Property tests: the hourly-rate maths, and plans that survive a save and a load."""

from __future__ import annotations

import datetime as dt
import tempfile
from dataclasses import replace
from decimal import Decimal as D
from pathlib import Path
from typing import Any

from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

from guide.checklist import load_checklist
from guide.plan import (
    SCHEMA_VERSION,
    CareerPath,
    ChecklistEntry,
    CheckState,
    Goal,
    GoalKind,
    Language,
    Limits,
    LogEntry,
    Milestone,
    Plan,
    Platform,
    PlatformStatus,
    Profile,
    StopRule,
    Weekday,
)
from guide.rate import RateInputs, log_hourly_rate, naive_hourly_rate, real_hourly_rate
from guide.storage import (
    load_plan,
    plan_from_toml,
    plan_to_document,
    plan_to_toml,
    save_plan,
    validation_problems,
)

from .plan_samples import example_plan

FAST = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# --- the hourly rate -----------------------------------------------------------------------


def decimals(low: str, high: str, places: int = 2) -> st.SearchStrategy[D]:
    return st.decimals(D(low), D(high), places=places, allow_nan=False, allow_infinity=False)


@st.composite
def rate_inputs(draw: st.DrawFn) -> RateInputs:
    payout = draw(decimals("0.01", "10000"))
    return RateInputs(
        pay_per_task=draw(decimals("0", "1000", 4)),
        minutes_per_task=draw(decimals("0.01", "1440")),
        unpaid_minutes_per_hour=draw(decimals("0", "600")),
        rejected_percent=draw(decimals("0", "100")),
        fee_percent=draw(decimals("0", "100")),
        withdrawal_fee_fixed=draw(decimals("0", str(payout))),
        withdrawal_fee_percent=draw(decimals("0", "100")),
        payout_amount=payout,
        tax_percent=draw(decimals("0", "100")),
    )


@FAST
@given(rate_inputs())
def test_real_rate_is_between_zero_and_the_naive_rate(inputs: RateInputs) -> None:
    rate = real_hourly_rate(inputs)
    assert 0 <= rate <= naive_hourly_rate(inputs.pay_per_task, inputs.minutes_per_task)


COSTS = {
    "fee_percent": "100",
    "rejected_percent": "100",
    "withdrawal_fee_percent": "100",
    "tax_percent": "100",
    "unpaid_minutes_per_hour": "600",
    "minutes_per_task": "1440",
}


@FAST
@given(rate_inputs(), st.sampled_from(sorted(COSTS)), st.data())
def test_real_rate_never_rises_when_a_cost_rises(
    inputs: RateInputs, cost: str, data: st.DataObject
) -> None:
    low = getattr(inputs, cost)
    high = data.draw(decimals(str(low), COSTS[cost]))
    assert real_hourly_rate(replace(inputs, **{cost: high})) <= real_hourly_rate(inputs)


@FAST
@given(rate_inputs(), st.data())
def test_real_rate_never_rises_with_the_fixed_withdrawal_fee(
    inputs: RateInputs, data: st.DataObject
) -> None:
    assert inputs.payout_amount is not None
    higher = data.draw(decimals(str(inputs.withdrawal_fee_fixed), str(inputs.payout_amount)))
    assert real_hourly_rate(replace(inputs, withdrawal_fee_fixed=higher)) <= real_hourly_rate(
        inputs
    )


@FAST
@given(rate_inputs(), st.data())
def test_real_rate_never_falls_with_more_pay_or_bigger_payouts(
    inputs: RateInputs, data: st.DataObject
) -> None:
    assert inputs.payout_amount is not None
    more_pay = data.draw(decimals(str(inputs.pay_per_task), "2000", 4))
    bigger_payout = data.draw(decimals(str(inputs.payout_amount), "20000"))
    rate = real_hourly_rate(inputs)
    assert real_hourly_rate(replace(inputs, pay_per_task=more_pay)) >= rate
    assert real_hourly_rate(replace(inputs, payout_amount=bigger_payout)) >= rate


@FAST
@given(rate_inputs(), decimals("0", "10000"), st.integers(1, 100_000), st.integers(0, 1000))
def test_log_rate_grows_with_earnings_and_falls_with_time(
    inputs: RateInputs, earned: D, minutes: int, extra: int
) -> None:
    rate = log_hourly_rate(earned, minutes, inputs)
    more_time = log_hourly_rate(earned, minutes + extra, inputs)
    more_money = log_hourly_rate(earned + extra, minutes, inputs)
    assert rate is not None and more_time is not None and more_money is not None
    assert 0 <= more_time <= rate <= more_money


# --- plans ---------------------------------------------------------------------------------

ONE_LINE = st.text(st.characters(exclude_categories=["Cc", "Cs"]), min_size=1, max_size=40).filter(
    lambda s: s.strip() != ""
)
NOTE = st.text(
    st.characters(exclude_categories=["Cc", "Cs"], include_characters="\n\t"), max_size=80
)
OFFSETS = st.sampled_from([0, 180, -330, 840, -720]).map(
    lambda m: dt.timezone(dt.timedelta(minutes=m))
)
MONEY = decimals("0", "100000", 4)
PERCENT = decimals("0", "100")
DATES = st.dates(dt.date(2000, 1, 1), dt.date(2100, 12, 31))


@st.composite
def platforms(draw: st.DrawFn, name: str) -> Platform:
    ids = draw(st.lists(st.sampled_from(load_checklist().ids()), unique=True, max_size=5))
    payout = draw(st.none() | decimals("1", "1000"))
    fixed = draw(decimals("0", str(payout - D("0.01")))) if payout else D(0)
    return Platform(
        name=name,
        catalogue_id=draw(st.none() | st.from_regex(r"[a-z0-9][a-z0-9-]{0,20}", fullmatch=True)),
        status=draw(st.sampled_from(PlatformStatus)),
        checklist=[
            ChecklistEntry(item=i, state=draw(st.sampled_from(CheckState)), note=draw(NOTE))
            for i in ids
        ],
        pay_per_task=draw(st.none() | MONEY),
        minutes_per_task=draw(st.none() | decimals("0.01", "1440")),
        unpaid_minutes_per_hour=draw(decimals("0", "600")),
        rejected_percent=draw(PERCENT),
        fee_percent=draw(PERCENT),
        withdrawal_fee_fixed=fixed,
        withdrawal_fee_percent=draw(PERCENT),
        payout_amount=payout,
        tax_percent=draw(PERCENT),
    )


@st.composite
def goals(draw: st.DrawFn) -> Goal:
    return Goal(
        skill=draw(ONE_LINE),
        why=draw(NOTE),
        target_date=draw(st.none() | DATES),
        hours_per_week=draw(st.integers(0, 168)),
        resources=draw(st.lists(ONE_LINE, max_size=3)),
        milestones=draw(
            st.lists(
                st.builds(Milestone, title=ONE_LINE, due=DATES, done=st.booleans()), max_size=3
            )
        ),
    )


@st.composite
def plans(draw: st.DrawFn) -> Plan:
    created = draw(
        st.datetimes(dt.datetime(1990, 1, 1), dt.datetime(2090, 1, 1), timezones=OFFSETS)
    )
    updated = created + draw(st.timedeltas(dt.timedelta(0), dt.timedelta(days=900)))
    names = draw(st.lists(ONE_LINE, max_size=3, unique_by=str.casefold))
    daily = draw(st.integers(0, 1440))
    log = []
    if names:
        log = draw(
            st.lists(
                st.builds(
                    LogEntry,
                    date=DATES,
                    platform=st.sampled_from(names),
                    minutes=st.integers(1, 1440),
                    earned=MONEY,
                ),
                max_size=5,
            )
        )
    return Plan(
        schema_version=SCHEMA_VERSION,
        title=draw(ONE_LINE),
        language=draw(st.sampled_from(Language)),
        created=created,
        updated=updated,
        profile=Profile(
            goal=draw(st.sampled_from(GoalKind)),
            hours_per_week=draw(st.integers(0, 168)),
            target_hourly_rate=draw(MONEY),
            currency=draw(st.from_regex(r"[A-Z]{3}", fullmatch=True)),
            skills=draw(st.lists(ONE_LINE, max_size=3, unique_by=str.casefold)),
            path=draw(st.sampled_from(CareerPath)),
        ),
        limits=Limits(
            daily_minutes=daily,
            weekly_minutes=draw(st.integers(0, min(10080, 7 * daily))),
            working_days=draw(st.lists(st.sampled_from(Weekday), min_size=1, unique=True)),
            review_date=created.date() + draw(st.timedeltas(dt.timedelta(0), dt.timedelta(3000))),
            stop_rule=draw(
                st.none()
                | st.builds(StopRule, min_hourly_rate=MONEY, after_weeks=st.integers(1, 52))
            ),
        ),
        platforms=[draw(platforms(name)) for name in names],
        goals=draw(st.lists(goals(), max_size=2)),
        log=log,
    )


@settings(max_examples=200, deadline=None, suppress_health_check=list(HealthCheck))
@given(plans())
def test_any_valid_plan_survives_toml_unchanged(plan: Plan) -> None:
    assert plan_from_toml(plan_to_toml(plan)) == plan


@settings(max_examples=30, deadline=None, suppress_health_check=list(HealthCheck))
@given(plans())
def test_any_valid_plan_survives_save_then_load(plan: Plan) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "plan.toml"
        fingerprint = save_plan(plan, path)
        loaded = load_plan(path)
        assert loaded.plan == plan
        assert loaded.fingerprint == fingerprint


STRING_FIELDS = [
    ("title",),
    ("profile", "skills", 0),
    ("profile", "currency"),
    ("platforms", 0, "name"),
    ("platforms", 0, "catalogue_id"),
    ("platforms", 0, "checklist", 0, "item"),
    ("platforms", 0, "checklist", 0, "note"),
    ("goals", 0, "skill"),
    ("goals", 0, "why"),
    ("goals", 0, "resources", 0),
    ("goals", 0, "milestones", 0, "title"),
    ("log", 0, "platform"),
]
NASTY = [
    "[bold]x[/bold]",
    "🙂👍🏽",
    "שלום مرحبا \u202e",
    "quotes ' \" ''' \"\"\"",
    "a\nb",
    "a\r\nb",
    "nul\x00",
    "lone \ud800 surrogate",
    "\x1b[2J",
    " ",
]
ANY_TEXT = st.text(st.characters(exclude_categories=[]), max_size=30) | st.sampled_from(NASTY)


def path_text(path: tuple[str | int, ...]) -> str:
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in path).lstrip(".")


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(st.sampled_from(STRING_FIELDS), ANY_TEXT)
def test_any_text_in_any_string_field_round_trips_or_is_refused_clearly(
    field: tuple[str | int, ...], text: str
) -> None:
    doc: dict[str, Any] = plan_to_document(example_plan())
    target: Any = doc
    for part in field[:-1]:
        target = target[part]
    old = target[field[-1]]
    target[field[-1]] = text
    if field == ("platforms", 0, "name"):
        for entry in doc["log"]:
            entry["platform"] = text if entry["platform"] == old else entry["platform"]
    try:
        plan = Plan.model_validate(doc)
    except ValidationError as e:
        problems = validation_problems(e)
        event("refused")
        # every problem names the field (renaming a platform renames it in the log too)
        prefixes = (
            (path_text(field) + ": ", "log[") if field[-1] == "name" else (path_text(field) + ": ",)
        )
        assert problems
        assert all(p.startswith(prefixes) for p in problems), problems
        return
    event("round-tripped")
    again = plan_from_toml(plan_to_toml(plan))
    assert again == plan
    value: Any = plan.model_dump()
    for part in field:
        value = value[part]
    assert value == text.replace("\r\n", "\n")
