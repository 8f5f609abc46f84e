from django.urls import path

from .views import collection, field, home, loans, referrals, report, review

app_name = "mentoring"
urlpatterns = [
    path("", home.index, name="index"),
    path("lapangan/", home.field, name="field"),
    path("lapangan/survei/", loans.survey_queue, name="survey-queue"),
    path("lapangan/survei/<int:pk>/", loans.survey, name="survey"),
    path("lapangan/tunggakan/", loans.arrears, name="arrears"),
    path("penagihan/", collection.collection_sheets, name="collection-sheets"),
    path("penagihan/<int:pk>/", collection.collection_sheet, name="collection-sheet"),
    path("lapangan/usaha/", field.businesses, name="businesses"),
    path("lapangan/usaha/<int:pk>/", field.business, name="business"),
    path("lapangan/usaha/<int:pk>/kunjungan/", field.visit_new, name="visit-new"),
    path("lapangan/usaha/<int:pk>/rujuk/", field.referral_new, name="referral-new"),
    path("lapangan/usaha/baru/", field.register, name="register"),
    path("lapangan/usaha/<int:pk>/koreksi/", field.correct, name="correct"),
    path("tinjauan/", review.queue, name="review"),
    path("tinjauan/<int:pk>/", review.decide, name="review-decide"),
    path("laporan/", report.activity_report, name="activity-report"),
    path("rujukan/", referrals.inbox, name="referrals"),
    path("rujukan/<int:pk>/terima/", referrals.accept, name="referral-accept"),
    path("rujukan/<int:pk>/tolak/", referrals.decline, name="referral-decline"),
]
