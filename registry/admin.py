from django.contrib import admin, messages
from django.contrib.admin.options import IncorrectLookupParameters
from django.contrib.admin.views.main import SEARCH_VAR
from django.core.exceptions import PermissionDenied
from django.db.models import Count
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from simple_history.admin import SimpleHistoryAdmin

from cilegon_umkm.kernel.admin import DateHierarchyMixin, ReadOnlyAdminMixin
from cilegon_umkm.kernel.form_fields import rupiah_formfields
from cilegon_umkm.kernel.formatting import format_rupiah
from cilegon_umkm.kernel.pagination import BoundedCountPaginator

from . import permissions
from .forms import SectorWordForm, UMKMForm
from .importing.cells import best_sector
from .models import (
    UMKM,
    Certification,
    CertificationKind,
    ImportBatch,
    Kecamatan,
    Kelurahan,
    PersonalDataAccess,
    SectorWord,
)
from .selectors import (
    businesses_with_word,
    search_umkm,
    unmapped_sector_words,
    with_certification,
)
from .services import personal_data_access_log, sector_word_apply, sector_word_save
from .size import Size, SizeBasis


class KelurahanInline(ReadOnlyAdminMixin, admin.TabularInline):
    model = Kelurahan
    fields = ("code", "name", "alt_names")
    extra = 0


@admin.register(Kecamatan)
class KecamatanAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name", "kelurahan_count")
    search_fields = ("name", "code")
    inlines = [KelurahanInline]

    def get_queryset(self, request):
        # Ordered again: a query with GROUP BY leaves Meta.ordering out (the autocomplete's
        # pages would come in no fixed order).
        qs = super().get_queryset(request).annotate(n_kelurahan=Count("kelurahan_set"))
        return qs.order_by("code")

    @admin.display(description=_("kelurahan"), ordering="n_kelurahan")
    def kelurahan_count(self, obj) -> int:
        return obj.n_kelurahan


@admin.register(Kelurahan)
class KelurahanAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("code", "name", "kecamatan")
    list_filter = ("kecamatan",)
    list_select_related = ("kecamatan",)
    # The UMKM form's kelurahan autocomplete searches these.
    search_fields = ("name", "code", "kecamatan__name")


# List filters that read their choices from code or small tables, never with a DISTINCT
# over the business table, which grows costly with the registry.
class KecamatanFilter(admin.SimpleListFilter):
    title = _("kecamatan")
    parameter_name = "kecamatan"

    def lookups(self, request, model_admin):
        return [(k.pk, k.name) for k in Kecamatan.objects.all()]

    def queryset(self, request, queryset):
        if not self.value():
            return queryset
        if self.value() not in {str(pk) for pk, _name in self.lookup_choices}:
            # Typed, not chosen ("abc", "²"): the admin's answer to a lookup it cannot read.
            raise IncorrectLookupParameters(f"no kecamatan {self.value()!r}")
        return queryset.filter(kelurahan__kecamatan_id=self.value())


class SizeFilter(admin.SimpleListFilter):
    title = _("size")
    parameter_name = "size"

    def lookups(self, request, model_admin):
        return Size.choices

    def queryset(self, request, queryset):
        return queryset.filter(size=self.value()) if self.value() else queryset


class CertificationFilter(admin.SimpleListFilter):
    title = _("certification")
    parameter_name = "certification"

    def lookups(self, request, model_admin):
        return CertificationKind.choices

    def queryset(self, request, queryset):
        return with_certification(queryset, self.value()) if self.value() else queryset


class CertificationInline(admin.TabularInline):
    model = Certification
    fields = ("kind", "number", "issuer", "issued_on", "expires_on")
    extra = 0


@admin.register(UMKM)
class UMKMAdmin(SimpleHistoryAdmin):
    form = UMKMForm
    formfield_overrides = rupiah_formfields()  # capital and turnover
    list_display = (
        "name", "owner_name", "nik", "kelurahan", "kecamatan_name", "size", "sector", "status",
    )  # fmt: skip
    list_select_related = ("kelurahan__kecamatan",)
    list_filter = (
        KecamatanFilter, "kelurahan", SizeFilter, "sector", "status", "source",
        CertificationFilter,
    )  # fmt: skip
    search_fields = ("name",)  # the search itself is search_umkm (see get_search_results)
    search_help_text = _("Business or owner name (typos allowed), NIK, NIB or phone number.")
    autocomplete_fields = ("kelurahan",)
    inlines = [CertificationInline]
    paginator = BoundedCountPaginator
    show_full_result_count = False  # no second COUNT(*) of the whole table on every page
    show_facets = admin.ShowFacets.NEVER
    list_per_page = 50
    readonly_fields = (
        "size_with_figures", "created_at", "updated_at", "masked_nik", "sector_word",
    )  # fmt: skip
    fieldsets = (
        (_("Business"), {"fields": ("name", "status", "is_entrepreneur", "source")}),
        (_("Owner"), {"fields": ("owner_name", "owner_nik", "owner_sex", "owner_phone", "nib")}),
        (_("Location"), {"fields": ("address", "kelurahan")}),
        (_("Sector"), {"fields": ("kbli", "sector", "sector_word", "product")}),
        (
            _("Size (PP 7/2021)"),
            {
                "fields": (
                    "capital",
                    "annual_turnover",
                    "size_with_figures",
                    "workers",
                    "year_started",
                )
            },
        ),
        (_("Record"), {"fields": ("created_at", "updated_at")}),
    )

    def get_ordering(self, request):
        # A search is ordered as the registry's search box orders it (search_umkm): by name,
        # PostgreSQL would walk the name index and filter, slow for a common word in a large
        # registry.
        if request.GET.get(SEARCH_VAR):
            return ("search_text", "id")
        return super().get_ordering(request)

    def get_search_results(self, request, queryset, search_term):
        if not search_term:
            return queryset, False
        return search_umkm(queryset, search_term), False

    def save_model(self, request, obj, form, change):
        if "sector" in form.changed_data:
            obj.sector_word = ""  # staff chose the sector: no longer an import's guess
        super().save_model(request, obj, form, change)
        # Saved all the same, but the office should look again (registry.validators).
        for flag in obj.flags:
            messages.warning(request, flag)

    def get_fieldsets(self, request, obj=None):
        if permissions.can_view_full_nik(request.user):
            return self.fieldsets
        # Without the NIK permission the NIK is shown masked and cannot be edited.
        return [
            (title, {"fields": [("masked_nik" if f == "owner_nik" else f) for f in opts["fields"]]})
            for title, opts in self.fieldsets
        ]

    def get_object(self, request, object_id, from_field=None):
        obj = super().get_object(request, object_id, from_field)
        # The change form shows the full NIK to those allowed to see it: each time is logged.
        if (
            obj is not None
            and request.method == "GET"
            and permissions.can_view_full_nik(request.user)
        ):
            personal_data_access_log(
                user=request.user, umkm_id=obj.pk, action=PersonalDataAccess.Action.ADMIN
            )
        return obj

    def history_view(self, request, object_id, extra_context=None):
        self._require_full_nik(request, object_id)
        return super().history_view(request, object_id, extra_context)

    def history_form_view(self, request, object_id, version_id, extra_context=None):
        self._require_full_nik(request, object_id)
        return super().history_form_view(request, object_id, version_id, extra_context)

    def _require_full_nik(self, request, object_id) -> None:
        # Past versions show past NIKs in full: only for those allowed, and logged.
        if not permissions.can_view_full_nik(request.user):
            raise PermissionDenied
        umkm = UMKM.objects.filter(pk=object_id).values_list("pk", flat=True).first()
        personal_data_access_log(
            user=request.user, umkm_id=umkm, action=PersonalDataAccess.Action.HISTORY
        )

    @admin.display(description=_("NIK"))
    def nik(self, obj: UMKM) -> str:
        return obj.masked_nik

    @admin.display(description=_("NIK"))
    def masked_nik(self, obj: UMKM) -> str:
        return obj.masked_nik

    @admin.display(description=_("kecamatan"), ordering="kelurahan__kecamatan__name")
    def kecamatan_name(self, obj: UMKM) -> str:
        return obj.kelurahan.kecamatan.name

    @admin.display(description=_("size"))
    def size_with_figures(self, obj: UMKM) -> str:
        if not obj.size:
            return _("unknown (no capital or turnover)")
        basis = obj.annual_turnover if obj.size_basis == "omzet" else obj.capital
        return format_html(
            "<strong>{}</strong> — {} {}",
            obj.size_label,
            SizeBasis(obj.size_basis).label,
            format_rupiah(basis),
        )


@admin.register(Certification)
class CertificationAdmin(SimpleHistoryAdmin):
    list_display = ("umkm", "kind", "number", "issuer", "issued_on", "expires_on")
    list_filter = ("kind",)
    list_select_related = ("umkm",)
    search_fields = ("number", "umkm__name")
    autocomplete_fields = ("umkm",)
    paginator = BoundedCountPaginator
    show_full_result_count = False


@admin.register(SectorWord)
class SectorWordAdmin(SimpleHistoryAdmin):
    """The office's own sektor words (Keripik, Olahan Ikan) and the sectors they mean: the
    next imports read them; the action refiles the businesses already imported with one."""

    form = SectorWordForm
    list_display = ("word", "sector", "updated_at")
    list_filter = ("sector",)
    search_fields = ("word",)
    readonly_fields = ("businesses",)
    actions = ["apply_to_registered"]
    change_list_template = "admin/registry/sectorword/change_list.html"

    def get_changeform_initial_data(self, request):
        initial = super().get_changeform_initial_data(request)
        if initial.get("word") and "sector" not in initial:
            initial["sector"] = best_sector(str(initial["word"])).value
        return initial

    def save_model(self, request, obj, form, change):
        saved = sector_word_save(
            word=form.cleaned_data["word"],
            sector=form.cleaned_data["sector"],
            user=request.user,
            mapping=obj if change else None,
        )
        obj.pk = saved.pk

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "unmapped_words": unmapped_sector_words()}
        return super().changelist_view(request, extra_context)

    @admin.display(description=_("businesses imported with this word"))
    def businesses(self, obj: SectorWord) -> str:
        if obj.pk is None:
            return "—"
        with_word = businesses_with_word(obj.key)
        elsewhere = with_word.exclude(sector=obj.sector).count()
        return _("%(total)s, of which %(elsewhere)s not yet in this sector") % {
            "total": with_word.count(),
            "elsewhere": elsewhere,
        }

    @admin.action(description=_("Refile the businesses already imported with these words"))
    def apply_to_registered(self, request, queryset):
        for mapping in queryset:
            moved = sector_word_apply(mapping=mapping, user=request.user)
            messages.success(
                request,
                _("%(word)s: %(count)s businesses refiled as %(sector)s.")
                % {"word": mapping.word, "count": moved, "sector": mapping.get_sector_display()},
            )


@admin.register(PersonalDataAccess)
class PersonalDataAccessAdmin(DateHierarchyMixin, ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("accessed_at", "user", "umkm", "action", "detail")
    list_filter = ("action",)
    list_select_related = ("user", "umkm")
    search_fields = ("user__username", "umkm__name")
    date_hierarchy = "accessed_at"


@admin.register(ImportBatch)
class ImportBatchAdmin(ReadOnlyAdminMixin, admin.ModelAdmin):
    list_display = ("uploaded_at", "original_name", "uploaded_by", "state", "applied_at")
    list_filter = ("state",)
    list_select_related = ("uploaded_by",)
    exclude = ("outcome",)
