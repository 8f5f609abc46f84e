"""Issue 15, registry rules: capital above Rp10 miliar or turnover above Rp50 miliar is no
UMKM (bukan UMKM), kept and flagged, never classed by its smaller figure."""

import pytest

from cilegon_umkm.accounts.roles import Role
from registry.models import UMKM, UMKMTally
from registry.services import umkm_import
from registry.size import MILIAR, Size, SizeBasis, classify
from registry.validators import record_flags

from .factories import UMKMFactory, make_nik
from .importing import csv_bytes, row

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("capital", "turnover", "basis"),
    [
        (20 * MILIAR, 1 * MILIAR, SizeBasis.CAPITAL),  # was mikro by its turnover
        (10 * MILIAR + 1, None, SizeBasis.CAPITAL),
        (500_000_000, 50 * MILIAR + 1, SizeBasis.TURNOVER),
        (20 * MILIAR, 60 * MILIAR, SizeBasis.TURNOVER),
    ],
)
def test_either_figure_above_the_limits_is_bukan_umkm(capital, turnover, basis):
    assert classify(capital, turnover) == Size.NOT_UMKM

    umkm = UMKMFactory(capital=capital, annual_turnover=turnover)
    umkm.refresh_from_db()

    assert (umkm.size, umkm.size_basis) == (Size.NOT_UMKM, basis)
    assert umkm.is_not_umkm
    assert len(umkm.flags) == 1
    assert UMKMTally.objects.filter(size=Size.NOT_UMKM).get().n == 1


def test_the_limits_themselves_are_still_menengah():
    assert classify(10 * MILIAR, 50 * MILIAR) == Size.MENENGAH
    assert classify(10 * MILIAR, None) == Size.MENENGAH
    assert record_flags(owner_nik=make_nik(), capital=10 * MILIAR, annual_turnover=None) == []


def test_a_business_too_large_is_listed_under_its_own_size():
    UMKMFactory(capital=20 * MILIAR, annual_turnover=1 * MILIAR)
    UMKMFactory(capital=5_000_000, annual_turnover=None)

    assert list(UMKM.objects.filter(size=Size.MIKRO).values_list("capital", flat=True)) == [
        5_000_000
    ]
    assert UMKM.objects.filter(size=Size.NOT_UMKM).count() == 1


def test_an_import_row_too_large_is_imported_flagged():
    rows = [
        row(nik=make_nik(), modal_usaha="20 miliar", omzet_tahunan="1 miliar"),
        row(nama_usaha="Warung Kecil", nik=make_nik(), modal_usaha="5000000", omzet_tahunan=""),
    ]

    outcome = umkm_import(
        data=csv_bytes(rows), filename="impor.csv", user=None, dry_run=False,
        default_source="dinkop",
    )  # fmt: skip

    assert UMKM.objects.get(name="Warung Bu Siti").size == Size.NOT_UMKM
    assert UMKM.objects.get(name="Warung Kecil").size == Size.MIKRO
    assert [w["number"] for w in outcome.warnings] == [2]


def test_the_business_page_flags_a_business_too_large(client_as):
    umkm = UMKMFactory(capital=20 * MILIAR, annual_turnover=1 * MILIAR)

    page = client_as(Role.STAF_DINAS).get(umkm.get_absolute_url()).content.decode()

    assert 'data-testid="flags"' in page
    assert "text-bg-danger" in page
