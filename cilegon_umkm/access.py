"""Access helpers shared by every app's views."""

from django.contrib.auth.decorators import permission_required

from cilegon_umkm.accounts.roles import Section


def section_required(section: Section):
    """View decorator: 403 for a logged-in user whose roles do not open this section
    (anonymous users never get here: LoginRequiredMiddleware sends them to the login)."""
    return permission_required(section.permission, raise_exception=True)
