"""Whether a business may join a cohort: only the owner of a registered, active business who
runs it, who does not hold the track's certificate yet and is not in an overlapping cohort."""

from __future__ import annotations

from django.utils import timezone
from django.utils.translation import gettext as _

from registry.models import UMKM, Certification, CertificationKind, Status

from ..models import Certificate, Cohort, Enrollment, Track

State = Enrollment.State


def enrollment_problems(*, cohort: Cohort, umkm: UMKM, override: bool = False) -> list[str]:
    """Why this business cannot join this cohort, in words for the user; empty if it can.
    With `override` (staff gave a reason), an owner who already holds the track's
    certificate may take it again; every other rule still holds."""
    problems = []
    if umkm.pk is None or not UMKM.objects.filter(pk=umkm.pk).exists():
        return [_("Only businesses in the registry can take part.")]
    if umkm.status != Status.ACTIVE:
        problems.append(_("The business is not active in the registry."))
    if not umkm.is_entrepreneur:
        problems.append(_("Training is for entrepreneurs who run their business, not employees."))
    owner_held = None if override else _owner_certificate(umkm, cohort.track)
    held = owner_held.number if owner_held else _held_certificate(umkm, cohort.track)
    if owner_held is not None and owner_held.enrollment.umkm_id != umkm.pk:
        problems.append(
            _(
                "The owner already holds this track's certificate (%(number)s) through "
                "%(business)s. Staff may enrol them again with a reason."
            )
            % {"number": owner_held.number, "business": owner_held.enrollment.umkm.name}
        )
    elif held is not None:
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
# A training certificate is about its own track (checked by owner, above).
_PER_TRADE = {CertificationKind.COMPETENCY, CertificationKind.TRAINING, CertificationKind.OTHER}


def _owner_certificate(umkm: UMKM, track: Track) -> Certificate | None:
    """A valid certificate of this track held by the business's owner (by NIK), through this
    business or another of theirs."""
    return (
        Certificate.objects.filter(
            enrollment__umkm__owner_nik=umkm.owner_nik,
            enrollment__cohort__track=track,
            revoked_on__isnull=True,
        )
        .select_related("enrollment__umkm")
        .order_by("-issued_on", "-id")
        .first()
    )


def _held_certificate(umkm: UMKM, track: Track) -> str | None:
    """The number of a valid certificate in the registry that makes this track pointless for
    the business (a halal or PIRT certificate is one per business, whatever the track)."""
    if track.certificate_kind in _PER_TRADE:
        return None
    today = timezone.localdate()
    for held in Certification.objects.filter(umkm=umkm, kind=track.certificate_kind):
        if held.is_valid_on(today):
            return held.number
    return None
