from django.contrib import admin
from django.utils.translation import gettext_lazy as _

from .models import Kecamatan, Kelurahan


class ReadOnlyReferenceAdmin(admin.ModelAdmin):
    """Geography is Kemendagri reference data loaded by a migration: browsable, not editable."""

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


class KelurahanInline(admin.TabularInline):
    model = Kelurahan
    fields = ("code", "name", "alt_names")
    extra = 0

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Kecamatan)
class KecamatanAdmin(ReadOnlyReferenceAdmin):
    list_display = ("code", "name", "kelurahan_count")
    search_fields = ("name", "code")
    inlines = [KelurahanInline]

    def get_queryset(self, request):
        from django.db.models import Count

        return super().get_queryset(request).annotate(n_kelurahan=Count("kelurahan_set"))

    @admin.display(description=_("kelurahan"), ordering="n_kelurahan")
    def kelurahan_count(self, obj) -> int:
        return obj.n_kelurahan


@admin.register(Kelurahan)
class KelurahanAdmin(ReadOnlyReferenceAdmin):
    list_display = ("code", "name", "kecamatan")
    list_filter = ("kecamatan",)
    list_select_related = ("kecamatan",)
    # Later admins (UMKM) use autocomplete for kelurahan; it needs search_fields here.
    search_fields = ("name", "code", "kecamatan__name")
