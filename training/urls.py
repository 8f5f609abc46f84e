from django.urls import path

from .views import budget, certificates, cohorts, directory, reports

app_name = "training"
urlpatterns = [
    path("", cohorts.index, name="index"),
    path("angkatan/<int:pk>/", cohorts.cohort_detail, name="cohort-detail"),
    path("angkatan/<int:pk>/daftar/", cohorts.enroll, name="enroll"),
    path("angkatan/<int:pk>/sesi/", cohorts.session_new, name="session-new"),
    path("peserta/<int:pk>/", cohorts.participant, name="participant"),
    path("peserta/<int:pk>/mundur/", cohorts.withdraw, name="withdraw"),
    path("peserta/<int:pk>/hasil/", cohorts.result_new, name="result-new"),
    path("peserta/<int:pk>/sertifikat/", cohorts.issue, name="certificate-issue"),
    path(
        "peserta/<int:pk>/sertifikat-penerbit/",
        cohorts.facilitated_certification_new,
        name="facilitated-certification-new",
    ),
    path("direktori/", directory.directory, name="directory"),
    path("laporan/", reports.report, name="report"),
    path("anggaran/", budget.budget, name="budget"),
    path("anggaran/<int:pk>/balik/", budget.spending_reverse_view, name="spending-reverse"),
    path("sertifikat/<int:pk>/cabut/", cohorts.revoke, name="certificate-revoke"),
    path("sertifikat/<int:pk>/", certificates.certificate_print, name="certificate-print"),
]
