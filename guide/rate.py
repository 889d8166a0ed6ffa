"""What a microtask platform really pays per hour.

Pure functions on :class:`decimal.Decimal` (no pydantic, no I/O), so the plan screen, the
``show`` command and the tests all use the same arithmetic. Money is in whatever currency
the plan uses; percentages are 0-100.

The real hourly rate, from a platform's pay inputs::

    G = pay_per_task * 60 / minutes_per_task        gross rate "on paper", per paid hour
    N = G * (1 - f) * (1 - w - W / P) * (1 - t)     net pay per paid hour
    T = 1 + u / 60 + r / (1 - r)                    hours spent per paid hour
    real = max(N, 0) / T

    f  platform fee (fee_percent / 100)
    w  withdrawal fee as a share (withdrawal_fee_percent / 100)
    W  fixed withdrawal fee, P the typical payout (withdrawal) amount: W / P spreads the
       fixed fee over the money it is charged on
    t  tax (tax_percent / 100)
    u  unpaid minutes per paid hour: searching, qualifications, admin (ILO 2018: about 20)
    r  share of submitted work that is rejected (rejected_percent / 100); for every paid
       hour, r / (1 - r) hours of rejected work went unpaid; r = 1 gives a rate of 0.

Worked example (tests/guide/test_rate.py): $0.30 for a 1-minute task is G = $18/h on
paper. A 20% fee leaves 14.40; a $1 fee on a $10 withdrawal keeps 0.9 of it, 12.96; no
tax. Time: 1 + 20/60 + 0.05/0.95 = 79/57 h per paid hour. 12.96 * 57 / 79 = $9.35/h.

The rate from the log: the log records what each session brought to the platform balance
(``earned``, after the platform's own fee) and how long it took in total, searching and
admin included. So only withdrawal costs and tax are taken off, and nothing is added to
the time::

    log_rate = sum(earned) * (1 - w - W / P) * (1 - t) / (sum(minutes) / 60)
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from decimal import Decimal, localcontext

from guide.i18n import NBSP, Lang, number_text

ZERO = Decimal(0)
ONE = Decimal(1)
HUNDRED = Decimal(100)
SIXTY = Decimal(60)
ILO_UNPAID_MINUTES_PER_HOUR = Decimal(20)
"""About 20 minutes of unpaid work per hour of paid work (ILO 2018 survey of crowdworkers)."""


@contextmanager
def _exact() -> Iterator[None]:
    """28 significant digits whatever the caller's decimal context says."""
    with localcontext() as ctx:
        ctx.prec = 28
        yield


@dataclass(frozen=True)
class RateInputs:
    """A platform's pay inputs, as in the plan (see :class:`guide.plan.Platform`)."""

    pay_per_task: Decimal
    minutes_per_task: Decimal
    unpaid_minutes_per_hour: Decimal = ILO_UNPAID_MINUTES_PER_HOUR
    rejected_percent: Decimal = ZERO
    fee_percent: Decimal = ZERO
    withdrawal_fee_fixed: Decimal = ZERO
    withdrawal_fee_percent: Decimal = ZERO
    payout_amount: Decimal | None = None
    tax_percent: Decimal = ZERO


def naive_hourly_rate(pay_per_task: Decimal, minutes_per_task: Decimal) -> Decimal:
    """The rate "on paper": ``pay_per_task * 60 / minutes_per_task``."""
    if minutes_per_task <= 0:
        raise ValueError("minutes_per_task must be above 0")
    with _exact():
        return pay_per_task * SIXTY / minutes_per_task


def payout_share(inputs: RateInputs) -> Decimal:
    """The share of the platform balance that reaches you after withdrawal fees and tax.

    ``(1 - w - W / P) * (1 - t)``, never below 0. ``P`` is needed only when ``W`` is set.
    """
    with _exact():
        fixed = ZERO
        if inputs.withdrawal_fee_fixed:
            if not inputs.payout_amount or inputs.payout_amount <= 0:
                raise ValueError("a fixed withdrawal fee needs a payout_amount above 0")
            fixed = inputs.withdrawal_fee_fixed / inputs.payout_amount
        after_withdrawal = max(ONE - inputs.withdrawal_fee_percent / HUNDRED - fixed, ZERO)
        return after_withdrawal * (ONE - inputs.tax_percent / HUNDRED)


def hours_per_paid_hour(inputs: RateInputs) -> Decimal | None:
    """``T = 1 + u / 60 + r / (1 - r)``; None when all work is rejected (r = 1)."""
    with _exact():
        rejected = inputs.rejected_percent / HUNDRED
        if rejected >= ONE:
            return None
        return ONE + inputs.unpaid_minutes_per_hour / SIXTY + rejected / (ONE - rejected)


def real_hourly_rate(inputs: RateInputs) -> Decimal:
    """Net pay per hour really spent (the formula is in this module's docstring).

    Net pay after the platform fee, withdrawal costs and tax, divided by paid time plus
    unpaid time plus time lost to rejected work. Never negative, never above
    :func:`naive_hourly_rate`. Not rounded: round on display.
    """
    gross = naive_hourly_rate(inputs.pay_per_task, inputs.minutes_per_task)
    hours = hours_per_paid_hour(inputs)
    if hours is None:
        return ZERO
    with _exact():
        net = gross * (ONE - inputs.fee_percent / HUNDRED) * payout_share(inputs)
        return max(net, ZERO) / hours


def log_hourly_rate(earned: Decimal, minutes: int, inputs: RateInputs) -> Decimal | None:
    """The rate from logged sessions: ``earned * payout_share / (minutes / 60)``.

    ``earned`` is what reached the platform balance (after the platform fee), ``minutes``
    the whole time of the sessions. None when no time was logged.
    """
    if minutes <= 0:
        return None
    with _exact():
        return max(earned, ZERO) * payout_share(inputs) * SIXTY / Decimal(minutes)


# Currencies whose sign readers expect instead of the code; English writes it first
# ("$4.34"), Russian after the number ("4,34 $"). Others keep their ISO code.
_SIGNS = {"USD": "$", "EUR": "€", "GBP": "£", "RUB": "₽"}


def money_text(value: Decimal | None, currency: str, lang: Lang) -> str:
    """An amount as its reader writes it, or a dash when it is unknown: English "$4.34",
    "€1,200.00", "12.50 CHF"; Russian "4,34 $", "1 200,00 €", "12,50 CHF" (no-break
    spaces). The one place money is formatted for people; files and JSON keep
    ``str(round_money(value))``."""
    if value is None:
        return "—"
    amount = round_money(value)
    sign, digits = ("-" if amount < 0 else ""), number_text(lang, abs(amount), places=2)
    symbol = _SIGNS.get(currency)
    if lang == "en" and symbol is not None:
        return f"{sign}{symbol}{digits}"
    return f"{sign}{digits}{NBSP}{symbol or currency}"


def round_money(value: Decimal, places: int = 2) -> Decimal:
    """``value`` rounded half-up to ``places`` decimals, for display."""
    with _exact():
        return value.quantize(Decimal(1).scaleb(-places), rounding="ROUND_HALF_UP")
