"""Enrolment: only the owner of a registered, active business who runs it, who does not
hold the track's certificate yet and is not in an overlapping cohort. The quota holds when
two staff enrol at the same moment (the cohort's row is locked); beyond it, a waiting
list in order, whose first is moved up when someone withdraws."""

from __future__ import annotations

from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from registry.models import UMKM, Certification, CertificationKind, Status

from ..models import Certificate, Cohort, Enrollment
from .errors import TrainingError

State = Enrollment.State


def enrollment_problems(*, cohort: Cohort, umkm: UMKM) -> list[str]:
    """Why this business cannot join this cohort, in words for the user; empty if it can."""
    problems = []
    if umkm.pk is None or not UMKM.objects.filter(pk=umkm.pk).exists():
        return [_("Only businesses in the registry can take part.")]
    if umkm.status != Status.ACTIVE:
        problems.append(_("The business is not active in the registry."))
    if not umkm.is_entrepreneur:
        problems.append(_("Training is for entrepreneurs who run their business, not employees."))
    held = _held_certificate(umkm, cohort.track)
    if held is not None:
        problems.append(
            _("The business already holds this certificate (%(number)s).") % {"number": held}
        )
    overlapping = (
        Enrollment.objects.filter(
            umkm=umkm,
            state__in=[State.ENROLLED, State.WAITING],
            cohort__starts_on__lte=cohort.ends_on,
            cohort__ends_on__gte=cohort.starts_on,
        )
        .exclude(cohort=cohort)
        .select_related("cohort")
        .first()
    )
    if overlapping is not None:
        problems.append(
            _("The business is already in %(cohort)s, at the same time.")
            % {"cohort": overlapping.cohort.name}
        )
    if Enrollment.objects.filter(cohort=cohort, umkm=umkm).exclude(state=State.WITHDRAWN).exists():
        problems.append(_("This business is already in this cohort."))
    return problems


# A competency certificate is about one trade: holding the laundry one does not make a
# caterer. Halal, PIRT and the like are one certificate per business, whatever the track.
_PER_TRADE = {CertificationKind.COMPETENCY, CertificationKind.OTHER}


def _held_certificate(umkm: UMKM, track) -> str | None:
    """The number of a valid certificate that makes this track pointless for the business."""
    same_track = Certificate.objects.filter(
        enrollment__umkm=umkm, enrollment__cohort__track=track, revoked_on__isnull=True
    ).first()
    if same_track is not None:
        return same_track.number
    if track.certificate_kind in _PER_TRADE:
        return None
    today = timezone.localdate()
    for held in Certification.objects.filter(umkm=umkm, kind=track.certificate_kind):
        if held.is_valid_on(today):
            return held.number
    return None


@transaction.atomic
def enrollment_create(*, cohort: Cohort, umkm: UMKM, user) -> Enrollment:
    cohort = Cohort.objects.select_for_update().select_related("track").get(pk=cohort.pk)
    problems = enrollment_problems(cohort=cohort, umkm=umkm)
    if problems:
        raise TrainingError(" ".join(problems))
    taken = cohort.enrollments.filter(state=State.ENROLLED).count()
    state = State.ENROLLED if taken < cohort.quota else State.WAITING
    withdrawn = Enrollment.objects.filter(cohort=cohort, umkm=umkm, state=State.WITHDRAWN).first()
    if withdrawn is not None:  # coming back: a new place at the end of the line
        withdrawn.state, withdrawn.created_at, withdrawn.enrolled_by = state, timezone.now(), user
        withdrawn.save(update_fields=["state", "created_at", "enrolled_by"])
        return withdrawn
    return Enrollment.objects.create(cohort=cohort, umkm=umkm, state=state, enrolled_by=user)


@transaction.atomic
def enrollment_withdraw(*, enrollment: Enrollment) -> Enrollment | None:
    """Withdraw; returns the enrolment moved up from the waiting list, if any."""
    cohort = Cohort.objects.select_for_update().get(pk=enrollment.cohort_id)
    enrollment = Enrollment.objects.get(pk=enrollment.pk)
    was_enrolled = enrollment.state == State.ENROLLED
    enrollment.state = State.WITHDRAWN
    enrollment.save(update_fields=["state"])
    if not was_enrolled:
        return None
    first = cohort.enrollments.filter(state=State.WAITING).order_by("created_at", "id").first()
    if first is not None:
        first.state = State.ENROLLED
        first.save(update_fields=["state"])
    return first
