from django.shortcuts import render
from django.utils import timezone

from cilegon_umkm.access import section_required
from cilegon_umkm.accounts.roles import Section
from lending.stats import lending_stats
from mentoring.stats import mentoring_stats
from registry.models import Kecamatan
from registry.stats import registry_stats
from training.stats import training_stats

from .period import Period


@section_required(Section.DASHBOARD)
def index(request):
    """The whole office on one page. Each app computes its own figures (stats.py); this
    page only composes them for the period and kecamatan chosen in the URL."""
    today = timezone.localdate()
    period = Period.from_query(request.GET, today)
    context = {
        "period": period,
        "today": today,
        "months": range(1, 13),
        "kecamatan_list": Kecamatan.objects.all(),
        "registry": registry_stats(period),
        "lending": lending_stats(period),
        "mentoring": mentoring_stats(period),
        "training": training_stats(period),
    }
    return render(request, "dashboard/overview.html", context)
