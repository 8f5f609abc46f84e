from django.urls import path

from .views import applications, collection, funds, loans, portfolio, queue, repayments, reversals

app_name = "lending"
urlpatterns = [
    path("", queue.index, name="index"),
    path("pengajuan/", queue.ApplicationListView.as_view(), name="applications"),
    path("pengajuan/baru/", applications.application_new, name="application-new"),
    path(
        "pengajuan/baru/<int:umkm_pk>/", applications.application_create, name="application-create"
    ),
    path("pengajuan/<int:pk>/", applications.application_detail, name="application-detail"),
    path(
        "pengajuan/<int:pk>/setujui/",
        applications.application_approve_view,
        name="application-approve",
    ),
    path(
        "pengajuan/<int:pk>/tolak/", applications.application_reject_view, name="application-reject"
    ),
    path(
        "pengajuan/<int:pk>/batalkan/",
        applications.application_withdraw_view,
        name="application-withdraw",
    ),
    path(
        "pengajuan/<int:pk>/izinkan-hapus-buku/",
        applications.application_override_write_off_view,
        name="application-override-write-off",
    ),
    path(
        "pengajuan/<int:pk>/cairkan/",
        applications.application_disburse_view,
        name="application-disburse",
    ),
    path("pinjaman/<int:pk>/", loans.loan_detail, name="loan-detail"),
    path("pinjaman/<int:pk>/kartu/", loans.loan_card, name="loan-card"),
    path("pinjaman/<int:pk>/hapus-buku/", loans.loan_write_off_view, name="loan-write-off"),
    path("angsuran/", repayments.repayment_desk, name="repayment-desk"),
    path("angsuran/pinjaman/<int:loan_pk>/", repayments.repayment_new, name="repayment-new"),
    path("angsuran/<int:pk>/kuitansi/", repayments.receipt, name="receipt"),
    path("angsuran/<int:pk>/balik/", reversals.repayment_reverse_view, name="repayment-reverse"),
    path(
        "angsuran/<int:pk>/minta-balik/",
        reversals.reversal_request_view,
        name="reversal-request-new",
    ),
    path("pembalikan/", reversals.reversal_request_list, name="reversal-requests"),
    path("pembalikan/<int:pk>/", reversals.reversal_request_detail, name="reversal-request"),
    path(
        "pembalikan/<int:pk>/setujui/",
        reversals.reversal_request_approve_view,
        name="reversal-request-approve",
    ),
    path(
        "pembalikan/<int:pk>/tolak/",
        reversals.reversal_request_refuse_view,
        name="reversal-request-refuse",
    ),
    path("portofolio/", portfolio.portfolio, name="portfolio"),
    path("tunggakan/", portfolio.arrears_list, name="arrears"),
    path("penagihan/", collection.collection_sheet_view, name="collection-sheet"),
    path("dana/", funds.fund_detail, name="fund-detail-default"),
    path("dana/<int:pk>/", funds.fund_detail, name="fund-detail"),
]
