"""The overview's headline figures, each computed again here from the rows of a small
hand-built office (with a reversed repayment, a written-off loan, a revoked certificate,
a reassigned mentor and rows of another year) and compared with what the page shows."""

import re
import uuid
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from lending.models import Installment, Loan, Repayment
from lending.services import loan_write_off, repayment_reverse
from mentoring.models import Visit
from mentoring.services import visit_record
from registry.models import Kelurahan
from tests.lending.conftest import people, today  # noqa: F401
from tests.lending.factories import disbursed_loan, new_business, pay
from tests.mentoring.factories import MentorFactory, assign
from tests.training.factories import CohortFactory
from training.models import Module
from training.services import (
    certificate_issue,
    certificate_revoke,
    enrollment_create,
    result_record,
    session_record,
)

pytestmark = pytest.mark.django_db


def _shown(html: str, testid: str) -> str:
    return re.search(rf'data-testid="{testid}">([^<]*)<', html).group(1).strip()


@pytest.fixture
def office(people, today):  # noqa: F811
    today(date(2025, 1, 10))
    kelurahan = Kelurahan.objects.order_by("code")
    on_time = disbursed_loan(people, disbursed_on=date(2025, 1, 10))
    stopped = disbursed_loan(people, disbursed_on=date(2025, 1, 10), amount=6_000_000, tenor=6)
    today(date(2025, 11, 1))
    for month in range(2, 11):
        pay(people, on_time, 833_000, date(2025, month, 10))
    wrong = pay(people, stopped, 1_000_000, date(2025, 2, 10))
    repayment_reverse(repayment=wrong, reason="Salah input", reversed_by=people.staff)
    loan_write_off(
        loan=stopped, written_off_by=people.head, reason="Macet", on_date=date(2025, 10, 30)
    )
    # Mentors: one reassigned (old assignment ended), visits this year and last year.
    mentor = MentorFactory()
    assign(mentor, kelurahan=kelurahan[0], ends_on=date(2025, 3, 31))
    assign(mentor, kelurahan=kelurahan[1], starts_on=date(2025, 4, 1))
    umkm = new_business(kelurahan=kelurahan[1])
    for day in (date(2025, 5, 2), date(2025, 6, 3)):
        visit_record(mentor=mentor, umkm=umkm, client_id=uuid.uuid4(), visited_on=day,
                     purpose="pendataan")  # fmt: skip
    Visit.objects.create(umkm=umkm, mentor=mentor, visited_on=date(2024, 12, 1),
                         purpose="pendataan", client_id=uuid.uuid4())  # fmt: skip
    # Training: two certified, one of them revoked.
    cohort = CohortFactory(starts_on=date(2025, 7, 1), ends_on=date(2025, 7, 10))
    people_in = [
        enrollment_create(cohort=cohort, umkm=new_business(), user=people.staff) for _ in range(3)
    ]
    for day, module in enumerate(Module.objects.filter(track=cohort.track), start=1):
        session_record(cohort=cohort, module=module, held_on=date(2025, 7, day),
                       present={e.pk for e in people_in}, user=people.staff)  # fmt: skip
        for e in people_in[:2]:
            result_record(enrollment=e, module=module, user=people.staff, passed=True)
    _first, second = (
        certificate_issue(enrollment=e, user=people.staff, issued_on=date(2025, 7, 11))
        for e in people_in[:2]
    )
    certificate_revoke(certificate=second, reason="Data salah", on=date(2025, 8, 1))
    return on_time, stopped


def test_the_headline_figures_match_the_rows(client_as, office):
    on_time, stopped = office
    html = (
        client_as(Role.PIMPINAN).get(reverse("dashboard:index"), {"tahun": "2025"}).content.decode()
    )

    disbursed = sum(loan.principal for loan in Loan.objects.filter(disbursed_on__year=2025))
    outstanding = sum(
        loan.principal - loan.principal_paid
        for loan in Loan.objects.filter(status=Loan.Status.ACTIVE)
    )
    assert _shown(html, "disbursed") == f"Rp{disbursed:,}".replace(",", ".")
    assert _shown(html, "outstanding") == f"Rp{outstanding:,}".replace(",", ".")
    assert outstanding == on_time.principal - 9 * 833_000  # the written-off loan is out
    assert Repayment.objects.filter(loan=stopped).count() == 2  # the mistake and its reversal
    assert _shown(html, "visits") == "2"  # last year's visit is not counted
    assert _shown(html, "certified") == "1"  # the revoked certificate is not counted
    assert _shown(html, "participants") == "3"


def test_the_collection_rate_is_what_was_paid_of_what_fell_due(client_as, office):
    due = Installment.objects.filter(due_date__year=2025, due_date__lte=date(2025, 11, 1))
    owed = sum(i.principal + i.jasa for i in due)
    paid = sum(i.principal_paid + i.jasa_paid + i.jasa_waived for i in due)
    html = (
        client_as(Role.STAF_DINAS)
        .get(reverse("dashboard:index"), {"tahun": "2025"})
        .content.decode()
    )

    expected = f"{paid / owed * 100:.1f}".replace(".", ",") + " %"
    assert _shown(html, "collection") == expected


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.PIMPINAN, 200),
        (Role.KEPALA_UPT, 200),
        (Role.PENDAMPING_EKONOMI, 403),
        (Role.PENDAMPING_PDB, 403),
        (Role.MITRA_INDUSTRI, 403),
    ],
)
def test_who_reads_the_dashboard(client_as, role, status):
    assert client_as(role).get(reverse("dashboard:index")).status_code == status


def test_figures_are_cached_for_five_minutes_and_say_when(client_as, office, time_machine):
    client = client_as(Role.PIMPINAN)
    url = reverse("dashboard:index")
    first = client.get(url, {"tahun": "2025"}).content.decode()
    pay_more = Loan.objects.filter(status=Loan.Status.ACTIVE).count()

    with CaptureQueriesContext(connection) as cached:
        client.get(url, {"tahun": "2025"})
    time_machine.shift(6 * 60)
    with CaptureQueriesContext(connection) as fresh:
        client.get(url, {"tahun": "2025"})

    assert 'data-testid="as-of"' in first and pay_more == 1
    assert len(cached) < len(fresh) / 2
