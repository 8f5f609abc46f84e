"""The training pages' forms: every POST is read through one of these, so that a mistyped
value is refused with a message instead of being read as nothing."""

from __future__ import annotations

from typing import cast

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from cilegon_umkm.kernel.form_fields import DateInput, RupiahField
from registry.models import REAL_ISSUERS, UMKM, Certification, CertificationKind

from .models import Allocation, BudgetLine, Cohort, Enrollment, Module
from .services.completion import by_the_dinas, issued_before, issued_by_the_dinas, wrong_kind

# Far beyond any DAK allocation, and within what the amount column and the messages take.
MAX_AMOUNT = 10**15
# The reversal's description is "Reversal: <reason>" in a 255-character column.
REVERSAL_REASON_MAX = 200


class YearForm(forms.Form):
    """The fiscal year of the budget and report pages (?tahun=); anything else is ignored."""

    tahun = forms.IntegerField(min_value=1, max_value=32767, required=False)  # the column's range

    def year(self) -> int | None:
        return self.cleaned_data["tahun"] if self.is_valid() else None


class SpendingForm(forms.Form):
    line = forms.ModelChoiceField(label=_("Budget line"), queryset=BudgetLine.objects.none())
    spent_on = forms.DateField(label=_("Date"), widget=DateInput())
    amount = RupiahField(label=_("Amount (Rp)"), min_value=1, max_value=MAX_AMOUNT)
    description = forms.CharField(label=_("Description"), max_length=255)
    document_no = forms.CharField(label=_("Document number"), max_length=80, required=False)

    def __init__(self, *args, allocation: Allocation, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["line"].queryset = allocation.lines.all()


class SpendingReverseForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=REVERSAL_REASON_MAX,
        error_messages={"required": _("Say why the entry is reversed.")},
    )


class EnrollForm(forms.Form):
    """The business found in the registry search, as a hidden field of its Enrol button."""

    umkm = forms.ModelChoiceField(
        queryset=UMKM.objects.all(),
        widget=forms.HiddenInput,
        error_messages={
            "required": _("Only businesses in the registry can take part."),
            "invalid_choice": _("Only businesses in the registry can take part."),
        },
    )
    override_reason = forms.CharField(
        label=_("Reason for enrolling an owner who holds this track's certificate"),
        max_length=500,
        required=False,
    )


class ModuleChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, module: Module) -> str:
        if module.pass_score is None:
            return str(module)
        # Not an f-string: makemessages cannot read a message inside one.
        return _("%(module)s (pass mark %(score)s)") % {
            "module": module,
            "score": module.pass_score,
        }


def _module_field() -> ModuleChoiceField:
    """A module of the cohort's track (the queryset is set per form); none other."""
    return ModuleChoiceField(
        label=_("Module"),
        queryset=Module.objects.none(),
        empty_label=None,
        error_messages={
            "required": _("This module is not part of the cohort's track."),
            "invalid_choice": _("This module is not part of the cohort's track."),
        },
    )


class SessionForm(forms.Form):
    """A session of a cohort's module and who of the enrolled participants was there."""

    module = _module_field()
    held_on = forms.DateField(
        label=_("Date"),
        widget=DateInput(),
        error_messages={
            "required": _("Give the date of the session."),
            "invalid": _("Give the date of the session."),
        },
    )
    present = forms.ModelMultipleChoiceField(
        label=_("Present"),
        queryset=Enrollment.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        error_messages={
            "invalid_choice": _("Attendance is recorded for this cohort's participants only."),
            "invalid_pk_value": _("Attendance is recorded for this cohort's participants only."),
        },
    )

    def __init__(self, *args, cohort: Cohort, **kwargs):
        enrolled = cohort.enrollments.filter(state=Enrollment.State.ENROLLED)
        today = timezone.localdate()
        held_on = min(today, cohort.ends_on) if cohort.starts_on <= today else None
        # Everyone starts absent: a tick is a statement that the participant was there.
        kwargs.setdefault("initial", {"held_on": held_on, "present": []})
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = Module.objects.filter(track=cohort.track_id)
        self.fields["present"].queryset = enrolled

    def present_ids(self) -> set[int]:
        """The participants ticked, as typed (to show the form again) or as initially."""
        value = self["present"].value() or []
        return {int(v) for v in value if str(v).isascii() and str(v).isdigit()}


class ResultForm(forms.Form):
    """A module's result: a score where the module has a passing score, otherwise the
    trainer's pass or fail (the two buttons)."""

    module = _module_field()
    score = forms.IntegerField(
        label=_("Score (where the module has a passing score)"),
        required=False,
        min_value=0,  # scores are given out of 100
        max_value=100,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "autocomplete": "off"}),
        error_messages={
            key: _("The score is a whole number from 0 to 100.")
            for key in ("invalid", "min_value", "max_value")
        },
    )
    passed = forms.TypedChoiceField(
        choices=[("1", _("Passed")), ("0", _("Not passed"))],
        coerce=lambda value: value == "1",
        required=False,
        empty_value=None,
        error_messages={"invalid_choice": _("Say whether the participant passed.")},
    )

    def __init__(self, *args, enrollment: Enrollment, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["module"].queryset = Module.objects.filter(track=enrollment.cohort.track_id)

    def clean(self):
        data = super().clean()
        module = data.get("module")
        if module is None or self.has_error("score"):
            return data
        if module.pass_score is not None:
            if data.get("score") is None:
                self.add_error("score", _("This module needs a score."))
        elif data.get("passed") is None and not self.has_error("passed"):
            self.add_error(None, _("Say whether the participant passed."))
        return data


class RevokeForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason"),
        max_length=500,
        error_messages={"required": _("Say why the certificate is revoked.")},
    )


# The registry's columns.
NUMBER_MAX = Certification._meta.get_field("number").max_length
ISSUER_MAX = Certification._meta.get_field("issuer").max_length


class FacilitatedCertificationForm(forms.Form):
    """A certificate that arrived from its real issuer for a participant: the track's own
    kind of certificate only, from someone other than the Dinas, issued once the cohort began
    (the rules of training.services.facilitated_certification_record, said by field)."""

    kind = forms.ChoiceField(
        label=_("Certificate"),
        choices=[("", "---------")]
        + [(k.value, k.label) for k in CertificationKind if k != CertificationKind.TRAINING],
        error_messages={
            "required": _("Choose the kind of certificate."),
            "invalid_choice": _(
                "The training certificate is issued by the Dinas when the path is complete."
            ),
        },
    )
    number = forms.CharField(
        label=_("Certificate number"),
        max_length=NUMBER_MAX,
        error_messages={"required": _("Give the certificate's number and who issued it.")},
    )
    issuer = forms.CharField(
        label=_("Issued by"),
        max_length=ISSUER_MAX,
        error_messages={"required": _("Give the certificate's number and who issued it.")},
    )
    issued_on = forms.DateField(
        label=_("Issued on"),
        widget=DateInput(),
        error_messages={
            "required": _("Give the date on the certificate."),
            "invalid": _("Give the date on the certificate."),
        },
    )
    expires_on = forms.DateField(
        label=_("Expires on"),
        widget=DateInput(),
        required=False,
        help_text=_("Leave empty if it does not expire."),
        error_messages={"invalid": _("Give the date on the certificate.")},
    )

    def __init__(self, *args, cohort: Cohort, **kwargs):
        track = cohort.track
        self.cohort = cohort
        if track.certificate_kind != CertificationKind.TRAINING:
            kwargs.setdefault("initial", {"kind": track.certificate_kind})
        super().__init__(*args, **kwargs)
        kind = cast(forms.ChoiceField, self.fields["kind"])
        # The track's own certificate only (none where it ends in the training certificate).
        kind.choices = [
            (value, label) for value, label in kind.choices if value == track.certificate_kind
        ]
        kind.error_messages["invalid_choice"] = wrong_kind(track)
        hint = REAL_ISSUERS.get(track.certificate_kind)
        if hint:
            self.fields["issuer"].widget.attrs["placeholder"] = hint

    @staticmethod
    def issuer_hints() -> list[tuple[str, str]]:
        """(kind, who issues it), for the hint under the form and the issuer's suggestions."""
        return [(kind.label, issuer) for kind, issuer in REAL_ISSUERS.items()]

    def clean_issuer(self):
        issuer = self.cleaned_data["issuer"]
        if issued_by_the_dinas(issuer):
            raise forms.ValidationError(by_the_dinas())
        return issuer

    def clean_issued_on(self):
        issued_on = self.cleaned_data["issued_on"]
        if issued_on > timezone.localdate():
            raise forms.ValidationError(
                _("A certificate is recorded once it was issued, not before.")
            )
        if issued_on < self.cohort.starts_on:
            raise forms.ValidationError(issued_before(self.cohort))
        return issued_on

    def clean(self):
        data = super().clean()
        issued_on, expires_on = data.get("issued_on"), data.get("expires_on")
        if issued_on and expires_on and expires_on < issued_on:
            self.add_error("expires_on", _("A certificate cannot expire before it is issued."))
        return data
