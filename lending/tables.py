"""The tables of lending's list pages."""

import django_tables2 as tables
from django.template.loader import render_to_string
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from cilegon_umkm.kernel.tables import PortalTable

from .models import Application


class ApplicationTable(PortalTable):
    number = tables.Column(verbose_name=_("Number"), accessor="pk", linkify=True, order_by=("id",))
    umkm = tables.Column(verbose_name=_("Business"), orderable=False)
    product = tables.Column(verbose_name=_("Product"), orderable=False)
    amount = tables.TemplateColumn("{% load portal %}{{ value|rupiah }}", verbose_name=_("Amount"))
    state = tables.Column(verbose_name=_("State"))
    created_at = tables.DateColumn(verbose_name=_("Submitted"))  # SHORT_DATE_FORMAT: 5 Des 2026

    class Meta(PortalTable.Meta):
        model = Application
        fields = ["number", "umkm", "product", "amount", "state", "created_at"]
        attrs = {"class": "table table-sm table-hover align-middle"}
        order_by = "-created_at"
        per_page = 25

    def render_number(self, record):
        return record.number

    def render_umkm(self, record):
        """A business not verified yet says so: it cannot be approved nor disbursed."""
        if record.umkm.verified:
            return record.umkm.name
        return format_html(
            "{} {}", record.umkm.name, render_to_string("lending/unverified_badge.html")
        )
