"""The referral inbox: UPT PDB (staff, and the PDB mentors of the area) answers loan
referrals, the office answers training referrals. Taking up a loan referral is making the
loan application, prefilled from it."""

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.pagination import page_of
from lending.errors import LendingError
from lending.forms import ApplicationForm
from lending.permissions import can_read_lending

from ..errors import MentoringError
from ..forms import CohortChoiceForm, DeclineForm
from ..models import Referral
from ..selectors import cohorts_to_join, referral_inbox
from ..services import referral_accept_loan, referral_accept_training, referral_decline

HANDLES = {
    Referral.Kind.LOAN: "mentoring.handle_loan_referral",
    Referral.Kind.TRAINING: "mentoring.handle_training_referral",
}


def _kinds(user) -> list[str]:
    kinds = [kind for kind, perm in HANDLES.items() if user.has_perm(perm)]
    if not kinds:
        raise PermissionDenied
    return kinds


def _open_referral(user, pk: int) -> Referral:
    referral = referral_inbox(user, kinds=_kinds(user)).filter(pk=pk).first()
    if referral is None:  # another area's, already answered, or made up
        raise Http404
    return referral


@section_required(Section.REFERRALS)
def inbox(request):
    referrals = referral_inbox(request.user, kinds=_kinds(request.user))
    page = page_of(request, referrals, 25)
    return render(
        request, "mentoring/referral_inbox.html", {"page_obj": page, "decline_form": DeclineForm()}
    )


@section_required(Section.REFERRALS)
def accept(request, pk: int):
    referral = _open_referral(request.user, pk)
    if referral.kind == Referral.Kind.TRAINING:
        return _accept_for_training(request, referral)
    initial = {"amount": referral.amount_wished, "purpose": referral.need}
    form = ApplicationForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            application = referral_accept_loan(
                referral=referral, user=request.user, **form.cleaned_data
            )
        except (LendingError, MentoringError) as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("Application %(number)s made from the referral.")
                % {"number": application.number},
            )
            if can_read_lending(request.user):
                return redirect(application)
            return redirect("mentoring:referrals")
    return render(request, "mentoring/referral_accept.html", {"referral": referral, "form": form})


@section_required(Section.REFERRALS)
def decline(request, pk: int):
    if request.method != "POST":
        return redirect("mentoring:referrals")
    referral = _open_referral(request.user, pk)
    form = DeclineForm(request.POST)
    if form.is_valid():
        referral_decline(referral=referral, user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("Referral declined; the mentor sees the reason."))
    else:
        messages.error(request, _("Say why the referral is declined."))
    return redirect("mentoring:referrals")


def _accept_for_training(request, referral: Referral):
    """The referred business joins a cohort that has not finished yet."""
    cohorts = cohorts_to_join(timezone.localdate())
    form = CohortChoiceForm(request.POST or None, cohorts=cohorts)
    error = ""
    if request.method == "POST":
        if not form.is_valid():
            error = _("Choose the cohort.")
        else:
            cohort = form.cleaned_data["cohort"]
            try:
                referral_accept_training(referral=referral, user=request.user, cohort=cohort)
            except MentoringError as refused:
                error = str(refused)
            else:
                text = _("%(name)s is enrolled in %(cohort)s.")
                messages.success(request, text % {"name": referral.umkm.name, "cohort": cohort})
                return redirect("mentoring:referrals")
    return render(
        request,
        "mentoring/referral_training.html",
        {"referral": referral, "cohorts": cohorts, "error": error},
    )
