"""UMKM size classes by PP 7/2021 (Pasal 35), in whole Rupiah.

A business that is running is classed by its annual sales (hasil penjualan tahunan); one
whose sales are unknown, by its capital (modal usaha, land and buildings excluded). Either
figure above the menengah limits makes it no UMKM at all (bukan UMKM), whatever the other
says: it is kept and flagged for the office, never classed mikro by its smaller figure. The
database computes the class (a generated column), so it can never disagree with the
figures it came from."""

from django.db import models
from django.db.models import Case, Q, Value, When
from django.utils.translation import gettext_lazy as _

MILIAR = 1_000_000_000


class Size(models.TextChoices):
    MIKRO = "mikro", _("Micro (mikro)")
    KECIL = "kecil", _("Small (kecil)")
    MENENGAH = "menengah", _("Medium (menengah)")
    NOT_UMKM = "bukan_umkm", _("Not an UMKM (bukan UMKM)")


class SizeBasis(models.TextChoices):
    TURNOVER = "omzet", _("annual turnover")
    CAPITAL = "modal", _("capital")


# Upper bounds, inclusive: (class, capital, annual turnover).
THRESHOLDS = [
    (Size.MIKRO, 1 * MILIAR, 2 * MILIAR),
    (Size.KECIL, 5 * MILIAR, 15 * MILIAR),
    (Size.MENENGAH, 10 * MILIAR, 50 * MILIAR),
]
MAX_CAPITAL = THRESHOLDS[-1][1]
MAX_TURNOVER = THRESHOLDS[-1][2]


def is_above_umkm_limits(capital: int | None, annual_turnover: int | None) -> bool:
    return (capital is not None and capital > MAX_CAPITAL) or (
        annual_turnover is not None and annual_turnover > MAX_TURNOVER
    )


def classify(capital: int | None, annual_turnover: int | None) -> Size | None:
    """The class of a business, or None when neither figure is known. Capital above
    Rp10 miliar or turnover above Rp50 miliar: Size.NOT_UMKM."""
    if is_above_umkm_limits(capital, annual_turnover):
        return Size.NOT_UMKM
    if annual_turnover is not None:
        figure, column = annual_turnover, 2
    elif capital is not None:
        figure, column = capital, 1
    else:
        return None
    return next(row[0] for row in THRESHOLDS if figure <= row[column])


def _class_by(field: str, column: int) -> Case:
    return Case(
        *[When(**{f"{field}__lte": row[column]}, then=Value(row[0].value)) for row in THRESHOLDS],
        default=Value(None),
        output_field=models.CharField(),
    )


ABOVE_UMKM_LIMITS = Q(capital__gt=MAX_CAPITAL) | Q(annual_turnover__gt=MAX_TURNOVER)

SIZE_EXPRESSION = Case(
    When(ABOVE_UMKM_LIMITS, then=Value(Size.NOT_UMKM.value)),
    When(annual_turnover__isnull=False, then=_class_by("annual_turnover", 2)),
    When(capital__isnull=False, then=_class_by("capital", 1)),
    default=Value(None),
    output_field=models.CharField(),
)

SIZE_BASIS_EXPRESSION = Case(
    When(annual_turnover__gt=MAX_TURNOVER, then=Value(SizeBasis.TURNOVER.value)),
    When(capital__gt=MAX_CAPITAL, then=Value(SizeBasis.CAPITAL.value)),
    When(annual_turnover__isnull=False, then=Value(SizeBasis.TURNOVER.value)),
    When(capital__isnull=False, then=Value(SizeBasis.CAPITAL.value)),
    default=Value(None),
    output_field=models.CharField(),
)
