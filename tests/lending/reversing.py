"""Reversing a repayment in tests as the office does: directly when staff may, otherwise
requested by staff and approved by the Kepala UPT."""

from django.utils import timezone

from lending.services import repayment_reverse
from lending.services.reversals import (
    reversal_needs_approval,
    reversal_request,
    reversal_request_approve,
)


def reverse(people, repayment, reason: str = "Salah posting"):
    if not reversal_needs_approval(repayment, loan=repayment.loan, today=timezone.localdate()):
        return repayment_reverse(repayment=repayment, reason=reason, reversed_by=people.staff)
    request = reversal_request(repayment=repayment, reason=reason, requested_by=people.staff)
    return reversal_request_approve(request=request, approved_by=people.head).reversal
