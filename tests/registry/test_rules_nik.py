"""Issue 15, registry rules: a NIK's kabupaten/kota must exist, its birth date cannot be in
the future, and an owner under 17 is flagged for the office (not refused)."""

import csv
from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from registry.models import UMKM, Kelurahan
from registry.services import umkm_import
from registry.validators import (
    KABUPATEN_KOTA_CSV,
    PROVINCE_CODES,
    kabupaten_kota_codes,
    nik_age,
    nik_birth_date,
    nik_is_minor,
    record_flags,
    validate_nik,
)

from .factories import UMKMFactory, make_nik
from .importing import csv_bytes, row


def _code_of(nik: str, today: date | None = None) -> str | None:
    try:
        validate_nik(nik, today)
    except ValidationError as error:
        return error.code
    return None


def test_it_refuses_a_kabupaten_kota_code_that_does_not_exist():
    # Banten (36) has no kabupaten 99: the province alone was checked before.
    assert _code_of("3699015506850001") == "nik_kabupaten_kota"
    assert _code_of("3675015506850001") == "nik_kabupaten_kota"  # Banten has 4 kota: 71-74


@pytest.mark.parametrize("code", ["3601", "3602", "3603", "3604", "3671", "3672", "3673", "3674"])
def test_it_accepts_every_kabupaten_and_kota_of_banten(code):
    assert _code_of(f"{code}015506850001") is None


@pytest.mark.parametrize(
    "code",
    [
        "1101", "1175", "3101", "3175", "3218", "3329", "3579", "6411", "6571", "7326",
        "7606", "9171", "9212", "9301", "9408", "9508", "9671",
        # Moved to a new province, kept by NIKs issued before: Tarakan (Kaltim), Merauke.
        "6473", "9101",
    ],
)  # fmt: skip
def test_it_accepts_kabupaten_and_kota_across_the_country(code):
    assert _code_of(f"{code}015506850001") is None


def test_the_list_covers_every_province_and_only_provinces():
    codes = kabupaten_kota_codes()
    assert {code[:2] for code in codes} == PROVINCE_CODES
    with KABUPATEN_KOTA_CSV.open(encoding="utf-8") as handle:
        rows = list(csv.DictReader(handle))
    current = [r for r in rows if not r["keterangan"]]
    assert len(current) == 514  # Kemendagri 2023: 416 kabupaten and 98 kota
    assert len({r["kode"] for r in rows}) == len(rows)


def test_it_refuses_a_birth_date_later_this_year():
    # 1 December 26 on 1 June 2026: the NIK is not 100 years old, it is in the future.
    assert _code_of("3672010112260001", today=date(2026, 6, 1)) == "nik_birth_future"
    assert _code_of("3672014112260001", today=date(2026, 6, 1)) == "nik_birth_future"  # woman
    assert nik_birth_date("3672010112260001", today=date(2026, 6, 1)) is None
    # Earlier this year is a real (if very young) birth date; 1927 a real old one.
    assert _code_of("3672010105260001", today=date(2026, 6, 1)) is None
    assert nik_birth_date("3672010112270001", today=date(2026, 6, 1)) == date(1927, 12, 1)


def test_it_reads_the_age_and_flags_an_owner_under_17():
    nik = make_nik(born=date(2009, 6, 2))
    assert nik_age(nik, date(2026, 6, 1)) == 16
    assert nik_is_minor(nik, date(2026, 6, 1))
    assert nik_age(nik, date(2026, 6, 2)) == 17
    assert not nik_is_minor(nik, date(2026, 6, 2))
    assert not nik_is_minor("not a nik", date(2026, 6, 1))


def test_an_owner_under_17_is_a_flag_not_an_error(today):
    today(date(2026, 6, 1))
    nik = make_nik(born=date(2012, 3, 4))
    validate_nik(nik)  # accepted

    flags = record_flags(owner_nik=nik, capital=None, annual_turnover=None)

    assert len(flags) == 1
    assert "14" in flags[0]
    assert record_flags(owner_nik=make_nik(), capital=None, annual_turnover=None) == []


@pytest.mark.django_db
def test_an_import_row_of_an_owner_under_17_is_imported_with_a_warning(today):
    today(date(2026, 6, 1))
    rows = [row(nik=make_nik()), row(nama_usaha="Kios Adik", nik=make_nik(born=date(2012, 3, 4)))]

    outcome = umkm_import(
        data=csv_bytes(rows), filename="impor.csv", user=None, dry_run=False,
        default_source="dinkop",
    )  # fmt: skip

    assert UMKM.objects.count() == 2
    assert [w["number"] for w in outcome.warnings] == [3]  # the header is row 1


def test_the_business_page_and_the_admin_flag_an_owner_under_17(client_as, today):
    today(date(2026, 6, 1))
    minor = UMKMFactory(owner_nik=make_nik(born=date(2012, 3, 4)))
    adult = UMKMFactory()
    client = client_as(Role.STAF_DINAS)

    assert 'data-testid="flags"' in client.get(minor.get_absolute_url()).content.decode()
    assert 'data-testid="flags"' not in client.get(adult.get_absolute_url()).content.decode()

    admin = client_as(Role.STAF_DINAS, username="siti")
    response = admin.post(
        reverse("admin:registry_umkm_add"),
        {
            "name": "Kios Adik", "status": "aktif", "is_entrepreneur": "on", "source": "dinkop",
            "owner_name": "Adik", "owner_nik": make_nik(born=date(2012, 3, 4)),
            "owner_sex": "L", "kelurahan": Kelurahan.objects.get(name="Kedaleman").pk,
            "sector": "kuliner",
            "certifications-TOTAL_FORMS": "0", "certifications-INITIAL_FORMS": "0",
            "certifications-MIN_NUM_FORMS": "0", "certifications-MAX_NUM_FORMS": "1000",
        },
        follow=True,
    )  # fmt: skip

    assert UMKM.objects.filter(name="Kios Adik").exists()  # saved, not refused
    warnings = [m for m in response.context["messages"] if m.level_tag == "warning"]
    assert len(warnings) == 1
