"""Step 6: each platform's pay inputs, with the real hourly rate updating as you type,
against the rate on paper and the user's target, and a plain-language verdict."""

from __future__ import annotations

from decimal import Decimal
from typing import TYPE_CHECKING

from pydantic import ValidationError
from textual import on
from textual.app import ComposeResult
from textual.content import Content
from textual.widgets import Select, Static

from guide.derived import platform_rate
from guide.i18n import Lang, t
from guide.plan import Platform
from guide.rate import money_text, naive_hourly_rate, round_money
from screens.steps.base import WizardStep, fill_platform_select
from screens.widgets.form import NumberRange, TextField, number_value, parse_decimal

if TYPE_CHECKING:
    from guide.plan import Plan

# field id -> (Platform attribute, words key); bounds and "may be unset" come from the model
FIELDS: list[tuple[str, str, str]] = [
    ("pay", "pay_per_task", "pay_per_task_label"),
    ("minutes", "minutes_per_task", "minutes_per_task_label"),
    ("unpaid", "unpaid_minutes_per_hour", "unpaid_label"),
    ("rejected", "rejected_percent", "rejected_label"),
    ("fee", "fee_percent", "fee_label"),
    ("withdraw-fixed", "withdrawal_fee_fixed", "withdraw_fixed_label"),
    ("withdraw-percent", "withdrawal_fee_percent", "withdraw_percent_label"),
    ("payout", "payout_amount", "payout_label"),
    ("tax", "tax_percent", "tax_label"),
]
CLOSE_SHARE = Decimal("0.75")  # "close to target" from 75% of it


class RateStep(WizardStep):
    key = "rate"

    def compose(self) -> ComposeResult:
        lang = self.lang
        yield Select[int]([], prompt=t(lang, "rate_platform"), allow_blank=True, id="rate-platform")
        yield Static(Content(t(lang, "rate_none")), id="rate-none", classes="muted")
        yield Static(id="rate-result", markup=False)
        for field_id, attribute, words in FIELDS:
            yield TextField(
                t(lang, words),
                validators=[NumberRange(lang, Platform, attribute)],
                id=f"rate-{field_id}",
            )

    def enter(self, plan: Plan) -> None:
        self.load(plan)

    def load(self, plan: Plan) -> None:
        select: Select[int] = self.query_one("#rate-platform", Select)
        has = fill_platform_select(select, plan)
        self.query_one("#rate-none").display = not has
        for widget in (select, self.query_one("#rate-result"), *self.query(TextField)):
            widget.display = has
        self._fill()

    @property
    def index(self) -> int | None:
        value = self.query_one("#rate-platform", Select).value
        return value if isinstance(value, int) and value < len(self.plan.platforms) else None

    def _fill(self) -> None:
        if self.index is None:
            return
        platform = self.plan.platforms[self.index]
        for field_id, attribute, *_ in FIELDS:
            value = getattr(platform, attribute)
            self.query_one(f"#rate-{field_id}", TextField).value = (
                "" if value is None else number_value(self.lang, value)
            )
        self._show(platform)

    def _typed(self) -> dict[str, Decimal | None]:
        return {
            attribute: parse_decimal(self.query_one(f"#rate-{field_id}", TextField).value)
            for field_id, attribute, *_ in FIELDS
        }

    def _update_platform(self) -> str | None:
        """Apply the typed inputs to the platform; the model's objection, if any."""
        if self.index is None or self.field_problems():
            return None
        platform = self.plan.platforms[self.index]
        try:
            updated = Platform.model_validate({**platform.model_dump(), **self._typed()})
        except ValidationError as invalid:
            return "; ".join(e["msg"].removeprefix("Value error, ") for e in invalid.errors())
        platforms = list(self.plan.platforms)
        platforms[self.index] = updated
        self.plan.platforms = platforms
        return None

    def apply(self, plan: Plan) -> list[str]:
        problems = self.field_problems()
        objection = self._update_platform()
        return problems + ([objection] if objection else [])

    def _show(self, platform: Platform, objection: str | None = None) -> None:
        result = self.query_one("#rate-result", Static)
        result.update(Content(objection or rate_summary(platform, self.plan, self.lang)))
        result.set_class(bool(objection), "field-error")

    @on(TextField.Edited)
    def _edited(self) -> None:
        objection = self._update_platform()
        if self.index is not None:
            self._show(self.plan.platforms[self.index], objection)
        self.changed()

    @on(Select.Changed, "#rate-platform")
    def _platform(self) -> None:
        self._fill()


def rate_summary(platform: Platform, plan: Plan, lang: Lang) -> str:
    """The rate on paper, the real rate, the target and the verdict, in words."""
    if platform.pay_per_task is None or not platform.minutes_per_task:
        return t(lang, "rate_missing")
    currency = plan.profile.currency
    naive = naive_hourly_rate(platform.pay_per_task, platform.minutes_per_task)
    real = platform_rate(platform) or Decimal(0)
    share = int(round_money(real / naive * 100, 0)) if naive else 0
    target = plan.profile.target_hourly_rate
    lines = [
        t(lang, "rate_naive", rate=money_text(naive, currency, lang)),
        t(lang, "rate_real", rate=money_text(real, currency, lang), share=share),
    ]
    if target > 0:
        lines.append(t(lang, "rate_target", rate=money_text(target, currency, lang)))
    lines.append(t(lang, verdict(real, target)))
    return "\n".join(lines)


def verdict(real: Decimal, target: Decimal) -> str:
    if target <= 0:
        return "verdict_no_target"
    if real >= target:
        return "verdict_above"
    return "verdict_close" if real >= target * CLOSE_SHARE else "verdict_below"
