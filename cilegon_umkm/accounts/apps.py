from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class AccountsConfig(AppConfig):
    """Users and the role groups of roles.py (the table of docs/ARCHITECTURE.md)."""

    name = "cilegon_umkm.accounts"
    label = "accounts"
    verbose_name = _("Accounts and roles")

    def ready(self) -> None:
        post_migrate.connect(_sync_role_groups, sender=self)


def _sync_role_groups(sender, apps=None, **kwargs) -> None:
    """After every migrate (and every flush), bring the groups in line with roles.py, so
    that permissions of apps and libraries added later reach their roles too."""
    from django.apps import apps as global_apps

    from .roles import sync_role_groups

    # migrate passes its app registry; flush sends the signal without one.
    sync_role_groups(apps or global_apps)
