import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cilegon_umkm.kernel.form_fields import DateInput, RupiahField

from .models import Product, Repayment, Survey


class ApplicationForm(forms.Form):
    product = forms.ModelChoiceField(label=_("Product"), queryset=Product.objects.none())
    amount = RupiahField(label=_("Amount (Rp)"), min_value=1)
    tenor_months = forms.TypedChoiceField(label=_("Tenor (months)"), coerce=int, choices=[])
    purpose = forms.CharField(label=_("Use of the loan"), widget=forms.Textarea(attrs={"rows": 3}))

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        today = timezone.localdate()
        products = [p for p in Product.objects.select_related("fund") if p.is_active_on(today)]
        self.fields["product"].queryset = Product.objects.filter(pk__in=[p.pk for p in products])
        tenors = sorted({t for p in products for t in p.tenors})
        self.fields["tenor_months"].choices = [(t, t) for t in tenors]


class SurveyForm(forms.ModelForm):
    monthly_net_income = RupiahField(label=_("Net income per month (Rp)"), min_value=0)

    class Meta:
        model = Survey
        fields = [
            "surveyed_on", "business_condition", "use_of_funds", "monthly_net_income",
            "capacity_note", "recommendation",
        ]  # fmt: skip
        widgets = {
            "surveyed_on": DateInput(),
            "business_condition": forms.Textarea(attrs={"rows": 3}),
            "use_of_funds": forms.Textarea(attrs={"rows": 3}),
            "capacity_note": forms.Textarea(attrs={"rows": 2}),
        }


class NoteForm(forms.Form):
    note = forms.CharField(
        label=_("Note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )


class ReasonForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class DisburseForm(forms.Form):
    disbursed_on = forms.DateField(label=_("Disbursement date"), widget=DateInput())


class WriteOffForm(forms.Form):
    on_date = forms.DateField(label=_("Write-off date"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class CapitalForm(forms.Form):
    amount = RupiahField(label=_("Capital added (Rp)"), min_value=1)
    entry_date = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(label=_("Note (e.g. APBD 2026, SP2D number)"), max_length=255)


class RepaymentForm(forms.Form):
    """The repayment desk. The token is made when the form is shown: posting the same form
    twice (a double click, a refresh, a retry) posts once."""

    amount = RupiahField(label=_("Amount received (Rp)"), min_value=1)
    paid_on = forms.DateField(label=_("Date paid"), widget=DateInput())
    receipt_no = forms.CharField(label=_("Receipt number"), max_length=40, required=False)
    channel = forms.ChoiceField(label=_("Paid by"), choices=Repayment.Channel.choices)
    is_payoff = forms.BooleanField(label=_("Early payoff of the whole loan"), required=False)
    client_token = forms.UUIDField(widget=forms.HiddenInput())

    @classmethod
    def blank(cls, *, amount: int):
        return cls(
            initial={
                "amount": amount,
                "paid_on": timezone.localdate(),
                "channel": Repayment.Channel.CASH,
                "client_token": uuid.uuid4(),
            }
        )
