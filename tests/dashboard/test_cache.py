"""The apps' figures are cached pickled (locmem here, Redis in production): what comes back
from the cache is what was computed, and a page built from it is the same page."""

import pytest
from django.core.cache import cache
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from cilegon_umkm.dashboard.collect import collect
from cilegon_umkm.dashboard.period import Period
from lending.stats import LendingFigures
from mentoring.stats import MentoringFigures
from registry.stats import RegistryFigures
from training.stats import TrainingFigures

pytestmark = pytest.mark.django_db

PAGES = ["", "registri", "pinjaman", "pendampingan", "pelatihan"]


def test_the_cache_gives_back_the_figures_computed(office):
    period = Period.within(2025, 1, 11, kecamatan_id=office.kelurahan[1].kecamatan_id)
    cache.clear()
    computed, _as_of = collect(period)
    with CaptureQueriesContext(connection) as queries:
        cached, _as_of = collect(period)

    assert len(queries) == 0  # served by the cache
    assert cached == computed
    assert cached["lending"] is not computed["lending"]  # a copy, through pickle
    assert isinstance(cached["registry"], RegistryFigures)
    assert isinstance(cached["lending"], LendingFigures)
    assert isinstance(cached["mentoring"], MentoringFigures)
    assert isinstance(cached["training"], TrainingFigures)


@pytest.mark.parametrize("area", PAGES)
def test_a_page_from_the_cache_is_the_page_computed(client_as, office, area):
    client = client_as(Role.PIMPINAN)
    url = reverse("dashboard:area", kwargs={"area": area}) if area else reverse("dashboard:index")
    cache.clear()
    computed = client.get(url, {"tahun": "2025"}).context["page"]
    cached = client.get(url, {"tahun": "2025"}).context["page"]

    assert cached == computed
    assert cached.figures and cached.breakdowns
