"""UMKM size classes by PP 7/2021 (Pasal 35), in whole Rupiah.

A business that is running is classed by its annual sales (hasil penjualan tahunan); one
whose sales are unknown, by its capital (modal usaha, land and buildings excluded). The
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


def classify(capital: int | None, annual_turnover: int | None) -> Size | None:
    """The class of a business, or None when neither figure is known. Raises ValueError
    for a business too large to be an UMKM."""
    if annual_turnover is not None:
        figure, column = annual_turnover, 2
    elif capital is not None:
        figure, column = capital, 1
    else:
        return None
    for row in THRESHOLDS:
        if figure <= row[column]:
            return row[0]
    raise ValueError("above the menengah threshold: not an UMKM")


def _class_by(field: str, column: int) -> Case:
    return Case(
        *[When(**{f"{field}__lte": row[column]}, then=Value(row[0].value)) for row in THRESHOLDS],
        default=Value(None),
        output_field=models.CharField(),
    )


SIZE_EXPRESSION = Case(
    When(annual_turnover__isnull=False, then=_class_by("annual_turnover", 2)),
    When(capital__isnull=False, then=_class_by("capital", 1)),
    default=Value(None),
    output_field=models.CharField(),
)

SIZE_BASIS_EXPRESSION = Case(
    When(annual_turnover__isnull=False, then=Value(SizeBasis.TURNOVER.value)),
    When(capital__isnull=False, then=Value(SizeBasis.CAPITAL.value)),
    default=Value(None),
    output_field=models.CharField(),
)

# What a row must satisfy to be an UMKM at all (a CheckConstraint on the table).
# Every branch says IS [NOT] NULL: a comparison with NULL is unknown, and CHECK lets
# unknown pass.
WITHIN_UMKM_LIMITS = (
    Q(annual_turnover__isnull=False, annual_turnover__lte=MAX_TURNOVER)
    | Q(annual_turnover__isnull=True, capital__isnull=True)
    | Q(annual_turnover__isnull=True, capital__isnull=False, capital__lte=MAX_CAPITAL)
)
