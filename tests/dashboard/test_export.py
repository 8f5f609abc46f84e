"""Each dashboard page exports its figures to XLSX: the same numbers as the page, as
numbers, one sheet per breakdown."""

import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cilegon_umkm.accounts.roles import Role

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("area", ["", "registri", "pinjaman", "pendampingan", "pelatihan"])
def test_the_workbook_holds_the_page_figures(client_as, office, area):
    client = client_as(Role.PIMPINAN)
    kwargs = {"area": area} if area else {}
    page_url = reverse("dashboard:area" if area else "dashboard:index", kwargs=kwargs)
    page = client.get(page_url, {"tahun": "2025"}).context["page"]

    response = client.get(reverse("dashboard:export", kwargs=kwargs), {"tahun": "2025"})

    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "attachment" in response["Content-Disposition"]
    book = load_workbook(io.BytesIO(response.content))
    summary = {row[0]: row[1] for row in book.worksheets[0].iter_rows(values_only=True) if row}
    for figure in page.figures:
        assert summary[figure.label] == pytest.approx(figure.value), figure.key
    assert len(book.worksheets) == 1 + len(page.breakdowns)
    for sheet, breakdown in zip(book.worksheets[1:], page.breakdowns, strict=True):
        rows = list(sheet.iter_rows(min_row=3, values_only=True))
        assert [r[0] for r in rows] == [row.label for row in breakdown.rows]
        assert [tuple(r[1:]) for r in rows] == [pytest.approx(row.values) for row in breakdown.rows]


def test_money_is_formatted_as_rupiah_and_ratios_as_percentages(client_as, office):
    response = client_as(Role.PIMPINAN).get(
        reverse("dashboard:export", kwargs={"area": "pinjaman"}), {"tahun": "2025"}
    )
    sheet = load_workbook(io.BytesIO(response.content)).worksheets[0]
    formats = {
        row[0].value: row[1].number_format for row in sheet.iter_rows() if row[1].value is not None
    }
    assert formats["dicairkan dalam periode"] == '"Rp"#,##0'
    assert formats["NPL (kolektibilitas 3-5)"] == "0.0%"
