"""The real hourly rate: worked examples computed by hand."""

from __future__ import annotations

from decimal import Decimal as D

import pytest

from guide.rate import (
    RateInputs,
    hours_per_paid_hour,
    log_hourly_rate,
    naive_hourly_rate,
    payout_share,
    real_hourly_rate,
    round_money,
)


def test_naive_rate_is_the_rate_on_paper() -> None:
    # $0.30 for a 1-minute task: 60 tasks an hour, $18/h (Harmon 2017's "£18/h").
    assert naive_hourly_rate(D("0.30"), D(1)) == D(18)
    # $1.20 for an 8-minute study: 7.5 studies an hour, $9/h.
    assert naive_hourly_rate(D("1.20"), D(8)) == D(9)


def test_the_issue_worked_example() -> None:
    # $0.30 per 1-minute task, 20 unpaid minutes per paid hour, 5% rejections, 20% fee,
    # a $1 fee on a $10 withdrawal, no tax. By hand:
    #   gross      G = 0.30 * 60 / 1                    = 18.00 per paid hour
    #   after fee      18.00 * (1 - 0.20)               = 14.40
    #   withdrawal     14.40 * (1 - 1/10)               = 12.96
    #   tax            12.96 * (1 - 0)                  = 12.96 net per paid hour
    #   time       T = 1 + 20/60 + 0.05/0.95 = 1 + 1/3 + 1/19 = 79/57 h
    #   real rate      12.96 / (79/57) = 738.72 / 79    = 9.3509... -> $9.35/h
    inputs = RateInputs(
        pay_per_task=D("0.30"),
        minutes_per_task=D(1),
        unpaid_minutes_per_hour=D(20),
        rejected_percent=D(5),
        fee_percent=D(20),
        withdrawal_fee_fixed=D(1),
        payout_amount=D(10),
        tax_percent=D(0),
    )
    rate = real_hourly_rate(inputs)
    assert round_money(rate) == D("9.35")
    assert abs(rate - D("738.72") / D(79)) < D("1e-20")
    hours = hours_per_paid_hour(inputs)
    assert hours is not None
    assert abs(hours - D(79) / D(57)) < D("1e-20")


def test_unpaid_time_alone() -> None:
    # $18/h on paper with the ILO's 20 unpaid minutes: 18 / (4/3) = 13.50.
    rate = real_hourly_rate(RateInputs(pay_per_task=D("0.30"), minutes_per_task=D(1)))
    assert rate == D("13.5")


def test_everything_together_with_tax_and_withdrawal_percent() -> None:
    # $1.20 per 8 minutes = $9/h; fee 10% -> 8.10; withdrawal 3% + $2 on $50 (4%) -> 93%
    # -> 7.533; tax 6% -> 7.08102; time 1 + 15/60 + 0 = 1.25 h -> 5.664816 -> $5.66/h.
    inputs = RateInputs(
        pay_per_task=D("1.20"),
        minutes_per_task=D(8),
        unpaid_minutes_per_hour=D(15),
        fee_percent=D(10),
        withdrawal_fee_percent=D(3),
        withdrawal_fee_fixed=D(2),
        payout_amount=D(50),
        tax_percent=D(6),
    )
    assert real_hourly_rate(inputs) == D("5.664816")


def test_all_work_rejected_pays_nothing() -> None:
    inputs = RateInputs(pay_per_task=D(1), minutes_per_task=D(1), rejected_percent=D(100))
    assert real_hourly_rate(inputs) == 0
    assert hours_per_paid_hour(inputs) is None


def test_fees_above_pay_give_zero_not_negative() -> None:
    inputs = RateInputs(
        pay_per_task=D(1),
        minutes_per_task=D(1),
        withdrawal_fee_percent=D(60),
        withdrawal_fee_fixed=D(5),
        payout_amount=D(10),
    )
    assert payout_share(inputs) == 0
    assert real_hourly_rate(inputs) == 0


def test_fixed_withdrawal_fee_needs_a_payout_amount() -> None:
    with pytest.raises(ValueError, match="payout_amount"):
        payout_share(
            RateInputs(pay_per_task=D(1), minutes_per_task=D(1), withdrawal_fee_fixed=D(1))
        )


def test_zero_minutes_per_task_is_refused() -> None:
    with pytest.raises(ValueError, match="minutes_per_task"):
        naive_hourly_rate(D(1), D(0))


def test_rate_from_the_log() -> None:
    # 29.55 earned in 340 minutes, 3% withdrawal fee, 10% tax:
    # 29.55 * 0.97 * 0.90 = 25.797150; / (340/60) h = 4.5524... -> $4.55/h.
    inputs = RateInputs(
        pay_per_task=D(0), minutes_per_task=D(1), withdrawal_fee_percent=D(3), tax_percent=D(10)
    )
    rate = log_hourly_rate(D("29.55"), 340, inputs)
    assert rate is not None
    assert round_money(rate) == D("4.55")
    assert log_hourly_rate(D(10), 0, inputs) is None


def test_round_money_rounds_half_up() -> None:
    assert round_money(D("2.345")) == D("2.35")
    assert round_money(D("2.344999")) == D("2.34")
    assert str(round_money(D(5))) == "5.00"
