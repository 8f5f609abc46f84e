from django.shortcuts import render
from django.utils import timezone
from django.utils.http import urlencode
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.pagination import page_of
from cilegon_umkm.kernel.query import QueryNumbers, refuse_export
from cilegon_umkm.kernel.spreadsheets import Column, Kind, write_xlsx, xlsx_response
from registry.models import Kecamatan, Kelurahan
from registry.permissions import can_view_phone

from ..selectors import (
    closed_loan_counts,
    in_kecamatan,
    loans_for_list,
    portfolio_by,
    portfolio_by_collectibility,
    portfolio_totals,
    running_with_arrears,
)
from ..selectors.collection import arrears_loans, arrears_rows, iter_arrears_rows
from ..selectors.portfolio import portfolio_by_kecamatan

VIEW_PORTFOLIO = "lending.view_portfolio"
# The most ?tunggakan_lebih_dari= may ask: far beyond the life of any loan.
MAX_DAYS_PAST_DUE = 100_000


@section_required(Section.LENDING, VIEW_PORTFOLIO)
def portfolio(request):
    """The portfolio today: by product, by kecamatan and by collectibility, with NPL and
    PAR30. Every figure is computed from the loans, in a few grouped queries; a loan counts
    in the kecamatan where it was made (Loan.kelurahan). A ?kecamatan= that is not a number
    counts nothing and says so, rather than count the whole city."""
    today = timezone.localdate()
    numbers = QueryNumbers(request.GET)
    kecamatan = numbers.get("kecamatan", _("Kecamatan"))
    loans = loans_for_list()
    if not numbers.valid:
        loans = loans.none()
    elif kecamatan:
        loans = in_kecamatan(loans, kecamatan)
    running = running_with_arrears(loans, today)
    if request.GET.get("format") == "xlsx":
        if not numbers.valid:
            return refuse_export(request)
        return _export(
            running.select_related("kelurahan__kecamatan").order_by("-days_past_due", "number"),
            today,
        )
    context = {
        "today": today,
        "totals": portfolio_totals(loans, today),
        "by_product": portfolio_by(running, "product__name"),
        "by_kecamatan": portfolio_by_kecamatan(running),
        "by_collectibility": portfolio_by_collectibility(running),
        "statuses": closed_loan_counts(loans),
        "kecamatan_list": Kecamatan.objects.all(),
        "kecamatan": kecamatan,
        "query_errors": numbers.errors,
    }
    return render(request, "lending/portfolio.html", context)


def _export(loans, today):
    columns = [
        Column(_("loan number"), lambda loan: loan.number, Kind.IDENTIFIER),
        Column(_("business"), lambda loan: loan.umkm.name, width=30),
        Column(_("owner"), lambda loan: loan.umkm.owner_name, width=24),
        # Where the loan was made, as the page counts it (not where the business is now).
        Column(_("kelurahan"), lambda loan: loan.kelurahan.name),
        Column(_("kecamatan"), lambda loan: loan.kelurahan.kecamatan.name),
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
    """Loans in arrears, most overdue first: who to visit today, with what each owes.
    Filtered, like the portfolio, by where the loan was made; ?format=xlsx downloads the
    same list. A value of a filter that is not understood lists nothing and says which."""
    today = timezone.localdate()
    numbers = QueryNumbers(request.GET)
    area = {
        "kecamatan": numbers.get("kecamatan", _("Kecamatan")),
        "kelurahan": numbers.get("kelurahan", _("Kelurahan")),
    }
    # What the dashboards link to: ?kolektibilitas=3&kolektibilitas=4&kolektibilitas=5 (NPL),
    # ?tunggakan_lebih_dari=30 (PAR30).
    levels = numbers.get_list("kolektibilitas", _("Collectibility"), low=1, high=5)
    over_days = numbers.get(
        "tunggakan_lebih_dari", _("Days past due"), low=0, high=MAX_DAYS_PAST_DUE
    )
    loans = arrears_loans(today, **area, levels=levels, over_days=over_days)
    if not numbers.valid:
        loans = loans.none()
    query = {name: pk for name, pk in area.items() if pk}
    query |= {"kolektibilitas": levels} if levels else {}
    query |= {"tunggakan_lebih_dari": over_days} if over_days is not None else {}
    show_phone = can_view_phone(request.user)
    if request.GET.get("format") == "xlsx":
        if not numbers.valid:
            return refuse_export(request)
        return _export_arrears(loans, today, show_phone=show_phone)
    page = page_of(request, loans, 25)
    return render(
        request,
        "lending/arrears_list.html",
        {
            "page_obj": page,
            "rows": arrears_rows(page, today, show_phone=show_phone),
            "today": today,
            "kecamatan_list": Kecamatan.objects.all(),
            "kelurahan_list": Kelurahan.objects.select_related("kecamatan").order_by(
                "kecamatan__name", "name"
            ),
            "show_phone": show_phone,
            "area_query": urlencode(query, doseq=True),
            "all_in_area_query": urlencode({name: pk for name, pk in area.items() if pk}),
            "levels": levels,
            "over_days": over_days,
            "query_errors": numbers.errors,
            **area,
        },
    )


def _export_arrears(loans, today, *, show_phone: bool):
    columns = [
        Column(_("loan number"), lambda row: row.loan.number, Kind.IDENTIFIER),
        Column(_("business"), lambda row: row.loan.umkm.name, width=30),
        Column(_("owner"), lambda row: row.loan.umkm.owner_name, width=24),
        # UU PDP: a file travels, so no phone at all, not even masked, without the right.
        *([Column(_("phone"), lambda row: row.phone, Kind.IDENTIFIER)] if show_phone else []),
        Column(_("kelurahan"), lambda row: row.kelurahan.name),
        Column(_("kecamatan"), lambda row: row.kelurahan.kecamatan.name),
        Column(_("overdue (with denda)"), lambda row: row.overdue, Kind.NUMBER),
        Column(_("principal outstanding"), lambda row: row.principal_outstanding, Kind.NUMBER),
        Column(_("days past due"), lambda row: row.days_past_due, Kind.NUMBER),
        Column(_("collectibility"), lambda row: row.collectibility.level, Kind.NUMBER),
        Column(_("collectibility name"), lambda row: row.collectibility.name),
    ]
    return xlsx_response(
        write_xlsx(
            iter_arrears_rows(loans, today, show_phone=show_phone), columns, title=_("Arrears")
        ),
        f"tunggakan-pdb-{today:%Y%m%d}.xlsx",
    )
