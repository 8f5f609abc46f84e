from django import template

from cilegon_umkm.kernel.formatting import format_rupiah, format_thousands

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


@register.filter
def thousands(value):
    """34000 -> 34.000, the Indonesian way, whatever the interface language."""
    try:
        return format_thousands(value)
    except (TypeError, ValueError):
        return value


@register.filter
def add_class(bound_field, css_class: str):
    """{{ form.field|add_class:"form-select" }}: render a form field with a CSS class."""
    widget = bound_field.field.widget
    classes = f"{widget.attrs.get('class', '')} {css_class}".strip()
    return bound_field.as_widget(attrs={"class": classes})


@register.filter
def pair_with(first, second):
    """{% for obj, side in a|pair_with:b %}: two objects side by side, labelled."""
    return [(first, "first"), (second, "second")]


@register.filter
def get_item(mapping, key):
    """{{ counts|get_item:state }}: a dictionary lookup with a variable key."""
    return mapping.get(key) if mapping else None


@register.filter
def percent(ratio, digits: int = 1) -> str:
    """0.0523 -> "5,2 %" (Indonesian decimal comma)."""
    if ratio is None:
        return ""
    return f"{ratio * 100:.{int(digits)}f}".replace(".", ",") + " %"
