"""Posting repayments and reversing them. Nothing posted is edited or deleted."""

import uuid
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.models import User
from cilegon_umkm.kernel.formatting import format_rupiah
from cilegon_umkm.kernel.idempotency import create_once, find_by_token

from ..errors import LendingError
from ..models import Loan, Repayment
from ..selectors.loans import effective_repayments, loan_position
from .loans import loan_recompute


def repayment_post(
    *,
    loan: Loan,
    amount: int,
    paid_on: date,
    receipt_no: str,
    channel: str,
    client_token: uuid.UUID | str,
    posted_by: User,
    is_payoff: bool = False,
) -> Repayment:
    """Post money received for a loan. The same client token (a double click, a retried
    request, a second tab) returns the repayment already posted instead of a second one."""
    repayment, _created = create_once(
        Repayment,
        field="client_token",
        token=client_token,
        create=lambda: _post(
            loan=loan,
            amount=amount,
            paid_on=paid_on,
            receipt_no=receipt_no,
            channel=channel,
            client_token=client_token,
            posted_by=posted_by,
            is_payoff=is_payoff,
        ),
        check_owner=lambda found: _check_same_loan(found, loan),
    )
    return repayment


def _check_same_loan(repayment: Repayment, loan: Loan) -> None:
    if repayment.loan_id != loan.pk:
        raise LendingError(_("This form was already used for another loan; open the form again."))


@transaction.atomic
def _post(
    *,
    loan: Loan,
    amount: int,
    paid_on: date,
    receipt_no: str,
    channel: str,
    client_token: uuid.UUID | str,
    posted_by: User,
    is_payoff: bool,
) -> Repayment:
    loan = Loan.objects.select_for_update().get(pk=loan.pk)
    # A request with the same token may have posted while this one waited for the lock
    # (a double click reaching two app servers): its repayment is the answer, before any
    # check that would take it for a second payment (the receipt number, the amount owed).
    already = find_by_token(Repayment, "client_token", client_token)
    if already is not None:
        _check_same_loan(already, loan)
        return already
    if amount <= 0:
        raise LendingError(_("The amount must be more than Rp0."))
    if paid_on > timezone.localdate():
        raise LendingError(_("The payment date cannot be in the future."))
    if paid_on < loan.disbursed_on:
        raise LendingError(
            _("The payment date cannot be before the disbursement (%(date)s).")
            % {"date": loan.disbursed_on.strftime("%d-%m-%Y")}
        )
    if loan.status == Loan.Status.PAID_OFF:
        raise LendingError(_("This loan is already paid off."))
    if is_payoff:
        _check_payoff(loan, amount, paid_on)
    _check_receipt_unused(loan, receipt_no.strip())
    repayment = Repayment.objects.create(
        loan=loan,
        amount=amount,
        paid_on=paid_on,
        receipt_no=receipt_no.strip(),
        channel=channel,
        is_payoff=is_payoff,
        client_token=client_token,
        posted_by=posted_by,
    )
    position = loan_recompute(
        loan=loan,
        entry_date=paid_on,
        user=posted_by,
        note=_("Repayment %(receipt)s") % {"receipt": receipt_no},
    )
    over = position.splits[repayment.pk].unallocated
    if over:
        # Raising undoes the whole transaction: the repayment and the recompute.
        raise LendingError(
            _("That is more than the loan still owes. Still owed: %(owed)s.")
            % {"owed": format_rupiah(amount - over)}
        )
    return repayment


def _check_receipt_unused(loan: Loan, receipt_no: str) -> None:
    """One receipt, one payment: a form reopened with the Back button carries a new token but
    the same receipt number, and must not post the money twice. A reversed repayment frees
    its number (the mistake is corrected by posting it again)."""
    if not receipt_no:
        return
    earlier = loan.repayments.filter(
        receipt_no=receipt_no, reverses__isnull=True, reversal__isnull=True
    ).first()
    if earlier is not None:
        raise LendingError(
            _(
                "Receipt %(receipt)s is already posted for this loan (%(date)s, %(amount)s). "
                "If that was a mistake, reverse it first."
            )
            % {
                "receipt": receipt_no,
                "date": earlier.paid_on.strftime("%d-%m-%Y"),
                "amount": format_rupiah(earlier.amount),
            }
        )


def _check_payoff(loan: Loan, amount: int, paid_on: date) -> None:
    repayments = effective_repayments(loan)
    if repayments and repayments[-1].paid_on > paid_on:
        raise LendingError(_("An early payoff cannot be dated before the last repayment."))
    quote = loan_position(loan, repayments=repayments).payoff_quote(paid_on)
    if amount != quote:
        raise LendingError(
            _("Paying off early on this date takes exactly %(quote)s.")
            % {"quote": format_rupiah(quote)}
        )


@transaction.atomic
def repayment_reverse(*, repayment: Repayment, reason: str, reversed_by: User) -> Repayment:
    """Undo a mistaken repayment with a reversing row; the loan is recomputed from the
    repayments that remain, and the ledger follows with new lines."""
    if not reason.strip():
        raise LendingError(_("A reversal needs a reason."))
    loan = Loan.objects.select_for_update().get(pk=repayment.loan_id)
    repayment = Repayment.objects.get(pk=repayment.pk)
    if repayment.is_reversal:
        raise LendingError(_("A reversal cannot itself be reversed."))
    if Repayment.objects.filter(reverses=repayment).exists():
        raise LendingError(_("This repayment has already been reversed."))
    today = timezone.localdate()
    reversal = Repayment.objects.create(
        loan=loan,
        amount=-repayment.amount,
        paid_on=today,
        receipt_no=repayment.receipt_no,
        channel=repayment.channel,
        client_token=uuid.uuid4(),
        reverses=repayment,
        reason=reason.strip(),
        posted_by=reversed_by,
    )
    loan_recompute(
        loan=loan,
        entry_date=today,
        user=reversed_by,
        note=_("Reversal of repayment %(receipt)s: %(reason)s")
        % {"receipt": repayment.receipt_no or repayment.pk, "reason": reason.strip()},
    )
    return reversal
