from django.shortcuts import render
from django.utils import timezone

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required

from ..models import Allocation
from ..reports import absorption_by_month, allocated, funnel, participants_per_kecamatan


@section_required(Section.TRAINING)
def report(request):
    year_text = request.GET.get("tahun", "")
    year = int(year_text) if year_text.isdigit() else timezone.localdate().year
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
            "years": Allocation.objects.values_list("fiscal_year", flat=True).distinct(),
            "tracks": tracks,
            "kecamatan": participants_per_kecamatan(year),
            "months": months,
            "allocated": total,
        },
    )
