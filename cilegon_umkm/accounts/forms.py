"""The login form, with our own wording of a failed login: Django's Indonesian catalogue
puts "nama pengguna" before the field's own name, which is also "nama pengguna"."""

from django.contrib.auth.forms import AuthenticationForm
from django.utils.translation import gettext_lazy as _


class LoginForm(AuthenticationForm):
    error_messages = {
        **AuthenticationForm.error_messages,
        "invalid_login": _(
            "Please enter a correct %(username)s and password. Note that both fields may be "
            "case-sensitive."
        ),
    }
