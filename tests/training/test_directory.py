"""The directory of certified suppliers: who is in it, what an industry buyer sees (contact
details, certificates) and never sees (the NIK)."""

from datetime import date
from io import BytesIO

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cilegon_umkm.accounts.roles import Role
from tests.factories import UserFactory
from tests.lending.factories import new_business
from tests.pagination import page_links
from training.models import Module, SupplyCategory
from training.services import (
    certificate_issue,
    certificate_revoke,
    enrollment_create,
    result_record,
    session_record,
)

from .factories import CohortFactory, TrackFactory

pytestmark = pytest.mark.django_db


def _certify_all(cohort, businesses, staff) -> list:
    """Enrol them all, all present at every session, all passed: certified."""
    enrollments = [enrollment_create(cohort=cohort, umkm=u, user=staff) for u in businesses]
    for day, module in enumerate(Module.objects.filter(track=cohort.track), start=1):
        session_record(
            cohort=cohort, module=module, held_on=date(2025, 7, day),
            present={e.pk for e in enrollments}, user=staff,
        )  # fmt: skip
        for enrollment in enrollments:
            result_record(enrollment=enrollment, module=module, user=staff, passed=True)
    return [
        certificate_issue(enrollment=e, user=staff, issued_on=date(2025, 7, 12))
        for e in enrollments
    ]


@pytest.fixture
def suppliers(db):
    staff = UserFactory()
    catering = CohortFactory(track=TrackFactory(supply_category=SupplyCategory.CATERING))
    laundry = CohortFactory(track=TrackFactory(supply_category=SupplyCategory.LAUNDRY))
    cook = new_business(name="Katering Bu Yati", owner_phone="+6281234567001")
    washer = new_business(name="Laundry Bersih")
    revoked = new_business(name="Katering Dicabut")
    new_business(name="Warung Belum Ikut")
    _certify_all(catering, [cook], staff)
    _certify_all(laundry, [washer], staff)
    gone = _certify_all(
        CohortFactory(track=catering.track, starts_on=date(2025, 7, 1)), [revoked], staff
    )
    certificate_revoke(certificate=gone[0], reason="Pindah usaha", on=date(2025, 8, 1))
    return cook, washer


def test_only_valid_certificate_holders_by_category(client_as, suppliers):
    cook, _washer = suppliers
    client = client_as(Role.MITRA_INDUSTRI)
    url = reverse("training:directory")

    everyone = client.get(url).content.decode()
    catering = client.get(url, {"kategori": "katering"}).content.decode()

    assert "Katering Bu Yati" in everyone and "Laundry Bersih" in everyone
    assert "Katering Dicabut" not in everyone and "Warung Belum Ikut" not in everyone
    assert "Laundry Bersih" not in catering
    assert cook.owner_phone in everyone  # a buyer needs to call
    assert cook.owner_nik not in everyone


def test_the_export_has_contacts_and_certificates_but_no_nik(client_as, suppliers):
    cook, _washer = suppliers

    response = client_as(Role.MITRA_INDUSTRI).get(reverse("training:directory"), {"format": "xlsx"})
    cells = [str(c) for row in load_workbook(BytesIO(response.content)).active.values for c in row]

    assert cook.owner_phone in cells
    assert not any(cook.owner_nik in c for c in cells)
    assert any("DKUMKM-CLG" in c for c in cells)


def test_an_industry_buyer_sees_the_directory_only(client_as):
    client = client_as(Role.MITRA_INDUSTRI)

    assert client.get(reverse("training:directory")).status_code == 200
    assert client.get(reverse("registry:index")).status_code == 403
    assert client.get(reverse("training:index")).status_code == 403


def test_the_directory_costs_the_same_queries_for_more_suppliers(
    client_as, suppliers, django_assert_max_num_queries
):
    client = client_as(Role.STAF_DINAS)
    url = reverse("training:directory")
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    more = [new_business(name=f"Katering Tambahan {i}") for i in range(5)]
    _certify_all(CohortFactory(starts_on=date(2025, 7, 1)), more, UserFactory())

    with django_assert_max_num_queries(len(few)):
        assert "Katering Tambahan 4" in client.get(url).content.decode()


def test_the_export_keeps_the_filter_and_pages_are_asked_in_indonesian(client_as, suppliers):
    client = client_as(Role.MITRA_INDUSTRI)
    url = reverse("training:directory")

    html = client.get(url, {"kategori": "katering", "halaman": "1"}).content.decode()
    export = client.get(url, {"kategori": "laundry", "format": "xlsx"})
    cells = [str(c) for row in load_workbook(BytesIO(export.content)).active.values for c in row]

    assert 'href="?kategori=katering&amp;format=xlsx" data-testid="export"' in html
    assert "Laundry Bersih" in cells and "Katering Bu Yati" not in cells
    assert export["Content-Disposition"] == 'attachment; filename="pemasok-bersertifikat.xlsx"'


def test_page_two_of_a_category_stays_in_the_category(client_as, suppliers, monkeypatch):
    monkeypatch.setattr("training.views.directory.PER_PAGE", 1)  # two caterers, two pages
    caterers = CohortFactory(track=TrackFactory(supply_category=SupplyCategory.CATERING))
    _certify_all(caterers, [new_business(name="Katering Kedua")], UserFactory())
    client = client_as(Role.MITRA_INDUSTRI)
    url = reverse("training:directory")

    first = client.get(url, {"kategori": "katering"})
    links = page_links(first.content.decode())
    second = client.get(url, links[2])

    assert links[2] == {"kategori": ["katering"], "halaman": ["2"]}
    assert first.context["page_obj"].paginator.count == 2
    assert [umkm.name[:8] for umkm in second.context["page_obj"]] == ["Katering"]
    assert page_links(second.content.decode())[1] == {"kategori": ["katering"], "halaman": ["1"]}
