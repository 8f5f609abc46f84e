from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.pagination import page_of

from .. import permissions
from ..errors import LendingError
from ..forms import CapitalForm
from ..models import Fund, FundEntry
from ..selectors import fund_balances
from ..services import fund_capital_add


@section_required(Section.LENDING, "lending.view_fund")
def fund_detail(request, pk: int | None = None):
    """A fund's balances and its ledger, newest first; capital can be added here."""
    funds = list(Fund.objects.all())
    fund = get_object_or_404(Fund, pk=pk) if pk else (funds[0] if funds else None)
    if fund is None:
        return render(request, "lending/fund_detail.html", {"funds": funds})
    form = CapitalForm(request.POST or None, initial={"entry_date": timezone.localdate()})
    if request.method == "POST":
        if not permissions.can_add_capital(request.user):
            messages.error(request, _("Your role cannot add capital."))
        elif form.is_valid():
            try:
                fund_capital_add(fund=fund, user=request.user, **form.cleaned_data)
            except LendingError as error:
                form.add_error(None, str(error))
            else:
                messages.success(request, _("Capital added to the fund."))
                return redirect("lending:fund-detail", pk=fund.pk)
    entries = FundEntry.objects.filter(fund=fund).select_related("loan", "created_by")
    return render(
        request,
        "lending/fund_detail.html",
        {
            "funds": funds,
            "fund": fund,
            "balances": fund_balances(fund),
            "page_obj": page_of(request, entries, 50),
            "form": form,
            "can_add_capital": permissions.can_add_capital(request.user),
        },
    )
