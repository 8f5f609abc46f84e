from django.shortcuts import render
from django.utils import timezone
from django.views.decorators.http import require_GET

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required

from ..forms import YearForm
from ..selectors.budget import fiscal_years
from ..selectors.reports import absorption_by_month, allocated, funnel, participants_per_kecamatan


@require_GET
@section_required(Section.TRAINING)
def report(request):
    year = YearForm(request.GET).year() or timezone.localdate().year
    tracks = funnel(year)
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
            "tracks": tracks,
            "kecamatan": participants_per_kecamatan(year),
            "months": months,
            "allocated": total,
        },
    )
