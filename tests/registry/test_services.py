"""The registry's writes for the other apps: a business registered or corrected, a
certification added or ended. Each is validated with the registry's rules, refused with the
rule's message, and kept in the history with who made it and why."""

from datetime import date

import pytest

from registry.errors import RegistryError
from registry.models import UMKM, Certification, Kelurahan, Source, UMKMTally
from registry.services import (
    NewCertification,
    certification_add,
    certification_add_many,
    certification_revoke,
    umkm_correct,
    umkm_register,
)
from tests.factories import UserFactory

from .factories import CertificationFactory, UMKMFactory, make_nik

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(db):
    return UserFactory()


def _values(**changes) -> dict:
    return {
        "name": "Kue Basah Bu Iin",
        "owner_name": "Iin Inayah",
        "owner_nik": make_nik(female=True),
        "owner_sex": "P",
        "owner_phone": "+6281234567001",
        "kelurahan": Kelurahan.objects.get(code="36.72.01.1001"),
        "sector": "kuliner",
        **changes,
    }


def test_it_registers_a_business_from_the_field_unverified_with_its_history(user):
    umkm = umkm_register(
        values=_values(), source=Source.FIELD, verified=False, user=user, reason="Di lapangan"
    )

    umkm.refresh_from_db()
    assert (umkm.source, umkm.verified, umkm.name_key) == (Source.FIELD, False, "kuebasahbuiin")
    record = umkm.history.get()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "+", user, "Di lapangan",
    )  # fmt: skip
    assert UMKMTally.objects.filter(kelurahan_id=umkm.kelurahan_id, source="lapangan").exists()


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"owner_nik": "3672"}, "NIK harus tepat 16 digit"),
        ({"name": ""}, "tidak boleh kosong"),
    ],
)
def test_it_refuses_a_registration_the_registry_s_rules_refuse(user, changes, message):
    with pytest.raises(RegistryError, match=message):
        umkm_register(
            values=_values(**changes), source=Source.FIELD, verified=False, user=user, reason="x"
        )

    assert not UMKM.objects.exists()


def test_it_refuses_a_second_business_of_the_same_name_for_one_owner(user):
    first = umkm_register(
        values=_values(), source=Source.FIELD, verified=False, user=user, reason="x"
    )

    with pytest.raises(RegistryError, match="sudah memiliki usaha dengan nama tersebut"):
        umkm_register(
            values=_values(owner_nik=first.owner_nik, name="KUE BASAH  bu iin"),
            source=Source.FIELD,
            verified=False,
            user=user,
            reason="x",
        )


def test_a_correction_changes_only_what_differs_with_its_user_and_reason(user):
    umkm = UMKMFactory(owner_phone="+6281100000001", address="Jl. Lama")

    corrected, changed = umkm_correct(
        umkm=umkm,
        changes={"owner_phone": "+6281100000002", "address": "Jl. Lama", "status": "tutup"},
        user=user,
        reason="Dikoreksi",
    )

    assert sorted(changed) == ["owner_phone", "status"]
    umkm.refresh_from_db()
    assert (umkm.owner_phone, umkm.address, umkm.status) == ("+6281100000002", "Jl. Lama", "tutup")
    assert corrected.status == "tutup"
    record = umkm.history.first()
    assert (record.history_type, record.history_user, record.history_change_reason) == (
        "~", user, "Dikoreksi",
    )  # fmt: skip


def test_a_correction_that_changes_nothing_writes_nothing(user):
    umkm = UMKMFactory()
    before = umkm.history.count()

    _umkm, changed = umkm_correct(
        umkm=umkm, changes={"status": umkm.status}, user=user, reason="Tidak berubah"
    )

    assert changed == [] and umkm.history.count() == before


def test_a_correction_the_rules_refuse_changes_nothing(user):
    umkm = UMKMFactory(nib=None)

    with pytest.raises(RegistryError, match="NIB harus tepat 13 digit"):
        umkm_correct(umkm=umkm, changes={"nib": "123"}, user=user, reason="x")

    umkm.refresh_from_db()
    assert umkm.nib is None


def test_a_verification_is_a_correction_with_its_history(user):
    umkm = umkm_register(
        values=_values(), source=Source.FIELD, verified=False, user=user, reason="x"
    )
    staff = UserFactory()

    umkm_correct(umkm=umkm, changes={"verified": True}, user=staff, reason="Diverifikasi")

    umkm.refresh_from_db()
    assert umkm.verified
    assert umkm.history.first().history_user == staff


def test_only_the_registry_s_own_bookkeeping_is_out_of_reach(user):
    with pytest.raises(TypeError):
        umkm_correct(umkm=UMKMFactory(), changes={"name_key": "x"}, user=user, reason="x")


def test_a_certification_is_added_and_revoked_with_its_history(user):
    umkm = UMKMFactory()

    certification = certification_add(
        umkm=umkm,
        kind="kompetensi",
        number="DKUMKM-CLG/2025/001/00001",
        issuer="Dinas Koperasi dan UMKM Kota Cilegon",
        issued_on=date(2025, 7, 11),
        user=user,
        reason="Sertifikat terbit",
    )
    revoker = UserFactory()
    certification_revoke(
        certification=certification, on=date(2025, 8, 1), user=revoker, reason="Data palsu"
    )

    certification.refresh_from_db()
    assert certification.expires_on == date(2025, 8, 1)
    added, revoked = certification.history.order_by("history_date", "history_id")
    assert (added.history_user, added.history_change_reason) == (user, "Sertifikat terbit")
    assert (revoked.history_user, revoked.history_change_reason) == (revoker, "Data palsu")


def test_a_certification_is_refused_twice_and_before_it_is_issued(user):
    existing = CertificationFactory()

    with pytest.raises(RegistryError, match="sudah memiliki sertifikat tersebut"):
        certification_add(
            umkm=existing.umkm, kind=existing.kind, number=existing.number, user=user, reason="x"
        )
    with pytest.raises(RegistryError, match="tidak boleh berakhir sebelum tanggal terbit"):
        certification_revoke(certification=existing, on=date(2020, 1, 1), user=user, reason="Salah")
    existing.refresh_from_db()
    assert existing.expires_on is None


def test_a_revocation_never_extends_an_earlier_end(user):
    certification = CertificationFactory(issued_on=date(2024, 1, 1), expires_on=date(2024, 6, 1))

    certification_revoke(certification=certification, on=date(2025, 1, 1), user=user, reason="x")

    certification.refresh_from_db()
    assert certification.expires_on == date(2024, 6, 1)


def test_many_certifications_at_once_have_their_history(user):
    first, second = UMKMFactory(), UMKMFactory()

    added = certification_add_many(
        certifications=[
            NewCertification(umkm_id=first.pk, kind="pirt", number="P-1"),
            NewCertification(umkm_id=second.pk, kind="halal", number="H-1"),
        ],
        user=user,
        reason="Data demo",
    )

    assert all(c.pk for c in added)
    history = Certification.history.all()
    assert {(h.number, h.history_user, h.history_change_reason) for h in history} == {
        ("P-1", user, "Data demo"),
        ("H-1", user, "Data demo"),
    }


def test_many_certifications_are_refused_whole(user):
    umkm = UMKMFactory()

    with pytest.raises(RegistryError, match="tidak boleh berakhir sebelum tanggal terbit"):
        certification_add_many(
            certifications=[
                NewCertification(umkm_id=umkm.pk, kind="pirt", number="P-1"),
                NewCertification(
                    umkm_id=umkm.pk,
                    kind="halal",
                    number="H-1",
                    issued_on=date(2025, 1, 1),
                    expires_on=date(2024, 1, 1),
                ),
            ],
            user=user,
            reason="x",
        )
    with pytest.raises(RegistryError, match="sudah memiliki sertifikat tersebut"):
        certification_add_many(
            certifications=[NewCertification(umkm_id=umkm.pk, kind="pirt", number="P-1")] * 2,
            user=user,
            reason="x",
        )

    assert not Certification.objects.exists()
