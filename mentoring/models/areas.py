from datetime import date

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from cilegon_umkm.kernel.formatting import format_day
from registry.models import Kecamatan, Kelurahan


class MentorKind(models.TextChoices):
    EKONOMI = "ekonomi", _("pendamping ekonomi")
    PDB = "pdb", _("pendamping PDB")


class Mentor(models.Model):
    """A field mentor (pendamping): a user who works in assigned kelurahan or kecamatan.
    Pendamping ekonomi are paid by a kecamatan or kelurahan and collect data and facilitate
    needs; pendamping PDB are paid by the office and survey and follow up loans."""

    class PaidBy(models.TextChoices):
        KECAMATAN = "kecamatan", _("kecamatan")
        KELURAHAN = "kelurahan", _("kelurahan")
        DINAS = "dinas", _("the office (Dinas/UPT)")

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        related_name="mentor",
    )
    kind = models.CharField(_("kind"), max_length=8, choices=MentorKind.choices)
    paid_by = models.CharField(_("honorarium paid by"), max_length=10, choices=PaidBy.choices)
    phone = models.CharField(_("phone"), max_length=20, blank=True)
    active = models.BooleanField(_("active"), default=True)

    history = HistoricalRecords()

    class Meta:
        ordering = ["kind", "user__first_name", "user__username"]
        verbose_name = _("mentor")
        verbose_name_plural = _("mentors")

    def __str__(self) -> str:
        return f"{self.user.get_full_name() or self.user.username} ({self.get_kind_display()})"


class AssignmentQuerySet(models.QuerySet):
    def current(self, on: date):
        """Assignments in force on a date (the last day included)."""
        return self.filter(Q(ends_on__isnull=True) | Q(ends_on__gte=on), starts_on__lte=on)


class Assignment(models.Model):
    """A mentor's area for a period: one kelurahan, or a whole kecamatan. Ending an
    assignment (an end date) rather than deleting it keeps who covered what, when."""

    mentor = models.ForeignKey(
        Mentor, verbose_name=_("mentor"), on_delete=models.PROTECT, related_name="assignments"
    )
    kelurahan = models.ForeignKey(
        Kelurahan,
        verbose_name=_("kelurahan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    kecamatan = models.ForeignKey(
        Kecamatan,
        verbose_name=_("whole kecamatan"),
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="+",
    )
    starts_on = models.DateField(_("from"))
    ends_on = models.DateField(_("until"), null=True, blank=True)
    note = models.CharField(_("note"), max_length=200, blank=True)

    objects = AssignmentQuerySet.as_manager()
    history = HistoricalRecords()

    class Meta:
        ordering = ["-starts_on", "id"]
        verbose_name = _("area assignment")
        verbose_name_plural = _("area assignments")
        constraints = [
            models.CheckConstraint(
                condition=Q(kelurahan__isnull=False, kecamatan__isnull=True)
                | Q(kelurahan__isnull=True, kecamatan__isnull=False),
                name="assignment_one_area",
                violation_error_message=_("Choose either a kelurahan or a whole kecamatan."),
            ),
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=models.F("starts_on")),
                name="assignment_ends_after_start",
                violation_error_message=_("The end date cannot be before the start date."),
            ),
        ]
        indexes = [models.Index(fields=["mentor", "starts_on"], name="assignment_mentor_start")]

    def __str__(self) -> str:
        area = self.kelurahan or self.kecamatan
        until = format_day(self.ends_on) or "..."
        return f"{self.mentor}: {area} {format_day(self.starts_on)} - {until}"
