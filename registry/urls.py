from django.urls import path

from .views import browse, duplicates, imports, wilayah

app_name = "registry"
urlpatterns = [
    path("", browse.UMKMListView.as_view(), name="index"),
    path("<int:pk>/", browse.umkm_detail_view, name="umkm-detail"),
    path("<int:pk>/nik/", browse.umkm_reveal_nik, name="umkm-reveal-nik"),
    path("ekspor.<sheet:fmt>", browse.umkm_export, name="umkm-export"),
    path("impor/", imports.import_upload, name="import"),
    path("impor/templat.xlsx", imports.import_template, name="import-template"),
    path("impor/<int:pk>/", imports.import_batch, name="import-batch"),
    path("impor/<int:pk>/terapkan/", imports.import_batch_apply_view, name="import-apply"),
    path("impor/<int:pk>/batal/", imports.import_batch_cancel_view, name="import-cancel"),
    path(
        "impor/<int:pk>/ditolak.<sheet:fmt>", imports.import_batch_rejected, name="import-rejected"
    ),
    path("duplikat/", duplicates.duplicate_list, name="duplicates"),
    path("duplikat/periksa/", duplicates.duplicate_refresh, name="duplicates-refresh"),
    path("duplikat/<int:pk>/gabung/", duplicates.duplicate_merge, name="duplicate-merge"),
    path("duplikat/<int:pk>/berbeda/", duplicates.duplicate_dismiss_view, name="duplicate-dismiss"),
    path("wilayah/", wilayah.wilayah, name="wilayah"),
]
