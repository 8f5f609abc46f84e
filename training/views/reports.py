"""The training report of a fiscal year: the path from enrolment to certificate per track and
cohort, per kecamatan, and the DAK absorbed month by month. The dashboard's figures link here
with their kecamatan (?kecamatan=) and the day their certificates are counted on (?pada=), so
the report shows the rows behind the figure."""

from datetime import date

from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.query import QueryError, QueryNumbers
from registry.models import Kecamatan

from ..models.budget import FIRST_FISCAL_YEAR, LAST_FISCAL_YEAR
from ..selectors.budget import fiscal_years
from ..selectors.reports import (
    absorption_by_month,
    allocated,
    figures_day,
    funnel,
    funnel_total,
    participants_per_kecamatan,
)


@require_GET
@section_required(Section.TRAINING)
def report(request):
    numbers = QueryNumbers(request.GET)
    year = numbers.get("tahun", _("Fiscal year"), low=FIRST_FISCAL_YEAR, high=LAST_FISCAL_YEAR)
    year = year or timezone.localdate().year
    kecamatan = numbers.get("kecamatan", _("Kecamatan"))
    on = _day(request.GET.get("pada", ""), year)
    if on is None:
        numbers.errors.append(
            QueryError(
                "pada",
                _("Certificates in force on"),
                _("“%(value)s” is not a day of %(year)s up to today (YYYY-MM-DD).")
                % {"value": request.GET["pada"][:20], "year": year},
            )
        )
    valid = numbers.valid
    tracks = funnel(year, kecamatan, on) if valid else []
    total = allocated(year)
    months = [
        (month, spent, running, running / total if total else 0)
        for month, spent, running in absorption_by_month(year)
    ]
    return render(
        request,
        "training/report.html",
        {
            "year": year,
            "years": fiscal_years(),
            "kecamatan_id": kecamatan,
            "kecamatans": Kecamatan.objects.all(),
            "on": on,
            "tracks": tracks,
            "total": funnel_total(tracks, _("Total")),
            "kecamatan": participants_per_kecamatan(year, kecamatan, on) if valid else [],
            "query_errors": numbers.errors,
            "months": months,
            "allocated": total,
        },
    )


def _day(given: str, year: int) -> date | None:
    """?pada= (YYYY-MM-DD, within the year and not after today): the day real certificates
    are counted in force on; the year's figures day when not given; None when unreadable."""
    if not given:
        return figures_day(year)
    try:
        day = date.fromisoformat(given)
    except ValueError:
        return None
    if day.year != year or day > timezone.localdate():
        return None
    return day
