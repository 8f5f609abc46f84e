from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required

from .. import permissions
from ..arrears import collectibility, days_past_due
from ..errors import LendingError
from ..forms import ReasonForm, WriteOffForm
from ..models import Loan
from ..selectors import collectibility_bands, loan_position
from ..services import loan_write_off
from ..terms import denda_in_words
from .reversals import reversal_context

VIEW_LOAN = "lending.view_loan"


def _loan(pk: int) -> Loan:
    return get_object_or_404(
        Loan.objects.select_related(
            "umkm__kelurahan__kecamatan", "kelurahan", "product", "fund", "application"
        ),
        pk=pk,
    )


def loan_context(loan: Loan) -> dict:
    """Everything the loan page and the repayment card show, computed once."""
    today = timezone.localdate()
    installments = list(loan.installments.order_by("number"))
    position = loan_position(loan, installments=installments)
    repayments = list(
        loan.repayments.select_related("posted_by", "reverses").order_by("paid_on", "id")
    )
    reversed_ids = {r.reverses_id for r in repayments if r.reverses_id}
    dpd = days_past_due(position.unpaid_due_dates(), today)
    bands = collectibility_bands()
    return {
        "loan": loan,
        "today": today,
        "rows": list(zip(installments, position.installments, strict=True)),
        "repayments": repayments,
        "reversed_ids": reversed_ids,
        "splits": position.splits,
        "days_past_due": dpd,
        "collectibility": next(b for b in bands if b.level == collectibility(dpd, bands)),
        "due_now": position.due_now(today),
        "payoff_quote": position.payoff_quote(today) if loan.status == Loan.Status.ACTIVE else 0,
        "total_outstanding": position.total_outstanding(today),
        "denda_outstanding": position.denda_outstanding(today),
        "denda_rule": denda_in_words(loan.denda_rule),
    }


@section_required(Section.LENDING, VIEW_LOAN)
def loan_detail(request, pk: int):
    loan = _loan(pk)
    context = loan_context(loan)
    context.update(
        events=loan.application.events.select_related("actor"),
        can_post=permissions.can_post_repayment(request.user)
        and loan.status != Loan.Status.PAID_OFF,
        can_reverse=permissions.can_reverse(request.user),
        **reversal_context(loan, context["repayments"], today=context["today"]),
        can_write_off=permissions.can_write_off(request.user) and loan.status == Loan.Status.ACTIVE,
        write_off_form=WriteOffForm(initial={"on_date": context["today"]}),
        reason_form=ReasonForm(),
    )
    return render(request, "lending/loan_detail.html", context)


@section_required(Section.LENDING, VIEW_LOAN)
def loan_card(request, pk: int):
    """The kartu angsuran: the schedule with what is paid, to print and give the borrower."""
    return render(request, "lending/loan_card.html", loan_context(_loan(pk)))


@require_POST
@section_required(Section.LENDING, "lending.write_off_loan")
def loan_write_off_view(request, pk: int):
    loan = _loan(pk)
    form = WriteOffForm(request.POST)
    if not form.is_valid():
        messages.error(
            request,
            _("Give the date, the decree (SK) number and date, and the reason of the write-off."),
        )
    else:
        try:
            loan_write_off(loan=loan, written_off_by=request.user, **form.cleaned_data)
        except LendingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The loan was written off."))
    return redirect(loan)
