from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.query import search_term

from ..errors import LendingError
from ..forms import RepaymentForm
from ..models import Loan, Repayment
from ..selectors import loan_lookup, loan_position
from ..services import repayment_post

POST_REPAYMENT = "lending.post_repayment"


@section_required(Section.LENDING, POST_REPAYMENT)
def repayment_desk(request):
    """One screen at the counter: find the loan by name, NIK or loan number, then post."""
    term = search_term(request)
    loans = list(loan_lookup(term)[:20]) if term else []
    if len(loans) == 1:
        return redirect("lending:repayment-new", loan_pk=loans[0].pk)
    return render(request, "lending/repayment_desk.html", {"term": term, "loans": loans})


@section_required(Section.LENDING, POST_REPAYMENT)
def repayment_new(request, loan_pk: int):
    loan = get_object_or_404(Loan.objects.select_related("umkm__kelurahan", "product"), pk=loan_pk)
    today = timezone.localdate()
    position = loan_position(loan)
    if request.method == "POST":
        form = RepaymentForm(request.POST)
        if form.is_valid():
            try:
                repayment = repayment_post(loan=loan, posted_by=request.user, **form.cleaned_data)
            except LendingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Repayment posted."))
                return redirect("lending:receipt", pk=repayment.pk)
    else:
        # What is due now, or else the next installment: the usual payment at the counter.
        form = RepaymentForm.blank(
            amount=position.due_now(today) or position.next_installment_left()
        )
    return render(
        request,
        "lending/repayment_form.html",
        {
            "loan": loan,
            "form": form,
            "due_now": position.due_now(today),
            "payoff_quote": position.payoff_quote(today),
            "total_outstanding": position.total_outstanding(today),
        },
    )


@section_required(Section.LENDING, "lending.view_repayment")
def receipt(request, pk: int):
    """The kuitansi of one repayment, to print."""
    repayment = get_object_or_404(
        Repayment.objects.select_related("loan__umkm__kelurahan__kecamatan", "posted_by"), pk=pk
    )
    split = loan_position(repayment.loan).splits.get(repayment.pk)
    return render(request, "lending/receipt.html", {"repayment": repayment, "split": split})
