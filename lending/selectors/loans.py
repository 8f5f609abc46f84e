"""Loans: finding one, and where one stands (its schedule replayed with its repayments)."""

from __future__ import annotations

from collections.abc import Sequence

from django.db.models import QuerySet, Subquery

from registry.models import UMKM
from registry.selectors import search_umkm
from registry.validators import only_digits

from ..allocation import LoanPosition, Payment, replay
from ..models import Installment, Loan, Repayment


def loans_for_list() -> QuerySet[Loan]:
    return Loan.objects.select_related("umkm__kelurahan__kecamatan", "product")


def loan_lookup(term: str) -> QuerySet[Loan]:
    """The repayment desk's search: a loan number, a NIK, or a borrower's (business or
    owner) name, typos forgiven."""
    term = term.strip()
    loans = loans_for_list().exclude(status=Loan.Status.PAID_OFF)
    if not term:
        return loans.none()
    if term.upper().startswith("PDB-"):
        return loans.filter(number__iexact=term)
    digits = only_digits(term)
    if len(digits) == 16 and digits == term.replace(" ", ""):
        return loans.filter(umkm__owner_nik=digits)
    businesses = search_umkm(UMKM.objects.all(), term).values("pk")
    return loans.filter(umkm__in=Subquery(businesses))


def written_off_history(owner_nik: str) -> QuerySet[Loan]:
    """An owner's written-off loans (recovered or not), for the approver to see."""
    return Loan.objects.filter(umkm__owner_nik=owner_nik, status__in=Loan.WRITTEN_OFF_STATUSES)


def effective_repayments(loan: Loan) -> list[Repayment]:
    """The repayments that count: not reversal rows, not reversed ones; by date, then as
    posted."""
    return list(
        loan.repayments.filter(reverses__isnull=True, reversal__isnull=True).order_by(
            "paid_on", "id"
        )
    )


def loan_position(
    loan: Loan,
    repayments: Sequence[Repayment] | None = None,
    installments: Sequence[Installment] | None = None,
) -> LoanPosition:
    """Replay the loan's repayments over its schedule (no writes). Repayments dated after
    the loan's write-off are recoveries, allocated by its fund's rule."""
    installments = (
        installments if installments is not None else list(loan.installments.order_by("number"))
    )
    repayments = repayments if repayments is not None else effective_repayments(loan)
    return replay(
        schedule=installments,
        payments=[Payment(r.pk, r.paid_on, r.amount, r.is_payoff) for r in repayments],
        denda_rule=loan.denda_rule,
        payoff_rule=loan.early_payoff_rule,
        written_off_on=loan.written_off_on,
        recovery_rule=loan.recovery_rule,
    )
