"""The rules shared by the plan model and the screens (guide/rules.py), the draft's step
key (and drafts that stored a position), and the list of languages."""

from __future__ import annotations

from decimal import Decimal

import pytest

from guide.checklist import load_checklist
from guide.drafts import POSITIONS, Draft, load_draft, save_draft
from guide.i18n import LANGS, detect_lang, next_lang
from guide.paths import draft_path
from guide.plan import Goal, Language, Limits, LogEntry, Platform, Profile, StopRule
from guide.rules import Range, minutes_left, number_rule, session_minutes, time_up, weekly_cap
from guide.texts import LocalList, LocalText
from tests.guide.plan_samples import example_plan


def test_number_rules_are_read_from_the_model() -> None:
    hours = number_rule(Profile, "hours_per_week")
    assert (hours.low, hours.high, hours.whole, hours.optional) == (0, 168, True, False)
    pay = number_rule(Platform, "pay_per_task")
    assert (pay.high, pay.whole, pay.optional) == (Decimal(1_000_000_000), False, True)
    minutes = number_rule(Platform, "minutes_per_task")
    assert minutes.range.low_open and not minutes.range.contains(Decimal(0))
    assert number_rule(StopRule, "after_weeks").low == 1
    assert number_rule(LogEntry, "minutes").low == 1
    assert number_rule(Goal, "hours_per_week").high == 168
    with pytest.raises(KeyError):
        number_rule(Platform, "name")


def test_a_range_validates_with_the_models_words() -> None:
    assert Range(0, 1440, low_open=True).message() == "must be above 0 and 1440"
    assert Range(0, 1_000_000_000).message() == "must be between 0 and 1_000_000_000"
    with pytest.raises(ValueError, match="between 1 and 52"):
        Range(1, 52)(53)


def test_the_weekly_cap_is_the_models() -> None:
    assert weekly_cap(30) == 210
    plan = example_plan()
    with pytest.raises(ValueError, match=r"\(210\)"):
        Limits.model_validate(
            {**plan.limits.model_dump(), "daily_minutes": 30, "weekly_minutes": 211}
        )


def test_the_timer_says_time_is_up_when_today_is_used() -> None:
    assert minutes_left(30, 29 * 60 + 59) == 1 and not time_up(30, 29 * 60 + 59)
    assert minutes_left(30, 30 * 60) == 0 and time_up(30, 30 * 60)
    assert time_up(0, 0)  # nothing left today: up at once
    assert minutes_left(10, 3600) == 0
    assert session_minutes(10) == 1 and session_minutes(150) == 2 and session_minutes(90 * 60) == 90


def test_a_draft_stores_the_step_key() -> None:
    save_draft(Draft(example_plan(), "vetting", "", {"hours": "9"}))
    draft = load_draft()
    assert draft is not None and draft.step == "vetting" and draft.fields == {"hours": "9"}


@pytest.mark.parametrize(("stored", "key"), [(2, "limits"), (0, "about"), (7, "review"), (99, "")])
def test_an_older_draft_with_a_step_position_still_loads(stored: int, key: str) -> None:
    save_draft(Draft(example_plan()))
    doc = draft_path().read_text(encoding="utf-8")
    draft_path().write_text(doc.replace('step = ""', f"step = {stored}"), encoding="utf-8")
    draft = load_draft()
    assert draft is not None and draft.step == key
    assert POSITIONS[2] == "limits"


def test_the_plans_languages_are_the_guides() -> None:
    assert [lang.value for lang in Language] == list(LANGS)


def test_every_bilingual_text_has_every_language() -> None:
    assert set(LocalText.model_fields) == set(LANGS) == set(LocalList.model_fields)
    item = load_checklist().items[0]
    assert {lang: item.text(lang) for lang in LANGS} == {
        lang: getattr(item, lang) for lang in LANGS
    }


def test_languages_come_from_one_list() -> None:
    assert LANGS[0] == "en"
    assert [next_lang(lang) for lang in LANGS] == [*LANGS[1:], LANGS[0]]
    assert detect_lang({"LANG": "ru_RU.UTF-8"}) == "ru"
    assert detect_lang({"LC_ALL": "de_DE.UTF-8", "LANG": "ru_RU"}) == "en"
    assert detect_lang({}) == "en"
