from django import forms
from django.contrib import admin
from django.http import HttpRequest, HttpResponse
from django.utils.translation import gettext_lazy as _

from cilegon_umkm.kernel.admin import DateHierarchyMixin, ReadOnlyAdminMixin
from cilegon_umkm.kernel.form_fields import rupiah_formfields
from cilegon_umkm.kernel.formatting import format_rupiah

from .errors import TrainingError
from .models import Allocation, BudgetLine, Cohort, Module, Spending, Track
from .selectors.budget import (
    allocation_problem,
    budget_line_problem,
    cohort_cost_problem,
    line_spent,
)
from .services import allocation_save, budget_line_save, cohort_save


class BudgetRuleForm(forms.ModelForm):
    """Checks the budget's rule for the row as typed, with the same selector the service
    checks again under a lock when the admin saves through it."""

    @staticmethod
    def problem(instance) -> str | None:
        raise NotImplementedError

    def _post_clean(self):
        super()._post_clean()  # the instance now holds what was typed
        if not self.errors:
            problem = self.problem(self.instance)
            if problem:
                self.add_error(None, problem)


class AllocationForm(BudgetRuleForm):
    problem = staticmethod(allocation_problem)


class BudgetLineForm(BudgetRuleForm):
    problem = staticmethod(budget_line_problem)


class CohortForm(BudgetRuleForm):
    problem = staticmethod(cohort_cost_problem)


# Where the service's refusal waits, on the request, for the form shown again.
_REFUSAL = "_training_refusal"


class ServiceSaveAdmin(admin.ModelAdmin):
    """An admin whose save_model saves through a service that checks the budget again under
    its lock. The form checked the row without the lock, so the service may still refuse it
    (someone else's row was saved in between): the page is then shown again with what was
    typed and the refusal as the form's error, and nothing is saved, never a server error."""

    def changeform_view(
        self,
        request: HttpRequest,
        object_id: str | None = None,
        form_url: str = "",
        extra_context: dict | None = None,
    ) -> HttpResponse:
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)
        except TrainingError as refusal:  # raised in save_model; its transaction rolled back
            setattr(request, _REFUSAL, str(refusal))
            return super().changeform_view(request, object_id, form_url, extra_context)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change, **kwargs)
        refusal = getattr(request, _REFUSAL, None)
        if refusal is None:
            return form

        class RefusedForm(form):  # type: ignore[valid-type,misc]
            def _post_clean(self) -> None:
                super()._post_clean()
                if refusal not in self.non_field_errors():
                    self.add_error(None, refusal)

        return RefusedForm


class BudgetLineInline(admin.TabularInline):
    """The allocation's lines, read here; each is added and changed on its own page, where
    the lines are checked against the allocation under its lock."""

    model = BudgetLine
    extra = 0
    fields = ("category", "name", "amount_rp", "spent_rp")
    readonly_fields = fields
    show_change_link = True

    def has_add_permission(self, request, obj=None) -> bool:
        return False

    def has_change_permission(self, request, obj=None) -> bool:
        return False

    def has_delete_permission(self, request, obj=None) -> bool:
        return False

    @admin.display(description="Rp")
    def amount_rp(self, obj):
        return format_rupiah(obj.amount)

    @admin.display(description=_("spent (realisasi)"))
    def spent_rp(self, obj):
        return format_rupiah(line_spent(obj))


@admin.register(Allocation)
class AllocationAdmin(ServiceSaveAdmin):
    form = AllocationForm
    formfield_overrides = rupiah_formfields()
    list_display = ("fiscal_year", "source", "amount_rp")
    inlines = [BudgetLineInline]

    def save_model(self, request, obj, form, change):
        allocation_save(allocation=obj)

    @admin.display(description="Rp")
    def amount_rp(self, obj):
        return format_rupiah(obj.amount)


@admin.register(BudgetLine)
class BudgetLineAdmin(ServiceSaveAdmin):
    form = BudgetLineForm
    formfield_overrides = rupiah_formfields()
    list_display = ("name", "allocation", "category", "amount_rp", "spent_rp")
    list_filter = ("allocation__fiscal_year", "category")
    list_select_related = ("allocation",)

    def save_model(self, request, obj, form, change):
        budget_line_save(line=obj)

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
class CohortAdmin(DateHierarchyMixin, ServiceSaveAdmin):
    form = CohortForm
    formfield_overrides = rupiah_formfields()  # cost per participant
    list_display = ("name", "track", "starts_on", "ends_on", "quota", "venue")
    list_filter = ("track", "budget_line__allocation__fiscal_year")
    list_select_related = ("track",)
    date_hierarchy = "starts_on"

    def save_model(self, request, obj, form, change):
        cohort_save(cohort=obj)
