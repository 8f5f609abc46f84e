"""The DAK budget of a year: lines, what was spent (realisasi) and absorption (serapan);
spending posted here, and reversed here when wrong."""

from django import forms
from django.contrib import messages
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from cilegon_umkm.accounts.roles import Section
from cilegon_umkm.kernel.access import section_required
from cilegon_umkm.kernel.form_fields import DateInput, RupiahField

from ..models import Allocation, BudgetLine, Spending
from ..selectors import absorption
from ..services import TrainingError, spending_post, spending_reverse

POST = "training.add_spending"


class SpendingForm(forms.Form):
    line = forms.ModelChoiceField(
        label=gettext_lazy("Budget line"), queryset=BudgetLine.objects.none()
    )
    spent_on = forms.DateField(label=gettext_lazy("Date"), widget=DateInput())
    amount = RupiahField(label=gettext_lazy("Amount (Rp)"), min_value=1)
    description = forms.CharField(label=gettext_lazy("Description"), max_length=255)
    document_no = forms.CharField(
        label=gettext_lazy("Document number"), max_length=80, required=False
    )

    def __init__(self, *args, allocation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = allocation.lines.all()


@section_required(Section.TRAINING)
def budget(request):
    year = request.GET.get("tahun") or str(timezone.localdate().year)
    allocations = Allocation.objects.filter(fiscal_year=int(year) if year.isdigit() else 0)
    allocation = allocations.first()
    if allocation is None:
        latest = Allocation.objects.first()
        if latest is not None and year != str(latest.fiscal_year):
            return redirect(f"{request.path}?tahun={latest.fiscal_year}")
        return render(request, "training/budget.html", {"allocation": None})
    form = SpendingForm(
        request.POST or None, allocation=allocation, initial={"spent_on": timezone.localdate()}
    )
    if request.method == "POST" and request.user.has_perm(POST) and form.is_valid():
        try:
            spending_post(user=request.user, **form.cleaned_data)
        except TrainingError as error:
            form.add_error(None, str(error))
        else:
            messages.success(request, _("Spending posted."))
            return redirect(f"{request.path}?tahun={allocation.fiscal_year}")
    rows = absorption(allocation)
    spent = sum(row.spent for row in rows)
    context = {
        "allocation": allocation,
        "years": Allocation.objects.values_list("fiscal_year", flat=True).distinct(),
        "rows": rows,
        "spent": spent,
        "ratio": spent / allocation.amount if allocation.amount else 0,
        "entries": Spending.objects.filter(line__allocation=allocation)
        .select_related("line", "reversal")
        .order_by("-spent_on", "-id")[:100],
        "form": form,
        "can_post": request.user.has_perm(POST),
    }
    return render(request, "training/budget.html", context)


@section_required(Section.TRAINING, POST)
def spending_reverse_view(request, pk: int):
    spending = get_object_or_404(Spending.objects.select_related("line__allocation"), pk=pk)
    if request.method == "POST":
        try:
            spending_reverse(
                spending=spending, reason=request.POST.get("reason", ""), user=request.user
            )
        except TrainingError as error:
            messages.error(request, str(error))
        else:
            messages.success(request, _("The entry was reversed."))
    target = reverse("training:budget")
    return redirect(f"{target}?tahun={spending.line.allocation.fiscal_year}")
