from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.query import search_term

from ..errors import LendingError, LoanChangedError
from ..forms import RepaymentForm
from ..models import Loan, Repayment
from ..selectors import loan_lookup, loan_position
from ..selectors.desk import latest_postings, next_due, receipt_figures, recent_payments
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


# Never from the browser's cache: the Back button reloads the form with a new token, the
# loan's version and the payments just posted (the desk then asks before posting again).
@never_cache
@section_required(Section.LENDING, POST_REPAYMENT)
def repayment_new(request, loan_pk: int):
    loan = get_object_or_404(
        Loan.objects.select_related("umkm__kelurahan", "product", "fund"), pk=loan_pk
    )
    today = timezone.localdate()
    posted_lately = recent_payments(loan).exists()
    form = None
    if request.method == "POST":
        form = RepaymentForm(request.POST, ask_confirm=posted_lately)
        if form.is_valid():
            try:
                repayment = repayment_post(
                    loan=loan, posted_by=request.user, **form.post_arguments()
                )
            except LoanChangedError as changed:
                form = RepaymentForm.to_confirm(request.POST, loan_version=changed.loan_version)
                form.add_error(None, str(changed))
            except LendingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Repayment posted."))
                return redirect("lending:receipt", pk=repayment.pk)
    # Where the loan stands now (after whatever was posted while the form was open).
    position = loan_position(loan)
    if form is None:
        # What is due now, or else the next installment: the usual payment at the counter;
        # no amount after a payment minutes ago, so a reloaded form is not sent as it was.
        usual = position.due_now(today) or position.next_installment_left()
        form = RepaymentForm.blank(
            amount=None if posted_lately else usual,
            loan_version=loan.version,
            ask_confirm=posted_lately,
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
            "next_due": next_due(position),
            "latest": latest_postings(loan) if form.ask_confirm else [],
        },
    )


@section_required(Section.LENDING, "lending.view_repayment")
def receipt(request, pk: int):
    """The kuitansi of one repayment, to print: the amount in words, its split, the balance
    after it, and room for signatures and the stamp."""
    repayment = get_object_or_404(
        Repayment.objects.select_related(
            "loan__umkm__kelurahan__kecamatan", "loan__fund", "posted_by", "reverses"
        ),
        pk=pk,
    )
    return render(
        request,
        "lending/receipt.html",
        {"repayment": repayment, "figures": receipt_figures(repayment)},
    )
