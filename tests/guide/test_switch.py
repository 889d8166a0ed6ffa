"""The switch calculator: path data, the arithmetic, its honest edges, and the article's
worked example computed by the same code."""

from __future__ import annotations

import datetime as dt
import json
import math
import re
import shutil
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from guide.articles import Guide
from guide.cli import main
from guide.content import ContentError
from guide.i18n import LANGS, Lang, plural
from guide.paths import content_dir
from guide.paths_catalogue import load_paths, shipped_paths
from guide.plan import CareerPath, EntryKind, Goal, Language, LogEntry, Plan
from guide.storage import save_plan
from guide.switch import (
    PAID_HOURS_PER_YEAR,
    Inputs,
    Weeks,
    compare,
    compute,
    fmt,
    job_ready,
    money,
    with_move,
)

from .plan_samples import example_plan

TODAY = dt.date(2026, 12, 7)  # a Monday
D = Decimal
Capture = pytest.CaptureFixture[str]


# --- the path data ----------------------------------------------------------------------------


def test_every_path_the_wizard_can_recommend_has_data() -> None:
    paths = shipped_paths()
    assert set(paths) == set(CareerPath)


def test_every_pay_figure_names_its_region_year_and_source() -> None:
    for info in shipped_paths().values():
        for pay in info.pay:
            assert pay.region.en and pay.region.ru and pay.year >= 2020
            assert pay.source.startswith("https://")
            if pay.currency == "USD":
                assert pay.region.en == "United States"
        regions = [p.currency for p in info.pay] + [p.currency for p in info.no_pay]
        assert "RUB" in regions, f"{info.id}: a Russian reader gets no word on pay"


def test_pay_figures_match_the_fact_sheet() -> None:
    pm = shipped_paths()[CareerPath.REMOTE_PROJECT_MANAGEMENT]
    assert pm.pay_for("USD") is not None
    assert pm.pay_for("USD").median_annual == 100_750  # type: ignore[union-attr]
    assert pm.pay_for("RUB") is None and pm.no_pay_for("RUB") is not None


def _copy_paths(tmp_path: Path, old: str, new: str) -> Path:
    text = (content_dir() / "paths.toml").read_text("utf-8")
    assert old in text
    (tmp_path / "paths.toml").write_text(text.replace(old, new, 1), "utf-8")
    return tmp_path


@pytest.mark.parametrize(
    ("old", "new", "problem"),
    [
        ("year = 2024", "year = 1990", "path[0].pay[0].year: must be between 2000 and 2100"),
        ("study_hours = 260", "study_hours = 260\ncolour = 1", "path[0].colour: unknown key"),
        ('role.ru = "Специалист по управлению проектами"\n', "", "path[0].role.ru: missing"),
        (
            'source = "https://www.pmi.org/certifications/certified-associate-capm"',
            'source = "pmi.org"',
            "path[0].cost[1].source: must not be blank",
        ),
        ('id = "soft_skills"', 'id = "remote_project_management"', "path[1].id: "),
        ("study_hours = 260\n", "", "path[0].study_note: missing"),
    ],
)
def test_a_broken_file_names_the_path_and_field(
    tmp_path: Path, old: str, new: str, problem: str
) -> None:
    root = _copy_paths(tmp_path, old, new)
    with pytest.raises(ContentError) as error:
        load_paths(root)
    assert any(problem in p for p in error.value.problems), error.value.problems
    assert all(p.startswith(str(root / "paths.toml")) for p in error.value.problems)


# --- the arithmetic ----------------------------------------------------------------------------


def inputs(**changes: object) -> Inputs:
    base: dict[str, object] = {
        "today": TODAY,
        "currency": "USD",
        "real_rate": D("9.35"),
        "work_hours": D(8),
        "study_hours": D(5),
        "hours_needed": D(260),
        "can_work_hours": D(20),
        "pay_hourly": D(100_750) / PAID_HOURS_PER_YEAR,
        "move_hours": D(3),
    }
    return Inputs(**{**base, **changes})  # type: ignore[arg-type]


def test_the_worked_numbers() -> None:
    s = compute(inputs())
    assert s.job_ready_date == TODAY + dt.timedelta(days=364)  # 260 / 5 = 52 weeks
    assert s.job_ready_date_if_moved == TODAY + dt.timedelta(days=228)  # 260 / 8 = 32.5 weeks
    assert round(s.forgone_per_month, 2) == D("121.55")  # type: ignore[arg-type]
    assert round(s.monthly_difference, 2) == D("3873.78")  # type: ignore[arg-type]
    assert s.break_even_date == TODAY + dt.timedelta(days=228 + 8)
    assert s.weeks_sooner == 19


def test_logged_study_counts_toward_the_hours_needed() -> None:
    s = compute(inputs(hours_done=D(250), move_hours=D(0)))
    assert s.job_ready_date == TODAY + dt.timedelta(days=14)
    assert compute(inputs(hours_done=D(300))).job_ready_date == TODAY


def test_it_never_pays_back_when_the_path_pays_less_than_microtasks_now() -> None:
    s = compute(inputs(pay_hourly=D(1)))
    assert s.break_even_date is None
    assert "switch_even_never_pay" in [n.key for n in s.notes]


def test_it_does_not_pay_back_when_the_gain_comes_too_late() -> None:
    # a tiny gain a week for the 19 weeks between the two job-ready dates
    gain = D("0.5")
    pay = (gain + 8 * D("9.35")) / 20
    s = compute(inputs(pay_hourly=pay))
    assert s.break_even_date is None
    assert "switch_even_never_time" in [n.key for n in s.notes]


def test_moving_more_than_the_microtask_hours_moves_them_all() -> None:
    s = compute(inputs(move_hours=D(50)))
    assert s.moved_hours == 8
    assert "switch_move_capped" in [n.key for n in s.notes]


def test_target_date_reachable_or_not() -> None:
    s = compute(inputs(target_date=TODAY + dt.timedelta(days=300), target_skill="PM"))
    assert s.reachable is False and s.reachable_if_moved is True
    assert "switch_target_no" in [n.key for n in s.notes]


def test_with_move_recomputes() -> None:
    s = compute(inputs(move_hours=D(0)))
    assert s.forgone_per_month == 0 and s.break_even_date is None
    assert with_move(s, D(3)).job_ready_date_if_moved == TODAY + dt.timedelta(days=228)


# --- properties ---------------------------------------------------------------------------------

hours = st.decimals(min_value=0, max_value=80, places=1, allow_nan=False, allow_infinity=False)
rates = st.decimals(min_value=0, max_value=200, places=2, allow_nan=False, allow_infinity=False)
needed = st.decimals(min_value=1, max_value=5000, places=0, allow_nan=False, allow_infinity=False)


@settings(max_examples=200, deadline=None)
@given(work=hours, study=hours, need=needed, a=hours, b=hours, rate=rates)
def test_moving_more_hours_never_makes_job_ready_later(
    work: Decimal, study: Decimal, need: Decimal, a: Decimal, b: Decimal, rate: Decimal
) -> None:
    less, more = sorted((a, b))
    common = {"work_hours": work, "study_hours": study, "hours_needed": need, "real_rate": rate}
    first = compute(inputs(**common, move_hours=less)).job_ready_date_if_moved
    second = compute(inputs(**common, move_hours=more)).job_ready_date_if_moved
    if first is not None:
        assert second is not None and second <= first


@settings(max_examples=200, deadline=None)
@given(work=hours, study=hours, need=needed, move=hours, r1=rates, r2=rates, pay=rates, can=hours)
def test_a_higher_real_rate_never_makes_break_even_earlier(
    work: Decimal,
    study: Decimal,
    need: Decimal,
    move: Decimal,
    r1: Decimal,
    r2: Decimal,
    pay: Decimal,
    can: Decimal,
) -> None:
    low, high = sorted((r1, r2))
    common = {
        "work_hours": work,
        "study_hours": study,
        "hours_needed": need,
        "move_hours": move,
        "pay_hourly": pay,
        "can_work_hours": can,
    }
    at_low = compute(inputs(**common, real_rate=low)).break_even_date
    at_high = compute(inputs(**common, real_rate=high)).break_even_date
    if at_high is not None:
        assert at_low is not None and at_low <= at_high


@settings(max_examples=100, deadline=None)
@given(need=needed, done=hours, rate=rates)
def test_zero_study_hours_give_no_date_not_a_division_error(
    need: Decimal, done: Decimal, rate: Decimal
) -> None:
    assert job_ready(TODAY, need, done, D(0)) is None
    s = compute(inputs(study_hours=D(0), hours_needed=need, real_rate=rate, move_hours=D(0)))
    assert s.job_ready_date is None and s.job_ready_date_if_moved is None
    assert s.break_even_date is None
    s = compute(inputs(study_hours=None, work_hours=D(0), move_hours=D(5)))
    assert s.job_ready_date is None and s.job_ready_date_if_moved is None


# --- from a plan -------------------------------------------------------------------------------


def plan_with(log: list[LogEntry], **profile: object) -> Plan:
    plan = example_plan()
    update = plan.profile.model_copy(update=profile) if profile else plan.profile
    return plan.model_copy(update={"log": log, "profile": update})


def work(day: dt.date, minutes: int, earned: str, platform: str = "Prolific") -> LogEntry:
    return LogEntry(date=day, platform=platform, minutes=minutes, earned=D(earned))


def study(day: dt.date, minutes: int, goal: str = "Project coordination") -> LogEntry:
    return LogEntry(kind=EntryKind.STUDY, date=day, goal=goal, minutes=minutes)


def test_rate_and_hours_come_from_the_last_four_logged_weeks() -> None:
    weeks = [TODAY - dt.timedelta(weeks=w) for w in range(6)]  # Mondays
    log = [work(d, 120, "10.00") for d in weeks[:4]]
    log.append(work(weeks[5], 600, "0.10"))  # older than the last 4 logged weeks: left out
    log += [study(d, 180) for d in weeks[:4]]
    log.append(work(TODAY + dt.timedelta(days=3), 600, "0.10"))  # after today: left out
    s = compare(plan_with(log), TODAY)
    prolific = example_plan().platform("Prolific")
    assert prolific is not None
    share = (1 - prolific.withdrawal_fee_percent / 100) * (1 - prolific.tax_percent / 100)
    assert s.inputs.real_rate == D(40) * share / 8
    assert s.inputs.work_hours == 2 and s.inputs.study_hours == 3
    assert s.inputs.hours_done == 12
    assert s.notes[0].key == "switch_rate_log"


def test_a_short_log_falls_back_to_the_limits_and_goals() -> None:
    s = compare(plan_with([]), TODAY)
    plan = example_plan()
    assert s.inputs.work_hours == D(plan.limits.weekly_minutes) / 60
    assert s.inputs.study_hours == sum(g.hours_per_week for g in plan.goals)
    keys = [n.key for n in s.notes]
    assert "switch_rate_inputs" in keys and "switch_work_limits" in keys
    assert "switch_study_goals" in keys


def test_no_study_logged_and_no_hours_per_week_says_what_is_missing() -> None:
    plan = plan_with([])
    goals = [g.model_copy(update={"hours_per_week": 0}) for g in plan.goals]
    plan = plan.model_copy(update={"goals": goals})
    s = compare(plan, TODAY, move_hours=D(0))
    assert s.job_ready_date is None
    assert "switch_study_missing" in [n.key for n in s.notes]
    for lang in LANGS:
        assert any("hours a week" in a or "часы в неделю" in a for a in s.assumptions(lang))


def test_a_region_with_no_pay_figure_gets_the_time_side_only() -> None:
    s = compare(plan_with([], currency="RUB"), TODAY, move_hours=D(2))
    assert s.job_ready_date is not None and s.job_ready_date_if_moved is not None
    assert s.monthly_difference is None and s.break_even_date is None
    assert s.forgone_per_month is not None  # in the plan's own currency
    keys = [n.key for n in s.notes]
    assert "switch_pay_none_region" in keys and "switch_pay" not in keys
    assert any("Russia" in a for a in s.assumptions("en"))


def test_a_path_without_study_hours_takes_the_readers_estimate() -> None:
    plan = plan_with([], path=CareerPath.SOFT_SKILLS)
    assert compare(plan, TODAY).job_ready_date is None
    s = compare(plan, TODAY, hours_needed=D(100))
    assert s.job_ready_date is not None
    assert "switch_needed_own" in [n.key for n in s.notes]


# --- writing it the reader's way ------------------------------------------------------------


def test_money_dates_and_plurals_in_both_languages() -> None:
    assert money(D("1234.5"), "USD", "en") == "$1,234.50"
    assert money(D("1234.5"), "USD", "ru") == "1\u00a0234,50\u00a0$"
    assert money(D("99"), "RUB", "en") == "99.00\u00a0₽"
    assert fmt(Weeks(1, accusative=True), "ru") == "1 неделю"
    assert fmt(Weeks(3), "ru") == "3 недели"
    assert fmt(Weeks(1), "en") == "1 week"


def test_every_note_renders_in_both_languages() -> None:
    s = compute(inputs(target_date=TODAY, target_skill="[b]x"))
    for lang in LANGS:
        texts = s.assumptions(lang)
        assert texts and all("{" not in text for text in texts)


# --- the article's worked example -----------------------------------------------------------

SECTION = {"en": "What the rate means for a switch", "ru": "Что ставка значит для перехода"}
DAYS = {"en": {"other": "days", "one": "day"}, "ru": {"one": "день", "few": "дня", "many": "дней"}}


def _section(guide: Guide, lang: Lang) -> str:
    article = guide.article(lang, "real-hourly-rate")
    start = next(h for h in article.headings if h.text == SECTION[lang])
    after = [h.block for h in article.headings if h.block > start.block]
    end = min(after) if after else len(article.blocks)
    return "\n".join(article.blocks[start.block : end]).replace("\u00a0", " ")


@pytest.mark.parametrize("lang", LANGS)
def test_the_articles_worked_example_is_what_the_code_computes(
    shipped_guide: Guide, lang: Lang
) -> None:
    pay = shipped_paths()[CareerPath.REMOTE_PROJECT_MANAGEMENT].pay_for("USD")
    assert pay is not None
    s = compute(inputs(pay_hourly=D(pay.annual) / PAID_HOURS_PER_YEAR))
    assert s.job_ready_date and s.job_ready_date_if_moved and s.break_even_date
    weeks_now = math.ceil((s.job_ready_date - TODAY).days / 7)
    weeks_moved = math.ceil((s.job_ready_date_if_moved - TODAY).days / 7)
    days = (s.break_even_date - s.job_ready_date_if_moved).days
    expected = [
        fmt(Weeks(weeks_now), lang),
        fmt(Weeks(weeks_moved), lang),
        money(s.forgone_per_month or D(0), "USD", lang),
        money(s.forgone_until_ready or D(0), "USD", lang),
        money(s.monthly_difference or D(0), "USD", lang),
        money(D(pay.annual), "USD", lang, places=0),
        money(D("9.35"), "USD", lang),
        f"{days} {DAYS[lang][plural(lang, days)]}",
    ]
    text = _section(shipped_guide, lang)
    missing = [e.replace("\u00a0", " ") for e in expected if e.replace("\u00a0", " ") not in text]
    assert missing == []
    assert re.search(r"\b260\b", text) and re.search(r"\b20\b", text)


# --- the command -----------------------------------------------------------------------------

KEYS = [
    "path",
    "real_rate",
    "work_hours_per_week",
    "study_hours_per_week",
    "job_ready_date",
    "job_ready_date_if_moved",
    "forgone_per_month",
    "break_even_date",
    "assumptions",
    "sources",
]


def saved(tmp_path: Path, plan: Plan) -> Path:
    path = tmp_path / "plan.toml"
    save_plan(plan, path)
    return path


def test_compare_json_has_exactly_the_keys(tmp_path: Path, capsys: Capture) -> None:
    path = saved(tmp_path, plan_with([]))
    args = ["compare", str(path), "--move-hours", "3", "--json", "--today", "2026-12-07"]
    assert main(args) == 0
    data = json.loads(capsys.readouterr().out)
    assert list(data) == KEYS
    assert data["path"] == "remote_project_management"
    assert data["job_ready_date"] and data["job_ready_date_if_moved"] < data["job_ready_date"]
    assert isinstance(data["real_rate"], str) and isinstance(data["work_hours_per_week"], float)
    assert any("bls.gov" in url for url in data["sources"])
    assert all(isinstance(a, str) for a in data["assumptions"])


def test_compare_json_break_even_is_null_when_it_never_pays_back(
    tmp_path: Path, capsys: Capture
) -> None:
    path = saved(tmp_path, plan_with([], currency="RUB"))
    assert main(["compare", str(path), "--move-hours", "2", "--json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["break_even_date"] is None and data["forgone_per_month"] is not None


def test_compare_text_in_the_interface_language(
    tmp_path: Path, capsys: Capture, monkeypatch: pytest.MonkeyPatch
) -> None:
    plan = plan_with([]).model_copy(update={"language": Language.RU})
    path = saved(tmp_path, plan)
    # A Russian plan, an English interface: the CLI's own words are English.
    assert main(["compare", str(path), "--today", "2026-12-07"]) == 0
    assert "What this rests on:" in capsys.readouterr().out
    assert main(["--lang", "ru", "compare", str(path), "--move-hours", "3"]) == 0
    out = capsys.readouterr().out
    assert "Путь: Специалист по управлению проектами" in out
    assert "Источники:" in out and "https://www.bls.gov/" in out
    monkeypatch.setenv("LANG", "ru_RU.UTF-8")  # the locale, when neither flag nor settings
    english = saved(tmp_path / "en", plan_with([]))
    assert main(["compare", str(english), "--today", "2026-12-07"]) == 0
    assert "Источники:" in capsys.readouterr().out


def test_compare_escapes_what_the_plan_says(tmp_path: Path, capsys: Capture) -> None:
    plan = plan_with([])
    goals = [plan.goals[0].model_copy(update={"skill": "PM\u202e[/b]"}), *plan.goals[1:]]
    plan = plan.model_copy(update={"goals": goals})
    assert isinstance(plan.goals[0], Goal)
    path = saved(tmp_path, plan)
    assert main(["compare", str(path), "--today", "2026-12-07"]) == 0
    out = capsys.readouterr().out
    assert "\u202e" not in out and "\\u202e" in out


def test_compare_a_broken_plan_or_bad_hours(tmp_path: Path, capsys: Capture) -> None:
    path = tmp_path / "bad.toml"
    shutil.copy(saved(tmp_path, plan_with([])), path)
    path.write_text(path.read_text("utf-8").replace("hours_per_week = 20", "hours_per_week = -1"))
    assert main(["compare", str(path)]) == 1
    assert "profile.hours_per_week" in capsys.readouterr().err
    with pytest.raises(SystemExit) as stop:
        main(["compare", str(path), "--move-hours", "lots"])
    assert stop.value.code == 2
