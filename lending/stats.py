"""Lending's numbers for the dashboards: applications by state, loans disbursed in the
period, the portfolio today (outstanding, NPL, PAR30, collectibility), what the funds can
still lend, and the collection rate of what fell due in the period."""

from __future__ import annotations

from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce
from django.utils import timezone

from .models import Application, Fund, Installment, Loan
from .selectors import collectibility_bands, portfolio_totals, with_arrears
from .services.funds import fund_available


def lending_stats(period) -> dict:
    today = timezone.localdate()
    area = period.umkm_filter(via="umkm__")
    applications = dict(
        Application.objects.filter(created_at__date__range=(period.start, period.end), **area)
        .values_list("state")
        .annotate(n=Count("id"))
    )
    disbursed = Loan.objects.filter(
        disbursed_on__range=(period.start, period.end), **area
    ).aggregate(count=Count("id"), amount=Coalesce(Sum("principal"), 0))
    loans = Loan.objects.filter(**area)
    portfolio = portfolio_totals(loans, today)
    levels = dict(
        with_arrears(loans.filter(status=Loan.Status.ACTIVE), today)
        .values_list("collectibility")
        .annotate(n=Count("id"))
    )
    due = Installment.objects.filter(
        due_date__range=(period.start, min(period.end, today)), **period.umkm_filter("loan__umkm__")
    ).aggregate(
        owed=Coalesce(Sum(F("principal") + F("jasa")), 0),
        paid=Coalesce(Sum(F("principal_paid") + F("jasa_paid") + F("jasa_waived")), 0),
    )
    return {
        "applications": {state: applications.get(state, 0) for state in Application.State.values},
        "disbursed_count": disbursed["count"],
        "disbursed_amount": disbursed["amount"],
        "active_count": portfolio["count"],
        "outstanding": portfolio["outstanding"],
        "npl_ratio": portfolio["npl_ratio"],
        "par30_ratio": portfolio["par30_ratio"],
        "collectibility": [(band, levels.get(band.level, 0)) for band in collectibility_bands()],
        "available": sum(fund_available(fund) for fund in Fund.objects.all()),
        "collection_rate": due["paid"] / due["owed"] if due["owed"] else None,
    }
