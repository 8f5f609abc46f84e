import uuid
from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from mentoring.models import MentorKind, Referral
from mentoring.selectors import Month, activity
from mentoring.services import referral_decline, referral_make, visit_record
from tests.lending.factories import new_business

from .factories import MentorFactory, assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def october(areas, mentor_a, people, today):
    """mentor_a: 3 visits to 2 businesses in October, 1 in September, 2 referrals in
    October of which none taken up and one declined; an idle ekonomi mentor."""
    today(date(2025, 10, 31))
    one, two = new_business(kelurahan=areas[0]), new_business(kelurahan=areas[0])
    for umkm, day in [(one, date(2025, 10, 1)), (one, date(2025, 10, 31)),
                      (two, date(2025, 10, 15)), (two, date(2025, 9, 30))]:  # fmt: skip
        visit_record(
            mentor=mentor_a, umkm=umkm, client_id=uuid.uuid4(), visited_on=day,
            purpose="pendataan",
        )  # fmt: skip
    for umkm, kind in [(one, "pdb"), (two, "pelatihan")]:
        referral, _ = referral_make(
            mentor=mentor_a, umkm=umkm, client_id=uuid.uuid4(), kind=kind, need="Modal",
            training_topic="Halal",
        )  # fmt: skip
    referral_decline(referral=referral, user=people.staff, reason="Belum memenuhi syarat")
    idle = MentorFactory(kind=MentorKind.EKONOMI)
    assign(idle, kelurahan=areas[1])
    return mentor_a, idle


def test_a_months_work_per_mentor_idle_ones_included(october):
    busy, idle = october

    rows = {row.mentor: row for row in activity(Month(2025, 10))}

    assert (rows[busy].visits, rows[busy].reached) == (3, 2)
    assert (rows[busy].referrals, rows[busy].taken_up) == (2, 0)
    assert (rows[idle].visits, rows[idle].referrals) == (0, 0)


def test_the_month_is_read_from_the_url_or_defaults_to_this_month():
    assert Month.parse("2025-09", date(2026, 1, 5)) == Month(2025, 9)
    assert Month.parse("2025-13", date(2026, 1, 5)) == Month(2026, 1)
    assert Month.parse(None, date(2026, 1, 5)).last == date(2026, 1, 31)


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.STAF_DINAS, 200),
        (Role.KEPALA_UPT, 200),
        (Role.PIMPINAN, 200),
        (Role.STAF_UPT, 403),
        (Role.PENDAMPING_EKONOMI, 403),
    ],
)
def test_who_reads_the_report(client_as, october, role, status):
    response = client_as(role).get(reverse("mentoring:activity-report"), {"bulan": "2025-10"})

    assert response.status_code == status


def test_the_report_page_and_its_export(client_as, october, django_assert_max_num_queries):
    client = client_as(Role.STAF_DINAS)

    with django_assert_max_num_queries(12):
        html = client.get(reverse("mentoring:activity-report"), {"bulan": "2025-10"}).content
    export = client.get(
        reverse("mentoring:activity-report"), {"bulan": "2025-10", "format": "xlsx"}
    )

    assert b'data-testid="activity"' in html and b"table-warning" in html  # the idle one
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")
    assert "kegiatan-pendamping-2025-10.xlsx" in export["Content-Disposition"]


def test_a_mentor_sees_their_own_month_at_home(client, october):
    busy, _idle = october
    client.force_login(busy.user)

    html = client.get(reverse("mentoring:field")).content.decode()

    assert 'data-testid="my-month"' in html
    assert Referral.objects.filter(referred_by=busy).count() == 2
