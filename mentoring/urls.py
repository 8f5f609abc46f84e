from django.urls import path

from .views import home, loans

app_name = "mentoring"
urlpatterns = [
    path("", home.index, name="index"),
    path("lapangan/", home.field, name="field"),
    path("lapangan/survei/", loans.survey_queue, name="survey-queue"),
    path("lapangan/survei/<int:pk>/", loans.survey, name="survey"),
    path("lapangan/tunggakan/", loans.arrears, name="arrears"),
]
