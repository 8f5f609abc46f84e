import uuid

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cilegon_umkm.kernel.form_fields import DateInput, RupiahField
from registry.forms import UMKMForm
from registry.models import Kelurahan
from training.models import Cohort

from .models import Need, Purpose, Referral, Visit


class FieldForm(forms.Form):
    """A form sent from the field: its id is made when the form opens, so a resent form is
    recognised (see services)."""

    client_id = forms.UUIDField(widget=forms.HiddenInput)

    @classmethod
    def blank(cls, **initial):
        return cls(initial={"client_id": uuid.uuid4(), **initial})


class VisitForm(FieldForm):
    visited_on = forms.DateField(label=_("Visit date"), widget=DateInput())
    purpose = forms.ChoiceField(
        label=_("Purpose"), choices=Purpose.choices, widget=forms.RadioSelect
    )
    findings = forms.CharField(
        label=_("What did you find?"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )
    needs = forms.MultipleChoiceField(
        label=_("Needs found"),
        choices=Need.choices,
        required=False,
        widget=forms.CheckboxSelectMultiple,
    )
    follow_up = forms.CharField(
        label=_("Follow-up"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    follow_up_on = forms.DateField(label=_("Follow-up date"), required=False, widget=DateInput())
    photo = forms.ImageField(
        label=_("Photo (optional)"),
        required=False,
        validators=Visit._meta.get_field("photo").validators,
        widget=forms.ClearableFileInput(
            attrs={"accept": "image/*", "capture": "environment", "data-shrink": "1600"}
        ),
    )
    latitude = forms.DecimalField(
        max_digits=9, decimal_places=6, required=False, widget=forms.HiddenInput
    )
    longitude = forms.DecimalField(
        max_digits=9, decimal_places=6, required=False, widget=forms.HiddenInput
    )

    @classmethod
    def blank(cls, **initial):
        return super().blank(visited_on=timezone.localdate(), **initial)


class ReferralForm(FieldForm):
    kind = forms.ChoiceField(
        label=_("Refer to"), choices=Referral.Kind.choices, widget=forms.RadioSelect
    )
    need = forms.CharField(label=_("What is needed"), widget=forms.Textarea(attrs={"rows": 3}))
    amount_wished = RupiahField(
        label=_("Amount wished (Rp), for a loan"), required=False, min_value=1, max_value=10_000_000
    )
    training_topic = forms.CharField(
        label=_("Which certification or skill, for training"), required=False, max_length=120
    )


class DeclineForm(forms.Form):
    reason = forms.CharField(label=_("Reason"), widget=forms.Textarea(attrs={"rows": 2}))


class ReviewDecisionForm(forms.Form):
    """The office's decision on what a mentor sent: accept or reject, with a note. Nothing
    but these two words decides (a missing or crafted decision is asked again)."""

    ACCEPT, REJECT = "accept", "reject"

    decision = forms.ChoiceField(
        choices=[(ACCEPT, _("Accept")), (REJECT, _("Reject"))],
        error_messages={
            "required": _("Choose accept or reject."),
            "invalid_choice": _("Choose accept or reject."),
        },
    )
    note = forms.CharField(label=_("Note"), required=False, max_length=1000)


class CohortChoiceForm(forms.Form):
    """Taking up a training referral: the cohort the business joins, one of `cohorts`."""

    cohort = forms.ModelChoiceField(label=_("Cohort"), queryset=Cohort.objects.none())

    def __init__(self, *args, cohorts, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["cohort"].queryset = cohorts


class FieldRegistrationForm(UMKMForm):
    """A business met in the field that is not in the registry yet: the least the office
    needs, typed on a phone."""

    client_id = forms.UUIDField(widget=forms.HiddenInput)

    class Meta(UMKMForm.Meta):
        fields = [
            "name", "owner_name", "owner_nik", "owner_sex", "owner_phone",
            "address", "kelurahan", "sector", "product",
        ]  # fmt: skip

    def __init__(self, *args, kelurahan_ids=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["kelurahan"].queryset = Kelurahan.objects.filter(pk__in=kelurahan_ids)
        for name in ("owner_nik", "owner_phone"):
            self.fields[name].widget.attrs["inputmode"] = "numeric"

    @classmethod
    def blank(cls, **kwargs):
        return cls(initial={"client_id": uuid.uuid4()}, **kwargs)


class FieldCorrectionForm(UMKMForm):
    """Contact details and status apply at once; name, NIK and NIB wait for the office."""

    client_id = forms.UUIDField(widget=forms.HiddenInput)

    class Meta(UMKMForm.Meta):
        fields = ["owner_phone", "address", "status", "name", "owner_nik", "nib"]
