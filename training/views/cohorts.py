"""Staff run a cohort: enrol participants (with the reasons a business is refused), record
sessions with who was there, results per module, and issue the certificates. A refused
form shows its page again with what was typed and why."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.query import search_term
from registry.models import UMKM
from registry.selectors import search_umkm

from ..errors import TrainingError
from ..forms import (
    EnrollForm,
    FacilitatedCertificationForm,
    ResultForm,
    RevokeForm,
    SessionForm,
)
from ..models import Certificate, Cohort, Enrollment
from ..selectors.certificates import facilitated_certifications
from ..selectors.cohorts import cohort_participants, participant_path
from ..services import (
    certificate_issue,
    certificate_revoke,
    enrollment_create,
    enrollment_withdraw,
    facilitated_certification_record,
    result_record,
    session_record,
)
from ..services.completion import facilitated_certification_refusal

RUN = "training.add_enrollment"
ISSUE = "training.add_certificate"  # who issues certificates may also revoke them


@require_GET
@section_required(Section.TRAINING)
def index(request):
    today = timezone.localdate()
    cohorts = Cohort.objects.select_related("track").order_by("-starts_on")[:50]
    return render(request, "training/index.html", {"cohorts": cohorts, "today": today})


def _cohort(pk: int) -> Cohort:
    return get_object_or_404(Cohort.objects.select_related("track", "budget_line"), pk=pk)


def _cohort_page(request, cohort: Cohort, session_form: SessionForm | None = None):
    participants = list(cohort_participants(cohort))
    term = search_term(request)
    found = list(search_umkm(UMKM.objects.select_related("kelurahan"), term)[:10]) if term else []
    session_form = session_form or SessionForm(cohort=cohort)
    context = {
        "cohort": cohort,
        "enrolled": [p for p in participants if p.state == Enrollment.State.ENROLLED],
        "waiting": [p for p in participants if p.state == Enrollment.State.WAITING],
        "modules": list(cohort.track.modules.all()),
        "sessions": cohort.sessions.select_related("module"),
        "session_count": cohort.sessions.count(),
        "session_form": session_form,
        "present": session_form.present_ids(),
        "term": term,
        "found": found,
        "can_run": request.user.has_perm(RUN),
    }
    return render(request, "training/cohort_detail.html", context)


@require_GET
@section_required(Section.TRAINING)
def cohort_detail(request, pk: int):
    return _cohort_page(request, _cohort(pk))


def _back(cohort_pk: int):
    return redirect("training:cohort-detail", pk=cohort_pk)


@require_POST
@section_required(Section.TRAINING, RUN)
def enroll(request, pk: int):
    cohort = get_object_or_404(Cohort, pk=pk)
    form = EnrollForm(request.POST)
    if not form.is_valid():
        messages.error(request, " ".join(e for errors in form.errors.values() for e in errors))
        return _back(cohort.pk)
    umkm = form.cleaned_data["umkm"]
    try:
        enrollment = enrollment_create(
            cohort=cohort,
            umkm=umkm,
            user=request.user,
            override_reason=form.cleaned_data["override_reason"],
        )
    except TrainingError as error:
        messages.error(request, str(error))
    else:
        if enrollment.state == Enrollment.State.WAITING:
            messages.warning(
                request,
                _("The quota is full: %(name)s is on the waiting list.") % {"name": umkm.name},
            )
        else:
            messages.success(request, _("%(name)s is enrolled.") % {"name": umkm.name})
    return _back(cohort.pk)


@require_POST
@section_required(Section.TRAINING, RUN)
def withdraw(request, pk: int):
    enrollment = get_object_or_404(Enrollment, pk=pk)
    try:
        moved_up = enrollment_withdraw(enrollment=enrollment)
    except TrainingError as error:
        messages.error(request, str(error))
        return _back(enrollment.cohort_id)
    messages.success(request, _("Withdrawn."))
    if moved_up is not None:
        messages.info(
            request,
            _("%(name)s moved up from the waiting list.") % {"name": moved_up.umkm.name},
        )
    return _back(enrollment.cohort_id)


@require_POST
@section_required(Section.TRAINING, RUN)
def session_new(request, pk: int):
    cohort = _cohort(pk)
    form = SessionForm(request.POST, cohort=cohort)
    if form.is_valid():
        data = form.cleaned_data
        try:
            session_record(
                cohort=cohort,
                module=data["module"],
                held_on=data["held_on"],
                present={enrollment.pk for enrollment in data["present"]},
                user=request.user,
            )
        except TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Attendance recorded."))
            return _back(cohort.pk)
    return _cohort_page(request, cohort, form)


def _enrollment(pk: int) -> Enrollment:
    return get_object_or_404(
        Enrollment.objects.select_related("umkm__kelurahan", "cohort__track"), pk=pk
    )


def _participant_page(
    request, enrollment: Enrollment, *, result_form=None, revoke_form=None, facilitated_form=None
):
    return render(
        request,
        "training/participant.html",
        {
            "enrollment": enrollment,
            "path": participant_path(enrollment),
            "certificate": getattr(enrollment, "certificate", None),
            "result_form": result_form or ResultForm(enrollment=enrollment),
            "revoke_form": revoke_form or RevokeForm(),
            "facilitated": list(facilitated_certifications(enrollment)),
            "facilitated_form": facilitated_form
            or FacilitatedCertificationForm(cohort=enrollment.cohort),
            "can_run": request.user.has_perm(RUN),
            "can_issue": request.user.has_perm(ISSUE),
            # A certificate from its issuer comes through the training of a participant only,
            # where the track facilitates one.
            "can_record": request.user.has_perm(ISSUE)
            and facilitated_certification_refusal(enrollment) is None,
        },
    )


@require_GET
@section_required(Section.TRAINING)
def participant(request, pk: int):
    return _participant_page(request, _enrollment(pk))


@require_POST
@section_required(Section.TRAINING, RUN)
def result_new(request, pk: int):
    enrollment = _enrollment(pk)
    form = ResultForm(request.POST, enrollment=enrollment)
    if form.is_valid():
        try:
            result = result_record(enrollment=enrollment, user=request.user, **form.cleaned_data)
        except TrainingError as error:
            form.add_error(None, str(error))
        else:
            _say_result(request, result, clicked=form.cleaned_data["passed"])
            return redirect("training:participant", pk=enrollment.pk)
    return _participant_page(request, enrollment, result_form=form)


def _say_result(request, result, *, clicked: bool | None) -> None:
    """Where the module has a pass mark the score decides: say which way, and warn when the
    button clicked said otherwise."""
    mark = result.module.pass_score
    if mark is None:
        messages.success(request, _("Result recorded."))
        return
    values = {"score": result.score, "mark": mark}
    if result.passed:
        text = _("A score of %(score)s reaches the pass mark of %(mark)s: recorded as passed.")
    else:
        text = _("A score of %(score)s is below the pass mark of %(mark)s: recorded as not passed.")
    if clicked is not None and clicked != result.passed:
        messages.warning(request, text % values)
    else:
        messages.success(request, text % values)


@require_POST
@section_required(Section.TRAINING, ISSUE)
def issue(request, pk: int):
    enrollment = get_object_or_404(Enrollment, pk=pk)
    try:
        certificate = certificate_issue(
            enrollment=enrollment, user=request.user, issued_on=timezone.localdate()
        )
    except TrainingError as error:
        messages.error(request, str(error))
        return redirect("training:participant", pk=enrollment.pk)
    messages.success(request, _("Certificate %(number)s issued.") % {"number": certificate.number})
    return redirect("training:certificate-print", pk=certificate.pk)


@require_POST
@section_required(Section.TRAINING, ISSUE)
def facilitated_certification_new(request, pk: int):
    """A certificate that arrived from its real issuer (BPJPH, the Dinas Kesehatan, an LSP):
    recorded once; a resent form is refused by the registry as the same certificate."""
    enrollment = _enrollment(pk)
    refusal = facilitated_certification_refusal(enrollment)
    if refusal:  # the page offers no form to show the reason in
        messages.error(request, refusal)
        return redirect("training:participant", pk=enrollment.pk)
    form = FacilitatedCertificationForm(request.POST, cohort=enrollment.cohort)
    if form.is_valid():
        try:
            link = facilitated_certification_record(
                enrollment=enrollment, user=request.user, **form.cleaned_data
            )
        except TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(
                request,
                _("%(certificate)s from %(issuer)s recorded.")
                % {"certificate": link.certification, "issuer": link.certification.issuer},
            )
            return redirect("training:participant", pk=enrollment.pk)
    return _participant_page(request, enrollment, facilitated_form=form)


@require_POST
@section_required(Section.TRAINING, ISSUE)
def revoke(request, pk: int):
    certificate = get_object_or_404(Certificate, pk=pk)
    form = RevokeForm(request.POST)
    if form.is_valid():
        try:
            certificate_revoke(
                certificate=certificate,
                reason=form.cleaned_data["reason"],
                on=timezone.localdate(),
                user=request.user,
            )
        except TrainingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The certificate was revoked; its public page says so."))
        return redirect("training:participant", pk=certificate.enrollment_id)
    return _participant_page(request, _enrollment(certificate.enrollment_id), revoke_form=form)
