import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cilegon_umkm.accounts.roles import Role
from registry.exports import EXPORT_LIMIT
from registry.models import PersonalDataAccess

from .factories import CertificationFactory, UMKMFactory

pytestmark = pytest.mark.django_db


def _csv_rows(response) -> list[dict]:
    text = b"".join(response.streaming_content).decode("utf-8-sig")
    return list(csv.DictReader(io.StringIO(text)))


def _xlsx_rows(response) -> list[list]:
    sheet = load_workbook(io.BytesIO(response.content)).active
    return [list(row) for row in sheet.iter_rows()]


def test_it_exports_the_filtered_set_as_csv_with_masked_nik_for_readers(client_as):
    UMKMFactory(
        name="Laundry Bersih",
        sector="jasa",
        owner_nik="3672011506850001",
        owner_phone="+6281234567890",
    )
    UMKMFactory(name="Warung", sector="kuliner")
    client = client_as(Role.PIMPINAN)

    response = client.get(reverse("registry:umkm-export", args=["csv"]), {"sektor": "jasa"})

    rows = _csv_rows(response)
    assert [row["nama_usaha"] for row in rows] == ["Laundry Bersih"]
    assert rows[0]["nik"] == "3672********0001"
    assert rows[0]["no_hp"] == "+62812*****890"
    assert response["Content-Disposition"].startswith('attachment; filename="umkm-cilegon-')
    assert not PersonalDataAccess.objects.exists()


def test_a_full_nik_export_is_logged_with_its_filter(client_as):
    UMKMFactory(owner_nik="3672011506850001", sector="jasa")
    client = client_as(Role.STAF_DINAS, username="siti")

    rows = _csv_rows(client.get(reverse("registry:umkm-export", args=["csv"]), {"sektor": "jasa"}))

    assert rows[0]["nik"] == "3672011506850001"
    access = PersonalDataAccess.objects.get()
    assert (access.user.username, access.action, access.umkm) == ("siti", "ekspor", None)
    assert "sektor=jasa" in access.detail and "1 baris" in access.detail


def test_exports_neutralise_formulas_and_keep_identifiers_as_text(client_as):
    umkm = UMKMFactory(
        name='=HYPERLINK("http://evil","klik")',
        owner_name="+Budi",
        product="@SUM(A1)",
        address="-1+2",
        owner_nik="3672011506850001",
        owner_phone="+6281234567890",
        nib="0120001234567",
    )
    CertificationFactory(umkm=umkm)
    client = client_as(Role.STAF_DINAS)

    csv_row = _csv_rows(client.get(reverse("registry:umkm-export", args=["csv"])))[0]
    assert csv_row["nama_usaha"].startswith("'=HYPERLINK")
    assert csv_row["nama_pemilik"] == "'+Budi"
    assert csv_row["produk"] == "'@SUM(A1)"
    assert csv_row["alamat"] == "'-1+2"

    header, values = _xlsx_rows(client.get(reverse("registry:umkm-export", args=["xlsx"])))
    cells = {head.value: cell for head, cell in zip(header, values, strict=True)}
    assert cells["nama_usaha"].data_type == "s" and cells["nama_usaha"].value.startswith("'=")
    for column, value in [
        ("nik", "3672011506850001"),
        ("no_hp", "+6281234567890"),
        ("nib", "0120001234567"),
    ]:
        assert (cells[column].data_type, cells[column].value) == ("s", value)
    assert cells["modal_usaha"].value == 5_000_000
    assert cells["sertifikasi"].value == "pirt"


def test_an_export_keeps_its_headers_importable(client_as):
    from registry.importing.columns import REQUIRED

    UMKMFactory()
    header = _xlsx_rows(
        client_as(Role.STAF_DINAS).get(reverse("registry:umkm-export", args=["xlsx"]))
    )[0]

    assert set(REQUIRED) <= {cell.value for cell in header}


def test_it_refuses_an_export_larger_than_the_limit(client_as, monkeypatch):
    monkeypatch.setattr("registry.views.browse.EXPORT_LIMIT", 2)
    for _ in range(3):
        UMKMFactory()

    response = client_as(Role.STAF_DINAS).get(
        reverse("registry:umkm-export", args=["xlsx"]), follow=True
    )

    assert response.redirect_chain[-1][0].startswith(reverse("registry:index"))
    assert "persempit filter" in response.content.decode()
    assert EXPORT_LIMIT == 100_000
