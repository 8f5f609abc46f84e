"""Disbursement, repayments, reversals, payoff and write-off, with the ledger checked
against the loans after every step."""

import re
import uuid
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction

from lending.errors import LendingError
from lending.models import FundEntry, Loan, Repayment
from lending.selectors import fund_balances
from lending.services import (
    loan_disburse,
    repayment_reverse,
)

from .factories import (
    ProductFactory,
    approved_application,
    disbursed_loan,
    fund_with_capital,
    pay,
    write_off,
)
from .invariants import assert_loan_balances
from .reversing import reverse

pytestmark = pytest.mark.django_db


def assert_books_balance(loan):
    """The fund's ledger lines of a loan equal what its repayments paid, kind by kind, and
    the loan's cached figures agree with its installments."""
    assert_loan_balances(loan)
    received = sum(r.amount for r in loan.repayments.all())  # reversals are negative
    assert received == loan.principal_paid + loan.jasa_paid + loan.denda_paid
    unsettled = loan.installments.filter(settled_on__isnull=True).order_by("due_date")
    assert loan.first_unsettled_due == next((i.due_date for i in unsettled), None)


def test_disbursement_creates_loan_schedule_and_ledger_line_together(people, today):
    today(date(2025, 1, 31))
    fund = fund_with_capital(50_000_000)
    loan = disbursed_loan(people, disbursed_on=date(2025, 1, 31), product=ProductFactory(fund=fund))

    assert loan.number == f"PDB-2025-{loan.application_id:06d}"
    dues = list(loan.installments.values_list("due_date", "principal", "jasa"))
    assert dues[0] == (date(2025, 2, 28), 833_000, 0)
    assert dues[-1] == (date(2026, 1, 31), 837_000, 0)
    assert fund_balances(fund).available == 40_000_000
    assert loan.application.state == "dicairkan"
    assert_books_balance(loan)


def test_a_disbursement_beyond_what_the_fund_has_is_refused(people, today):
    today(date(2025, 1, 31))
    product = ProductFactory(fund=fund_with_capital(9_000_000, name="Kanal Bank"))
    application = approved_application(people, product=product)

    with pytest.raises(
        LendingError,
        match=re.escape("Rp9.000.000 tersedia untuk dipinjamkan; diminta Rp10.000.000"),
    ):
        loan_disburse(
            application=application, disbursed_by=people.staff, disbursed_on=date(2025, 1, 31)
        )
    assert not Loan.objects.exists()
    assert not FundEntry.objects.exclude(kind="modal").exists()


def test_repayments_settle_oldest_first_and_the_loan_closes_itself(people, today):
    today(date(2026, 2, 1))
    loan = disbursed_loan(people, disbursed_on=date(2025, 1, 31))

    for _number in range(1, 12):
        pay(people, loan, 833_000, date(2025, 2, 28))
    pay(people, loan, 837_000, date(2025, 3, 1))

    loan.refresh_from_db()
    assert (loan.status, loan.closed_on, loan.principal_paid) == (
        "lunas",
        date(2025, 3, 1),
        10_000_000,
    )
    assert not loan.installments.filter(settled_on__isnull=True).exists()
    assert_books_balance(loan)


@pytest.mark.parametrize(
    ("amount", "paid_on", "message"),
    [
        (0, date(2025, 3, 1), "lebih dari Rp0"),
        (500_000, date(2025, 7, 1), "masa depan"),
        (500_000, date(2025, 1, 30), "sebelum pencairan (31 Jan 2025)"),
        (10_000_001, date(2025, 3, 1), "Sisa kewajiban: Rp10.000.000"),
    ],
)
def test_a_bad_repayment_is_refused_and_nothing_is_posted(people, today, amount, paid_on, message):
    today(date(2025, 6, 30))
    loan = disbursed_loan(people, disbursed_on=date(2025, 1, 31))

    with pytest.raises(LendingError, match=re.escape(message)):
        pay(people, loan, amount, paid_on)
    assert not Repayment.objects.exists()
    assert_books_balance(loan)


def test_the_same_form_token_posts_once(people, today):
    today(date(2025, 3, 1))
    loan = disbursed_loan(people, disbursed_on=date(2025, 1, 31))
    token = uuid.uuid4()

    first = pay(people, loan, 833_000, date(2025, 2, 28), client_token=token)
    again = pay(people, loan, 833_000, date(2025, 2, 28), client_token=token)

    assert first.pk == again.pk
    assert Repayment.objects.count() == 1
    assert_books_balance(loan)


def test_a_reversal_recomputes_the_loan_and_later_payments_move_up(people, today):
    today(date(2025, 5, 1))
    loan = disbursed_loan(
        people, disbursed_on=date(2025, 1, 31), product=ProductFactory(jasa_percent_per_year=12)
    )
    first = pay(people, loan, 933_000, date(2025, 2, 28), receipt_no="K-1")
    pay(people, loan, 933_000, date(2025, 3, 31), receipt_no="K-2")

    # Payments of earlier months: staff request the reversal, the Kepala UPT approves it.
    reversal = reverse(people, first, reason="Salah input, bukan peminjam ini")

    assert (reversal.amount, reversal.reverses) == (-933_000, first)
    installments = list(loan.installments.order_by("number")[:2])
    assert installments[0].settled_on == date(2025, 3, 31)  # K-2 now pays the first month
    assert installments[1].principal_paid == 0
    assert_books_balance(loan)
    with pytest.raises(LendingError, match="sudah dibalik"):
        repayment_reverse(repayment=first, reason="lagi", reversed_by=people.staff)
    with pytest.raises(LendingError, match="tidak dapat dibalik"):
        repayment_reverse(repayment=reversal, reason="lagi", reversed_by=people.staff)


def test_reversing_the_last_payment_reopens_a_paid_off_loan(people, today):
    today(date(2025, 3, 1))
    loan = disbursed_loan(people, disbursed_on=date(2025, 1, 31), amount=1_200_000, tenor=6)
    last = pay(people, loan, 1_200_000, date(2025, 2, 28))
    loan.refresh_from_db()
    assert loan.status == "lunas"

    with pytest.raises(LendingError, match="Kepala UPT"):
        repayment_reverse(repayment=last, reason="Cek kosong", reversed_by=people.staff)
    reverse(people, last, reason="Cek kosong")  # requested by staff, approved by the Kepala

    loan.refresh_from_db()
    assert (loan.status, loan.closed_on, loan.principal_paid) == ("aktif", None, 0)
    assert_books_balance(loan)


def test_early_payoff_takes_exactly_the_quote_and_closes(people, today):
    today(date(2025, 4, 10))
    loan = disbursed_loan(
        people, disbursed_on=date(2025, 1, 31), product=ProductFactory(jasa_percent_per_year=12)
    )
    pay(people, loan, 933_000, date(2025, 2, 28))
    # Remaining principal 9,167,000 + this month's jasa 100,000 + March's unpaid 933,000 jasa part.
    with pytest.raises(LendingError, match=re.escape("tepat Rp9.367.000")):
        pay(people, loan, 9_000_000, date(2025, 4, 10), is_payoff=True)

    pay(people, loan, 9_367_000, date(2025, 4, 10), is_payoff=True)

    loan.refresh_from_db()
    assert (loan.status, loan.closed_on) == ("lunas", date(2025, 4, 10))
    assert loan.jasa_paid == 300_000  # February, March and April; the rest is waived
    assert_books_balance(loan)


def test_write_off_by_reason_and_recoveries_afterwards(people, today):
    today(date(2026, 3, 1))
    fund = fund_with_capital(100_000_000)
    loan = disbursed_loan(people, disbursed_on=date(2025, 1, 31), product=ProductFactory(fund=fund))
    pay(people, loan, 833_000, date(2025, 2, 28))
    with pytest.raises(LendingError, match="alasan"):
        write_off(people, loan, date(2026, 2, 28), reason="")

    write_off(people, loan, date(2026, 2, 28), reason="Usaha tutup, pemilik pindah")
    pay(people, loan, 500_000, date(2026, 3, 1), receipt_no="R-1")

    loan.refresh_from_db()
    assert (loan.status, loan.written_off_principal, loan.principal_outstanding) == (
        "hapus_buku",
        9_167_000,
        0,
    )
    assert loan.principal_recovered == 500_000
    balances = fund_balances(fund)
    assert (balances.written_off, balances.recovered) == (9_167_000, 500_000)
    assert balances.principal_repaid == 833_000
    # A write-off moves no cash: what came back is all that counts.
    assert balances.available == 100_000_000 - 10_000_000 + 833_000 + 500_000
    with pytest.raises(LendingError, match="Hanya pinjaman aktif"):
        write_off(people, loan, date(2026, 3, 1), reason="lagi")


def test_posted_entries_cannot_be_changed_or_deleted(people, today):
    today(date(2025, 3, 1))
    loan = disbursed_loan(people, disbursed_on=date(2025, 1, 31))
    repayment = pay(people, loan, 833_000, date(2025, 2, 28))
    entry = FundEntry.objects.filter(loan=loan).first()

    for posted in (repayment, entry):
        with pytest.raises(ValidationError):
            posted.save()
        with pytest.raises(ValidationError):
            posted.delete()
    # Past the model too: the database itself refuses.
    with pytest.raises(DatabaseError), transaction.atomic():
        Repayment.objects.filter(pk=repayment.pk).update(amount=1)
    with pytest.raises(DatabaseError), transaction.atomic():
        FundEntry.objects.filter(pk=entry.pk).update(amount=1)
