"""Whether a business may join a cohort: only the owner of a registered, active business who
runs it, who does not hold the track's certificate yet and is not in an overlapping cohort."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from registry.models import UMKM, Certification, CertificationKind, Status

from ..models import Certificate, Cohort, Enrollment, Track

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


def _held_certificate(umkm: UMKM, track: Track) -> str | None:
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
