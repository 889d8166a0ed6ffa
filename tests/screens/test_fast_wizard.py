"""The whole wizard at 80x24, typed as fast as the pilot can: every key of a step in one
``press``, no pauses; the test waits only where a step or a dialog must first appear. The
saved file must hold exactly what was typed: no key lost, none landing in another field."""

from __future__ import annotations

import datetime as dt
import tomllib
from collections.abc import Callable
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path

import pytest
from textual.pilot import Pilot
from textual.widgets import RadioButton, Static

from guide.i18n import Lang
from guide.storage import load_plan
from screens.app import RemoteGuideApp
from screens.dialogs import TextDialog
from screens.goal_editor import GoalEditor
from screens.plan_screen import PlanScreen
from screens.steps.platforms import PlatformsStep
from screens.widgets.form import Choices
from screens.wizard import WizardScreen
from tests.screens.conftest import wait_until

SIZE = (80, 24)
TODAY = dt.date(2026, 11, 21)
CLEAR = ("home", "ctrl+k")  # empty a field whatever it held (and whether it was selected)


@dataclass(frozen=True)
class Answers:
    """What the user types, in one language."""

    currency: str
    skills: str
    custom_platform: str
    note: str
    skill: str
    why: str
    resources: str
    milestones: tuple[tuple[str, str], ...]
    title: str


ANSWERS: dict[Lang, Answers] = {
    "en": Answers(
        currency="eur",
        skills="Excel, [b]SQL[/b]",
        custom_platform="My panel",
        note="fee; no deal",
        skill="Tech writing",
        why="Remote docs",
        resources="Course, Docs",
        milestones=(("A how-to", "2026-12-15"), ("Apply: 5", "2027-01-31")),
        title="Winter: 6 h",
    ),
    "ru": Answers(
        currency="rub",
        skills="Excel, таблицы",
        custom_platform="Моя панель",
        note="взнос; нет",
        skill="Тексты",
        why="Работа удалённо",
        resources="Курс, Вики",
        milestones=(("Пример", "2026-12-15"), ("Отклик: 5", "2027-01-31")),
        title="Зима: 6 ч",
    ),
}


def typed(text: str) -> tuple[str, ...]:
    return tuple(text)


def fill(text: str) -> tuple[str, ...]:
    """Keys that replace a field's text with ``text``."""
    return (*CLEAR, *typed(text))


async def next_step(pilot: Pilot[int], wizard: WizardScreen, key: str) -> None:
    """Ctrl+N, then wait until the step called ``key`` is shown."""
    await pilot.press("ctrl+n")
    await wait_until(pilot, lambda: wizard.step == key)


async def until_screen(pilot: Pilot[int], check: Callable[[object], bool]) -> None:
    await wait_until(pilot, lambda: check(pilot.app.screen))


@pytest.mark.parametrize("lang", ["en", "ru"])
async def test_the_whole_wizard_typed_at_full_speed(
    make_app: Callable[[Lang], RemoteGuideApp],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    lang: Lang,
) -> None:
    a = ANSWERS[lang]
    monkeypatch.chdir(tmp_path)  # the file is typed as a short relative name
    target = tmp_path / "fast.toml"
    app = make_app(lang)
    app.today = lambda: TODAY
    async with app.run_test(size=SIZE) as pilot:
        await pilot.press("enter")  # "Make a plan", the home screen's first entry
        await until_screen(pilot, lambda s: isinstance(s, WizardScreen))
        wizard = app.screen
        assert isinstance(wizard, WizardScreen)

        # 1. About you: the goal (a radio list, focused first), hours, rate, currency, skills.
        goal = wizard.query_one("#goal", Choices)
        names = [b.name for b in goal.query(RadioButton)]
        start = names.index(goal.chosen or names[0])
        to_career = names.index("remote_career") - start
        moves = ["down"] * to_career if to_career >= 0 else ["up"] * -to_career
        await pilot.press(
            *moves,
            "enter",
            "tab",
            *fill("6"),
            "tab",
            *fill("12.5"),
            "tab",
            *fill(a.currency),
            "tab",
            *fill(a.skills),
        )
        await next_step(pilot, wizard, "path")

        # 2. The path: keep what is recommended.
        await next_step(pilot, wizard, "limits")

        # 3. Limits: daily, weekly, Saturday on too, the review date, a stop rule.
        days_to_saturday = ["tab"] * 6
        await pilot.press(
            *fill("90"),
            "tab",
            *fill("450"),
            *days_to_saturday,
            "space",
            "tab",
            "tab",
            *fill("2027-01-15"),
            "tab",
            "space",
            "tab",
            *fill("4.5"),
            "tab",
            *fill("3"),
        )
        await next_step(pilot, wizard, "platforms")

        # 4. Platforms: Prolific and Toloka from the catalogue, and one of my own.
        ids = [p.id for p in wizard.query_one(PlatformsStep).catalogue]
        prolific, toloka = ids.index("prolific"), ids.index("toloka")
        await pilot.press(
            "home",
            *["down"] * prolific,
            "space",
            *["down"] * (toloka - prolific),
            "space",
            "tab",
            *typed(a.custom_platform),
            "enter",
        )
        await next_step(pilot, wizard, "vetting")

        # 5. Vetting (Prolific): tick the first item, fail the second with a note.
        await pilot.press("tab", "home", "t", "down", "x", "n")
        await until_screen(pilot, lambda s: isinstance(s, TextDialog))
        await pilot.press(*typed(a.note), "enter")
        await until_screen(pilot, lambda s: s is wizard)
        await next_step(pilot, wizard, "rate")

        # 6. The real hourly rate of Prolific: every input, in order.
        rates = ["0.30", "1", "10", "5", "20", "1", "2.5", "10", "13"]
        keys: list[str] = []
        for value in rates:
            keys += ["tab", *fill(value)]
        await pilot.press(*keys)
        await next_step(pilot, wizard, "goals")

        # 7. A goal of my own with two milestones, typed the moment the editor opens.
        await pilot.press("tab", "enter")  # past the suggestions to "Add a goal"
        await until_screen(pilot, lambda s: isinstance(s, GoalEditor))
        (first, first_due), (second, second_due) = a.milestones
        await pilot.press(
            *typed(a.skill),
            "tab",
            *typed(a.why),
            "tab",
            *typed("2027-02-28"),
            "tab",
            *fill("4"),
            "tab",
            *typed(a.resources),
            "tab",  # the milestones table
            "tab",
            *typed(first),
            "tab",
            *typed(first_due),
            "tab",
            "enter",  # add it
            "shift+tab",
            "shift+tab",
            *typed(second),
            "tab",
            *typed(second_due),
            "tab",
            "enter",
            "ctrl+s",
        )
        await until_screen(pilot, lambda s: s is wizard)
        await next_step(pilot, wizard, "review")

        # 8. Title and file, then save.
        await pilot.press(*fill(a.title), "tab", *fill("fast.toml"), "ctrl+n")
        await until_screen(pilot, lambda s: isinstance(s, PlanScreen))
        heading = str(app.screen.query_one("#plan-heading", Static).render())
        assert a.title in heading

    check_saved(target, a)


def check_saved(target: Path, a: Answers) -> None:
    plan = load_plan(target).plan
    assert plan.title == a.title
    profile = plan.profile
    assert profile.goal.value == "remote_career"
    assert (profile.hours_per_week, profile.target_hourly_rate) == (6, Decimal("12.5"))
    assert profile.currency == a.currency.upper()
    assert profile.skills == [s.strip() for s in a.skills.split(",")]

    limits = plan.limits
    assert (limits.daily_minutes, limits.weekly_minutes) == (90, 450)
    assert [d.value for d in limits.working_days] == [
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
    ]
    assert limits.review_date == dt.date(2027, 1, 15)
    assert limits.stop_rule is not None
    assert (limits.stop_rule.min_hourly_rate, limits.stop_rule.after_weeks) == (Decimal("4.5"), 3)

    assert [p.name for p in plan.platforms] == ["Prolific", "Toloka", a.custom_platform]
    prolific = plan.platforms[0]
    assert [
        prolific.pay_per_task,
        prolific.minutes_per_task,
        prolific.unpaid_minutes_per_hour,
        prolific.rejected_percent,
        prolific.fee_percent,
        prolific.withdrawal_fee_fixed,
        prolific.withdrawal_fee_percent,
        prolific.payout_amount,
        prolific.tax_percent,
    ] == [Decimal(v) for v in ("0.30", "1", "10", "5", "20", "1", "2.5", "10", "13")]
    first, second = prolific.checklist[:2]
    assert (first.state.value, first.note) == ("pass", "")
    assert (second.state.value, second.note) == ("fail", a.note)

    assert len(plan.goals) == 1
    goal = plan.goals[0]
    assert (goal.skill, goal.why, goal.hours_per_week) == (a.skill, a.why, 4)
    assert goal.target_date == dt.date(2027, 2, 28)
    assert goal.resources == [r.strip() for r in a.resources.split(",")]
    assert [(m.title, m.due.isoformat(), m.done) for m in goal.milestones] == [
        (title, due, False) for title, due in a.milestones
    ]
    # The text on disk, too: what a user would read in the file.
    document = tomllib.loads(target.read_text("utf-8"))
    assert document["title"] == a.title
    assert document["goals"][0]["milestones"][1]["title"] == a.milestones[1][0]
