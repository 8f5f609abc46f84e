from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django_filters.views import FilterView
from django_tables2 import SingleTableMixin

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import SectionRequiredMixin, section_required
from cilegon_umkm.kernel.pagination import BoundedCountPaginator
from cilegon_umkm.kernel.query import SEARCH
from cilegon_umkm.kernel.spreadsheets import csv_response, iter_csv, write_xlsx, xlsx_response

from .. import permissions
from ..exports import EXPORT_LIMIT, umkm_export_columns
from ..filters import UMKMFilter
from ..models import UMKM, PersonalDataAccess
from ..selectors import umkm_detail, umkm_list
from ..services import personal_data_access_log
from ..tables import UMKMTable
from ..timeline import timeline_for

VIEW_UMKM = "registry.view_umkm"


class UMKMListView(SectionRequiredMixin, SingleTableMixin, FilterView):
    """Browse the registry: search, filters, sortable table, pages, export."""

    section = Section.REGISTRY
    permissions = (VIEW_UMKM,)
    model = UMKM
    filterset_class = UMKMFilter
    table_class = UMKMTable
    paginator_class = BoundedCountPaginator
    template_name = "registry/umkm_list.html"

    def get_queryset(self):
        return umkm_list()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["export_query"] = self.request.GET.urlencode()
        filter_names = set(self.filterset_class.base_filters) - {SEARCH}
        context["filters_open"] = any(self.request.GET.get(name) for name in filter_names)
        context["can_import"] = permissions.can_import(self.request.user)
        context["can_merge"] = permissions.can_merge(self.request.user)
        return context


def _detail_context(request, umkm: UMKM, *, show_full_nik: bool) -> dict:
    return {
        "umkm": umkm,
        "certifications": umkm.certifications.all(),
        "timeline": timeline_for(umkm, request.user),
        "show_full_nik": show_full_nik,
        "can_view_full_nik": permissions.can_view_full_nik(request.user),
        "can_view_phone": permissions.can_view_phone(request.user),
        "can_edit": request.user.has_perm("registry.change_umkm")
        and request.user.has_perm(Section.ADMIN.permission),
    }


# The business whose full NIK the next page view may show, once (set by umkm_reveal_nik).
REVEALED_NIK_SESSION_KEY = "registry.revealed_nik"


@section_required(Section.REGISTRY, VIEW_UMKM)
def umkm_detail_view(request, pk: int):
    umkm = get_object_or_404(umkm_detail(), pk=pk)
    show_full_nik = request.session.pop(REVEALED_NIK_SESSION_KEY, None) == umkm.pk
    context = _detail_context(request, umkm, show_full_nik=show_full_nik)
    return render(request, "registry/umkm_detail.html", context)


@section_required(Section.REGISTRY, VIEW_UMKM, "registry.view_full_nik")
def umkm_reveal_nik(request, pk: int):
    """Log that the full NIK is seen, then show it once on the business page. A reload
    shows it masked again, so every sight of a full NIK has its own log entry; a GET (a
    bookmark, the back button) just returns to the page."""
    umkm = get_object_or_404(UMKM, pk=pk)
    if request.method == "POST":
        personal_data_access_log(
            user=request.user, umkm_id=umkm.pk, action=PersonalDataAccess.Action.PAGE
        )
        request.session[REVEALED_NIK_SESSION_KEY] = umkm.pk
    return redirect(umkm)


@section_required(Section.REGISTRY, VIEW_UMKM)
def umkm_export(request, fmt: str):
    """The browse page's current filtered set as CSV or XLSX. NIKs are masked unless the
    user may see them, and then the export is logged with its filter."""
    filterset = UMKMFilter(request.GET, queryset=umkm_list().order_by("name", "id"))
    if not filterset.is_valid():
        # django-filter would drop the bad filter and export everything; the list page
        # matches nothing and says which field is wrong.
        messages.error(
            request, _("A filter has a value that is not valid: correct it before exporting.")
        )
        return redirect(f"{reverse('registry:index')}?{request.GET.urlencode()}")
    rows = filterset.qs
    count = rows[: EXPORT_LIMIT + 1].count()
    if count > EXPORT_LIMIT:
        messages.error(
            request,
            _("More than %(limit)s businesses match: narrow the filter before exporting.")
            % {"limit": f"{EXPORT_LIMIT:,}".replace(",", ".")},
        )
        return redirect(f"{reverse('registry:index')}?{request.GET.urlencode()}")
    full_nik = permissions.can_view_full_nik(request.user)
    columns = umkm_export_columns(full_nik=full_nik, phone=permissions.can_view_phone(request.user))
    if full_nik:
        personal_data_access_log(
            user=request.user,
            umkm_id=None,
            action=PersonalDataAccess.Action.EXPORT,
            detail=_("%(count)s rows, filter: %(query)s")
            % {"count": count, "query": request.GET.urlencode() or "-"},
        )
    filename = f"umkm-cilegon-{timezone.localdate():%Y%m%d}"
    if fmt == "csv":
        return csv_response(iter_csv(rows.iterator(chunk_size=2000), columns), f"{filename}.csv")
    return xlsx_response(
        write_xlsx(rows.iterator(chunk_size=2000), columns, title="UMKM"), f"{filename}.xlsx"
    )
