"""The filters of lending's list pages. Query parameters are Indonesian (they are part of the
URLs the dashboards link to): status, produk, kecamatan, diajukan_dari/_sampai and
cair_dari/_sampai; cari is the search box, as on every page."""

import django_filters
from django.utils.translation import gettext_lazy as _

from registry.models import UMKM, Kecamatan
from registry.selectors import search_umkm

from .models import Application, Product
from .selectors.applications import application_in_kecamatan

# The queue's status value for "waiting for a decision", and the states it means.
WAITING = "menunggu"
WAITING_STATES = (Application.State.SUBMITTED, Application.State.SURVEYED)


class ApplicationFilter(django_filters.FilterSet):
    """The application queue's filters; kecamatan and the dates are what the dashboards
    link to."""

    cari = django_filters.CharFilter(label=_("Search"), method="search")
    status = django_filters.ChoiceFilter(
        label=_("State"),
        choices=[*Application.State.choices, (WAITING, _("waiting for a decision"))],
        method="in_state",
    )
    produk = django_filters.ModelChoiceFilter(
        label=_("Product"), field_name="product", queryset=Product.objects.all()
    )
    kecamatan = django_filters.ModelChoiceFilter(
        label=_("Kecamatan"), queryset=Kecamatan.objects.all(), method="in_kecamatan"
    )
    diajukan_dari = django_filters.DateFilter(
        label=_("Submitted from"), field_name="created_at", lookup_expr="date__gte"
    )
    diajukan_sampai = django_filters.DateFilter(
        label=_("Submitted until"), field_name="created_at", lookup_expr="date__lte"
    )
    cair_dari = django_filters.DateFilter(
        label=_("Disbursed from"), field_name="loan__disbursed_on", lookup_expr="gte"
    )
    cair_sampai = django_filters.DateFilter(
        label=_("Disbursed until"), field_name="loan__disbursed_on", lookup_expr="lte"
    )

    class Meta:
        model = Application
        fields = ["cari", "status", "produk", "kecamatan"]

    def in_state(self, queryset, name, value):
        """A state, or "menunggu": submitted or surveyed, waiting for the Kepala's decision
        (what the dashboards' figure of applications waiting counts)."""
        if value == WAITING:
            return queryset.filter(state__in=WAITING_STATES)
        return queryset.filter(state=value)

    def in_kecamatan(self, queryset, name, value):
        """Where an application counts: the rule of application_in_kecamatan."""
        return queryset.filter(application_in_kecamatan(value.pk))

    def search(self, queryset, name, value):
        return queryset.filter(umkm__in=search_umkm(UMKM.objects.all(), value).values("pk"))
