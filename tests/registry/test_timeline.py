from datetime import UTC, datetime

import pytest

from cilegon_umkm.accounts.roles import Role
from registry.timeline import TimelineEntry, _sources, register_timeline_source, timeline_for

from .factories import CertificationFactory, UMKMFactory

pytestmark = pytest.mark.django_db


def test_it_tells_registration_changes_and_certificates_newest_first(make_user):
    staff = make_user(Role.STAF_DINAS, first_name="Siti", last_name="Rohmah")
    umkm = UMKMFactory()
    umkm.owner_nik = "3672011506850099"
    umkm.workers = 9
    umkm._history_user = staff
    umkm.save()
    CertificationFactory(umkm=umkm, kind="halal")

    entries = timeline_for(umkm, staff)

    titles = [entry.title for entry in entries]
    assert (
        "Terdaftar" in titles and "Data diubah" in titles and "Sertifikat terbit: Halal" in titles
    )
    change = next(entry for entry in entries if entry.title == "Data diubah")
    assert "NIK pemilik" in change.detail and "tenaga kerja" in change.detail
    assert "3672011506850099" not in change.detail  # which fields, never their values
    assert change.actor == "Siti Rohmah"
    assert [entry.when for entry in entries] == sorted(
        (entry.when for entry in entries), reverse=True
    )


def test_other_apps_add_their_own_entries(make_user):
    umkm = UMKMFactory()

    def visits(umkm_, user):
        yield TimelineEntry(datetime(2030, 1, 1, tzinfo=UTC), "Kunjungan pendamping")

    register_timeline_source(visits)
    try:
        assert timeline_for(umkm, make_user())[0].title == "Kunjungan pendamping"
    finally:
        _sources.remove(visits)
