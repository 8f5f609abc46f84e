"""Reversing a posted repayment. Most reversals are one step, by UPT PDB staff; a reversal
that reopens a closed loan, or of a payment dated before the current month (books the
office may already have reported), takes two: staff request it with a reason and the Kepala
UPT approves (the reversal is posted then) or refuses it. Nothing posted is edited."""

import uuid
from datetime import date

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.models import User

from ..books import first_open_day
from ..errors import LendingError
from ..models import Loan, Repayment, ReversalRequest
from .loans import loan_recompute

# Loans that a reversal would reopen: paid off, or written off and then fully recovered.
CLOSED_STATUSES = (Loan.Status.PAID_OFF, Loan.Status.RECOVERED)


def reversal_needs_approval(repayment: Repayment, *, loan: Loan, today: date) -> bool:
    """Whether reversing this repayment needs the Kepala UPT: it would reopen a closed loan,
    or the payment is dated before the first day of the current month."""
    return loan.status in CLOSED_STATUSES or repayment.paid_on < first_open_day(today)


@transaction.atomic
def repayment_reverse(*, repayment: Repayment, reason: str, reversed_by: User) -> Repayment:
    """Undo a mistaken repayment with a reversing row, in one step; the loan is recomputed
    from the repayments that remain, and the ledger follows with new lines. A reversal
    that needs the Kepala UPT is refused here: it goes through reversal_request."""
    if not reason.strip():
        raise LendingError(_("A reversal needs a reason."))
    loan = Loan.objects.select_for_update().get(pk=repayment.loan_id)
    repayment = _reversible(repayment)
    if reversal_needs_approval(repayment, loan=loan, today=timezone.localdate()):
        raise LendingError(
            _(
                "This reversal needs the Kepala UPT's approval (it reopens a closed loan or "
                "undoes a payment of an earlier month): request it instead."
            )
        )
    if ReversalRequest.objects.filter(
        repayment=repayment, state=ReversalRequest.State.REQUESTED
    ).exists():
        raise LendingError(_("A reversal of this repayment already waits for the Kepala UPT."))
    return _post_reversal(loan=loan, repayment=repayment, reason=reason, by=reversed_by)


def _reversible(repayment: Repayment) -> Repayment:
    """The repayment read again (the caller holds its loan's lock), if it can be reversed."""
    repayment = Repayment.objects.get(pk=repayment.pk)
    if repayment.is_reversal:
        raise LendingError(_("A reversal cannot itself be reversed."))
    if Repayment.objects.filter(reverses=repayment).exists():
        raise LendingError(_("This repayment has already been reversed."))
    return repayment


def _post_reversal(*, loan: Loan, repayment: Repayment, reason: str, by: User) -> Repayment:
    """The reversing row and the loan's recompute; the caller holds the loan's row lock."""
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
        posted_by=by,
    )
    loan_recompute(
        loan=loan,
        entry_date=today,
        user=by,
        note=_("Reversal of repayment %(receipt)s: %(reason)s")
        % {"receipt": repayment.receipt_no or repayment.pk, "reason": reason.strip()},
    )
    return reversal


@transaction.atomic
def reversal_request(*, repayment: Repayment, reason: str, requested_by: User) -> ReversalRequest:
    """Staff ask the Kepala UPT to reverse a repayment whose reversal needs approval."""
    if not reason.strip():
        raise LendingError(_("A reversal needs a reason."))
    loan = Loan.objects.select_for_update().get(pk=repayment.loan_id)
    repayment = _reversible(repayment)
    if not reversal_needs_approval(repayment, loan=loan, today=timezone.localdate()):
        raise LendingError(_("This reversal does not need the Kepala UPT: reverse it directly."))
    if ReversalRequest.objects.filter(
        repayment=repayment, state=ReversalRequest.State.REQUESTED
    ).exists():
        raise LendingError(_("A reversal of this repayment already waits for the Kepala UPT."))
    return ReversalRequest.objects.create(
        repayment=repayment, reason=reason.strip(), requested_by=requested_by
    )


def _locked_open(request: ReversalRequest) -> tuple[Loan, ReversalRequest]:
    """The loan's lock first (the order every posting takes), then the request's row."""
    loan = Loan.objects.select_for_update().get(pk=request.repayment.loan_id)
    request = ReversalRequest.objects.select_for_update().get(pk=request.pk)
    if request.state != ReversalRequest.State.REQUESTED:
        raise LendingError(
            _("This request was already decided (%(state)s).")
            % {"state": request.get_state_display()}
        )
    return loan, request


@transaction.atomic
def reversal_request_approve(
    *, request: ReversalRequest, approved_by: User, note: str = ""
) -> ReversalRequest:
    """The Kepala UPT approves: the reversal is posted now, under the loan's lock, with the
    request's reason. Never by the one who asked for it."""
    loan, request = _locked_open(request)
    if approved_by.pk == request.requested_by_id:
        raise LendingError(_("You requested this reversal, so someone else must approve it."))
    repayment = _reversible(request.repayment)
    request.reversal = _post_reversal(
        loan=loan, repayment=repayment, reason=request.reason, by=approved_by
    )
    _decide(request, ReversalRequest.State.APPROVED, by=approved_by, note=note)
    return request


@transaction.atomic
def reversal_request_refuse(
    *, request: ReversalRequest, refused_by: User, note: str
) -> ReversalRequest:
    """The Kepala UPT refuses, saying why; the repayment stands."""
    if not note.strip():
        raise LendingError(_("Say why the reversal is refused."))
    _loan, request = _locked_open(request)
    if refused_by.pk == request.requested_by_id:
        raise LendingError(_("You requested this reversal, so someone else must decide it."))
    _decide(request, ReversalRequest.State.REFUSED, by=refused_by, note=note)
    return request


def _decide(request: ReversalRequest, state: str, *, by: User, note: str) -> None:
    request.state = state
    request.decided_by = by
    request.decided_at = timezone.now()
    request.decision_note = note.strip()
    request.save(update_fields=["state", "decided_by", "decided_at", "decision_note", "reversal"])
