from django import forms
from django.utils.translation import gettext_lazy as _

from cilegon_umkm.kernel.form_fields import RupiahField

from .errors import RegistryError
from .models import UMKM, SectorWord
from .services.sector_words import sector_word_check
from .validators import normalize_phone, only_digits


class UMKMForm(forms.ModelForm):
    """Create and edit a business: identifiers are cleaned the way the importer cleans them,
    so a NIK typed with spaces or a phone written 0812-... is accepted and stored alike.
    The model's own validators then check the cleaned value."""

    # Room for the spaces and dashes people type; the stored value is checked afterwards.
    owner_nik = forms.CharField(label=_("owner NIK"), max_length=32)
    owner_phone = forms.CharField(label=_("phone"), max_length=32, required=False)
    nib = forms.CharField(label=_("NIB"), max_length=32, required=False)

    class Meta:
        model = UMKM
        fields = [
            "name", "status", "is_entrepreneur", "source",
            "owner_name", "owner_nik", "owner_sex", "owner_phone", "nib",
            "address", "kelurahan",
            "kbli", "sector", "product",
            "capital", "annual_turnover", "workers", "year_started",
        ]  # fmt: skip
        # Rupiah as people type them (5.000.000), by the rules of every amount in the portal.
        field_classes = {"capital": RupiahField, "annual_turnover": RupiahField}

    def clean_owner_nik(self):
        return only_digits(self.cleaned_data["owner_nik"])

    def clean_nib(self):
        return only_digits(self.cleaned_data.get("nib")) or None

    def clean_owner_phone(self):
        return normalize_phone(self.cleaned_data.get("owner_phone"))

    def clean_kbli(self):
        return only_digits(self.cleaned_data.get("kbli"))


class MergeChoiceForm(forms.Form):
    """Which record of a pair of duplicates stays: nothing but these two words merges. Two
    owner NIKs also need staff's confirmation that they are one owner, and why."""

    FIRST, SECOND = "first", "second"

    keep = forms.ChoiceField(
        choices=[(FIRST, FIRST), (SECOND, SECOND)],
        error_messages={
            "required": _("Choose the record to keep."),
            "invalid_choice": _("Choose the record to keep."),
        },
    )
    same_owner = forms.BooleanField(
        label=_("The owner NIKs differ: I confirmed they are the same owner"), required=False
    )
    # Kept in the history's reason, which holds 100 characters with the rest of the note.
    reason = forms.CharField(label=_("Why"), max_length=60, required=False)


class SectorWordForm(forms.ModelForm):
    """A sektor word of the import files and the sector it means, checked by the service's
    own rules before the admin saves it."""

    class Meta:
        model = SectorWord
        fields = ["word", "sector"]
        help_texts = {
            "word": _("As the import files write it; case, spacing and punctuation do not count."),
        }

    def clean(self):
        data = super().clean()
        if "word" in data and "sector" in data:
            try:
                data["word"] = sector_word_check(
                    word=data["word"],
                    sector=data["sector"],
                    mapping=self.instance if self.instance.pk else None,
                )
            except RegistryError as error:
                raise forms.ValidationError(str(error)) from error
        return data
