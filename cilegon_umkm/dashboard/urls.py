from django.urls import path

from . import views

app_name = "dashboard"
urlpatterns = [
    path("", views.dashboard, name="index"),
    path("ekspor.xlsx", views.export, name="export"),
    path("<slug:area>/", views.dashboard, name="area"),
    path("<slug:area>/ekspor.xlsx", views.export, name="export"),
]
