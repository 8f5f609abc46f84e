"""Issue 14, cash and the ledger: available to lend after a write-off, a reversal after a
write-off, recoveries, early payoff with prepaid jasa, denda on what is overdue, and the
arrears of a past day. Each scenario is a hand-built office run through the services."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.management import call_command
from django.db.models import Sum

from lending.allocation import MONTHS_30_DAYS, DendaRule
from lending.errors import LendingError
from lending.models import ArrearsSnapshot, FundEntry, Loan
from lending.selectors import fund_balances, loan_position
from tests.lending.factories import ProductFactory, disbursed_loan, fund_with_capital, pay
from tests.lending.factories import write_off as factory_write_off
from tests.lending.invariants import assert_books_balance
from tests.lending.reversing import reverse

pytestmark = pytest.mark.django_db
Kind = FundEntry.Kind
CAPITAL = 100_000_000
DISBURSED = date(2025, 1, 10)  # installments of 833,000 (the last 837,000) due on the 10th


@pytest.fixture
def fund():
    return fund_with_capital(CAPITAL)


@pytest.fixture
def loan(people, fund):
    return disbursed_loan(people, disbursed_on=DISBURSED, product=ProductFactory(fund=fund))


def write_off(people, loan, on=date(2025, 10, 1), **fields):
    return factory_write_off(
        people,
        loan,
        on,
        reason=fields.pop("reason", "Usaha tutup, pemilik pindah"),
        decree_number=fields.pop("decree_number", "500/12/UPT-PDB/2025"),
        **fields,
    )


def test_a_write_off_moves_no_cash_and_a_full_recovery_brings_available_back(people, fund, loan):
    pay(people, loan, 833_000, date(2025, 2, 10))
    pay(people, loan, 833_000, date(2025, 3, 10))
    before = fund_balances(fund).available
    assert before == CAPITAL - 10_000_000 + 1_666_000

    write_off(people, loan, on=date(2025, 11, 1))
    loan.refresh_from_db()
    assert loan.written_off_principal == 8_334_000
    assert fund_balances(fund).available == before  # it was counted twice: 8,334,000 less

    pay(people, loan, 4_000_000, date(2025, 11, 3))
    pay(people, loan, 4_334_000, date(2025, 12, 1))
    balances = fund_balances(fund)
    assert balances.available == CAPITAL
    assert (balances.written_off, balances.recovered, balances.unrecovered) == (
        8_334_000,
        8_334_000,
        0,
    )
    assert balances.principal_repaid == 1_666_000  # recoveries reported apart
    loan.refresh_from_db()
    assert loan.status == Loan.Status.RECOVERED
    assert loan.principal_recovered == 8_334_000
    assert_books_balance(fund)


def test_reversing_a_payment_made_before_the_write_off_writes_off_its_principal(people, fund, loan):
    early = pay(people, loan, 833_000, date(2025, 2, 10))
    write_off(people, loan)
    loan.refresh_from_db()
    assert loan.written_off_principal == 9_167_000

    reverse(people, early)

    loan.refresh_from_db()
    # Rp833,000 was in neither the portfolio nor the loss.
    assert (loan.principal_paid, loan.written_off_principal) == (0, 10_000_000)
    assert fund_balances(fund).written_off == 10_000_000
    assert_books_balance(fund)


def test_a_payment_from_before_the_write_off_posted_after_it_lowers_the_loss(people, fund, loan):
    write_off(people, loan)
    pay(people, loan, 833_000, date(2025, 2, 10))  # received then, posted late

    loan.refresh_from_db()
    assert (loan.written_off_principal, loan.principal_recovered) == (9_167_000, 0)
    assert fund_balances(fund).principal_repaid == 833_000
    assert_books_balance(fund)


def test_recoveries_go_to_principal_first_by_default(people, fund):
    product = ProductFactory(fund=fund, jasa_percent_per_year=Decimal(12))  # 100,000 a month
    loan = disbursed_loan(people, disbursed_on=DISBURSED, product=product)
    write_off(people, loan)

    repayment = pay(people, loan, 1_000_000, date(2025, 11, 3))

    entries = dict(
        FundEntry.objects.filter(repayment=repayment)
        .values_list("kind")
        .annotate(total=Sum("amount"))
        .values_list("kind", "total")
    )
    assert entries == {Kind.RECOVERY: 1_000_000}
    assert_books_balance(fund)


def test_the_fund_may_allocate_recoveries_like_installments(people):
    fund = fund_with_capital(CAPITAL, recovery_allocation="seperti_angsuran")
    product = ProductFactory(fund=fund, jasa_percent_per_year=Decimal(12))
    loan = disbursed_loan(people, disbursed_on=DISBURSED, product=product)
    write_off(people, loan)

    repayment = pay(people, loan, 1_000_000, date(2025, 11, 3))

    kinds = set(FundEntry.objects.filter(repayment=repayment).values_list("kind", flat=True))
    assert kinds == {Kind.JASA, Kind.RECOVERY}
    assert_books_balance(fund)


def test_write_off_needs_the_funds_collectibility_and_a_decree(people, fund, loan):
    with pytest.raises(LendingError, match="kolektibilitas 2"):
        write_off(people, loan, on=date(2025, 5, 1))  # 80 days past due
    with pytest.raises(LendingError, match="SK"):
        write_off(people, loan, decree_number=" ")
    fund.write_off_min_collectibility = 2
    fund.save()

    write_off(people, loan, on=date(2025, 5, 1))

    loan.refresh_from_db()
    assert loan.write_off_decree_number == "500/12/UPT-PDB/2025"


def test_the_same_loan_paid_off_on_the_same_day_costs_the_same(people, fund):
    product = ProductFactory(fund=fund, jasa_percent_per_year=Decimal(12))  # 100,000 a month
    ahead = disbursed_loan(people, disbursed_on=DISBURSED, product=product)
    on_time = disbursed_loan(people, disbursed_on=DISBURSED, product=product)
    pay(people, ahead, 3 * 933_000, date(2025, 2, 10))  # three months at once
    pay(people, on_time, 933_000, date(2025, 2, 10))
    payoff_on = date(2025, 2, 20)  # the current month is the one due 10 March

    for loan in (ahead, on_time):
        quote = loan_position(loan).payoff_quote(payoff_on)
        pay(people, loan, quote, payoff_on, is_payoff=True)

    for loan in (ahead, on_time):
        loan.refresh_from_db()
        assert loan.status == Loan.Status.PAID_OFF
        assert (loan.principal_paid, loan.jasa_paid) == (10_000_000, 200_000)
        total = loan.repayments.aggregate(total=Sum("amount"))["total"]
        assert total == 10_200_000
    assert_books_balance(fund)


def test_denda_is_charged_on_what_is_overdue_for_whole_calendar_months(people, fund):
    product = ProductFactory(fund=fund, denda_percent_per_month=Decimal(1))
    loan = disbursed_loan(people, disbursed_on=DISBURSED, product=product)
    pay(people, loan, 830_000, date(2025, 2, 10))  # Rp3,000 of the first installment unpaid

    repayment = pay(people, loan, 3_060, date(2025, 4, 15))

    # 10 March and 10 April: two whole months on Rp3,000, not three on Rp833,000 (24,990).
    split = loan_position(loan).splits[repayment.pk]
    assert (split.denda, split.principal) == (60, 3_000)
    assert_books_balance(fund)


def test_denda_months_and_cap_are_the_products_settings():
    rule = DendaRule(percent_per_month=Decimal(1))
    assert rule.denda(833_000, date(2025, 2, 10), date(2025, 3, 13)) == 8_330  # 31 days: 1
    assert rule.denda(833_000, date(2025, 2, 10), date(2025, 3, 9)) == 0  # not a whole month
    old = DendaRule(percent_per_month=Decimal(1), months=MONTHS_30_DAYS)
    assert old.denda(833_000, date(2025, 2, 10), date(2025, 3, 13)) == 16_660
    capped = DendaRule(percent_per_month=Decimal(1), cap_percent=Decimal("1.5"))
    assert capped.denda(833_000, date(2025, 2, 10), date(2025, 6, 10)) == 12_495


def test_the_arrears_of_a_past_day_come_from_what_was_paid_by_then(people, fund, loan):
    pay(people, loan, 5 * 833_000, date(2025, 6, 27))  # a catch-up payment
    later = disbursed_loan(people, disbursed_on=date(2025, 7, 1), product=loan.product)

    call_command("record_arrears", "--date", "2025-06-25")

    snapshot = ArrearsSnapshot.objects.get(on_date=date(2025, 6, 25))
    assert (snapshot.loan_id, snapshot.days_past_due, snapshot.collectibility) == (
        loan.pk,
        135,  # since 10 February
        4,
    )
    assert snapshot.principal_outstanding == 10_000_000
    assert not ArrearsSnapshot.objects.filter(loan=later, on_date=date(2025, 6, 25)).exists()


def test_a_range_of_days_rebuilds_the_trend(people, fund, loan):
    pay(people, loan, 5 * 833_000, date(2025, 6, 27))

    call_command("record_arrears", "--from", "2025-06-26", "--until", "2025-06-28")

    rows = ArrearsSnapshot.objects.filter(loan=loan).order_by("on_date")
    assert [(r.on_date.day, r.days_past_due) for r in rows] == [(26, 136), (27, 0), (28, 0)]
    assert rows[2].principal_outstanding == 10_000_000 - 5 * 833_000


def test_a_backdated_payment_never_leaves_a_later_one_paying_more_than_was_owed(
    people, fund, today
):
    today(date(2026, 12, 5))
    product = ProductFactory(fund=fund, denda_percent_per_month=Decimal(2))
    loan = disbursed_loan(
        people, disbursed_on=date(2025, 11, 20), product=product, amount=1_200_000
    )
    pay(people, loan, 100_000, date(2026, 4, 25))  # the first installment, months late
    owed = loan_position(loan).total_outstanding(date(2026, 12, 5))
    pay(people, loan, owed - 1_000, date(2026, 12, 5))

    # Dated before the late payment, it would lower that payment's denda, and the last
    # payment would then pay more than the loan owed: money in no total and no ledger line.
    with pytest.raises(LendingError, match="lebih dari"):
        pay(people, loan, 1_000, date(2025, 12, 20))

    pay(people, loan, 1_000, date(2026, 12, 5))
    loan.refresh_from_db()
    assert loan.status == Loan.Status.PAID_OFF
    assert_books_balance(fund)


def test_nothing_more_is_taken_on_a_loan_recovered_in_full(people, fund, loan, today):
    today(date(2026, 1, 5))
    write_off(people, loan, on=date(2025, 11, 1))
    owed = loan_position(loan).total_outstanding(date(2026, 1, 5))
    pay(people, loan, owed, date(2026, 1, 5))
    loan.refresh_from_db()
    assert loan.status == Loan.Status.RECOVERED

    with pytest.raises(LendingError, match="lebih dari"):
        pay(people, loan, 500_000, date(2025, 3, 1))  # dated before the write-off
    assert_books_balance(fund)


def test_a_write_off_is_dated_in_the_current_month_and_after_the_last_payment(
    people, fund, loan, today
):
    today(date(2025, 12, 5))
    pay(people, loan, 10 * 833_000, date(2025, 12, 3))  # caught up: current today

    # Backdated into a closed month, when it was late, it would rewrite August's books.
    with pytest.raises(LendingError, match="bulan berjalan"):
        loan_write_off_on(people, loan, date(2025, 8, 10))
    with pytest.raises(LendingError, match="3 Des 2025"):
        loan_write_off_on(people, loan, date(2025, 12, 1))
    with pytest.raises(LendingError, match="kolektibilitas 1"):
        loan_write_off_on(people, loan, date(2025, 12, 5))


def loan_write_off_on(people, loan, on):
    from lending.services import loan_write_off

    return loan_write_off(
        loan=loan,
        written_off_by=people.head,
        reason="Macet",
        on_date=on,
        decree_number="SK-9",
        decree_date=on,
    )


def test_nothing_is_dated_before_the_step_it_follows(people, fund, today):
    from lending.services import application_survey, loan_disburse
    from tests.lending.factories import approved_application, new_business, survey_findings

    today(date(2026, 3, 2))
    application = approved_application(people, product=ProductFactory(fund=fund))
    with pytest.raises(LendingError, match="sebelum persetujuan"):
        loan_disburse(
            application=application, disbursed_by=people.staff, disbursed_on=date(2024, 1, 2)
        )

    from lending.services import application_submit

    filed = application_submit(
        umkm=new_business(),
        product=application.product,
        amount=5_000_000,
        tenor_months=12,
        purpose="Modal",
        submitted_by=people.staff,
    )
    with pytest.raises(LendingError, match="sebelum permohonan"):
        application_survey(
            application=filed,
            surveyed_by=people.mentor,
            surveyed_on=date(2020, 1, 1),
            **survey_findings(),
        )


def test_a_later_change_of_the_funds_recovery_rule_never_re_splits_a_recovery(people, fund, today):
    today(date(2025, 11, 3))
    product = ProductFactory(fund=fund, jasa_percent_per_year=Decimal(12))
    loan = disbursed_loan(people, disbursed_on=DISBURSED, product=product)
    write_off(people, loan, on=date(2025, 11, 1))
    first = pay(people, loan, 500_000, date(2025, 11, 3))

    fund.recovery_allocation = "seperti_angsuran"
    fund.save()
    pay(people, loan, 1_000, date(2025, 11, 3))

    assert ledger_kinds(first) == {Kind.RECOVERY: 500_000}
    loan.refresh_from_db()
    assert (loan.recovery_allocation, loan.principal_recovered) == ("pokok_dulu", 501_000)
    assert_books_balance(fund)


def ledger_kinds(repayment):
    rows = (
        FundEntry.objects.filter(repayment=repayment)
        .values_list("kind")
        .annotate(total=Sum("amount"))
        .values_list("kind", "total")
    )
    return {kind: total for kind, total in rows if total}


def test_a_late_posted_payment_may_not_undo_the_reason_for_the_write_off(people, fund, loan, today):
    today(date(2025, 11, 3))
    write_off(people, loan, on=date(2025, 11, 1))

    # Everything due by then, dated the day before: on the write-off day it was not late.
    with pytest.raises(LendingError, match="ambang"):
        pay(people, loan, 9 * 833_000, date(2025, 10, 31))
    pay(people, loan, 833_000, date(2025, 10, 31))  # still macet on 1 November: allowed
    assert_books_balance(fund)


def test_the_decree_comes_between_the_disbursement_and_the_write_off(people, fund, loan, today):
    today(date(2025, 11, 3))
    for decree_date in (date(2025, 11, 3), date(1990, 1, 1)):
        with pytest.raises(LendingError, match="SK"):
            write_off(people, loan, on=date(2025, 11, 1), decree_date=decree_date)


def test_a_payment_dated_in_a_closed_month_is_booked_today(people, fund, loan, today):
    today(date(2025, 4, 2))
    repayment = pay(people, loan, 833_000, date(2025, 2, 10))

    dates = set(FundEntry.objects.filter(repayment=repayment).values_list("entry_date", flat=True))
    assert dates == {date(2025, 4, 2)}
    this_month = pay(people, loan, 833_000, date(2025, 4, 1))
    dates = set(FundEntry.objects.filter(repayment=this_month).values_list("entry_date", flat=True))
    assert dates == {date(2025, 4, 1)}
