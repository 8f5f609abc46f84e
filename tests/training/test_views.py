from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from registry.models import Status
from tests.lending.factories import new_business
from training.models import Enrollment, Spending
from training.services import enrollment_create

from .factories import BudgetLineFactory, CohortFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.STAF_DINAS, 200),
        (Role.PIMPINAN, 200),
        (Role.STAF_UPT, 403),
        (Role.PENDAMPING_EKONOMI, 403),
    ],
)
def test_who_opens_a_cohort(client_as, role, status):
    cohort = CohortFactory()

    assert (
        client_as(role).get(reverse("training:cohort-detail", args=[cohort.pk])).status_code
        == status
    )


def test_leadership_reads_but_cannot_enrol(client_as):
    cohort = CohortFactory()

    response = client_as(Role.PIMPINAN).post(
        reverse("training:enroll", args=[cohort.pk]), {"umkm": new_business().pk}
    )

    assert response.status_code == 403 and not Enrollment.objects.exists()


def test_a_refused_enrolment_says_why_on_the_page(client_as):
    cohort = CohortFactory()
    closed = new_business(status=Status.CLOSED)

    response = client_as(Role.STAF_DINAS).post(
        reverse("training:enroll", args=[cohort.pk]), {"umkm": closed.pk}, follow=True
    )

    assert "tidak aktif" in response.content.decode()
    assert not Enrollment.objects.exists()


def test_the_cohort_page_costs_the_same_for_five_or_twenty_five(
    client_as, django_assert_max_num_queries
):
    cohort = CohortFactory(starts_on=date(2025, 7, 1))
    client = client_as(Role.STAF_DINAS)
    user = Enrollment._meta.get_field("enrolled_by").related_model.objects.first()
    for _ in range(5):
        enrollment_create(cohort=cohort, umkm=new_business(), user=user)
    url = reverse("training:cohort-detail", args=[cohort.pk])
    with django_assert_max_num_queries(30) as few:
        client.get(url)
    for _ in range(20):
        enrollment_create(cohort=cohort, umkm=new_business(), user=user)

    with django_assert_max_num_queries(len(few)):
        assert client.get(url).status_code == 200


def test_the_budget_page_posts_and_reverses_spending_and_shows_absorption(client_as, today):
    today(date(2025, 6, 1))
    line = BudgetLineFactory(amount=20_000_000, name="Sertifikasi halal")
    client = client_as(Role.STAF_DINAS)
    url = reverse("training:budget")

    client.post(
        f"{url}?tahun=2025",
        {"line": line.pk, "spent_on": "2025-06-01", "amount": "5.000.000",
         "description": "Biaya uji halal 5 peserta", "document_no": "SPJ-7"},
    )  # fmt: skip
    too_much = client.post(
        f"{url}?tahun=2025",
        {"line": line.pk, "spent_on": "2025-06-01", "amount": "16.000.000",
         "description": "Terlalu banyak", "document_no": ""},
    )  # fmt: skip
    entry = Spending.objects.get()
    client.post(reverse("training:spending-reverse", args=[entry.pk]), {"reason": "Salah baris"})
    html = client.get(f"{url}?tahun=2025").content.decode()

    assert "Rp15.000.000" in too_much.content.decode()  # what is left, in the refusal
    assert Spending.objects.count() == 2  # the entry and its reversal
    assert 'data-testid="absorption">0,0 %' in html
    # Leadership reads the page; its POST shows the page again and posts nothing (as the
    # permission table says: tests/permission_table.py, "training:budget").
    assert client_as(Role.PIMPINAN).post(f"{url}?tahun=2025", {}).status_code == 200
    assert Spending.objects.count() == 2


def test_an_enrolment_shows_on_the_business_timeline(client_as):
    cohort = CohortFactory(name="Jasa Boga 2025-1")
    umkm = new_business()
    client = client_as(Role.STAF_DINAS)
    client.post(reverse("training:enroll", args=[cohort.pk]), {"umkm": umkm.pk})

    html = client.get(reverse("registry:umkm-detail", args=[umkm.pk])).content.decode()

    assert "Jasa Boga 2025-1" in html
