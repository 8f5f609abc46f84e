"""Reversing a repayment: in one step by staff, or, where the Kepala UPT must agree
(lending.services.reversals), requested by staff and approved or refused by the Kepala."""

from datetime import date

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.form_fields import errors_in_words
from cilegon_umkm.kernel.pagination import page_of

from .. import permissions
from ..errors import LendingError
from ..forms import NoteForm, ReasonForm
from ..models import Loan, Repayment, ReversalRequest
from ..selectors import reversal_requests, reversal_requests_for_list, reversal_requests_of
from ..services import (
    repayment_reverse,
    reversal_needs_approval,
    reversal_request,
    reversal_request_approve,
    reversal_request_refuse,
)

REVERSE = "lending.reverse_repayment"
APPROVE = "lending.approve_reversal"
VIEW = "lending.view_reversalrequest"


def reversal_context(loan: Loan, repayments: list[Repayment], *, today: date) -> dict:
    """What the loan page shows of reversals: the loan's requests (the open ones by
    repayment), and for each repayment that can still be reversed whether staff reverse it
    ("reverse") or request it from the Kepala UPT ("request")."""
    requests = reversal_requests_of(loan)
    open_requests = {
        r.repayment_id: r for r in requests if r.state == ReversalRequest.State.REQUESTED
    }
    reversed_ids = {r.reverses_id for r in repayments if r.reverses_id}
    return {
        "reversal_requests": requests,
        "open_requests": open_requests,
        "reversal_actions": {
            r.pk: "request" if reversal_needs_approval(r, loan=loan, today=today) else "reverse"
            for r in repayments
            if not r.is_reversal and r.pk not in reversed_ids and r.pk not in open_requests
        },
    }


@require_POST
@section_required(Section.LENDING, REVERSE)
def repayment_reverse_view(request, pk: int):
    repayment = get_object_or_404(Repayment, pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A reversal needs a reason."))
    else:
        try:
            repayment_reverse(
                repayment=repayment, reason=form.cleaned_data["reason"], reversed_by=request.user
            )
        except LendingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The repayment was reversed and the loan recomputed."))
    return redirect("lending:loan-detail", pk=repayment.loan_id)


@require_POST
@section_required(Section.LENDING, REVERSE)
def reversal_request_view(request, pk: int):
    repayment = get_object_or_404(Repayment, pk=pk)
    form = ReasonForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("A reversal needs a reason."))
    else:
        try:
            reversal_request(
                repayment=repayment, reason=form.cleaned_data["reason"], requested_by=request.user
            )
        except LendingError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("The reversal was requested; it waits for the Kepala UPT's approval.")
            )
    return redirect("lending:loan-detail", pk=repayment.loan_id)


@require_GET
@section_required(Section.LENDING, VIEW)
def reversal_request_list(request):
    """Reversals waiting for the Kepala UPT first, then the decided ones."""
    requests = reversal_requests_for_list()
    return render(
        request,
        "lending/reversal_request_list.html",
        {"page_obj": page_of(request, requests, 25)},
    )


@require_GET
@section_required(Section.LENDING, VIEW)
def reversal_request_detail(request, pk: int):
    reversal = get_object_or_404(reversal_requests(), pk=pk)
    user = request.user
    waiting = reversal.state == ReversalRequest.State.REQUESTED
    return render(
        request,
        "lending/reversal_request_detail.html",
        {
            "reversal": reversal,
            "repayment": reversal.repayment,
            "loan": reversal.repayment.loan,
            "can_decide": waiting and permissions.can_approve_reversal(user),
            "own_request": waiting and reversal.requested_by_id == user.pk,
            "today": timezone.localdate(),
        },
    )


def _decide(request, pk: int, action, success: str):
    reversal = get_object_or_404(ReversalRequest.objects.select_related("repayment"), pk=pk)
    form = NoteForm(request.POST)
    if not form.is_valid():  # never: the note is optional for the form, the service decides
        messages.error(request, errors_in_words(form))
        return redirect("lending:reversal-request", pk=pk)
    try:
        action(reversal, form.cleaned_data["note"])
    except LendingError as error:
        messages.error(request, str(error))
        return redirect("lending:reversal-request", pk=pk)
    messages.success(request, success)
    return redirect("lending:loan-detail", pk=reversal.repayment.loan_id)


@require_POST
@section_required(Section.LENDING, APPROVE)
def reversal_request_approve_view(request, pk: int):
    return _decide(
        request,
        pk,
        lambda reversal, note: reversal_request_approve(
            request=reversal, approved_by=request.user, note=note
        ),
        _("Reversal approved: the repayment was reversed and the loan recomputed."),
    )


@require_POST
@section_required(Section.LENDING, APPROVE)
def reversal_request_refuse_view(request, pk: int):
    return _decide(
        request,
        pk,
        lambda reversal, note: reversal_request_refuse(
            request=reversal, refused_by=request.user, note=note
        ),
        _("Reversal refused; the repayment stands."),
    )
