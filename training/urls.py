from django.urls import path

from .views import certificates, home

app_name = "training"
urlpatterns = [
    path("", home.index, name="index"),
    path("sertifikat/<int:pk>/", certificates.certificate_print, name="certificate-print"),
]
