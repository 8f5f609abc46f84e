import secrets

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cilegon_umkm.kernel.formatting import format_day
from registry.models import Certification

from .tracks import Cohort, Enrollment, Module


class Session(models.Model):
    """One meeting of a cohort for a module: who was there is recorded per participant."""

    cohort = models.ForeignKey(
        Cohort, verbose_name=_("cohort"), on_delete=models.PROTECT, related_name="sessions"
    )
    module = models.ForeignKey(
        Module, verbose_name=_("module"), on_delete=models.PROTECT, related_name="sessions"
    )
    held_on = models.DateField(_("date"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )

    class Meta:
        ordering = ["cohort", "held_on", "module__order"]
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        constraints = [
            models.UniqueConstraint(
                fields=["cohort", "module", "held_on"], name="session_once_a_day_per_module"
            )
        ]

    def __str__(self) -> str:
        return f"{self.cohort} {self.module.name} {format_day(self.held_on)}"


class Attendance(models.Model):
    """Whether a participant was at a session."""

    session = models.ForeignKey(Session, on_delete=models.CASCADE, related_name="attendance")
    enrollment = models.ForeignKey(Enrollment, on_delete=models.PROTECT, related_name="attendance")
    present = models.BooleanField(_("present"))

    class Meta:
        verbose_name = _("attendance")
        verbose_name_plural = _("attendance")
        constraints = [
            models.UniqueConstraint(
                fields=["session", "enrollment"], name="attendance_once_per_session"
            )
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id}@{self.session_id}: {self.present}"


class ModuleResult(models.Model):
    """How a participant did in a module: a score where the module has a passing score,
    otherwise the trainer's pass or fail."""

    enrollment = models.ForeignKey(Enrollment, on_delete=models.PROTECT, related_name="results")
    module = models.ForeignKey(Module, on_delete=models.PROTECT, related_name="results")
    score = models.PositiveSmallIntegerField(_("score"), null=True, blank=True)
    passed = models.BooleanField(_("passed"))
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now=True)

    class Meta:
        verbose_name = _("module result")
        verbose_name_plural = _("module results")
        constraints = [
            models.UniqueConstraint(fields=["enrollment", "module"], name="result_once_per_module"),
            models.CheckConstraint(
                condition=models.Q(score__lte=100), name="result_score_out_of_100"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.enrollment_id} {self.module_id}: {self.passed}"


# No look-alikes (I, L, 1, O, 0, U/V): a code read from paper and typed is typed right.
CODE_ALPHABET = "ABCDEFGHJKMNPQRSTWXYZ23456789"


def new_verification_code() -> str:
    """Twelve characters in three groups, XXXX-XXXX-XXXX: about 58 bits, unguessable."""
    chars = "".join(secrets.choice(CODE_ALPHABET) for _ in range(12))
    return f"{chars[:4]}-{chars[4:8]}-{chars[8:]}"


class Certificate(models.Model):
    """The end of the path: the Dinas's training certificate (sertifikat pelatihan), numbered,
    whose QR code leads to a public verification page. It is also entered among the
    business's certifications, as a training certificate (never as halal or competency).
    What it says about its holder is frozen on the day it is issued."""

    enrollment = models.OneToOneField(
        Enrollment, on_delete=models.PROTECT, related_name="certificate"
    )
    number = models.CharField(_("certificate number"), max_length=40, unique=True)
    code = models.CharField(max_length=32, unique=True, default=new_verification_code)
    issued_on = models.DateField(_("issued on"))
    issued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    certification = models.OneToOneField(
        Certification, null=True, blank=True, on_delete=models.PROTECT, related_name="+"
    )
    # The business and its owner as named on the day of issue: the paper does not change
    # when the business is later renamed or changes hands.
    business_name = models.CharField(_("business name on the certificate"), max_length=200)
    owner_name = models.CharField(_("owner name on the certificate"), max_length=150)
    kelurahan_name = models.CharField(_("kelurahan on the certificate"), max_length=100)
    # The training as it was run: a track renamed or a cohort moved later is not this paper.
    track_name = models.CharField(_("training on the certificate"), max_length=150)
    cohort_name = models.CharField(_("cohort on the certificate"), max_length=150)
    cohort_starts_on = models.DateField(_("training started on"))
    cohort_ends_on = models.DateField(_("training ended on"))
    venue = models.CharField(_("venue on the certificate"), max_length=200)
    # Who signs it (settings CERTIFICATE_SIGNATORY_*) on the day of issue: a reprint after the
    # office has a new head still shows the one who signed.
    signatory_title = models.CharField(_("signatory's title"), max_length=200, blank=True)
    signatory_name = models.CharField(_("signatory's name"), max_length=150, blank=True)
    signatory_nip = models.CharField(_("signatory's NIP"), max_length=30, blank=True)
    revoked_on = models.DateField(_("revoked on"), null=True, blank=True)
    revoke_reason = models.TextField(_("reason revoked"), blank=True)
    # Issue and revocation, with who and when.
    history = HistoricalRecords(verbose_name=_("certificate history"))

    class Meta:
        ordering = ["-issued_on", "-id"]
        verbose_name = _("training certificate")
        verbose_name_plural = _("training certificates")

    def __str__(self) -> str:
        return self.number

    def get_verification_url(self) -> str:
        return reverse("certificate-verify", args=[self.code])


class FacilitatedCertification(models.Model):
    """A certificate from its real issuer (halal from BPJPH, PIRT from the Dinas Kesehatan,
    competency from an LSP licensed by BNSP) that a training helped a participant obtain:
    recorded by staff when it arrives, among the business's certifications, and linked here
    to the enrolment it came from."""

    enrollment = models.ForeignKey(
        Enrollment,
        verbose_name=_("enrolment"),
        on_delete=models.PROTECT,
        related_name="facilitated_certifications",
    )
    certification = models.OneToOneField(
        Certification, verbose_name=_("certification"), on_delete=models.PROTECT, related_name="+"
    )
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+"
    )
    recorded_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-recorded_at", "-id"]
        verbose_name = _("certificate obtained through training")
        verbose_name_plural = _("certificates obtained through training")

    def __str__(self) -> str:
        return str(self.certification_id)
