"""The server-drawn charts: bars in proportion, labels short, the table exact."""

from cilegon_umkm.dashboard.charts import bar_share, trend_chart
from cilegon_umkm.dashboard.figures import Breakdown, Chart, Column, Kind, Row
from cilegon_umkm.dashboard.templatetags.dashboard import as_figure, as_short_figure


def test_chart_labels_are_short_and_the_table_exact():
    assert as_short_figure(380_000_000, Kind.RUPIAH) == "Rp380 jt"
    assert as_short_figure(1_250_000_000, Kind.RUPIAH) == "Rp1,2 M"
    assert as_short_figure(950_000, Kind.RUPIAH) == "Rp950.000"
    assert as_figure(380_000_000, Kind.RUPIAH) == "Rp380.000.000"
    assert as_short_figure(None, Kind.COUNT) == "-"


def test_a_bar_is_its_share_of_the_largest_and_a_target_bar_stops_at_its_end():
    assert bar_share(50, 200) == 25
    assert bar_share(1, 10_000) == 1  # a small value still shows
    assert bar_share(0, 10) == bar_share(5, 0) == bar_share(None, 3) == 0
    assert bar_share(150, 100) == 100


def test_the_tallest_column_fills_the_chart_and_an_empty_month_has_none():
    months = Breakdown("t", "T", "Bulan", (Column("n"),), [Row("Jan", (0,)), Row("Feb", (8,))],
                       Chart.TREND)  # fmt: skip
    chart = trend_chart(months)
    empty, full = chart.bars
    assert empty.height == 0
    assert full.y + full.height == chart.baseline and full.y > 0
