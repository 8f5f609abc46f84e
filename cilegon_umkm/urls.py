from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_not_required
from django.urls import include, path, register_converter
from django.views.i18n import set_language

from training.views.certificates import certificate_lookup, certificate_verify

from . import views
from .accounts.forms import LoginForm
from .accounts.lockout import refuse_locked_out_addresses
from .kernel.converters import SheetFormatConverter

register_converter(SheetFormatConverter, "sheet")

urlpatterns = [
    path("", views.home, name="home"),
    path(
        "masuk/",
        refuse_locked_out_addresses(
            auth_views.LoginView.as_view(
                redirect_authenticated_user=True, authentication_form=LoginForm
            )
        ),
        name="login",
    ),
    path("keluar/", views.PortalLogoutView.as_view(), name="logout"),
    # Choosing a language must work on the login page too.
    path("bahasa/", login_not_required(set_language), name="set_language"),
    path("healthz", views.health, name="health"),
    path("dasbor/", include("cilegon_umkm.dashboard.urls")),
    path("registri/", include("registry.urls")),
    path("pinjaman/", include("lending.urls")),
    path("pendampingan/", include("mentoring.urls")),
    path("pelatihan/", include("training.urls")),
    # The QR code on a certificate leads here: public, no login.
    path("verifikasi/", certificate_lookup, name="certificate-lookup"),
    path("verifikasi/<str:code>/", certificate_verify, name="certificate-verify"),
    path("admin/", admin.site.urls),
]
