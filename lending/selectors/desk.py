"""The repayment desk: what was posted on a loan lately, and a kuitansi's figures."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _

from cilegon_umkm.kernel.formatting import terbilang

from ..allocation import LoanPosition, Split
from ..models import Loan, Repayment
from .loans import effective_repayments, loan_position

# A payment posted on a loan this recently makes the desk ask before posting another: the
# form reloaded with the Back button carries a new token and the loan's new version.
RECENT_POSTING = timedelta(minutes=10)


def recent_payments(loan: Loan) -> QuerySet[Repayment]:
    """Payments that count, posted on the loan in the last RECENT_POSTING, newest first."""
    return loan.repayments.filter(
        reverses__isnull=True,
        reversal__isnull=True,
        posted_at__gte=timezone.now() - RECENT_POSTING,
    ).order_by("-posted_at", "-id")


def latest_postings(loan: Loan, *, limit: int = 3) -> list[Repayment]:
    """What was posted on the loan last (payments and reversals), newest first, with who."""
    return list(
        loan.repayments.select_related("posted_by", "reverses").order_by("-posted_at", "-id")[
            :limit
        ]
    )


@dataclass(frozen=True)
class NextDue:
    due_date: date
    left: int


def next_due(position: LoanPosition) -> NextDue | None:
    """The first installment not yet settled, and what remains of it."""
    for installment in position.installments:
        if not installment.is_settled:
            return NextDue(due_date=installment.due_date, left=installment.left)
    return None


@dataclass(frozen=True)
class ReceiptFigures:
    """What a kuitansi states beside the payment itself."""

    amount_in_words: str
    split: Split | None  # None for a reversed payment or a reversal
    balance_after: int | None  # principal and jasa still owed after this payment
    reversal: Repayment | None  # the row that reversed this payment, if any


def receipt_figures(repayment: Repayment) -> ReceiptFigures:
    """The split and the balance after `repayment`: the loan's payments that count, up to
    and including this one in the order they are replayed, replayed over its schedule."""
    reversal = Repayment.objects.filter(reverses=repayment).first()
    words = terbilang(abs(repayment.amount))
    if repayment.amount < 0:  # a reversal takes money back out of the books
        words = _("minus %(words)s") % {"words": words}
    if repayment.is_reversal or reversal is not None:
        return ReceiptFigures(words, split=None, balance_after=None, reversal=reversal)
    repayments = effective_repayments(repayment.loan)
    upto = repayments[: repayments.index(repayment) + 1]
    position = loan_position(repayment.loan, repayments=upto)
    return ReceiptFigures(
        amount_in_words=words,
        split=position.splits.get(repayment.pk),
        balance_after=position.principal_outstanding + position.jasa_outstanding,
        reversal=None,
    )
