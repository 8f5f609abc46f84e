"""The tally the dashboards count: whatever writes businesses (factories,
the importer's COPY, edits that move a business, deletions, merges), the tally's sums equal
a count of the UMKM table itself."""

from datetime import datetime
from zoneinfo import ZoneInfo

import pytest
from django.db.models import Count, Sum
from django.db.models.functions import TruncMonth

from registry.models import UMKM, Kelurahan, UMKMTally
from registry.services import umkm_import, umkm_merge
from registry.tally import tally_compact
from tests.concurrency import run_together
from tests.factories import UserFactory
from tests.registry.factories import UMKMFactory, make_nik
from tests.registry.importing import csv_bytes, row

pytestmark = pytest.mark.django_db(transaction=True)

JAKARTA = ZoneInfo("Asia/Jakarta")


def _tally() -> dict:
    rows = (
        UMKMTally.objects.values_list(
            "kelurahan_id", "size", "sector", "source", "registered_month"
        )
        .annotate(total=Sum("n"))
        .order_by()
    )
    return {tuple(key): n for *key, n in rows if n}


def _counted() -> dict:
    rows = (
        UMKM.objects.annotate(month=TruncMonth("created_at", tzinfo=JAKARTA))
        .values_list("kelurahan_id", "size", "sector", "source", "month")
        .annotate(n=Count("id"))
        .order_by()
    )
    return {
        (k, size or "", sector, source, month.date()): n
        for k, size, sector, source, month, n in rows
    }


def test_it_counts_what_the_factories_and_an_import_create():
    UMKMFactory.create_batch(3)
    UMKMFactory(created_at=datetime(2024, 1, 31, 23, 30, tzinfo=JAKARTA))  # January, office time
    umkm_import(
        data=csv_bytes([row(nik=make_nik(), nama_usaha=f"Usaha {i}") for i in range(5)]),
        filename="impor.csv", user=UserFactory(), dry_run=False, default_source="dinkop",
    )  # fmt: skip
    assert _tally() == _counted()
    assert sum(_tally().values()) == UMKM.objects.count() == 9


def test_a_move_a_new_size_a_deletion_and_a_merge_keep_it_true():
    first, second, third = UMKMFactory.create_batch(3)
    other = Kelurahan.objects.exclude(pk=first.kelurahan_id).first()
    UMKM.objects.filter(pk=first.pk).update(kelurahan=other)
    UMKM.objects.filter(pk=second.pk).update(capital=2_000_000_000)  # now kecil or larger
    third.delete()
    survivor = UMKMFactory()
    duplicate = UMKMFactory(owner_nik=survivor.owner_nik)
    umkm_merge(survivor=survivor, duplicate=duplicate, user=UserFactory())
    assert _tally() == _counted()


def test_an_edit_that_moves_nothing_appends_nothing():
    umkm = UMKMFactory()
    before = UMKMTally.objects.count()
    UMKM.objects.filter(pk=umkm.pk).update(owner_phone="+6281299990000", address="Jl. Baru")
    assert UMKMTally.objects.count() == before


def test_compaction_folds_the_rows_and_keeps_the_sums():
    for _ in range(4):
        UMKMFactory()  # one statement each: four rows of the same key
    sums = _tally()
    tally_compact()
    assert _tally() == sums
    assert UMKMTally.objects.count() == len(sums)


def test_writers_at_the_same_moment_neither_wait_nor_lose_a_count():
    kelurahan = Kelurahan.objects.first()

    def register():
        return UMKMFactory(kelurahan=kelurahan).pk

    results = run_together(*[register] * 4)
    assert all(isinstance(pk, int) for pk in results)
    assert _tally() == _counted()
