import django_filters
import django_tables2 as tables
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import SectionRequiredMixin, section_required
from registry.models import Kecamatan
from registry.selectors import search_umkm

from .. import permissions
from ..models import Application, Fund
from ..selectors import application_queue_counts
from ..services import fund_balances


@section_required(Section.LENDING, "lending.view_loan")
def index(request):
    """UPT PDB's workspace: what waits for whom, and what the funds hold."""
    open_applications = (
        Application.objects.filter(state__in=Application.OPEN_STATES)
        .select_related("umkm", "product")
        .order_by("created_at")[:30]
    )
    funds = [(fund, fund_balances(fund)) for fund in Fund.objects.filter(is_active=True)]
    return render(
        request,
        "lending/index.html",
        {
            "counts": application_queue_counts(),
            "states": Application.State,
            "open_applications": open_applications,
            "funds": funds,
            "can_submit": permissions.can_submit(request.user),
            "can_post": permissions.can_post_repayment(request.user),
        },
    )


class ApplicationFilter(django_filters.FilterSet):
    """The queue's filters; kecamatan and the dates are what the dashboards link to."""

    q = django_filters.CharFilter(label=_("Search"), method="search")
    state = django_filters.ChoiceFilter(label=_("State"), choices=Application.State.choices)
    kecamatan = django_filters.ModelChoiceFilter(
        label=_("Kecamatan"),
        queryset=Kecamatan.objects.all(),
        field_name="umkm__kelurahan__kecamatan",
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
        fields = ["q", "state", "product"]

    def search(self, queryset, name, value):
        from registry.models import UMKM

        return queryset.filter(umkm__in=search_umkm(UMKM.objects.all(), value).values("pk"))


class ApplicationTable(tables.Table):
    number = tables.Column(verbose_name=_("Number"), accessor="pk", linkify=True, order_by=("id",))
    umkm = tables.Column(verbose_name=_("Business"), orderable=False)
    product = tables.Column(verbose_name=_("Product"), orderable=False)
    amount = tables.TemplateColumn("{% load portal %}{{ value|rupiah }}", verbose_name=_("Amount"))
    state = tables.Column(verbose_name=_("State"))
    created_at = tables.DateColumn(verbose_name=_("Submitted"), format="d M Y")

    class Meta:
        model = Application
        fields = ["number", "umkm", "product", "amount", "state", "created_at"]
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = "-created_at"

    def render_number(self, record):
        return record.number


class ApplicationListView(SectionRequiredMixin, SingleTableMixin, FilterView):
    section = Section.LENDING
    permissions = ("lending.view_application",)
    model = Application
    filterset_class = ApplicationFilter
    table_class = ApplicationTable
    template_name = "lending/application_list.html"
    paginate_by = 25

    def get_queryset(self):
        return Application.objects.select_related("umkm", "product")
