"""Lending's numbers for the dashboards: applications by state, loans disbursed in the
period (per month and kecamatan), the portfolio today (outstanding, NPL, PAR30 and
collectibility, per kecamatan too), what the funds can still lend, and the collection rate
of what fell due in the period. NPL and PAR30 are lending.arrears' rules, as on the
portfolio page."""

from __future__ import annotations

from collections import defaultdict

from django.db.models import Count, F, Sum
from django.db.models.functions import Coalesce, ExtractMonth
from django.utils import timezone

from registry.models import Kelurahan

from .arrears import ratio
from .models import Application, Installment, Loan
from .selectors import (
    all_funds_balances,
    collectibility_bands,
    portfolio_sums,
    running_with_arrears,
)


def lending_stats(period) -> dict:
    today = timezone.localdate()
    area = period.umkm_filter(via="umkm__")
    # Loans by where they were made (Loan.kelurahan): no join with the registry.
    kecamatan_of = dict(Kelurahan.objects.values_list("pk", "kecamatan_id"))
    loan_area = (
        {"kelurahan_id__in": [k for k, kec in kecamatan_of.items() if kec == period.kecamatan_id]}
        if period.kecamatan_id
        else {}
    )
    applications = dict(
        Application.objects.filter(created_at__date__range=(period.start, period.end), **area)
        .values_list("state")
        .annotate(n=Count("id"))
        .order_by()
    )
    disbursed = _disbursed(period, loan_area, kecamatan_of)
    portfolio = _portfolio(Loan.objects.filter(**loan_area), today, kecamatan_of)
    due = Installment.objects.filter(
        due_date__range=(period.start, min(period.end, today)),
        **{f"loan__{key}": value for key, value in loan_area.items()},
    ).aggregate(
        owed=Coalesce(Sum(F("principal") + F("jasa")), 0),
        paid=Coalesce(Sum(F("principal_paid") + F("jasa_paid") + F("jasa_waived")), 0),
    )
    empty = dict.fromkeys(
        ("disbursed_count", "disbursed_amount", "active", "outstanding", "npl"), 0
    )
    by_kecamatan: defaultdict[int, dict[str, int]] = defaultdict(lambda: dict(empty))
    for kecamatan_id, row in disbursed["by_kecamatan"].items():
        by_kecamatan[kecamatan_id].update(row)
    for kecamatan_id, row in portfolio["by_kecamatan"].items():
        by_kecamatan[kecamatan_id].update(row)
    return {
        "applications": {state: applications.get(state, 0) for state in Application.State.values},
        "disbursed_count": disbursed["count"],
        "disbursed_amount": disbursed["amount"],
        "disbursed_per_month": disbursed["per_month"],
        "active_count": portfolio["count"],
        "outstanding": portfolio["outstanding"],
        "npl_ratio": ratio(portfolio["npl"], portfolio["outstanding"]),
        "par30_ratio": ratio(portfolio["par30"], portfolio["outstanding"]),
        "collectibility": portfolio["collectibility"],
        "by_kecamatan": dict(by_kecamatan),
        "available": all_funds_balances().available,
        "collection_owed": due["owed"],
        "collection_paid": due["paid"],
        "collection_rate": due["paid"] / due["owed"] if due["owed"] else None,
    }


def _disbursed(period, area: dict, kecamatan_of: dict) -> dict:
    """Loans disbursed in the period, per (kelurahan, month): one grouped query."""
    rows = (
        Loan.objects.filter(disbursed_on__range=(period.start, period.end), **area)
        .annotate(month=ExtractMonth("disbursed_on"))
        .values_list("kelurahan_id", "month")
        .annotate(n=Count("id"), amount=Coalesce(Sum("principal"), 0))
        .order_by()
    )
    per_month = {m: {"count": 0, "amount": 0} for m in period.months}
    by_kecamatan: defaultdict[int, dict[str, int]] = defaultdict(
        lambda: {"disbursed_count": 0, "disbursed_amount": 0}
    )
    for kelurahan_id, month, n, amount in rows:
        kecamatan_id = kecamatan_of[kelurahan_id]
        per_month[month]["count"] += n
        per_month[month]["amount"] += amount
        by_kecamatan[kecamatan_id]["disbursed_count"] += n
        by_kecamatan[kecamatan_id]["disbursed_amount"] += amount
    return {
        "count": sum(m["count"] for m in per_month.values()),
        "amount": sum(m["amount"] for m in per_month.values()),
        "per_month": per_month,
        "by_kecamatan": by_kecamatan,
    }


def _portfolio(loans, today, kecamatan_of: dict) -> dict:
    """The running loans today, grouped by (kelurahan, collectibility) in one query; totals,
    NPL, PAR30 and the distribution are sums of those rows."""
    sums = portfolio_sums()
    rows = (
        running_with_arrears(loans, today)
        .values_list("kelurahan_id", "collectibility")
        .annotate(**sums)
        .values_list("kelurahan_id", "collectibility", *sums)
        .order_by()
    )
    levels: defaultdict[int, dict[str, int]] = defaultdict(lambda: {"count": 0, "outstanding": 0})
    by_kecamatan: defaultdict[int, dict[str, int]] = defaultdict(
        lambda: {"active": 0, "outstanding": 0, "npl": 0}
    )
    totals = {"count": 0, "outstanding": 0, "npl": 0, "par30": 0}
    for kelurahan_id, level, n, outstanding, npl, par30 in rows:
        kecamatan_id = kecamatan_of[kelurahan_id]
        for target in (totals, levels[level], by_kecamatan[kecamatan_id]):
            target["outstanding"] += outstanding
        totals["count"] += n
        totals["npl"] += npl
        totals["par30"] += par30
        levels[level]["count"] += n
        by_kecamatan[kecamatan_id]["active"] += n
        by_kecamatan[kecamatan_id]["npl"] += npl
    return {
        **totals,
        "collectibility": [(band, levels[band.level]) for band in collectibility_bands()],
        "by_kecamatan": by_kecamatan,
    }
