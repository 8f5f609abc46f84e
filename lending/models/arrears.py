from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cilegon_umkm.kernel.formatting import format_day


class CollectibilityBand(models.Model):
    """One row of the collectibility table, which staff may change. The default (a data
    migration) is POJK 40/2019."""

    level = models.PositiveSmallIntegerField(_("collectibility"), unique=True)
    name = models.CharField(_("name"), max_length=60)
    min_days = models.PositiveIntegerField(_("from days past due"))
    max_days = models.PositiveIntegerField(
        _("to days past due"), null=True, blank=True, help_text=_("Empty: no upper bound.")
    )

    class Meta:
        ordering = ["level"]
        verbose_name = _("collectibility band")
        verbose_name_plural = _("collectibility table")
        constraints = [
            models.CheckConstraint(
                condition=Q(level__gte=1, level__lte=5), name="band_level_1_to_5"
            ),
            models.CheckConstraint(
                condition=Q(max_days__isnull=True) | Q(max_days__gte=models.F("min_days")),
                name="band_days_ordered",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.level} {self.name}"


class ArrearsSnapshot(models.Model):
    """A loan's arrears as recorded by the nightly command: the history behind trends."""

    loan = models.ForeignKey(
        "lending.Loan", on_delete=models.CASCADE, related_name="arrears_snapshots"
    )
    on_date = models.DateField(_("date"))
    days_past_due = models.PositiveIntegerField(_("days past due"))
    collectibility = models.PositiveSmallIntegerField(_("collectibility"))
    principal_outstanding = models.BigIntegerField(_("principal outstanding"))

    class Meta:
        ordering = ["-on_date", "loan"]
        verbose_name = _("arrears snapshot")
        verbose_name_plural = _("arrears snapshots")
        constraints = [
            models.UniqueConstraint(fields=["loan", "on_date"], name="arrears_snapshot_once_a_day")
        ]
        indexes = [models.Index(fields=["on_date", "collectibility"], name="arrears_date_level")]

    def __str__(self) -> str:
        return f"{self.loan} {format_day(self.on_date)}: {self.days_past_due} d"
