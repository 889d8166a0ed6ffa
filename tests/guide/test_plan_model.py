"""The plan model: strict fields, cross-field checks and derived values."""

from __future__ import annotations

import datetime as dt
import unicodedata
from decimal import Decimal as D
from pathlib import Path
from typing import Any

import pytest
from pydantic import ValidationError

from guide import plan as plan_module
from guide.checklist import load_checklist
from guide.derived import (
    checklist_progress,
    days_to_review,
    limit_use,
    next_milestones,
    platform_log_rate,
    platform_rate,
    stop_rule_hits,
    week_start,
)
from guide.paths import content_dir
from guide.plan import (
    CareerPath,
    CheckState,
    GoalKind,
    Language,
    Plan,
    PlatformStatus,
    Weekday,
    new_plan,
    new_platform,
)
from guide.storage import validation_problems

from .plan_samples import TZ, example_document, example_plan

NOW = dt.datetime(2026, 11, 2, 10, 15, tzinfo=TZ)


def problems(doc: dict[str, Any]) -> list[str]:
    with pytest.raises(ValidationError) as info:
        Plan.model_validate(doc)
    return validation_problems(info.value)


# --- the example and new plans ---------------------------------------------------------------


def test_the_example_plan_is_valid_and_typed() -> None:
    plan = example_plan()
    assert plan.title == "Side income while I retrain"
    assert plan.language is Language.EN
    assert plan.profile.goal is GoalKind.BETWEEN_PROJECTS
    assert plan.profile.path is CareerPath.REMOTE_PROJECT_MANAGEMENT
    assert [p.name for p in plan.platforms] == ["Prolific", "Clickworker", "Toloka"]
    assert plan.platforms[0].pay_per_task == D("1.20")
    assert isinstance(plan.log[0].earned, D)
    assert plan.created.utcoffset() == dt.timedelta(hours=3)
    assert len(plan.log) == 9


def test_new_plan_defaults() -> None:
    plan = new_plan("Мой план", "ru", NOW)
    assert plan.schema_version == 2
    assert plan.language is Language.RU
    assert plan.created == plan.updated == NOW
    assert plan.limits.review_date == dt.date(2026, 11, 30)
    assert plan.limits.working_days == [
        Weekday.MONDAY,
        Weekday.TUESDAY,
        Weekday.WEDNESDAY,
        Weekday.THURSDAY,
        Weekday.FRIDAY,
    ]
    assert plan.limits.weekly_minutes <= 7 * plan.limits.daily_minutes
    assert (plan.platforms, plan.goals, plan.log) == ([], [], [])


def test_new_plan_needs_an_aware_time() -> None:
    with pytest.raises(ValidationError, match="timezone"):
        new_plan("x", "en", dt.datetime(2026, 11, 2, 10, 15))


def test_new_platform_lists_every_checklist_item_as_not_yet() -> None:
    platform = new_platform("Appen", catalogue_id="appen")
    assert [e.item for e in platform.checklist] == list(load_checklist().ids())
    assert {e.state for e in platform.checklist} == {CheckState.TODO}
    assert platform.status is PlatformStatus.CONSIDERING
    assert platform_rate(platform) is None


def test_enum_values_are_stable() -> None:
    assert [g.value for g in GoalKind] == [
        "first_income",
        "between_projects",
        "first_look",
        "temporary",
        "remote_career",
    ]
    assert [p.value for p in CareerPath] == [
        "microtasks_springboard",
        "remote_collaboration",
        "remote_project_management",
        "soft_skills",
        "own_business",
        "mix",
    ]
    assert [s.value for s in PlatformStatus] == ["considering", "vetting", "active", "dropped"]
    assert [s.value for s in CheckState] == ["todo", "pass", "fail"]
    assert Weekday.of(dt.date(2026, 11, 21)) is Weekday.SATURDAY


def test_every_field_has_a_description() -> None:
    from guide import plan as module

    models = [
        v for v in vars(module).values() if isinstance(v, type) and issubclass(v, module._Model)
    ]
    assert len(models) >= 9
    for model in models:
        for name, field in model.model_fields.items():
            assert field.description, f"{model.__name__}.{name}"


# --- strict types and ranges -----------------------------------------------------------------


def test_numbers_in_quotes_are_refused() -> None:
    doc = example_document()
    doc["platforms"][1]["fee_percent"] = "20"
    doc["log"][0]["minutes"] = "60"
    doc["goals"][0]["milestones"][0]["done"] = "yes"
    assert problems(doc) == [
        "platforms[1].fee_percent: must be a number (found '20')",
        "goals[0].milestones[0].done: must be true or false (found 'yes')",
        "log[0].minutes: must be a whole number (found '60')",
    ]


def test_true_is_not_a_number_and_floats_are_not_whole_numbers() -> None:
    doc = example_document()
    doc["platforms"][0]["tax_percent"] = True
    doc["limits"]["daily_minutes"] = D("90.5")
    assert problems(doc) == [
        "limits.daily_minutes: must be a whole number (found 90.5)",
        "platforms[0].tax_percent: must be a number, not true/false",
    ]


def test_python_ints_and_floats_become_exact_decimals() -> None:
    plan = example_plan()
    platform = plan.platforms[0]
    platform.fee_percent = 20  # type: ignore[assignment]
    platform.pay_per_task = 0.3  # type: ignore[assignment]
    assert platform.fee_percent == D(20)
    assert platform.pay_per_task == D("0.3")
    assert isinstance(platform.pay_per_task, D)
    platform.pay_per_task = D("1.500000000")  # trailing zeros are not decimal places
    assert platform.pay_per_task == D("1.5")


@pytest.mark.parametrize(
    ("path", "value", "message"),
    [
        (
            ("platforms", 2, "fee_percent"),
            D(120),
            "platforms[2].fee_percent: must be between 0 and 100",
        ),
        (
            ("platforms", 0, "rejected_percent"),
            D(-1),
            "platforms[0].rejected_percent: must be between 0 and 100",
        ),
        (
            ("platforms", 0, "minutes_per_task"),
            0,
            "platforms[0].minutes_per_task: must be above 0 and 1440",
        ),
        (
            ("platforms", 0, "pay_per_task"),
            D("nan"),
            "platforms[0].pay_per_task: must be a finite number",
        ),
        (
            ("platforms", 0, "pay_per_task"),
            D("0.1234567"),
            "platforms[0].pay_per_task: must have at most 6 decimal places",
        ),
        (("limits", "daily_minutes"), 1441, "limits.daily_minutes: must be between 0 and 1440"),
        (("log", 3, "minutes"), 0, "log[3].minutes: must be between 1 and 1440"),
        (("profile", "hours_per_week"), 169, "profile.hours_per_week: must be between 0 and 168"),
        (
            ("profile", "currency"),
            "usd",
            "profile.currency: must be a three-letter ISO 4217 code in "
            "capitals, like USD or RUB (found 'usd')",
        ),
        (("language",), "de", "language: must be one of 'en' or 'ru' (found 'de')"),
        (
            ("platforms", 0, "status"),
            "paused",
            "platforms[0].status: must be one of 'considering', "
            "'vetting', 'active' or 'dropped' (found 'paused')",
        ),
        (
            ("limits", "review_date"),
            "2026-12-14",
            "limits.review_date: must be a date like 2025-03-01 (found '2026-12-14')",
        ),
        (
            ("limits", "review_date"),
            dt.datetime(2026, 12, 14, 9),
            "limits.review_date: must be a date like 2025-03-01 (found 2026-12-14T09:00:00)",
        ),
        (
            ("created",),
            dt.datetime(2026, 11, 2, 10, 15),
            "created: must have a time-zone offset, like "
            "2025-03-01T09:00:00+03:00 (found 2026-11-02T10:15:00)",
        ),
        (
            ("created",),
            dt.datetime(2026, 11, 2, tzinfo=dt.timezone(dt.timedelta(seconds=90))),
            "created: the time-zone offset must be whole minutes (TOML can't store seconds)",
        ),
        (("title",), "", "title: must not be empty"),
        (("title",), "x" * 121, "title: is too long: at most 120 characters"),
        (("limits", "working_days"), [], "limits.working_days: needs at least 1 item"),
        (
            ("limits", "working_days"),
            ["monday", "monday"],
            "limits.working_days: lists monday more than once",
        ),
        (("profile", "skills"), ["SQL", "sql"], "profile.skills: lists 'sql' more than once"),
    ],
)
def test_out_of_range_values_name_their_path(
    path: tuple[Any, ...], value: object, message: str
) -> None:
    doc = example_document()
    target = doc
    for part in path[:-1]:
        target = target[part]
    target[path[-1]] = value
    assert problems(doc) == [message]


def test_unknown_keys_are_rejected_with_their_path() -> None:
    doc = example_document()
    doc["platforms"][0]["fee_percnt"] = 5
    doc["colour"] = "blue"
    assert problems(doc) == [
        "platforms[0].fee_percnt: unknown key: a plan has no such "
        "setting (check its spelling, or remove it)",
        "colour: unknown key: a plan has no such setting (check its spelling, or remove it)",
    ]


def test_missing_required_fields() -> None:
    doc = example_document()
    del doc["profile"]
    del doc["platforms"][0]["name"]
    assert problems(doc) == [
        "profile: missing; this setting is required",
        "platforms[0].name: missing; this setting is required",
    ]


# --- text ----------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "text",
    [
        "[bold red]markup[/]",
        "emoji 🙂👍🏽",
        "עברית ومرحبا",
        "quotes \" ' ''' \"\"\"",
        "\\n \\u0000",
    ],
)
def test_any_printable_text_is_accepted(text: str) -> None:
    plan = example_plan()
    plan.title = text
    plan.platforms[0].name = text
    plan.log = [e for e in plan.log if e.platform != "Prolific"]
    assert plan.title == text


@pytest.mark.parametrize(
    ("text", "message"),
    [
        ("two\nlines", "must be a single line (no line breaks)"),
        ("tab\there", "must not contain control characters (U+0009 at 3)"),
        ("nul\x00", "must not contain control characters (U+0000 at 3)"),
        ("esc\x1b[31m", "must not contain control characters (U+001B at 3)"),
        ("c1\x85", "must not contain control characters (U+0085 at 2)"),
        (
            "lone \ud800",
            "must be valid Unicode text (it contains a lone surrogate) (found 'lone \\ud800')",
        ),
        ("   ", "must not be empty"),
    ],
)
def test_one_line_fields_refuse_control_characters(text: str, message: str) -> None:
    doc = example_document()
    doc["goals"][0]["skill"] = text
    assert problems(doc) == [f"goals[0].skill: {message}"]


def test_notes_keep_lines_and_tabs_and_normalise_crlf() -> None:
    plan = example_plan()
    plan.goals[0].why = "first\r\nsecond\n\tindented"
    assert plan.goals[0].why == "first\nsecond\n\tindented"
    with pytest.raises(ValidationError, match="control characters"):
        plan.goals[0].why = "bell\x07"
    with pytest.raises(ValidationError, match="control characters"):
        plan.goals[0].why = "lone\rreturn"


# --- cross-field checks ----------------------------------------------------------------------


def test_weekly_limit_can_be_up_to_seven_days() -> None:
    doc = example_document()
    doc["limits"]["weekly_minutes"] = 7 * 90
    Plan.model_validate(doc)
    doc["limits"]["weekly_minutes"] = 7 * 90 + 1
    assert problems(doc) == ["limits.weekly_minutes: can't exceed 7 x daily_minutes (630)"]


def test_daily_times_working_days_may_be_below_weekly() -> None:
    doc = example_document()
    doc["limits"]["working_days"] = ["monday"]
    doc["limits"]["weekly_minutes"] = 300  # more than 1 x 90, allowed
    Plan.model_validate(doc)


def test_review_date_not_before_creation() -> None:
    doc = example_document()
    doc["limits"]["review_date"] = dt.date(2026, 11, 2)  # the creation day itself is fine
    Plan.model_validate(doc)
    doc["limits"]["review_date"] = dt.date(2026, 11, 1)
    assert problems(doc) == ["limits.review_date: is before the plan was created (2026-11-02)"]


def test_log_refers_to_existing_platforms_and_names_are_unique() -> None:
    doc = example_document()
    doc["log"][2]["platform"] = "Toloka "
    doc["platforms"][2]["name"] = "prolific"
    assert problems(doc) == [
        "platforms[2].name: 'prolific' is used by another platform",
        "log[2].platform: 'Toloka ' is not one of the plan's platforms",
    ]


def test_all_cross_field_problems_are_reported_together() -> None:
    doc = example_document()
    for entry in doc["log"]:
        entry["platform"] = "Gone"
    assert len(problems(doc)) == 9


def test_checklist_items_must_exist_once() -> None:
    doc = example_document()
    doc["platforms"][1]["checklist"][0]["item"] = "escrow"
    found = problems(doc)
    assert found[0].startswith(
        "platforms[1].checklist[0].item: unknown checklist item 'escrow'; "
        "known items: payment-guarantee, rejection-appeal"
    )
    doc = example_document()
    doc["platforms"][1]["checklist"][1]["item"] = "national-currency"
    assert problems(doc) == [
        "platforms[1].checklist: lists item 'national-currency' more than once"
    ]


def test_fixed_withdrawal_fee_needs_a_larger_payout() -> None:
    doc = example_document()
    del doc["platforms"][1]["payout_amount"]
    assert problems(doc) == ["platforms[1].payout_amount: needed when withdrawal_fee_fixed is set"]
    doc["platforms"][1]["payout_amount"] = 1
    assert problems(doc) == ["platforms[1].payout_amount: must be larger than withdrawal_fee_fixed"]


def test_assignment_is_validated() -> None:
    plan = example_plan()
    with pytest.raises(ValidationError):
        plan.limits.daily_minutes = -5
    with pytest.raises(ValidationError):
        plan.limits.weekly_minutes = 10_000
    assert plan.limits.daily_minutes == 90
    assert plan.limits.weekly_minutes == 450


# --- derived values --------------------------------------------------------------------------


def test_minutes_today_and_this_week() -> None:
    plan = example_plan()
    # Thursday 2026-11-19: 40 min that day; week from Monday 11-16: 90 + 60 + 40 = 190.
    use = limit_use(plan, dt.date(2026, 11, 19))
    assert (use.today_minutes, use.week_minutes) == (40, 190)
    assert (use.daily_limit, use.weekly_limit) == (90, 450)
    assert use.working_day and not use.over_daily and not use.over_weekly
    assert use.left_today == 50
    # Sunday 11-22 is in the same week but not a working day; Monday 11-23 starts afresh.
    assert limit_use(plan, dt.date(2026, 11, 22)).week_minutes == 190
    assert not limit_use(plan, dt.date(2026, 11, 22)).working_day
    assert limit_use(plan, dt.date(2026, 11, 23)).week_minutes == 0
    assert week_start(dt.date(2026, 11, 22)) == dt.date(2026, 11, 16)


def test_over_the_limits() -> None:
    plan = example_plan()
    plan.limits.weekly_minutes = 150
    plan.limits.daily_minutes = 30
    use = limit_use(plan, dt.date(2026, 11, 19))
    assert use.over_daily and use.over_weekly and use.left_today == 0


def test_checklist_progress_counts_every_item() -> None:
    prolific, clickworker, toloka = example_plan().platforms
    assert (checklist_progress(prolific).passed, checklist_progress(prolific).todo) == (12, 3)
    progress = checklist_progress(clickworker)
    assert (progress.passed, progress.failed, progress.todo, progress.total) == (3, 1, 11, 15)
    assert progress.checked == 4
    assert checklist_progress(toloka).todo == 15


def test_real_rates_from_inputs_and_log() -> None:
    plan = example_plan()
    prolific = plan.platforms[0]
    # $1.20 / 8 min = $9/h; 3% withdrawal, 10% tax: 9 * 0.97 * 0.9 = 7.857;
    # time 1 + 20/60 + 0.02/0.98 = 1.353741...; 7.857 / 1.353741 = 5.8039...
    rate = platform_rate(prolific)
    assert rate is not None and abs(rate - D("5.80391457")) < D("0.00001")
    # Log: 29.55 earned in 340 min -> 29.55 * 0.873 = 25.79715; * 60 / 340 = 4.552438...
    log_rate = platform_log_rate(plan, "Prolific")
    assert log_rate is not None and abs(log_rate - D("4.552438")) < D("0.000001")
    assert platform_log_rate(plan, "Toloka") is None
    assert platform_log_rate(plan, "Nobody") is None


def test_next_milestones_soonest_first_with_overdue() -> None:
    plan = example_plan()
    due = next_milestones(plan, dt.date(2026, 12, 10))
    assert [(d.milestone.title, d.days_left, d.overdue) for d in due[:2]] == [
        ("Write ten sample replies and get feedback", -3, True),
        ("Finish course 2: Project initiation", 11, False),
    ]
    assert len(due) == 4  # the done milestone is left out
    assert len(next_milestones(plan, dt.date(2026, 12, 10), limit=1)) == 1


def test_days_to_review() -> None:
    plan = example_plan()
    assert days_to_review(plan, dt.date(2026, 11, 21)) == 23
    assert days_to_review(plan, dt.date(2026, 12, 14)) == 0
    assert days_to_review(plan, dt.date(2026, 12, 20)) == -6


def test_stop_rule_fires_after_the_weeks_have_passed() -> None:
    plan = example_plan()  # below $5/h over 3 weeks
    # 11-23: Prolific's first session (11-03) is only 20 days old.
    assert stop_rule_hits(plan, dt.date(2026, 11, 23)) == []
    # 11-24: window 11-04..11-24 for Prolific: 280 min, 24.15 earned;
    # 24.15 * 0.97 * 0.9 = 21.08295; * 60 / 280 = 4.517775 < 5. Clickworker's first
    # session (11-05) is only 19 days old.
    hits = stop_rule_hits(plan, dt.date(2026, 11, 24))
    assert [(h.platform, h.weeks) for h in hits] == [("Prolific", 3)]
    assert hits[0].rate == D("4.517775")
    # 11-26: Clickworker too: 100 min, 4.50 earned; 4.50 * (1 - 1/20) * 0.9 / (100/60) = 2.3085
    hits = stop_rule_hits(plan, dt.date(2026, 11, 26))
    assert [h.platform for h in hits] == ["Prolific", "Clickworker"]
    assert abs(hits[1].rate - D("2.3085")) < D("0.00001")


def test_stop_rule_skips_dropped_platforms_and_high_rates() -> None:
    plan = example_plan()
    plan.platforms[0].status = PlatformStatus.DROPPED
    assert [h.platform for h in stop_rule_hits(plan, dt.date(2026, 11, 26))] == ["Clickworker"]
    assert plan.limits.stop_rule is not None
    plan.limits.stop_rule.min_hourly_rate = D(2)
    assert stop_rule_hits(plan, dt.date(2026, 11, 26)) == []
    plan.limits.stop_rule = None
    assert stop_rule_hits(plan, dt.date(2026, 11, 26)) == []


# --- the checklist ---------------------------------------------------------------------------


def test_the_shipped_checklist() -> None:
    checklist = load_checklist()
    assert checklist.ids() == (
        "payment-guarantee",
        "rejection-appeal",
        "national-currency",
        "payout-schedule",
        "payout-method",
        "fees-known",
        "time-estimate",
        "minimum-wage",
        "harmful-content",
        "data-privacy",
        "public-terms",
        "deactivation-process",
        "worker-voice",
        "no-upfront-payment",
        "no-messenger-recruiting",
    )
    for item in checklist.items:
        assert item.en and item.why.en and "\n" not in item.why.en
        assert any("а" <= ch <= "я" for ch in item.ru.lower() + item.why.ru.lower()), item.id
    assert checklist.states.label(CheckState.TODO, "en") == "not yet"
    assert checklist.states.label(CheckState.PASS, "en") == "tick"
    assert checklist.states.label(CheckState.FAIL, "en") == "fails"
    assert checklist.get("worker-voice") is not None and checklist.get("nope") is None


def test_a_broken_checklist_file_is_refused(tmp_path: Path) -> None:
    from guide.checklist import load_checklist_file

    path = tmp_path / "checklist.toml"
    text = (content_dir() / "checklist.toml").read_text("utf-8")
    path.write_text(text.replace('id = "fees-known"', 'id = "payment-guarantee"'), "utf-8")
    with pytest.raises(ValidationError, match="duplicate item ids: payment-guarantee"):
        load_checklist_file(path)


@pytest.mark.parametrize(
    ("old", "new"),
    [
        ('id = "fees-known"', 'id = "payment-guarantee"'),  # twice
        ('id = "fees-known"', 'id = "Fees_Known"'),  # not an id
        ('id = "fees-known"', "id = 7"),
    ],
)
def test_the_ids_alone_are_refused_as_the_whole_checklist_refuses_them(
    tmp_path: Path, old: str, new: str
) -> None:
    # Plans read only the ids (ChecklistIds); the whole Checklist is built on that model,
    # so the rules for ids are one and the same.
    from guide.checklist import Checklist, ChecklistIds, _read

    path = tmp_path / "checklist.toml"
    path.write_text((content_dir() / "checklist.toml").read_text("utf-8").replace(old, new))
    refusals = []
    for model in (ChecklistIds, Checklist):
        with pytest.raises(ValidationError) as refused:
            model.model_validate(_read(path))
        refusals.append([(e["type"], e["loc"], e["msg"]) for e in refused.value.errors()])
    assert refusals[0] == refusals[1]


LAZY_MODELS = """
import json
from pydantic import ValidationError
from guide.checklist import Checklist, ChecklistItem, StateLabels
from guide.texts import LocalList, LocalText
bad = [
    (LocalText, {"en": "", "ru": "текст"}),
    (LocalText, {"en": "text", "ru": "текст", "de": "Text"}),
    (LocalText, {"en": 1, "ru": "текст"}),
    (LocalList, {"en": ["a"], "ru": "б"}),
    (StateLabels, {"todo": {"en": "x"}}),
    (ChecklistItem, {"en": "a", "ru": "б", "id": "x", "principle": "fair", "why": {}}),
    (Checklist, {"states": {}, "item": []}),
]
models = (Checklist, ChecklistItem, StateLabels, LocalText, LocalList)
built_before = [m.__name__ for m in models if m.__pydantic_complete__]
def errors(model, data):
    try:
        model.model_validate(data)
    except ValidationError as e:
        return e.errors(include_url=False)
    return None
first = [errors(m, d) for m, d in bad]  # the first use builds the model
again = [errors(m, d) for m, d in bad]
print(json.dumps({"built_before": built_before, "first": first, "again": again}, default=str))
"""


def test_the_checklists_models_are_built_on_first_use_and_refuse_the_same() -> None:
    import json
    import subprocess
    import sys

    result = subprocess.run(
        [sys.executable, "-c", LAZY_MODELS], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    said = json.loads(result.stdout)
    assert said["built_before"] == []
    assert None not in said["first"]
    assert said["first"] == said["again"]


def test_the_control_character_search_is_unicodes_category_cc() -> None:
    # Text is checked with one search for control characters before looking closer.
    every = "".join(chr(c) for c in range(0x110000) if not 0xD800 <= c <= 0xDFFF)
    found = set(plan_module._CONTROL.findall(every))
    assert found == {ch for ch in every if unicodedata.category(ch) == "Cc"}


@pytest.mark.parametrize(
    ("amount", "refused"),
    [("1.000000", False), ("1.0000000", False), ("1.0000010", False), ("1.0000001", True)],
)
def test_places_count_without_trailing_zeros(amount: str, refused: bool) -> None:
    doc = example_document()
    doc["platforms"][0]["pay_per_task"] = D(amount)
    if refused:
        assert problems(doc) == ["platforms[0].pay_per_task: must have at most 6 decimal places"]
    else:
        assert Plan.model_validate(doc).platforms[0].pay_per_task == D(amount)
