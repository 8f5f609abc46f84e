from django.shortcuts import render
from django.utils import timezone
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.pagination import page_of
from cilegon_umkm.kernel.query import whole_number
from cilegon_umkm.kernel.spreadsheets import Column, Kind, write_xlsx, xlsx_response
from registry.models import Kecamatan

from ..selectors import (
    closed_loan_counts,
    in_kecamatan,
    loans_for_list,
    loans_in_arrears,
    portfolio_by,
    portfolio_by_collectibility,
    portfolio_totals,
    running_with_arrears,
)

VIEW_PORTFOLIO = "lending.view_portfolio"


@section_required(Section.LENDING, VIEW_PORTFOLIO)
def portfolio(request):
    """The portfolio today: by product, by kecamatan and by collectibility, with NPL and
    PAR30. Every figure is computed from the loans, in a few grouped queries; a loan counts
    in the kecamatan where it was made (Loan.kelurahan)."""
    today = timezone.localdate()
    kecamatan = whole_number(request.GET, "kecamatan")
    loans = loans_for_list()
    if kecamatan:
        loans = in_kecamatan(loans, kecamatan)
    running = running_with_arrears(loans, today)
    if request.GET.get("format") == "xlsx":
        return _export(running.order_by("-days_past_due", "number"), today)
    context = {
        "today": today,
        "totals": portfolio_totals(loans, today),
        "by_product": portfolio_by(running, "product__name"),
        "by_kecamatan": portfolio_by(running, "kelurahan__kecamatan__name"),
        "by_collectibility": portfolio_by_collectibility(running),
        "statuses": closed_loan_counts(loans),
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
        Column(_("principal outstanding"), lambda loan: loan.principal_outstanding, Kind.NUMBER),
        Column(_("days past due"), lambda loan: loan.days_past_due, Kind.NUMBER),
        Column(_("collectibility"), lambda loan: loan.collectibility, Kind.NUMBER),
    ]
    return xlsx_response(
        write_xlsx(loans.iterator(chunk_size=2000), columns, title=_("Portfolio")),
        f"portofolio-pdb-{today:%Y%m%d}.xlsx",
    )


@section_required(Section.LENDING, VIEW_PORTFOLIO)
def arrears_list(request):
    """Loans in arrears, most overdue first: who to visit today. Filtered, like the
    portfolio, by where the loan was made."""
    today = timezone.localdate()
    loans = loans_for_list()
    if kelurahan := whole_number(request.GET, "kelurahan"):
        loans = loans.filter(kelurahan_id=kelurahan)
    if kecamatan := whole_number(request.GET, "kecamatan"):
        loans = in_kecamatan(loans, kecamatan)
    page = page_of(request, loans_in_arrears(loans, today), 25)
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
