from django import template

from cilegon_umkm.formatting import format_rupiah

register = template.Library()


@register.filter
def rupiah(value):
    """{{ loan.amount|rupiah }} -> Rp10.000.000. Empty for None; other non-numbers pass
    through unchanged rather than breaking the page."""
    if value is None or value == "":
        return ""
    try:
        return format_rupiah(value)
    except ValueError:
        return value
