import csv
import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import call_command
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from registry.models import UMKM, ImportBatch

from .importing import csv_bytes, row

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path


def _upload(client, data: bytes, name="data.csv"):
    return client.post(
        reverse("registry:import"),
        {"file": SimpleUploadedFile(name, data), "default_source": "dinkop"},
    )


def test_staff_upload_preview_then_apply(client_as):
    client = client_as(Role.STAF_DINAS, username="siti")
    data = csv_bytes([row(), row(nama_usaha="Rusak", nik="123")])

    response = _upload(client, data)

    batch = ImportBatch.objects.get()
    assert response.url == reverse("registry:import-batch", args=[batch.pk])
    preview = client.get(response.url).content.decode()
    assert "Pratinjau" in preview and "NIK harus tepat 16 digit" in preview
    assert not UMKM.objects.exists()

    client.post(reverse("registry:import-apply", args=[batch.pk]))

    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.APPLIED
    assert (batch.outcome["created"], len(batch.outcome["rejected_rows"])) == (1, 1)
    assert UMKM.objects.get().history.get().history_user.username == "siti"


def test_an_import_cannot_be_applied_twice(client_as):
    client = client_as(Role.STAF_DINAS)
    _upload(client, csv_bytes([row()]))
    batch = ImportBatch.objects.get()
    client.post(reverse("registry:import-apply", args=[batch.pk]))

    response = client.post(reverse("registry:import-apply", args=[batch.pk]), follow=True)

    assert "sudah diterapkan atau dibatalkan" in response.content.decode()
    assert UMKM.objects.count() == 1


def test_a_cancelled_import_changes_nothing(client_as):
    client = client_as(Role.STAF_DINAS)
    _upload(client, csv_bytes([row()]))
    batch = ImportBatch.objects.get()

    client.post(reverse("registry:import-cancel", args=[batch.pk]))
    client.post(reverse("registry:import-apply", args=[batch.pk]))

    batch.refresh_from_db()
    assert batch.state == ImportBatch.State.CANCELLED
    assert not UMKM.objects.exists()


def test_an_unreadable_file_gets_one_clear_error(client_as):
    client = client_as(Role.STAF_DINAS)

    response = _upload(client, b"kolom_salah\n1\n")

    page = client.get(response.url).content.decode()
    assert "Kolom wajib tidak ada" in page
    assert ImportBatch.objects.get().state == ImportBatch.State.FAILED
    assert 'data-testid="apply-import"' not in page


def test_the_upload_form_refuses_other_file_types(client_as):
    response = _upload(client_as(Role.STAF_DINAS), b"%PDF", name="laporan.pdf")

    assert response.status_code == 200
    assert "Hanya berkas CSV dan XLSX" in response.content.decode()
    assert not ImportBatch.objects.exists()


def test_rejected_rows_download_with_row_number_and_reason(client_as):
    client = client_as(Role.STAF_DINAS)
    _upload(client, csv_bytes([row(), row(nama_usaha="=cmd|' /C calc'!A0", nik="salah")]))
    batch = ImportBatch.objects.get()

    response = client.get(reverse("registry:import-rejected", args=[batch.pk, "csv"]))

    text = b"".join(response.streaming_content).decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(text)))
    assert rows[0]["baris"] == "3"
    assert "hanya boleh berisi angka" in rows[0]["alasan"]
    assert rows[0]["nama_usaha"].startswith("'=")  # a formula from the file is not re-armed
    xlsx = client.get(reverse("registry:import-rejected", args=[batch.pk, "xlsx"]))
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")


@pytest.mark.parametrize("role", [Role.PIMPINAN, Role.STAF_UPT, Role.PENDAMPING_EKONOMI])
def test_only_registry_keepers_may_import(client_as, role):
    client = client_as(role)

    assert client.get(reverse("registry:import")).status_code == 403
    assert _upload(client, csv_bytes([row()])).status_code == 403
    assert not UMKM.objects.exists()


def test_the_command_imports_and_writes_rejected_rows_next_to_the_file(tmp_path, capsys):
    source = tmp_path / "umkm.csv"
    source.write_bytes(csv_bytes([row(), row(nama_usaha="B", nik="bad")]))

    call_command("import_umkm", str(source))

    out = capsys.readouterr().out
    assert "1 created, 0 updated, 0 unchanged, 1 rejected of 2 rows" in out
    rejected = (tmp_path / "umkm.ditolak.csv").read_text(encoding="utf-8-sig")
    assert "hanya boleh berisi angka" in rejected


def test_the_command_dry_run_changes_nothing(tmp_path, capsys):
    source = tmp_path / "umkm.csv"
    source.write_bytes(csv_bytes([row()]))

    call_command("import_umkm", str(source), "--dry-run")

    assert "Dry run: would have 1 created" in capsys.readouterr().out
    assert not UMKM.objects.exists()
