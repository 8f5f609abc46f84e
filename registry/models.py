from django.db import models
from django.utils.translation import gettext_lazy as _


class Kecamatan(models.Model):
    """One of the 8 kecamatan (districts) of Kota Cilegon. Reference data from Kemendagri,
    loaded by a migration; staff never type it in."""

    code = models.CharField(_("Kemendagri code"), max_length=8, unique=True)  # "36.72.01"
    name = models.CharField(_("name"), max_length=60, unique=True)
    # Other spellings in everyday use ("Grogol" for the official "Gerogol"), accepted on input.
    alt_names = models.JSONField(_("other spellings"), default=list, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kecamatan")
        verbose_name_plural = _("kecamatan")

    def __str__(self) -> str:
        return self.name


class Kelurahan(models.Model):
    """One of the 43 kelurahan (urban villages) of Kota Cilegon, inside a kecamatan.
    Mentors are assigned per kelurahan; every business has one."""

    code = models.CharField(_("Kemendagri code"), max_length=13, unique=True)  # "36.72.01.1001"
    name = models.CharField(_("name"), max_length=60)
    kecamatan = models.ForeignKey(
        Kecamatan,
        verbose_name=_("kecamatan"),
        on_delete=models.PROTECT,
        related_name="kelurahan_set",
    )
    alt_names = models.JSONField(_("other spellings"), default=list, blank=True)

    class Meta:
        ordering = ["code"]
        verbose_name = _("kelurahan")
        verbose_name_plural = _("kelurahan")
        constraints = [
            models.UniqueConstraint(
                fields=["kecamatan", "name"],
                name="kelurahan_unique_name_per_kecamatan",
                violation_error_message=_("This kecamatan already has a kelurahan of this name."),
            ),
        ]

    def __str__(self) -> str:
        return self.name
