"""The filters of the training pages' lists (query parameters in Indonesian)."""

from __future__ import annotations

import django_filters
from django import forms
from django.utils.translation import gettext_lazy as _

from registry.models import Kecamatan

from .models import SupplyCategory
from .selectors.directory import prepared_for


def _autosubmit(label) -> forms.Select:
    return forms.Select(
        attrs={
            "class": "form-select form-select-sm w-auto",
            "aria-label": label,
            "data-autosubmit": True,
        }
    )


class SupplierFilter(django_filters.FilterSet):
    """The supplier directory, its export and its pages: ?kategori=&kecamatan=."""

    kategori = django_filters.ChoiceFilter(
        label=_("Supply category"),
        choices=SupplyCategory.choices,
        empty_label=_("All supply categories"),
        method="in_category",
        widget=_autosubmit(_("Supply category")),
    )
    kecamatan = django_filters.ModelChoiceFilter(
        label=_("Kecamatan"),
        queryset=Kecamatan.objects.all(),
        empty_label=_("All kecamatan"),
        method="in_kecamatan",
        widget=_autosubmit(_("Kecamatan")),
    )

    def in_category(self, queryset, name, value):
        return prepared_for(queryset, value)

    def in_kecamatan(self, queryset, name, value):
        return queryset.filter(kelurahan__kecamatan=value)
