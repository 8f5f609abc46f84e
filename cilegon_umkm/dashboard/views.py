from django.core.cache import cache
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

# Figures may be this old (seconds); the page says when they were computed.
FRESH_FOR = 5 * 60


@section_required(Section.DASHBOARD)
def index(request):
    """The whole office on one page. Each app computes its own figures (stats.py); this
    page only composes them for the period and kecamatan chosen in the URL."""
    today = timezone.localdate()
    period = Period.from_query(request.GET, today)
    figures = cache.get(period.cache_key())
    if figures is None:
        figures = {
            "as_of": timezone.now(),
            "registry": registry_stats(period),
            "lending": lending_stats(period),
            "mentoring": mentoring_stats(period),
            "training": training_stats(period),
        }
        cache.set(period.cache_key(), figures, FRESH_FOR)
    context = {
        **figures,
        "period": period,
        "today": today,
        "months": range(1, 13),
        "kecamatan_list": Kecamatan.objects.all(),
    }
    return render(request, "dashboard/overview.html", context)
