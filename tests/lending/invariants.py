"""The books of a fund, checked against its loans: what every lending test may assert after
any sequence of services."""

from django.db.models import Sum

from lending.models import Fund, FundEntry, Installment, Loan
from lending.selectors import fund_balances

Kind = FundEntry.Kind


def ledger_of(**filters) -> dict[str, int]:
    rows = (
        FundEntry.objects.filter(**filters)
        .values_list("kind")
        .annotate(total=Sum("amount"))
        .values_list("kind", "total")
    )
    return {kind: total for kind, total in rows if total}


def assert_loan_balances(loan: Loan) -> None:
    """disbursed = principal repaid + outstanding + written off - recovered, where repaid
    counts recoveries; and the ledger lines of the loan say the same as the loan."""
    loan.refresh_from_db()
    assert loan.principal == (
        loan.principal_paid
        + loan.principal_outstanding
        + loan.written_off_principal
        - loan.principal_recovered
    ), loan
    installments = Installment.objects.filter(loan=loan).aggregate(
        principal=Sum("principal"), paid=Sum("principal_paid")
    )
    assert installments == {"principal": loan.principal, "paid": loan.principal_paid}
    expected = {
        Kind.DISBURSEMENT: loan.principal,
        Kind.PRINCIPAL_REPAID: loan.principal_paid - loan.principal_recovered,
        Kind.RECOVERY: loan.principal_recovered,
        Kind.WRITE_OFF: loan.written_off_principal,
        Kind.JASA: loan.jasa_paid,
        Kind.DENDA: loan.denda_paid,
    }
    assert ledger_of(loan=loan) == {k: v for k, v in expected.items() if v}, loan
    assert 0 <= loan.principal_recovered <= loan.written_off_principal
    # Every rupiah received is in the loan's paid totals, so in the ledger: none is dropped.
    received = loan.repayments.aggregate(total=Sum("amount"))["total"] or 0
    assert received == loan.principal_paid + loan.jasa_paid + loan.denda_paid, loan


def assert_books_balance(fund: Fund) -> None:
    """Every loan of the fund balances, the fund's totals (kept by a trigger) equal its
    ledger summed by hand, and available to lend is capital + repaid + recovered -
    disbursed."""
    for loan in Loan.objects.filter(fund=fund):
        assert_loan_balances(loan)
    by_hand = ledger_of(fund=fund)
    balances = fund_balances(fund)
    assert balances.capital == by_hand.get(Kind.CAPITAL, 0)
    assert balances.disbursed == by_hand.get(Kind.DISBURSEMENT, 0)
    assert balances.principal_repaid == by_hand.get(Kind.PRINCIPAL_REPAID, 0)
    assert balances.recovered == by_hand.get(Kind.RECOVERY, 0)
    assert balances.written_off == by_hand.get(Kind.WRITE_OFF, 0)
    assert balances.available == (
        balances.capital + balances.principal_repaid + balances.recovered - balances.disbursed
    )
