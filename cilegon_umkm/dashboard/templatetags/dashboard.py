from django import template

from cilegon_umkm.kernel.formatting import format_rupiah, format_thousands
from cilegon_umkm.templatetags.portal import percent

from ..charts import bar_share, trend_chart
from ..figures import Kind

register = template.Library()


@register.filter
def as_figure(value, kind: Kind) -> str:
    """A number the way its kind is written: Rp10.000.000, 5,2 %, 34.000; "-" for none."""
    if value is None:
        return "-"
    if kind is Kind.RUPIAH:
        return format_rupiah(value)
    if kind is Kind.RATIO:
        return percent(value)
    return format_thousands(value)


@register.filter
def share_of(value, largest) -> int:
    return bar_share(value, largest)


@register.inclusion_tag("dashboard/includes/trend_chart.html")
def trend(breakdown):
    return {"chart": trend_chart(breakdown), "breakdown": breakdown}


@register.filter
def cells(row, breakdown):
    """(value, column, largest of the column) for each of the row's cells."""
    return zip(row.values, breakdown.columns, breakdown.column_max, strict=True)


@register.filter
def as_short_figure(value, kind: Kind) -> str:
    """A chart's label, short enough to sit above a column: Rp380 jt, Rp1,2 M (the table
    below the chart has the exact figure)."""
    if kind is Kind.RUPIAH and value and abs(value) >= 1_000_000:
        if abs(value) >= 1_000_000_000:
            return f"Rp{value / 1_000_000_000:.1f} M".replace(".", ",")
        return f"Rp{value // 1_000_000} jt"
    return as_figure(value, kind)
