from django.contrib import admin

from cilegon_umkm.kernel.admin import ReadOnlyAdminMixin
from cilegon_umkm.kernel.form_fields import rupiah_formfields
from cilegon_umkm.kernel.formatting import format_rupiah

from .models import Allocation, BudgetLine, Cohort, Module, Spending, Track
from .selectors.budget import line_spent


class BudgetLineInline(admin.TabularInline):
    model = BudgetLine
    extra = 0
    fields = ("category", "name", "amount")
    formfield_overrides = rupiah_formfields()


@admin.register(Allocation)
class AllocationAdmin(admin.ModelAdmin):
    formfield_overrides = rupiah_formfields()
    list_display = ("fiscal_year", "source", "amount_rp")
    inlines = [BudgetLineInline]

    @admin.display(description="Rp")
    def amount_rp(self, obj):
        return format_rupiah(obj.amount)


@admin.register(BudgetLine)
class BudgetLineAdmin(admin.ModelAdmin):
    formfield_overrides = rupiah_formfields()
    list_display = ("name", "allocation", "category", "amount_rp", "spent_rp")
    list_filter = ("allocation__fiscal_year", "category")
    list_select_related = ("allocation",)

    @admin.display(description="Rp")
    def amount_rp(self, obj):
        return format_rupiah(obj.amount)

    @admin.display(description="Realisasi")
    def spent_rp(self, obj):
        return format_rupiah(line_spent(obj))


@admin.register(Spending)
class SpendingAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    """Posted spending is only read here: it is posted and reversed on the budget page."""

    list_display = ("spent_on", "line", "description", "document_no", "amount")
    list_filter = ("line__allocation__fiscal_year", "line")
    list_select_related = ("line__allocation",)


class ModuleInline(admin.TabularInline):
    model = Module
    extra = 1
    fields = ("order", "name", "hours", "pass_score")


@admin.register(Track)
class TrackAdmin(admin.ModelAdmin):
    list_display = ("name", "supply_category", "certificate_kind", "attendance_threshold", "active")
    list_filter = ("supply_category", "certificate_kind", "active")
    inlines = [ModuleInline]


@admin.register(Cohort)
class CohortAdmin(admin.ModelAdmin):
    formfield_overrides = rupiah_formfields()  # cost per participant
    list_display = ("name", "track", "starts_on", "ends_on", "quota", "venue")
    list_filter = ("track", "budget_line__allocation__fiscal_year")
    list_select_related = ("track",)
    date_hierarchy = "starts_on"
