"""The DAK budget of a year: lines, what was spent (realisasi) and absorption (serapan);
spending posted here, and reversed here when wrong."""

from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required

from ..errors import TrainingError
from ..forms import SpendingForm, SpendingReverseForm, YearForm
from ..models import Allocation, Spending
from ..selectors.budget import (
    absorption,
    budget_entries,
    fiscal_year_closed,
    fiscal_years,
    open_spending_dates,
)
from ..services import spending_post, spending_reverse

POST = "training.add_spending"


def _budget_url(year: int) -> str:
    return f"{reverse('training:budget')}?tahun={year}"


@require_http_methods(["GET", "POST"])
@section_required(Section.TRAINING)
def budget(request):
    """The year's budget page. A POST by a role that cannot post spending (leadership)
    shows the page again and posts nothing."""
    asked = YearForm(request.GET).year()
    allocation = Allocation.objects.filter(fiscal_year=asked or timezone.localdate().year).first()
    if allocation is None:
        latest = Allocation.objects.first()
        if latest is not None and asked != latest.fiscal_year:
            return redirect(_budget_url(latest.fiscal_year))
        return render(request, "training/budget.html", {"allocation": None})
    can_post = _can_post(request, allocation)
    form = _spending_form(
        allocation, request.POST if request.method == "POST" and can_post else None
    )
    if form.is_valid():
        try:
            spending_post(user=request.user, **form.cleaned_data)
        except TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Spending posted."))
            return redirect(_budget_url(allocation.fiscal_year))
    return render(request, "training/budget.html", budget_context(request, allocation, form))


def _can_post(request, allocation) -> bool:
    """Spending is posted and reversed by those allowed to, while the fiscal year is open."""
    closed = fiscal_year_closed(allocation.fiscal_year, timezone.localdate())
    return request.user.has_perm(POST) and not closed


def _spending_form(allocation, data=None) -> SpendingForm:
    """The spending form, its date picker limited to the days spending may be dated."""
    today = timezone.localdate()
    form = SpendingForm(data, allocation=allocation, initial={"spent_on": today})
    dates = open_spending_dates(allocation, today)
    if dates is not None:
        first, last = dates
        form.fields["spent_on"].widget.attrs.update(min=first.isoformat(), max=last.isoformat())
    return form


def budget_context(request, allocation, form, *, reverse_form=None, reversing=None) -> dict:
    rows = absorption(allocation)
    spent = sum(row.spent for row in rows)
    return {
        "allocation": allocation,
        "years": fiscal_years(),
        "rows": rows,
        "spent": spent,
        "ratio": spent / allocation.amount if allocation.amount else 0,
        "entries": budget_entries(allocation),
        "form": form,
        "can_post": _can_post(request, allocation),
        "year_closed": fiscal_year_closed(allocation.fiscal_year, timezone.localdate()),
        "reverse_form": reverse_form or SpendingReverseForm(),
        "reversing": reversing,  # the entry whose reversal was refused, shown open
    }


@require_POST
@section_required(Section.TRAINING, POST)
def spending_reverse_view(request, pk: int):
    spending = get_object_or_404(Spending.objects.select_related("line__allocation"), pk=pk)
    allocation = spending.line.allocation
    form = SpendingReverseForm(request.POST)
    if form.is_valid():
        try:
            spending_reverse(
                spending=spending, reason=form.cleaned_data["reason"], user=request.user
            )
        except TrainingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The entry was reversed."))
        return redirect(_budget_url(allocation.fiscal_year))
    context = budget_context(
        request,
        allocation,
        _spending_form(allocation),
        reverse_form=form,
        reversing=spending.pk,
    )
    return render(request, "training/budget.html", context)
