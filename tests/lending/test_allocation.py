"""The replay that settles a schedule: order, denda, payoff, quotes (no database)."""

from datetime import date
from decimal import Decimal

from lending.allocation import (
    DENDA_ON_INSTALLMENT,
    MONTHS_30_DAYS,
    MONTHS_STARTED,
    PAYOFF_ALL_JASA,
    DendaRule,
    Payment,
    replay,
)
from lending.schedule import build_schedule

SCHEDULE = build_schedule(
    principal=1_200_000, months=3, jasa_percent_per_year=Decimal(12), disbursed_on=date(2025, 1, 15)
)  # 400,000 principal + 12,000 jasa a month, due 15 Feb, 15 Mar, 15 Apr
NO_DENDA = DendaRule()


def _replay(*payments, denda_rule=NO_DENDA, payoff_rule="bulan_berjalan"):
    return replay(
        schedule=SCHEDULE,
        payments=[Payment(n, *p) for n, p in enumerate(payments)],
        denda_rule=denda_rule,
        payoff_rule=payoff_rule,
    )


def test_a_payment_settles_the_oldest_installment_jasa_before_principal():
    position = _replay((date(2025, 2, 15), 500_000))

    first, second, _third = position.installments
    assert (first.jasa_paid, first.principal_paid, first.settled_on) == (
        12_000,
        400_000,
        date(2025, 2, 15),
    )
    assert (second.jasa_paid, second.principal_paid) == (12_000, 76_000)
    split = position.splits[0]
    assert (split.denda, split.jasa, split.principal, split.unallocated) == (
        0,
        24_000,
        476_000,
        0,
    )


def test_denda_comes_first_and_counts_started_months_late():
    rule = DendaRule(
        percent_per_month=Decimal(1),
        grace_days=3,
        base=DENDA_ON_INSTALLMENT,
        months=MONTHS_STARTED,
    )
    # 15 Feb + 3 grace days: paid on 18 Feb no denda; on 19 Feb one month (1 % of 412,000).
    assert _replay((date(2025, 2, 18), 412_000), denda_rule=rule).splits[0].denda == 0
    position = _replay((date(2025, 2, 19), 412_000), denda_rule=rule)
    split = position.splits[0]
    assert (split.denda, split.jasa, split.principal) == (4_120, 12_000, 395_880)
    # 31 days late: a second started calendar month; a second block of 30 days after 30.
    assert rule.denda(412_000, date(2025, 2, 15), date(2025, 3, 18)) == 8_240
    blocks = DendaRule(percent_per_month=Decimal(1), months=MONTHS_30_DAYS)
    assert blocks.denda(412_000, date(2025, 2, 15), date(2025, 3, 18)) == 8_240


def test_what_is_owed_on_a_date():
    position = _replay((date(2025, 2, 15), 412_000))

    assert position.principal_outstanding == 800_000
    assert position.jasa_outstanding == 24_000
    assert position.due_now(date(2025, 3, 15)) == 412_000
    assert position.total_outstanding(date(2025, 3, 1)) == 824_000
    assert position.unpaid_due_dates() == [date(2025, 3, 15), date(2025, 4, 15)]


def test_payoff_takes_remaining_principal_and_the_current_months_jasa():
    position = _replay((date(2025, 2, 15), 412_000))

    # On 1 March the current installment is the one due 15 March: its jasa only.
    assert position.payoff_quote(date(2025, 3, 1)) == 800_000 + 12_000
    paid_off = _replay((date(2025, 2, 15), 412_000), (date(2025, 3, 1), 812_000, True))
    assert paid_off.is_paid_off
    assert paid_off.paid_off_on == date(2025, 3, 1)
    assert paid_off.installments[2].jasa_waived == 12_000


def test_payoff_under_the_all_jasa_rule_waives_nothing():
    position = _replay((date(2025, 2, 15), 412_000), payoff_rule=PAYOFF_ALL_JASA)

    assert position.payoff_quote(date(2025, 3, 1)) == 824_000


def test_money_beyond_the_whole_loan_is_left_unallocated():
    position = _replay((date(2025, 2, 15), 2_000_000))

    assert position.splits[0].unallocated == 2_000_000 - 1_236_000
    assert position.is_paid_off
