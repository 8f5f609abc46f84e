from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.form_fields import errors_in_words
from cilegon_umkm.kernel.query import search_term
from registry.models import UMKM
from registry.selectors import search_umkm

from .. import permissions
from ..errors import LendingError
from ..forms import ApplicationForm, ApproveForm, DisburseForm, ReasonForm
from ..models import Application, Survey
from ..selectors import application_problems, unrecovered_write_offs, written_off_history
from ..services import (
    application_approve,
    application_override_write_off,
    application_reject,
    application_submit,
    application_withdraw,
    loan_disburse,
)

SUBMIT = "lending.add_application"


@section_required(Section.LENDING, SUBMIT)
def application_new(request):
    """Step 1: find the business in the registry (only registered businesses borrow)."""
    term = search_term(request)
    businesses = search_umkm(UMKM.objects.select_related("kelurahan"), term)[:20] if term else []
    return render(request, "lending/application_new.html", {"term": term, "businesses": businesses})


@section_required(Section.LENDING, SUBMIT)
def application_create(request, umkm_pk: int):
    """Step 2: the terms; eligibility is checked again by the service on submit."""
    umkm = get_object_or_404(UMKM.objects.select_related("kelurahan__kecamatan"), pk=umkm_pk)
    form = ApplicationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            application = application_submit(
                umkm=umkm, submitted_by=request.user, **form.cleaned_data
            )
        except LendingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request, _("Application %(number)s submitted.") % {"number": application.number}
            )
            return redirect(application)
    return render(
        request,
        "lending/application_form.html",
        {"umkm": umkm, "form": form, "written_off": written_off_history(umkm.owner_nik)},
    )


@require_GET
def application_detail(request, pk: int):
    application = permissions.get_application_for_user(request.user, pk)
    user = request.user
    open_state = application.state in Application.OPEN_STATES
    problems = []
    if open_state:
        problems = application_problems(application, timezone.localdate())
    state = Application.State
    survey = getattr(application, "survey", None)
    context = {
        "application": application,
        "survey": survey,
        "against_survey": survey is not None
        and survey.recommendation == Survey.Recommendation.NOT_FEASIBLE,
        "events": application.events.select_related("actor"),
        "problems": problems,
        "written_off": written_off_history(application.umkm.owner_nik),
        "loan": getattr(application, "loan", None),
        "can_decide": permissions.can_decide(user)
        and application.state in (state.SUBMITTED, state.SURVEYED),
        "can_approve": permissions.can_decide(user) and application.state == state.SURVEYED,
        "can_withdraw": permissions.can_submit(user) and open_state,
        "can_disburse": permissions.may_disburse(user, application)
        and application.state == state.APPROVED,
        "approved_by_you": permissions.can_disburse(user)
        and application.state == state.APPROVED
        and user.pk == application.decided_by_id,
        "can_override_write_off": permissions.may_override_write_off(user, application)
        and unrecovered_write_offs(application.umkm.owner_nik).exists(),
        "approve_form": ApproveForm(),
        "reason_form": ReasonForm(),
        "disburse_form": DisburseForm(initial={"disbursed_on": timezone.localdate()}),
    }
    return render(request, "lending/application_detail.html", context)


def _act(request, pk: int, action, form_class, success: str):
    """The shape of every decision button: a form, a service, a message, back to the page."""
    application = permissions.get_application_for_user(request.user, pk)
    form = form_class(request.POST)
    if not form.is_valid():
        messages.error(
            request, _("Fill in the form: %(errors)s") % {"errors": errors_in_words(form)}
        )
        return redirect(application)
    try:
        action(application, **form.cleaned_data)
    except LendingError as error:
        messages.error(request, str(error))
    else:
        messages.success(request, success)
    return redirect(application)


@require_POST
@section_required(Section.LENDING, "lending.decide_application")
def application_approve_view(request, pk: int):
    return _act(
        request,
        pk,
        lambda application, note, reason: application_approve(
            application=application, approver=request.user, note=note, reason=reason
        ),
        ApproveForm,
        _("Application approved; it can be disbursed."),
    )


@require_POST
@section_required(Section.LENDING, "lending.decide_application")
def application_override_write_off_view(request, pk: int):
    return _act(
        request,
        pk,
        lambda application, reason: application_override_write_off(
            application=application, by=request.user, reason=reason
        ),
        ReasonForm,
        _("The owner may borrow despite the write-off; the reason is recorded."),
    )


@require_POST
@section_required(Section.LENDING, "lending.decide_application")
def application_reject_view(request, pk: int):
    return _act(
        request,
        pk,
        lambda application, reason: application_reject(
            application=application, decided_by=request.user, reason=reason
        ),
        ReasonForm,
        _("Application rejected."),
    )


@require_POST
@section_required(Section.LENDING, SUBMIT)
def application_withdraw_view(request, pk: int):
    return _act(
        request,
        pk,
        lambda application, reason: application_withdraw(
            application=application, withdrawn_by=request.user, note=reason
        ),
        ReasonForm,
        _("Application withdrawn."),
    )


@require_POST
@section_required(Section.LENDING, "lending.disburse_loan")
def application_disburse_view(request, pk: int):
    application = permissions.get_application_for_user(request.user, pk)
    form = DisburseForm(request.POST)
    if form.is_valid():
        try:
            loan = loan_disburse(
                application=application,
                disbursed_by=request.user,
                disbursed_on=form.cleaned_data["disbursed_on"],
            )
        except LendingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Loan %(number)s disbursed.") % {"number": loan.number})
            return redirect(loan)
    else:
        messages.error(request, _("Give a valid disbursement date."))
    return redirect(application)
