from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _

from cilegon_umkm.kernel.admin import DateHierarchyMixin, ReadOnlyAdminMixin
from cilegon_umkm.kernel.form_fields import rupiah_formfields
from cilegon_umkm.kernel.formatting import format_rupiah
from cilegon_umkm.kernel.pagination import BoundedCountPaginator

from .arrears import Band, table_problems
from .models import (
    Application,
    ApplicationEvent,
    CollectibilityBand,
    Fund,
    FundEntry,
    Installment,
    Loan,
    Product,
    Repayment,
    ReversalRequest,
    Survey,
)
from .selectors import fund_balances
from .terms import denda_in_words


@admin.register(Fund)
class FundAdmin(admin.ModelAdmin):
    list_display = ("name", "partner_bank", "is_active", "available")
    readonly_fields = ("available",)

    @admin.display(description=_("Available to lend"))
    def available(self, obj: Fund) -> str:
        return format_rupiah(fund_balances(obj).available) if obj.pk else "-"


@admin.register(FundEntry)
class FundEntryAdmin(DateHierarchyMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("entry_date", "fund", "kind", "amount", "loan", "note", "created_by")
    list_filter = ("fund", "kind")
    list_select_related = ("fund", "loan", "created_by")
    search_fields = ("loan__number", "note")
    date_hierarchy = "entry_date"
    paginator = BoundedCountPaginator
    show_full_result_count = False


@admin.register(Product)
class ProductAdmin(admin.ModelAdmin):
    # min_amount, max_amount and rounding_multiple: Rupiah typed by the rules of every form.
    formfield_overrides = rupiah_formfields(models.BigIntegerField, models.PositiveIntegerField)
    list_display = (
        "name",
        "fund",
        "max_amount",
        "jasa_percent_per_year",
        "tenors",
        "active_from",
        "active_to",
    )
    list_filter = ("fund",)
    readonly_fields = ("denda_rule",)

    @admin.display(description=_("Denda rule"))
    def denda_rule(self, obj: Product) -> str:
        return denda_in_words(obj.denda_rule)


def _as_band(row: CollectibilityBand) -> Band:
    return Band(row.level, row.name, row.min_days, row.max_days)


class CollectibilityBandForm(forms.ModelForm):
    """One band changed on its own page: the table with it must stay whole."""

    class Meta:
        model = CollectibilityBand
        fields = ("name", "min_days", "max_days")

    def clean(self) -> dict:
        cleaned = super().clean()
        if self.errors:
            return cleaned
        changed = Band(
            self.instance.level, cleaned["name"], cleaned["min_days"], cleaned.get("max_days")
        )
        others = CollectibilityBand.objects.exclude(pk=self.instance.pk)
        problems = table_problems([changed, *(_as_band(row) for row in others)])
        if problems:
            raise forms.ValidationError(
                [*problems, _("To move a boundary, edit both bands at once in the table's list.")]
            )
        return cleaned


class CollectibilityTableFormSet(forms.BaseModelFormSet):
    """The table's list, edited in place: all five bands are checked together."""

    def clean(self) -> None:
        super().clean()
        if any(form.errors for form in self.forms):
            return
        edited = {form.instance.pk: form for form in self.forms}
        bands = []
        for row in CollectibilityBand.objects.all():
            form = edited.get(row.pk)
            data = form.cleaned_data if form is not None else {}
            bands.append(
                Band(
                    row.level,
                    data.get("name", row.name),
                    data.get("min_days", row.min_days),
                    data.get("max_days", row.max_days) if form is not None else row.max_days,
                )
            )
        problems = table_problems(bands)
        if problems:
            raise forms.ValidationError(problems)


@admin.register(CollectibilityBand)
class CollectibilityBandAdmin(admin.ModelAdmin):
    """Only the Kepala UPT and the Admin change it; it must give every day past due exactly
    one level, or the arrears of a loan would have none."""

    form = CollectibilityBandForm
    list_display = ("level", "name", "min_days", "max_days")
    list_editable = ("name", "min_days", "max_days")

    def get_changelist_formset(self, request, **kwargs):
        kwargs["formset"] = CollectibilityTableFormSet
        return super().get_changelist_formset(request, **kwargs)

    def has_add_permission(self, request):
        return False  # five levels, always: the table is edited, not extended

    def has_delete_permission(self, request, obj=None):
        return False


class EventInline(admin.TabularInline):
    model = ApplicationEvent
    fields = ("at", "from_state", "to_state", "actor", "note")
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Application)
class ApplicationAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("id", "umkm", "product", "amount", "state", "created_at")
    list_filter = ("state", "product")
    list_select_related = ("umkm", "product")
    search_fields = ("umkm__name", "umkm__owner_name")
    inlines = [EventInline]


@admin.register(Survey)
class SurveyAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("application", "surveyed_by", "surveyed_on", "recommendation")


class InstallmentInline(admin.TabularInline):
    model = Installment
    fields = (
        "number",
        "due_date",
        "principal",
        "jasa",
        "principal_paid",
        "jasa_paid",
        "denda_paid",
        "settled_on",
    )
    readonly_fields = fields
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False


@admin.register(Loan)
class LoanAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("number", "umkm", "principal", "disbursed_on", "status")
    list_filter = ("status", "product")
    list_select_related = ("umkm",)
    search_fields = ("number", "umkm__name", "umkm__owner_name")
    inlines = [InstallmentInline]
    paginator = BoundedCountPaginator
    show_full_result_count = False


@admin.register(Repayment)
class RepaymentAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("paid_on", "loan", "amount", "receipt_no", "channel", "posted_by")
    list_select_related = ("loan", "posted_by")
    search_fields = ("loan__number", "receipt_no")
    paginator = BoundedCountPaginator
    show_full_result_count = False


@admin.register(ReversalRequest)
class ReversalRequestAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """The two-step reversals, for an auditor to browse: decided on the lending pages."""

    list_display = ("requested_at", "repayment", "state", "requested_by", "decided_by")
    list_filter = ("state",)
    list_select_related = ("repayment__loan", "requested_by", "decided_by")
    search_fields = ("repayment__loan__number", "repayment__receipt_no")
