"""Keeping the registry current from the field: registration of a new business (at once,
unverified), contact and status corrections (at once, with history), identity corrections
(only when the office accepts them)."""

import uuid
from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from mentoring.models import FieldChange
from registry.models import UMKM, Source
from tests.factories import UserFactory
from tests.lending.factories import new_business

pytestmark = pytest.mark.django_db

NEW = {
    "name": "Kue Basah Bu Iin",
    "owner_name": "Iin Inayah",
    "owner_nik": "3672 0145 0885 0003",
    "owner_sex": "P",
    "owner_phone": "0812-3456-7001",
    "address": "Jl. Merak No. 3",
    "sector": "kuliner",
    "product": "Kue basah",
}


@pytest.fixture
def staff(db):
    return UserFactory(roles=[Role.STAF_DINAS])


def test_a_mentor_registers_a_business_that_waits_for_verification(
    client, mentor_a, areas, staff, today
):
    today(date(2025, 3, 3))
    client.force_login(mentor_a.user)
    data = {**NEW, "kelurahan": areas[0].pk, "client_id": str(uuid.uuid4())}

    response = client.post(reverse("mentoring:register"), data)
    again = client.post(reverse("mentoring:register"), data)

    umkm = UMKM.objects.get(name="Kue Basah Bu Iin")
    assert (umkm.source, umkm.verified, umkm.owner_phone) == (Source.FIELD, False, "+6281234567001")
    assert response.status_code == again.status_code == 302
    assert FieldChange.objects.count() == 1  # the resend was recognised
    assert umkm.history.first().history_change_reason == "Didaftarkan di lapangan"
    client.force_login(staff)
    change = FieldChange.objects.get()
    queue = client.get(reverse("mentoring:review")).content.decode()
    # Fields by their Indonesian names and coded values by their labels, not owner_nik or
    # "kuliner".
    assert "owner_nik" not in queue and "NIK pemilik" in queue
    assert ">kuliner<" not in queue
    client.post(reverse("mentoring:review-decide", args=[change.pk]), {"decision": "accept"})
    umkm.refresh_from_db()
    assert umkm.verified


def test_a_mentor_cannot_register_in_another_area(client, mentor_a, areas):
    client.force_login(mentor_a.user)

    response = client.post(
        reverse("mentoring:register"),
        {**NEW, "kelurahan": areas[1].pk, "client_id": str(uuid.uuid4())},
    )

    assert response.status_code == 200
    assert not UMKM.objects.filter(name="Kue Basah Bu Iin").exists()


def test_contact_applies_at_once_and_identity_waits_for_the_office(client, mentor_a, areas, staff):
    umkm = new_business(kelurahan=areas[0], name="Warung Lama", nib=None)
    client.force_login(mentor_a.user)

    client.post(
        reverse("mentoring:correct", args=[umkm.pk]),
        {
            "client_id": str(uuid.uuid4()),
            "owner_phone": "0813-1111-2222",
            "address": "Jl. Baru No. 9",
            "status": umkm.status,
            "name": "Warung Baru",
            "owner_nik": umkm.owner_nik,
            "nib": "",
        },
    )

    umkm.refresh_from_db()
    assert (umkm.owner_phone, umkm.address, umkm.name) == (
        "+6281311112222", "Jl. Baru No. 9", "Warung Lama",
    )  # fmt: skip
    assert umkm.history.first().history_change_reason == "Dikoreksi di lapangan"
    change = FieldChange.objects.get()
    assert change.changes == {"name": ["Warung Lama", "Warung Baru"]}

    client.force_login(staff)
    client.post(
        reverse("mentoring:review-decide", args=[change.pk]), {"decision": "accept", "note": "OK"}
    )
    umkm.refresh_from_db()
    assert umkm.name == "Warung Baru"


def test_a_rejection_needs_a_note_and_changes_nothing(client, mentor_a, areas, staff):
    umkm = new_business(kelurahan=areas[0], name="Warung Tetap")
    client.force_login(mentor_a.user)
    client.post(
        reverse("mentoring:correct", args=[umkm.pk]),
        {
            "client_id": str(uuid.uuid4()),
            "owner_phone": "",
            "address": umkm.address,
            "status": umkm.status,
            "name": "Warung Salah Ketik",
            "owner_nik": umkm.owner_nik,
            "nib": umkm.nib or "",
        },
    )
    change = FieldChange.objects.get()
    client.force_login(staff)

    client.post(reverse("mentoring:review-decide", args=[change.pk]), {"decision": "reject"})
    change.refresh_from_db()
    assert change.state == FieldChange.State.PENDING
    client.post(
        reverse("mentoring:review-decide", args=[change.pk]),
        {"decision": "reject", "note": "Nama sesuai NIB tetap Warung Tetap"},
    )

    change.refresh_from_db()
    umkm.refresh_from_db()
    assert change.state == FieldChange.State.REJECTED and umkm.name == "Warung Tetap"


def test_another_areas_business_cannot_be_corrected(client, mentor_a, areas):
    theirs = new_business(kelurahan=areas[1])
    client.force_login(mentor_a.user)

    assert client.get(reverse("mentoring:correct", args=[theirs.pk])).status_code == 404
    post = client.post(reverse("mentoring:correct", args=[theirs.pk]), {"name": "X"})
    assert post.status_code == 404


@pytest.mark.parametrize(
    ("role", "status"), [(Role.STAF_DINAS, 200), (Role.PIMPINAN, 403), (Role.PENDAMPING_PDB, 403)]
)
def test_who_opens_the_review_queue(client_as, role, status):
    assert client_as(role).get(reverse("mentoring:review")).status_code == status


@pytest.mark.parametrize("decision", [None, "", "terima", "ACCEPT", "reject\x00"])
def test_a_missing_or_unknown_decision_decides_nothing(client, mentor_a, areas, staff, decision):
    client.force_login(mentor_a.user)
    client.post(
        reverse("mentoring:register"),
        {**NEW, "kelurahan": areas[0].pk, "client_id": str(uuid.uuid4())},
    )
    change = FieldChange.objects.get()
    client.force_login(staff)
    body = {"note": "dicek"} if decision is None else {"decision": decision, "note": "dicek"}

    response = client.post(reverse("mentoring:review-decide", args=[change.pk]), body, follow=True)

    change.refresh_from_db()
    assert change.state == FieldChange.State.PENDING
    assert "Pilih terima atau tolak." in response.content.decode()
