"""Form pieces for the wizard and the plan dialogs: a labelled input with its error under it,
and validators whose messages are in the interface's language."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal, InvalidOperation

from textual import on
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.validation import Failure, ValidationResult, Validator
from textual.widgets import Input, Label, RadioButton, RadioSet, Static

from guide.i18n import Lang, t


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


class NumberRange(Validator):
    """A decimal (or whole) number within bounds; empty is allowed when ``optional``."""

    def __init__(
        self,
        lang: Lang,
        low: Decimal | int,
        high: Decimal | int,
        *,
        whole: bool = False,
        optional: bool = False,
    ) -> None:
        key = "err_whole" if whole else "err_number"
        super().__init__(failure_description=t(lang, key, min=low, max=high))
        self.low, self.high, self.whole, self.optional = (
            Decimal(low),
            Decimal(high),
            whole,
            optional,
        )
        self.lang = lang

    def validate(self, value: str) -> ValidationResult:
        text = value.strip().replace(",", ".")
        if not text:
            return self.success() if self.optional else self.failure()
        number = parse_decimal(text)
        if number is None or not self.low <= number <= self.high:
            return self.failure()
        if self.whole and number != number.to_integral_value():
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
            message = t(self.lang, "err_date_past", today=self.earliest.isoformat())
            return ValidationResult([Failure(self, value, message)])
        return self.success()


class Required(Validator):
    def __init__(self, lang: Lang) -> None:
        super().__init__(failure_description=t(lang, "err_required"))

    def validate(self, value: str) -> ValidationResult:
        return self.success() if value.strip() else self.failure()


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


def select_radio(radio_set: RadioSet, name: str) -> None:
    """Press the button called ``name`` without posting Changed (the user didn't act).

    RadioSet only learns of a pressed button from its Changed messages, so it is told here.
    """
    target = None
    for button in radio_set.query(RadioButton):
        with button.prevent(RadioButton.Changed):
            button.value = button.name == name
        if button.value:
            target = button
    radio_set._pressed_button = target
