"""Step 1: the goal that brings the user, hours, target rate and currency, skills."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.validation import Regex
from textual.widgets import Label, RadioButton, RadioSet

from guide.i18n import t
from guide.plan import GoalKind, Profile
from screens.steps.base import WizardStep
from screens.widgets.form import (
    Choices,
    NumberRange,
    TextField,
    number_value,
    parse_decimal,
    split_list,
)

if TYPE_CHECKING:
    from guide.plan import Plan


class AboutStep(WizardStep):
    key = "about"

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Label(Content(t(lang, "goal_label")), classes="field-label")
        yield Choices(
            *(RadioButton(Content(t(lang, f"goal_{g.value}")), name=g.value) for g in GoalKind),
            id="goal",
        )
        yield TextField(
            t(lang, "hours_label"),
            validators=[NumberRange(lang, Profile, "hours_per_week")],
            id="hours",
        )
        yield TextField(
            t(lang, "rate_target_label"),
            validators=[NumberRange(lang, Profile, "target_hourly_rate")],
            id="target-rate",
        )
        yield TextField(
            t(lang, "currency_label"),
            validators=[Regex(r"^\s*[A-Za-z]{3}\s*$", failure_description=t(lang, "err_currency"))],
            id="currency",
        )
        yield TextField(t(lang, "skills_label"), placeholder=t(lang, "skills_hint"), id="skills")

    def load(self, plan: Plan) -> None:
        profile = plan.profile
        self.query_one(Choices).choose(profile.goal.value)
        self.query_one("#hours", TextField).value = str(profile.hours_per_week)
        self.query_one("#target-rate", TextField).value = number_value(
            self.lang, profile.target_hourly_rate
        )
        self.query_one("#currency", TextField).value = profile.currency
        self.query_one("#skills", TextField).value = ", ".join(profile.skills)

    def apply(self, plan: Plan) -> list[str]:
        problems = self.field_problems()
        if problems:
            return problems
        profile = plan.profile.model_copy()
        profile.goal = GoalKind(self._goal())
        profile.hours_per_week = int(parse_decimal(self._value("hours")) or 0)
        profile.target_hourly_rate = parse_decimal(self._value("target-rate")) or Decimal(0)
        profile.currency = self._value("currency").strip().upper()
        profile.skills = split_list(self._value("skills"))
        plan.profile = profile
        return []

    def _goal(self) -> str:
        return self.query_one(Choices).chosen or GoalKind.FIRST_LOOK.value

    def _value(self, field_id: str) -> str:
        return self.query_one(f"#{field_id}", TextField).value

    @on(RadioSet.Changed)
    @on(TextField.Edited)
    def _edited(self) -> None:
        self.changed()
