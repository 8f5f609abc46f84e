"""The dashboards: an overview and one page per area, for the period and kecamatan of the
URL, each exportable to XLSX. Each app computes its own figures (stats.py); these views
only compose them (pages/), read targets, and draw."""

from dataclasses import replace

from django.http import Http404
from django.shortcuts import render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.spreadsheets import xlsx_response
from registry.models import Kecamatan

from .collect import collect
from .export import page_xlsx
from .figures import Kind
from .pages import AREAS, OVERVIEW
from .pages.common import month_label
from .period import Period
from .targets import apps_for_targets, progress


def _build(request, area: str):
    chosen = AREAS.get(area) if area else OVERVIEW
    if chosen is None:
        raise Http404
    today = timezone.localdate()
    all_kecamatan = dict(Kecamatan.objects.order_by("name").values_list("pk", "name"))
    period = Period.from_query(request.GET, today)
    if period.kecamatan_id is not None and period.kecamatan_id not in all_kecamatan:
        # A number that is no kecamatan: the whole city, and the page says so.
        note = _("There is no kecamatan %(id)s: the whole city is shown.") % {
            "id": period.kecamatan_id
        }
        period = replace(period, kecamatan_id=None, notes=(*period.notes, note))
    stats, as_of = collect(period, chosen.apps)
    shown = (
        {period.kecamatan_id: all_kecamatan[period.kecamatan_id]}
        if period.kecamatan_id
        else all_kecamatan
    )
    page = chosen.build(period, stats, shown)
    # Targets are yearly and city-wide: shown on the year's city-wide view, whose figures
    # are the year to date. A narrower view links there rather than computing both.
    # A period across a year end has the targets of the year it ends in (fiscal_year).
    year_view = Period.year_to_date(period.fiscal_year, today)
    if year_view == period:
        page.targets = progress(period.fiscal_year, stats, today)
    elif apps_for_targets(period.fiscal_year, chosen.apps):
        page.targets_url = f"{request.path}?{year_view.query_string()}"
    return page, period, as_of, today, all_kecamatan


@require_GET
@section_required(Section.DASHBOARD)
def dashboard(request, area: str = ""):
    page, period, as_of, today, all_kecamatan = _build(request, area)
    query = request.GET.urlencode()
    export = reverse("dashboard:export", kwargs={"area": area} if area else {})
    tabs = [("", OVERVIEW.label)] + [(slug, a.label) for slug, a in AREAS.items()]
    context = {
        "page": page,
        "period": period,
        "as_of": as_of,
        "today": today,
        "all_kecamatan": all_kecamatan,
        "kecamatan_name": all_kecamatan.get(period.kecamatan_id),
        "months": [(m, month_label(m)) for m in range(1, 13)],
        "ratio": Kind.RATIO,
        "export_url": f"{export}?{query}" if query else export,
        "tabs": [
            {
                "label": label,
                "active": slug == area,
                "url": _page_url(slug) + (f"?{period.query_string()}"),
            }
            for slug, label in tabs
        ],
    }
    return render(request, "dashboard/page.html", context)


@require_GET
@section_required(Section.DASHBOARD)
def export(request, area: str = ""):
    page, period, as_of, _today, all_kecamatan = _build(request, area)
    name = f"dasbor-{area or 'ringkasan'}-{period.query_string().replace('&', '-')}.xlsx"
    return xlsx_response(
        page_xlsx(page, period, as_of, all_kecamatan.get(period.kecamatan_id)),
        name.replace("=", ""),
    )


def _page_url(slug: str) -> str:
    return reverse("dashboard:area", kwargs={"area": slug}) if slug else reverse("dashboard:index")
