from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from cilegon_umkm.kernel.formatting import format_day
from cilegon_umkm.kernel.posted import PostedEntry

# The years a budget can be for: the portal's dashboards offer the same.
FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR = 2000, 2100


class Allocation(models.Model):
    """A year's DAK (non-physical) money for UMKM training, as the budget document says."""

    fiscal_year = models.PositiveSmallIntegerField(_("fiscal year"))
    source = models.CharField(_("source"), max_length=120, default="DAK Nonfisik PK-KUKM")
    amount = models.BigIntegerField(_("amount (Rp)"))
    note = models.CharField(_("note"), max_length=255, blank=True)

    class Meta:
        ordering = ["-fiscal_year", "source"]
        verbose_name = _("DAK allocation")
        verbose_name_plural = _("DAK allocations")
        constraints = [
            models.UniqueConstraint(
                fields=["fiscal_year", "source"],
                name="allocation_once_per_year_and_source",
                violation_error_message=_("This year already has an allocation from this source."),
            ),
            models.CheckConstraint(condition=Q(amount__gt=0), name="allocation_positive"),
            models.CheckConstraint(
                condition=Q(fiscal_year__gte=FIRST_FISCAL_YEAR, fiscal_year__lte=LAST_FISCAL_YEAR),
                name="allocation_fiscal_year_in_range",
                violation_error_message=_("The fiscal year must be from 2000 to 2100."),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.source} {self.fiscal_year}"


class BudgetLine(models.Model):
    """A part of an allocation set aside for one kind of activity; spending is recorded
    against it and never exceeds it."""

    class Category(models.TextChoices):
        TRAINING = "pelatihan", _("training")
        CERTIFICATION = "sertifikasi", _("certification")
        INCUBATION = "inkubasi", _("business incubation")
        COOPERATIVES = "koperasi", _("cooperatives (savings and loans)")
        OTHER = "lainnya", _("other")

    allocation = models.ForeignKey(
        Allocation, verbose_name=_("allocation"), on_delete=models.PROTECT, related_name="lines"
    )
    category = models.CharField(_("category"), max_length=12, choices=Category.choices)
    name = models.CharField(_("name"), max_length=150)
    amount = models.BigIntegerField(_("amount (Rp)"))

    class Meta:
        ordering = ["allocation", "category", "name"]
        verbose_name = _("budget line")
        verbose_name_plural = _("budget lines")
        constraints = [
            models.CheckConstraint(condition=Q(amount__gt=0), name="budget_line_positive"),
        ]

    def __str__(self) -> str:
        return f"{self.name} ({self.allocation.fiscal_year})"


class Spending(PostedEntry, models.Model):
    """Realisasi: money spent against a budget line. Posted once; a wrong entry is taken
    back by a reversing one (negative, pointing at it)."""

    line = models.ForeignKey(
        BudgetLine, verbose_name=_("budget line"), on_delete=models.PROTECT, related_name="spending"
    )
    spent_on = models.DateField(_("date"))
    amount = models.BigIntegerField(_("amount (Rp)"))
    description = models.CharField(_("description"), max_length=255)
    document_no = models.CharField(_("document number"), max_length=80, blank=True)
    reverses = models.OneToOneField(
        "self", null=True, blank=True, on_delete=models.PROTECT, related_name="reversal"
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, on_delete=models.PROTECT, related_name="+"
    )
    created_at = models.DateTimeField(_("posted at"), auto_now_add=True)

    class Meta:
        ordering = ["spent_on", "id"]
        verbose_name = _("spending (realisasi)")
        verbose_name_plural = _("spending (realisasi)")
        constraints = [
            # A spending is positive; only a reversal is negative, and it takes back exactly
            # what it reverses (checked by the service, signed here).
            models.CheckConstraint(
                condition=(Q(reverses__isnull=True) & Q(amount__gt=0))
                | (Q(reverses__isnull=False) & Q(amount__lt=0)),
                name="spending_sign_follows_reversal",
            ),
        ]

    def __str__(self) -> str:
        return f"{format_day(self.spent_on)} {self.description}"
