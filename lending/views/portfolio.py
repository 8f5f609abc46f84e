from django.core.paginator import Paginator
from django.db.models import Count, F, Q, Sum
from django.db.models.functions import Coalesce
from django.http import HttpResponse
from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.spreadsheets import Column, Kind, write_xlsx
from registry.models import Kecamatan

from ..models import Loan
from ..selectors import collectibility_bands, loans_for_list, portfolio_totals, with_arrears

VIEW_PORTFOLIO = "lending.view_portfolio"
OUTSTANDING = F("principal") - F("principal_paid")


def _grouped(loans, key: str):
    """Active loans grouped by one column: count and outstanding principal."""
    return (
        loans.values(key)
        .annotate(count=Count("id"), outstanding=Coalesce(Sum(OUTSTANDING), 0))
        .order_by(key)
    )


@section_required(Section.LENDING, VIEW_PORTFOLIO)
def portfolio(request):
    """The portfolio today: by product, by kecamatan and by collectibility, with NPL and
    PAR30. Every figure is computed from the loans, in a few grouped queries; a loan counts
    in the kecamatan where it was made (Loan.kelurahan)."""
    today = timezone.localdate()
    kecamatan = request.GET.get("kecamatan") or None
    loans = loans_for_list()
    if kecamatan:
        loans = loans.filter(kelurahan__kecamatan_id=kecamatan)
    active = with_arrears(loans.filter(status=Loan.Status.ACTIVE), today)
    if request.GET.get("format") == "xlsx":
        return _export(active.order_by("-days_past_due", "number"), today)
    bands = {band.level: band for band in collectibility_bands()}
    by_level = {row["collectibility"]: row for row in _grouped(active, "collectibility")}
    context = {
        "today": today,
        "totals": portfolio_totals(loans, today),
        "by_product": _grouped(active, "product__name"),
        "by_kecamatan": _grouped(active, "kelurahan__kecamatan__name"),
        "by_collectibility": [
            (band, by_level.get(level, {"count": 0, "outstanding": 0}))
            for level, band in bands.items()
        ],
        "statuses": loans.aggregate(
            paid_off=Count("id", filter=Q(status=Loan.Status.PAID_OFF)),
            written_off=Count("id", filter=Q(status=Loan.Status.WRITTEN_OFF)),
        ),
        "kecamatan_list": Kecamatan.objects.all(),
        "kecamatan": kecamatan,
    }
    return render(request, "lending/portfolio.html", context)


def _export(loans, today):
    columns = [
        Column(_("loan number"), lambda loan: loan.number, Kind.IDENTIFIER),
        Column(_("business"), lambda loan: loan.umkm.name, width=30),
        Column(_("owner"), lambda loan: loan.umkm.owner_name, width=24),
        Column(_("kelurahan"), lambda loan: loan.umkm.kelurahan.name),
        Column(_("kecamatan"), lambda loan: loan.umkm.kelurahan.kecamatan.name),
        Column(_("product"), lambda loan: loan.product.name, width=24),
        Column(_("disbursed on"), lambda loan: loan.disbursed_on, Kind.DATE),
        Column(_("principal"), lambda loan: loan.principal, Kind.NUMBER),
        Column(
            _("principal outstanding"),
            lambda loan: loan.principal - loan.principal_paid,
            Kind.NUMBER,
        ),
        Column(_("days past due"), lambda loan: loan.days_past_due, Kind.NUMBER),
        Column(_("collectibility"), lambda loan: loan.collectibility, Kind.NUMBER),
    ]
    response = HttpResponse(
        write_xlsx(loans.iterator(chunk_size=2000), columns, title=_("Portfolio")),
        content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    )
    response["Content-Disposition"] = f'attachment; filename="portofolio-pdb-{today:%Y%m%d}.xlsx"'
    return response


@section_required(Section.LENDING, VIEW_PORTFOLIO)
def arrears_list(request):
    """Loans in arrears, most overdue first: who to visit today."""
    today = timezone.localdate()
    loans = with_arrears(loans_for_list().filter(status=Loan.Status.ACTIVE), today).filter(
        days_past_due__gt=0
    )
    if kelurahan := request.GET.get("kelurahan"):
        loans = loans.filter(umkm__kelurahan_id=kelurahan)
    if kecamatan := request.GET.get("kecamatan"):
        loans = loans.filter(umkm__kelurahan__kecamatan_id=kecamatan)
    page = Paginator(loans.order_by("-days_past_due", "number"), 25).get_page(
        request.GET.get("page")
    )
    return render(
        request,
        "lending/arrears_list.html",
        {
            "page_obj": page,
            "today": today,
            "kecamatan_list": Kecamatan.objects.all(),
            "kecamatan": kecamatan,
        },
    )
