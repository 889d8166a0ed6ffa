"""Every number field of the wizard and the plan dialogs checks what the plan model checks:
the same bounds, whole or not, optional or not (the bounds are read from the model)."""

from __future__ import annotations

from decimal import Decimal
from typing import Annotated

from pydantic import TypeAdapter, ValidationError
from textual.screen import Screen
from textual.widgets import Input

from guide.rules import number_rule
from screens.goal_editor import GoalEditor
from screens.log_session import LogSessionDialog
from screens.widgets.form import NumberRange
from screens.wizard import WizardScreen
from tests.guide.plan_samples import example_plan

NUMBER_FIELDS = {
    "hours",
    "target-rate",
    "daily",
    "weekly",
    "stop-rate",
    "stop-weeks",
    *(
        f"rate-{name}"
        for name in (
            "pay",
            "minutes",
            "unpaid",
            "rejected",
            "fee",
            "withdraw-fixed",
            "withdraw-percent",
            "payout",
            "tax",
        )
    ),
    "goal-hours",
    "log-minutes",
    "log-earned",
}


def model_accepts(validator: NumberRange, value: Decimal) -> bool:
    model, field = validator.source
    info = model.model_fields[field]
    annotation = Annotated[info.annotation, *info.metadata] if info.metadata else info.annotation
    adapter: TypeAdapter[object] = TypeAdapter(annotation)
    try:
        adapter.validate_python(int(value) if validator.rule.whole else value)
    except ValidationError:
        return False
    return True


def check_screen(screen: Screen[object]) -> set[str]:
    """The ids of the number fields checked on ``screen``."""
    checked = set()
    for field in screen.query(Input):
        ranges = [v for v in field.validators if isinstance(v, NumberRange)]
        for validator in ranges:
            rule = number_rule(*validator.source)
            assert validator.rule == rule
            step = Decimal(1) if rule.whole else Decimal("0.01")
            for value in (rule.low - step, rule.low, rule.high, rule.high + step):
                shown = validator.validate(str(value)).is_valid
                assert shown == model_accepts(validator, value), (field.id, value)
            assert validator.validate("").is_valid == rule.optional, field.id
            if rule.whole:
                assert not validator.validate(str(rule.low + Decimal("0.5"))).is_valid
            checked.add((field.id or "").removesuffix("-input"))
    return checked


async def test_every_number_field_has_the_model_bounds(make_app) -> None:  # type: ignore[no-untyped-def]
    app = make_app()
    async with app.run_test(size=(110, 40)) as pilot:
        wizard = WizardScreen("en", example_plan(), fresh=False)
        await app.push_screen(wizard)
        await pilot.pause()
        checked = check_screen(wizard)
        for dialog in (GoalEditor(wizard.context, None), LogSessionDialog(wizard.context)):
            await app.push_screen(dialog)
            await pilot.pause()
            checked |= check_screen(dialog)
    assert checked == NUMBER_FIELDS
