from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class LendingConfig(AppConfig):
    """UPTD PDB's revolving fund: products, applications, loans, repayments, the fund ledger."""

    name = "lending"
    verbose_name = _("Revolving-fund lending")
