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


class ApproveForm(forms.Form):
    """The Kepala UPT's approval: a note, and against a "tidak layak" survey the written
    reason the service requires (application_approve)."""

    note = forms.CharField(
        label=_("Note (optional)"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    reason = forms.CharField(
        label=_("Why approve against the survey?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DisburseForm(forms.Form):
    disbursed_on = forms.DateField(label=_("Disbursement date"), widget=DateInput())


class WriteOffForm(forms.Form):
    on_date = forms.DateField(label=_("Write-off date"), widget=DateInput())
    decree_number = forms.CharField(label=_("Decree (SK) number"), max_length=80)
    decree_date = forms.DateField(label=_("Decree (SK) date"), widget=DateInput())
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class CapitalForm(forms.Form):
    amount = RupiahField(label=_("Capital added (Rp)"), min_value=1)
    entry_date = forms.DateField(label=_("Date"), widget=DateInput())
    note = forms.CharField(label=_("Note (e.g. APBD 2026, SP2D number)"), max_length=255)


class RepaymentForm(forms.Form):
    """The repayment desk. The token is made when the form is shown: posting the same form
    twice (a double click, a refresh, a retry) posts once. The loan's version is the one
    the form showed: a form opened before the loan changed posts nothing until the cashier
    has seen the change. The confirm box is shown only when the desk asks (a payment was
    posted minutes ago, or the loan changed)."""

    amount = RupiahField(label=_("Amount received (Rp)"), min_value=1)
    paid_on = forms.DateField(label=_("Date paid"), widget=DateInput())
    receipt_no = forms.CharField(
        label=_("Receipt number"),
        max_length=40,
        required=False,
        help_text=_("Leave empty to give the next number of the fund's series."),
    )
    channel = forms.ChoiceField(label=_("Paid by"), choices=Repayment.Channel.choices)
    is_payoff = forms.BooleanField(label=_("Early payoff of the whole loan"), required=False)
    confirm = forms.BooleanField(label=_("Yes, post this payment as well"), required=False)
    client_token = forms.UUIDField(widget=forms.HiddenInput())
    # Not required: a post without it (a script, a form from before versions) is still held
    # by its token, its receipt number and the recent-payment check.
    loan_version = forms.IntegerField(
        widget=forms.HiddenInput(), min_value=0, max_value=2**31 - 1, required=False
    )

    def __init__(self, *args, ask_confirm: bool = False, **kwargs):
        super().__init__(*args, **kwargs)
        self.ask_confirm = ask_confirm
        if not ask_confirm:
            del self.fields["confirm"]

    @classmethod
    def blank(cls, *, amount: int | None, loan_version: int, ask_confirm: bool = False):
        return cls(
            initial={
                "amount": amount,
                "paid_on": timezone.localdate(),
                "channel": Repayment.Channel.CASH,
                "client_token": uuid.uuid4(),
                "loan_version": loan_version,
            },
            ask_confirm=ask_confirm,
        )

    @classmethod
    def to_confirm(cls, data, *, loan_version: int):
        """The form as the cashier sent it, on the loan's version now, with the confirm box
        (unticked) and the same token: a double click on the confirmation posts once."""
        data = data.copy()
        data["loan_version"] = str(loan_version)
        data.pop("confirm", None)
        form = cls(data, ask_confirm=True)
        form.is_valid()
        return form

    def post_arguments(self) -> dict:
        """repayment_post's keyword arguments from the cleaned form."""
        cleaned = dict(self.cleaned_data)
        cleaned["confirm_recent"] = cleaned.pop("confirm", False)
        return cleaned
