"""Yearly targets that leadership sets for the office, shown on the dashboards as progress."""

from django.conf import settings
from django.core.validators import MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class Metric(models.TextChoices):
    """What a target counts. Each is measured for the year to date, city-wide."""

    UMKM_NEW = "umkm_baru", _("newly registered businesses")
    # A certificate from its real issuer (BPJPH, Dinas Kesehatan, an LSP) obtained through
    # the training: never the Dinas's own training certificate.
    UMKM_CERTIFIED = (
        "umkm_sertifikat",
        _("businesses certified through DAK training (certificate from its issuer)"),
    )
    LOANS_DISBURSED = "pinjaman_cair", _("loans disbursed (count)")
    AMOUNT_DISBURSED = "nilai_cair", _("loans disbursed (Rupiah)")
    KELURAHAN_COVERED = "kelurahan_lengkap", _("kelurahan with both kinds of mentor")
    VISITS = "kunjungan", _("mentor visits")
    TRAINING_PARTICIPANTS = "peserta_pelatihan", _("training participants")


class Target(models.Model):
    """A figure the office means to reach in a year ("300 businesses certified in 2026"),
    decided by leadership and kept in the back office by staff."""

    year = models.PositiveSmallIntegerField(_("year"), validators=[MinValueValidator(2000)])
    metric = models.CharField(_("measure"), max_length=20, choices=Metric.choices)
    value = models.BigIntegerField(_("target"), validators=[MinValueValidator(1)])
    note = models.CharField(_("note"), max_length=255, blank=True)
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="+",
        null=True,
        editable=False,
    )
    updated_at = models.DateTimeField(auto_now=True)
    history = HistoricalRecords(verbose_name=_("target history"))

    class Meta:
        ordering = ["-year", "metric"]
        verbose_name = _("yearly target")
        verbose_name_plural = _("yearly targets")
        constraints = [
            models.UniqueConstraint(
                fields=["year", "metric"],
                name="target_one_per_metric_and_year",
                violation_error_message=_("This measure already has a target for that year."),
            ),
            models.CheckConstraint(
                condition=models.Q(value__gte=1),
                name="target_positive",
                violation_error_message=_("A target must be at least 1."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.year}: {self.get_metric_display()} {self.value}"
