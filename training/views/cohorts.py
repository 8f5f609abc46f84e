"""Staff run a cohort: enrol participants (with the reasons a business is refused), record
sessions with who was there, results per module, and issue the certificates."""

from datetime import date

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from registry.models import UMKM
from registry.selectors import search_umkm

from ..models import Certificate, Cohort, Enrollment, Module
from ..selectors import cohort_participants, participant_path
from ..services import (
    TrainingError,
    certificate_issue,
    certificate_revoke,
    enrollment_create,
    enrollment_withdraw,
    result_record,
    session_record,
)

RUN = "training.add_enrollment"
REVOKE = "training.add_certificate"  # who issues certificates may also revoke them


@section_required(Section.TRAINING)
def index(request):
    today = timezone.localdate()
    cohorts = Cohort.objects.select_related("track").order_by("-starts_on")[:50]
    return render(request, "training/index.html", {"cohorts": cohorts, "today": today})


@section_required(Section.TRAINING)
def cohort_detail(request, pk: int):
    cohort = get_object_or_404(Cohort.objects.select_related("track", "budget_line"), pk=pk)
    participants = list(cohort_participants(cohort))
    term = request.GET.get("q", "").strip()
    found = list(search_umkm(UMKM.objects.select_related("kelurahan"), term)[:10]) if term else []
    context = {
        "cohort": cohort,
        "enrolled": [p for p in participants if p.state == Enrollment.State.ENROLLED],
        "waiting": [p for p in participants if p.state == Enrollment.State.WAITING],
        "modules": list(cohort.track.modules.all()),
        "sessions": cohort.sessions.select_related("module"),
        "session_count": cohort.sessions.count(),
        "term": term,
        "found": found,
        "can_run": request.user.has_perm(RUN),
        "today": timezone.localdate(),
    }
    return render(request, "training/cohort_detail.html", context)


def _back(cohort_pk: int):
    return redirect("training:cohort-detail", pk=cohort_pk)


@section_required(Section.TRAINING, RUN)
def enroll(request, pk: int):
    cohort = get_object_or_404(Cohort, pk=pk)
    if request.method == "POST":
        umkm = get_object_or_404(UMKM, pk=request.POST.get("umkm"))
        try:
            enrollment = enrollment_create(cohort=cohort, umkm=umkm, user=request.user)
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


@section_required(Section.TRAINING, RUN)
def withdraw(request, pk: int):
    enrollment = get_object_or_404(Enrollment, pk=pk)
    if request.method == "POST":
        moved_up = enrollment_withdraw(enrollment=enrollment)
        messages.success(request, _("Withdrawn."))
        if moved_up is not None:
            messages.info(
                request,
                _("%(name)s moved up from the waiting list.") % {"name": moved_up.umkm.name},
            )
    return _back(enrollment.cohort_id)


@section_required(Section.TRAINING, RUN)
def session_new(request, pk: int):
    cohort = get_object_or_404(Cohort, pk=pk)
    if request.method == "POST":
        try:
            module = get_object_or_404(Module, pk=request.POST.get("module"), track=cohort.track_id)
            held_on = date.fromisoformat(request.POST.get("held_on", ""))
            present = {int(v) for v in request.POST.getlist("present") if v.isdigit()}
            session_record(
                cohort=cohort, module=module, held_on=held_on, present=present, user=request.user
            )
        except ValueError:
            messages.error(request, _("Give the date of the session."))
        except TrainingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Attendance recorded."))
    return _back(cohort.pk)


@section_required(Section.TRAINING)
def participant(request, pk: int):
    enrollment = get_object_or_404(
        Enrollment.objects.select_related("umkm__kelurahan", "cohort__track"), pk=pk
    )
    return render(
        request,
        "training/participant.html",
        {
            "enrollment": enrollment,
            "path": participant_path(enrollment),
            "modules": list(enrollment.cohort.track.modules.all()),
            "certificate": getattr(enrollment, "certificate", None),
            "can_run": request.user.has_perm(RUN),
            "can_revoke": request.user.has_perm(REVOKE),
        },
    )


@section_required(Section.TRAINING, RUN)
def result_new(request, pk: int):
    enrollment = get_object_or_404(Enrollment, pk=pk)
    if request.method == "POST":
        module = get_object_or_404(
            Module, pk=request.POST.get("module"), track=enrollment.cohort.track_id
        )
        score = request.POST.get("score", "").strip()
        try:
            result_record(
                enrollment=enrollment,
                module=module,
                user=request.user,
                score=int(score) if score.isdigit() else None,
                passed={"1": True, "0": False}.get(request.POST.get("passed", "")),
            )
        except TrainingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("Result recorded."))
    return redirect("training:participant", pk=enrollment.pk)


@section_required(Section.TRAINING, RUN)
def issue(request, pk: int):
    enrollment = get_object_or_404(Enrollment, pk=pk)
    if request.method == "POST":
        try:
            certificate = certificate_issue(
                enrollment=enrollment, user=request.user, issued_on=timezone.localdate()
            )
        except TrainingError as error:
            messages.error(request, str(error))
        else:
            messages.success(
                request, _("Certificate %(number)s issued.") % {"number": certificate.number}
            )
            return redirect("training:certificate-print", pk=certificate.pk)
    return redirect("training:participant", pk=enrollment.pk)


@section_required(Section.TRAINING, REVOKE)
def revoke(request, pk: int):
    certificate = get_object_or_404(Certificate, pk=pk)
    if request.method == "POST":
        try:
            certificate_revoke(
                certificate=certificate,
                reason=request.POST.get("reason", ""),
                on=timezone.localdate(),
            )
        except TrainingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The certificate was revoked; its public page says so."))
    return redirect("training:participant", pk=certificate.enrollment_id)
