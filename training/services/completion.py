"""From attendance to certificate: sessions with who was there, a result per module, and
the certificate once every module is passed with enough attendance. The certificate is
also entered among the business's certifications in the registry, as what it is: the
Dinas's training certificate. A certificate the training led to (halal from BPJPH,
competency from an LSP) is recorded when it arrives, with its real issuer."""

from __future__ import annotations

from datetime import date
from typing import Any

from django.conf import settings
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.models import User
from registry.errors import RegistryError
from registry.models import UMKM, CertificationKind
from registry.services import certification_add, certification_revoke
from registry.text import compact_key

from ..errors import TrainingError
from ..models import (
    Attendance,
    Certificate,
    Cohort,
    Enrollment,
    FacilitatedCertification,
    Module,
    ModuleResult,
    Session,
    Track,
)
from ..selectors import participant_path

ISSUER = "Dinas Koperasi dan UMKM Kota Cilegon"
MAX_SCORE = 100  # scores are given out of 100


def certificate_number(year: int, track_id: int, sequence: int) -> str:
    """The office's numbering: year, track and the track's running number in that year."""
    return f"DKUMKM-CLG/{year}/{track_id:03d}/{sequence:05d}"


@transaction.atomic
def session_record(
    *, cohort: Cohort, module: Module, held_on: date, present: set[int], user: User
) -> Session:
    """A session and, for every enrolled participant, whether they were there (only those
    named in `present` were; everyone else is recorded absent)."""
    if module.track_id != cohort.track_id:
        raise TrainingError(_("This module is not part of the cohort's track."))
    if not cohort.starts_on <= held_on <= cohort.ends_on:
        raise TrainingError(_("The session must fall within the cohort's dates."))
    if held_on > timezone.localdate():
        raise TrainingError(_("A session is recorded once it was held, not before."))
    try:
        with transaction.atomic():
            session = Session.objects.create(
                cohort=cohort, module=module, held_on=held_on, recorded_by=user
            )
    except IntegrityError as error:
        raise TrainingError(_("This session was already recorded.")) from error
    enrolled = cohort.enrollments.filter(state=Enrollment.State.ENROLLED)
    Attendance.objects.bulk_create(
        Attendance(session=session, enrollment=e, present=e.pk in present) for e in enrolled
    )
    return session


@transaction.atomic
def result_record(
    *,
    enrollment: Enrollment,
    module: Module,
    user: User,
    score: int | None = None,
    passed: bool | None = None,
) -> ModuleResult:
    """A module's result: the score decides where the module has a passing score (whatever
    `passed` says), otherwise the trainer's pass or fail."""
    if score is not None and not 0 <= score <= MAX_SCORE:
        raise TrainingError(_("The score is a whole number from 0 to 100."))
    if module.pass_score is not None:
        if score is None:
            raise TrainingError(_("This module needs a score."))
        passed = score >= module.pass_score
    elif passed is None:
        raise TrainingError(_("Say whether the participant passed."))
    result, _created = ModuleResult.objects.update_or_create(
        enrollment=enrollment,
        module=module,
        defaults={"score": score, "passed": bool(passed), "recorded_by": user},
    )
    return result


@transaction.atomic
def certificate_issue(*, enrollment: Enrollment, user: User, issued_on: date) -> Certificate:
    enrollment = (
        Enrollment.objects.select_for_update(of=("self",))  # not the joined rows
        .select_related("cohort__track", "umkm__kelurahan")
        .get(pk=enrollment.pk)
    )
    existing = Certificate.objects.filter(enrollment=enrollment).first()
    if existing is not None:
        return existing
    path = participant_path(enrollment)
    if not path.complete:
        raise TrainingError(
            _(
                "Not complete yet: %(passed)s of %(modules)s modules passed, attendance "
                "%(attendance)s%% of %(threshold)s%% needed."
            )
            % {
                "passed": path.modules_passed,
                "modules": len(path.steps),
                "attendance": path.attendance_percent,
                "threshold": path.threshold,
            }
        )
    # The track's row is locked: two certificates issued at once get different numbers.
    track = Track.objects.select_for_update().get(pk=enrollment.cohort.track_id)
    sequence = (
        Certificate.objects.filter(
            issued_on__year=issued_on.year, enrollment__cohort__track=track
        ).count()
        + 1
    )
    number = certificate_number(issued_on.year, track.pk, sequence)
    try:
        certification = certification_add(
            umkm=enrollment.umkm,
            kind=CertificationKind.TRAINING,
            number=number,
            issuer=ISSUER,
            issued_on=issued_on,
            user=user,
            reason=_("Certificate %(number)s issued.") % {"number": number},
        )
    except RegistryError as error:
        raise TrainingError(str(error)) from error
    return Certificate.objects.create(
        enrollment=enrollment,
        number=number,
        issued_on=issued_on,
        issued_by=user,
        certification=certification,
        **certificate_as_printed(enrollment.cohort, enrollment.umkm),
    )


def certificate_as_printed(cohort: Cohort, umkm: UMKM) -> dict[str, Any]:
    """What the paper says, frozen on the day of issue (Certificate's fields); `umkm` with
    its kelurahan, `cohort` with its track."""
    return {
        "business_name": umkm.name,
        "owner_name": umkm.owner_name,
        "kelurahan_name": umkm.kelurahan.name,
        "track_name": cohort.track.name,
        "cohort_name": cohort.name,
        "cohort_starts_on": cohort.starts_on,
        "cohort_ends_on": cohort.ends_on,
        "venue": cohort.venue,
        "signatory_title": settings.CERTIFICATE_SIGNATORY_TITLE,
        "signatory_name": settings.CERTIFICATE_SIGNATORY_NAME,
        "signatory_nip": settings.CERTIFICATE_SIGNATORY_NIP,
    }


def issued_by_the_dinas(issuer: str) -> bool:
    """The Dinas Koperasi however it is spelled ("DINAS KOPERASI, UKM & Perdagangan")."""
    key = compact_key(issuer)
    return key == compact_key(ISSUER) or "dinaskoperasi" in key


def by_the_dinas() -> str:
    return _(
        "The Dinas's own certificate is the training certificate: record the certificate its "
        "real issuer gave (BPJPH, the Dinas Kesehatan, an LSP)."
    )


def facilitated_certification_refusal(enrollment: Enrollment) -> str | None:
    """Why no certificate from its issuer can be recorded for this enrolment (the page then
    offers no form), or None. `enrollment` with its cohort's track."""
    if enrollment.cohort.track.certificate_kind == CertificationKind.TRAINING:
        return _(
            "This track ends in the Dinas's training certificate: it facilitates no certificate "
            "from another issuer."
        )
    if enrollment.state != Enrollment.State.ENROLLED:
        # The waiting list and those who withdrew were not trained: nothing came through it.
        return _("Only a participant of the cohort obtains a certificate through its training.")
    return None


def wrong_kind(track: Track) -> str:
    return _("This track facilitates one certificate only: %(kind)s.") % {
        "kind": track.get_certificate_kind_display()
    }


def issued_before(cohort: Cohort) -> str:
    return _(
        "Issued before the cohort began (%(date)s): it did not come through this training."
    ) % {"date": date_format(cohort.starts_on)}


@transaction.atomic
def facilitated_certification_record(
    *,
    enrollment: Enrollment,
    kind: str,
    number: str,
    issuer: str,
    issued_on: date,
    expires_on: date | None = None,
    user: User,
) -> FacilitatedCertification:
    """A certificate the training led to, as it arrived from its real issuer (BPJPH, the
    Dinas Kesehatan, an LSP): entered among the business's certifications and linked to the
    enrolment. Only the certificate the track facilitates, from someone other than the Dinas,
    issued once the cohort began: what the figures count as "certified" must have come
    through the training. The Dinas's own training certificate is issued by certificate_issue."""
    if kind == CertificationKind.TRAINING:
        raise TrainingError(
            _("The training certificate is issued by the Dinas when the path is complete.")
        )
    if not issuer.strip() or not number.strip():
        raise TrainingError(_("Give the certificate's number and who issued it."))
    if issued_on > timezone.localdate():
        raise TrainingError(_("A certificate is recorded once it was issued, not before."))
    if expires_on is not None and expires_on < issued_on:
        raise TrainingError(_("A certificate cannot expire before it is issued."))
    if issued_by_the_dinas(issuer):
        raise TrainingError(by_the_dinas())
    # Locked: a withdrawal at the same moment is seen, whichever comes first.
    enrollment = (
        Enrollment.objects.select_for_update(of=("self",))
        .select_related("cohort__track", "umkm")
        .get(pk=enrollment.pk)
    )
    refusal = facilitated_certification_refusal(enrollment)
    if refusal:
        raise TrainingError(refusal)
    if kind != enrollment.cohort.track.certificate_kind:
        raise TrainingError(wrong_kind(enrollment.cohort.track))
    if issued_on < enrollment.cohort.starts_on:
        raise TrainingError(issued_before(enrollment.cohort))
    try:
        certification = certification_add(
            umkm=enrollment.umkm,
            kind=kind,
            number=number.strip(),
            issuer=issuer.strip(),
            issued_on=issued_on,
            expires_on=expires_on,
            user=user,
            reason=_("Obtained through training: %(cohort)s.") % {"cohort": enrollment.cohort},
        )
    except RegistryError as error:
        raise TrainingError(str(error)) from error
    return FacilitatedCertification.objects.create(
        enrollment=enrollment, certification=certification, recorded_by=user
    )


@transaction.atomic
def certificate_revoke(
    *, certificate: Certificate, reason: str, on: date, user: User | None = None
) -> Certificate:
    """The public page then says revoked; the registry's entry ends that day."""
    if not reason.strip():
        raise TrainingError(_("Say why the certificate is revoked."))
    certificate = Certificate.objects.select_for_update().get(pk=certificate.pk)
    if certificate.revoked_on is not None:
        # Revoking again would silently move the date the public page shows.
        raise TrainingError(
            _("This certificate was already revoked on %(date)s.")
            % {"date": date_format(certificate.revoked_on)}
        )
    certificate.revoked_on, certificate.revoke_reason = on, reason.strip()
    certificate.save(update_fields=["revoked_on", "revoke_reason"])
    certification = certificate.certification  # the registry's entry, when it was made
    if certification is not None:
        try:
            certification_revoke(
                certification=certification,
                on=on,
                user=user,
                reason=_("Certificate revoked: %(reason)s") % {"reason": reason.strip()},
            )
        except RegistryError as error:
            raise TrainingError(str(error)) from error
    return certificate
