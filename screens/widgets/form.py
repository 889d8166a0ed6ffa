"""Form pieces for the wizard and the plan dialogs: a labelled input with its error under it,
and validators whose messages are in the interface's language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation
from typing import TYPE_CHECKING

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.validation import Failure, ValidationResult, Validator
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

from guide.i18n import Lang, date_text, t
from guide.rules import number_rule

if TYPE_CHECKING:
    from pydantic import BaseModel


class TextField(Vertical):
    """A label, an input and the first validation problem (if any) underneath."""

    class Edited(Message):
        def __init__(self, field: TextField) -> None:
            super().__init__()
            self.field = field

    def __init__(
        self,
        label: str,
        value: str = "",
        *,
        validators: list[Validator] | None = None,
        placeholder: str = "",
        id: str,
    ) -> None:
        super().__init__(id=id, classes="field")
        self.label = label
        self._input = Input(
            value,
            placeholder=placeholder,
            validators=validators or [],
            validate_on=["changed", "blur", "submitted"],
            compact=True,
            id=f"{id}-input",
        )

    def compose(self) -> ComposeResult:
        yield Label(Content(self.label), classes="field-label")
        yield self._input
        yield Static("", classes="field-error", markup=False)

    @property
    def value(self) -> str:
        return self._input.value

    @value.setter
    def value(self, text: str) -> None:
        with self._input.prevent(Input.Changed):
            self._input.value = text
        self.check()

    def problem(self) -> str | None:
        """The first validation problem of the current value, or None."""
        result = self._input.validate(self._input.value)
        if result is None or result.is_valid:
            return None
        return result.failure_descriptions[0] if result.failure_descriptions else "?"

    def check(self) -> bool:
        """Show the current problem under the input; True when there is none."""
        problem = self.problem()
        self.show_problem(problem)
        return problem is None

    def show_problem(self, problem: str | None) -> None:
        """Show ``problem`` under the input (also one that involves other fields)."""
        error = self.query_one(".field-error", Static)
        error.update(Content(problem or ""))
        error.display = problem is not None
        self.set_class(problem is not None, "-invalid")

    def on_mount(self) -> None:
        self.query_one(".field-error", Static).display = False

    @on(Input.Changed)
    def _changed(self, event: Input.Changed) -> None:
        event.stop()
        self.check()
        self.post_message(self.Edited(self))
        if self._input.has_focus:  # typed here; not a value set in code (or on mount)
            self._keep_in_view()

    def on_descendant_focus(self) -> None:
        self.scroll_visible(animate=False)

    def _keep_in_view(self) -> None:
        # A problem shown under the field, or a result above it that grows, moves the
        # field: once laid out again, the whole field (label to problem) is scrolled back.
        self.call_after_refresh(self.scroll_visible, animate=False)


class NumberRange(Validator):
    """A number within the bounds the plan model gives ``model.field`` (whole for an int
    field; empty allowed when the field may be unset). Forms never type bounds themselves:
    ``tests/screens/test_rules.py`` checks every number field of the wizard."""

    def __init__(self, lang: Lang, model: type[BaseModel], field: str) -> None:
        self.rule = number_rule(model, field)
        self.source = (model, field)
        self.lang = lang
        rule = self.rule
        key = "err_whole" if rule.whole else "err_number"
        if rule.range.low_open:
            key = "err_number_above"
        super().__init__(failure_description=t(lang, key, min=rule.low, max=rule.high))

    def validate(self, value: str) -> ValidationResult:
        text = value.strip().replace(",", ".")
        if not text:
            return self.success() if self.rule.optional else self.failure()
        number = parse_decimal(text)
        if number is None or not self.rule.range.contains(number):
            return self.failure()
        if self.rule.whole and number != number.to_integral_value():
            return self.failure()
        from guide.plan import MAX_PLACES, decimal_places  # the plan's rule, not a copy

        if decimal_places(number) > MAX_PLACES:
            return self.failure(t(self.lang, "err_places", places=MAX_PLACES))
        return self.success()


class DateValue(Validator):
    """A date as YYYY-MM-DD, optionally not before ``earliest``."""

    def __init__(
        self, lang: Lang, *, earliest: dt.date | None = None, optional: bool = False
    ) -> None:
        super().__init__(failure_description=t(lang, "err_date"))
        self.lang, self.earliest, self.optional = lang, earliest, optional

    def validate(self, value: str) -> ValidationResult:
        text = value.strip()
        if not text:
            return self.success() if self.optional else self.failure()
        day = parse_date(text)
        if day is None:
            return self.failure()
        if self.earliest and day < self.earliest:
            message = t(self.lang, "err_date_past", today=date_text(self.lang, self.earliest))
            return ValidationResult([Failure(self, value, message)])
        return self.success()


class Required(Validator):
    def __init__(self, lang: Lang) -> None:
        super().__init__(failure_description=t(lang, "err_required"))

    def validate(self, value: str) -> ValidationResult:
        return self.success() if value.strip() else self.failure()


def number_value(lang: Lang, value: Decimal | int) -> str:
    """A number as a field shows it for editing: the reader's decimal mark ("5,40" in
    Russian, "5.40" in English), no grouping; :func:`parse_decimal` reads either mark."""
    text = f"{value:f}" if isinstance(value, Decimal) else str(value)
    return text.replace(".", ",") if lang == "ru" else text


def parse_decimal(text: str) -> Decimal | None:
    """A number as typed (a comma works as the decimal point), or None."""
    try:
        number = Decimal(text.strip().replace(",", "."))
    except InvalidOperation:
        return None
    return number if number.is_finite() else None


def parse_date(text: str) -> dt.date | None:
    try:
        return dt.date.fromisoformat(text.strip())
    except ValueError:
        return None


def split_list(text: str) -> list[str]:
    """Comma-separated items, trimmed, empty ones and repeats dropped."""
    seen: dict[str, None] = {}
    for part in text.split(","):
        if part.strip():
            seen.setdefault(part.strip(), None)
    return list(seen)


class Choices(RadioSet):
    """A RadioSet whose choice can also be set from code (loading a plan, preselecting a
    recommendation) without that looking like the user's choice: no Changed is posted.
    On focus the keyboard cursor moves to the answer that is on.

    RadioSet keeps its own record of the pressed button, which only its Changed messages
    update; so the choice is read from the buttons (``chosen``, never ``pressed_button``)
    and a user's choice turns off every other button here.
    """

    @property
    def chosen(self) -> str | None:
        """The name of the button that is on."""
        return next((b.name for b in self.query(RadioButton) if b.value and b.name), None)

    def choose(self, name: str) -> None:
        """Turn on the button called ``name`` and off the others, quietly."""
        for button in self.query(RadioButton):
            with button.prevent(RadioButton.Changed):
                button.value = button.name == name

    def on_focus(self) -> None:
        # The keyboard starts on the answer that is on, so Enter keeps it (RadioSet starts
        # on the first). Moved with its public actions, read from its "-selected" class.
        buttons = list(self.query(RadioButton))
        chosen = self.chosen
        if chosen is None:
            return
        for _ in buttons:
            if any(b.has_class("-selected") and b.name == chosen for b in buttons):
                return
            self.action_next_button()

    def on_radio_set_changed(self, event: RadioSet.Changed) -> None:
        for button in self.query(RadioButton):
            if button is not event.pressed and button.value:
                with button.prevent(RadioButton.Changed):
                    button.value = False
