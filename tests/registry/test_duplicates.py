import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from registry.errors import MergeError
from registry.models import UMKM, Certification, DuplicateCandidate, Kelurahan, PersonalDataAccess
from registry.services import duplicates_refresh, umkm_merge

from .factories import CertificationFactory, UMKMFactory

pytestmark = pytest.mark.django_db


def _pairs() -> set[tuple[str, str, str]]:
    return {
        (c.first.name, c.second.name, c.reason)
        for c in DuplicateCandidate.objects.select_related("first", "second")
    }


def test_it_proposes_the_three_kinds_of_likely_duplicates():
    nik = "3672015506850001"
    UMKMFactory(
        name="Warung Makan Bu Siti", owner_nik=nik, owner_sex="P", owner_phone="+6281100000001"
    )
    UMKMFactory(
        name="Warung Makan Bu Sity", owner_nik=nik, owner_sex="P", owner_phone="+6281100000002"
    )
    UMKMFactory(name="Laundry Siti", owner_nik=nik, owner_sex="P", owner_phone="+6281100000003")
    UMKMFactory(name="Toko A", owner_phone="+6281200000000")
    UMKMFactory(name="Kios B", owner_phone="+6281200000000")
    kelurahan = Kelurahan.objects.get(name="Ketileng")
    UMKMFactory(name="Bengkel Motor Ujang", owner_name="Ujang Hidayat", kelurahan=kelurahan)
    UMKMFactory(name="Bengkel Motor Ujangg", owner_name="Ujang Hidayat", kelurahan=kelurahan)
    UMKMFactory(
        name="Bengkel Motor Ujangg Jaya",
        owner_name="Asep",
        kelurahan=Kelurahan.objects.get(name="Pabean"),
    )

    outcome = duplicates_refresh()

    assert _pairs() == {
        ("Warung Makan Bu Siti", "Warung Makan Bu Sity", "nik"),
        ("Toko A", "Kios B", "hp"),
        ("Bengkel Motor Ujang", "Bengkel Motor Ujangg", "nama"),
    }
    assert outcome.new == 3


def test_a_pair_called_different_is_never_proposed_again():
    UMKMFactory(name="Toko A", owner_phone="+6281200000000")
    UMKMFactory(name="Kios B", owner_phone="+6281200000000")
    duplicates_refresh()
    DuplicateCandidate.objects.update(state=DuplicateCandidate.State.DISMISSED)

    outcome = duplicates_refresh()

    assert outcome.new == 0
    assert DuplicateCandidate.objects.get().state == DuplicateCandidate.State.DISMISSED


def test_a_pair_that_no_longer_looks_alike_closes():
    a = UMKMFactory(owner_phone="+6281200000000")
    UMKMFactory(owner_phone="+6281200000000")
    duplicates_refresh()
    UMKM.objects.filter(pk=a.pk).update(owner_phone="+6281299999999")

    assert duplicates_refresh().closed == 1
    assert not DuplicateCandidate.objects.exists()


def test_a_merge_moves_every_related_record_fills_gaps_and_is_in_the_history(make_user):
    staff = make_user(username="siti")
    survivor = UMKMFactory(name="Warung Bu Siti", nib=None, owner_phone="")
    duplicate = UMKMFactory(
        name="Warung Bu Sity",
        nib="9120001234567",
        owner_phone="+6281234567890",
        owner_nik=survivor.owner_nik,
    )
    CertificationFactory(umkm=survivor, number="A-1")
    CertificationFactory(umkm=duplicate, number="B-2")
    PersonalDataAccess.objects.create(user=staff, umkm=duplicate, action="halaman")
    duplicate_pk = duplicate.pk

    umkm_merge(survivor=survivor, duplicate=duplicate, user=staff)

    assert not UMKM.objects.filter(pk=duplicate_pk).exists()
    survivor.refresh_from_db()
    assert (survivor.nib, survivor.owner_phone) == ("9120001234567", "+6281234567890")
    assert set(survivor.certifications.values_list("number", flat=True)) == {"A-1", "B-2"}
    # Nothing anywhere still points at the merged record.
    for relation in UMKM._meta.related_objects:
        assert not relation.related_model.objects.filter(
            **{relation.field.name: duplicate_pk}
        ).exists()
    assert "Digabung dengan #" in survivor.history.latest().history_change_reason
    gone = UMKM.history.filter(id=duplicate_pk).latest()
    assert (gone.history_type, gone.history_change_reason) == (
        "-",
        f"Digabung ke #{survivor.pk} Warung Bu Siti",
    )
    moved = Certification.history.filter(number="B-2").latest()
    assert moved.umkm_id == survivor.pk


def test_a_merge_that_would_clash_changes_nothing():
    survivor = UMKMFactory()
    duplicate = UMKMFactory(owner_nik=survivor.owner_nik)
    CertificationFactory(umkm=survivor, number="SAMA")
    CertificationFactory(umkm=duplicate, number="SAMA")

    with pytest.raises(MergeError, match="hapus salah satu"):
        umkm_merge(survivor=survivor, duplicate=duplicate, user=None)

    assert UMKM.objects.filter(pk=duplicate.pk).exists()
    assert duplicate.certifications.count() == 1


def test_staff_merge_from_the_duplicates_page(client_as):
    first = UMKMFactory(name="Toko A", owner_phone="+6281200000000")
    second = UMKMFactory(name="Kios B", owner_phone="+6281200000000")
    duplicates_refresh()
    candidate = DuplicateCandidate.objects.get()
    client = client_as(Role.STAF_DINAS)
    assert "Toko A" in client.get(reverse("registry:duplicates")).content.decode()

    response = client.post(
        reverse("registry:duplicate-merge", args=[candidate.pk]),
        # Two owner NIKs: staff confirm they are one owner (issue 15).
        {"keep": "second", "same_owner": "on", "reason": "Satu orang"},
    )

    assert response.url == second.get_absolute_url()
    assert list(UMKM.objects.values_list("pk", flat=True)) == [second.pk]
    assert not UMKM.objects.filter(pk=first.pk).exists()


def test_staff_dismiss_a_pair(client_as):
    UMKMFactory(owner_phone="+6281200000000")
    UMKMFactory(owner_phone="+6281200000000")
    duplicates_refresh()
    candidate = DuplicateCandidate.objects.get()

    client_as(Role.STAF_DINAS, username="siti").post(
        reverse("registry:duplicate-dismiss", args=[candidate.pk])
    )

    candidate.refresh_from_db()
    assert (candidate.state, candidate.decided_by.username) == ("berbeda", "siti")


@pytest.mark.parametrize("role", [Role.PIMPINAN, Role.STAF_UPT, Role.PENDAMPING_EKONOMI])
def test_only_registry_keepers_see_and_merge_duplicates(client_as, role):
    UMKMFactory(owner_phone="+6281200000000")
    UMKMFactory(owner_phone="+6281200000000")
    duplicates_refresh()
    candidate = DuplicateCandidate.objects.get()
    client = client_as(role)

    assert client.get(reverse("registry:duplicates")).status_code == 403
    assert (
        client.post(
            reverse("registry:duplicate-merge", args=[candidate.pk]), {"keep": "first"}
        ).status_code
        == 403
    )
    assert UMKM.objects.count() == 2


@pytest.mark.parametrize("keep", [None, "", "kedua", "FIRST", "first\x00"])
def test_a_merge_without_a_clear_choice_of_the_record_to_keep_merges_nothing(client_as, keep):
    UMKMFactory(name="Toko A", owner_phone="+6281200000000")
    UMKMFactory(name="Kios B", owner_phone="+6281200000000")
    duplicates_refresh()
    candidate = DuplicateCandidate.objects.get()
    client = client_as(Role.STAF_DINAS)

    response = client.post(
        reverse("registry:duplicate-merge", args=[candidate.pk]),
        {} if keep is None else {"keep": keep},
        follow=True,
    )

    assert UMKM.objects.count() == 2
    assert "Pilih data yang disimpan." in response.content.decode()
