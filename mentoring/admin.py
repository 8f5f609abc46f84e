from django.contrib import admin
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cilegon_umkm.accounts.models import User
from cilegon_umkm.accounts.roles import Role
from cilegon_umkm.kernel.admin import DateHierarchyMixin

from .models import Assignment, Mentor


class AssignmentInline(admin.TabularInline):
    model = Assignment
    extra = 1
    fields = ("kelurahan", "kecamatan", "starts_on", "ends_on", "note")
    autocomplete_fields = ("kelurahan", "kecamatan")
    # Ending an assignment keeps the record of who covered the area: no deleting here.
    can_delete = False


@admin.register(Mentor)
class MentorAdmin(SimpleHistoryAdmin):
    list_display = ("__str__", "kind", "paid_by", "phone", "active")
    list_filter = ("kind", "paid_by", "active")
    list_select_related = ("user",)
    search_fields = ("user__first_name", "user__last_name", "user__username", "phone")
    inlines = [AssignmentInline]

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        if db_field.name == "user":  # only people who hold a mentor role
            kwargs["queryset"] = User.objects.filter(
                groups__name__in=[Role.PENDAMPING_EKONOMI, Role.PENDAMPING_PDB]
            ).distinct()
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


@admin.register(Assignment)
class AssignmentAdmin(DateHierarchyMixin, SimpleHistoryAdmin):
    list_display = ("mentor", "area", "starts_on", "ends_on")
    list_filter = ("mentor__kind", "kecamatan", "kelurahan__kecamatan")
    list_select_related = ("mentor__user", "kelurahan", "kecamatan")
    search_fields = ("mentor__user__first_name", "mentor__user__last_name", "kelurahan__name")
    autocomplete_fields = ("mentor", "kelurahan", "kecamatan")
    date_hierarchy = "starts_on"

    @admin.display(description=_("area"))
    def area(self, obj):
        return obj.kelurahan or obj.kecamatan

    def has_delete_permission(self, request, obj=None):
        return False
