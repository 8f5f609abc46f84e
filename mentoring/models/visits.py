from django.core.exceptions import ValidationError
from django.core.validators import FileExtensionValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cilegon_umkm.kernel.formatting import format_day
from registry.models import UMKM

from .areas import Mentor

PHOTO_MAX_BYTES = 5 * 1024 * 1024  # the form scales photos down first (portal.js data-shrink)


def photo_size(file) -> None:
    if file.size > PHOTO_MAX_BYTES:
        raise ValidationError(
            _("The photo is larger than %(mb)s MB.") % {"mb": PHOTO_MAX_BYTES // (1024 * 1024)}
        )


class Purpose(models.TextChoices):
    DATA = "pendataan", _("data collection / verification")
    COACHING = "pendampingan", _("business coaching")
    FACILITATION = "fasilitasi", _("facilitating needs")
    LOAN_SURVEY = "survei_pinjaman", _("loan survey")
    REPAYMENT_MONITORING = "monitoring_angsuran", _("repayment monitoring")
    COLLECTION = "penagihan", _("collection")


class Need(models.TextChoices):
    """What a business needs, as a mentor finds it: the office's menu of help."""

    CAPITAL = "modal", _("capital")
    TRAINING = "pelatihan", _("training")
    CERTIFICATION = "sertifikasi", _("certification (halal, PIRT, ...)")
    MARKETING = "pemasaran", _("marketing")
    LEGALITY = "legalitas", _("legality / permits (NIB)")
    EQUIPMENT = "peralatan", _("equipment")
    PACKAGING = "kemasan", _("packaging")
    BOOKKEEPING = "pembukuan", _("bookkeeping")


class Visit(models.Model):
    """A mentor's visit to a business: what they came for, found and agreed to do next.
    It stays the mentor's record after the area moves to someone else."""

    umkm = models.ForeignKey(
        UMKM, verbose_name=_("business"), on_delete=models.PROTECT, related_name="visits"
    )
    mentor = models.ForeignKey(
        Mentor, verbose_name=_("mentor"), on_delete=models.PROTECT, related_name="visits"
    )
    visited_on = models.DateField(_("visit date"))
    purpose = models.CharField(_("purpose"), max_length=24, choices=Purpose.choices)
    findings = models.TextField(_("findings"), blank=True)
    needs = models.JSONField(_("needs found"), default=list, blank=True)
    follow_up = models.TextField(_("follow-up"), blank=True)
    follow_up_on = models.DateField(_("follow-up date"), null=True, blank=True)
    photo = models.ImageField(
        _("photo"),
        upload_to="kunjungan/%Y/%m/",
        blank=True,
        validators=[FileExtensionValidator(["jpg", "jpeg", "png", "webp"]), photo_size],
    )
    latitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    longitude = models.DecimalField(max_digits=9, decimal_places=6, null=True, blank=True)
    # Made by the phone when the form opens: a resent or retried form is the same visit.
    client_id = models.UUIDField(unique=True, editable=False)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-visited_on", "-id"]
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        constraints = [
            models.CheckConstraint(
                condition=(Q(latitude__isnull=True) & Q(longitude__isnull=True))
                | (
                    Q(latitude__gte=-90, latitude__lte=90)
                    & Q(longitude__gte=-180, longitude__lte=180)
                ),
                name="visit_location_valid",
            ),
        ]
        indexes = [
            models.Index(fields=["umkm", "-visited_on"], name="visit_umkm_date"),
            models.Index(fields=["mentor", "visited_on"], name="visit_mentor_date"),
        ]

    def __str__(self) -> str:
        return f"{self.umkm} {format_day(self.visited_on)} ({self.get_purpose_display()})"

    def need_labels(self) -> list[str]:
        labels = dict(Need.choices)
        return [str(labels.get(code, code)) for code in self.needs]
