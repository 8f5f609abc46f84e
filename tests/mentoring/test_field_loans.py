"""A pendamping PDB's survey queue, survey form and arrears list: only their own areas."""

from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from lending.models import Application, Survey
from lending.services import application_submit
from tests.lending.factories import ProductFactory, disbursed_loan, new_business, pay

from .factories import MentorFactory, assign

pytestmark = pytest.mark.django_db

SURVEY = {
    "surveyed_on": "2025-03-03",
    "business_condition": "Warung ramai",
    "use_of_funds": "Etalase",
    "monthly_net_income": "2.000.000",
    "capacity_note": "Sanggup",
    "recommendation": "layak",
}


@pytest.fixture
def waiting(people, areas, today):
    """An application waiting for a survey in kelurahan A, and one in kelurahan B."""
    today(date(2025, 3, 3))
    product = ProductFactory()

    def submit(kelurahan):
        return application_submit(
            umkm=new_business(kelurahan=kelurahan),
            product=product,
            amount=5_000_000,
            tenor_months=12,
            purpose="Modal",
            submitted_by=people.staff,
        )

    return submit(areas[0]), submit(areas[1])


def test_the_queue_lists_only_the_mentors_areas(client, mentor_a, waiting):
    in_a, in_b = waiting
    client.force_login(mentor_a.user)

    html = client.get(reverse("mentoring:survey-queue")).content.decode()

    assert in_a.umkm.name in html
    assert in_b.umkm.name not in html


def test_the_mentor_records_the_survey_of_their_area(client, mentor_a, waiting):
    in_a, _in_b = waiting
    client.force_login(mentor_a.user)

    response = client.post(reverse("mentoring:survey", args=[in_a.pk]), SURVEY)

    assert response.status_code == 302
    in_a.refresh_from_db()
    assert in_a.state == Application.State.SURVEYED
    assert in_a.survey.surveyed_by == mentor_a.user
    assert in_a.events.last().actor == mentor_a.user


def test_guessing_another_areas_application_is_a_404_and_changes_nothing(client, mentor_a, waiting):
    _in_a, in_b = waiting
    client.force_login(mentor_a.user)

    page = client.get(reverse("mentoring:survey", args=[in_b.pk]))
    post = client.post(reverse("mentoring:survey", args=[in_b.pk]), SURVEY)
    made_up = client.get(reverse("mentoring:survey", args=[in_b.pk + 1000]))

    assert (page.status_code, post.status_code, made_up.status_code) == (404, 404, 404)
    assert not Survey.objects.exists()


def test_after_a_reassignment_the_old_mentor_loses_the_area(client, mentor_a, areas, waiting):
    in_a, _in_b = waiting
    assignment = mentor_a.assignments.get()
    assignment.ends_on = date(2025, 3, 2)
    assignment.save(update_fields=["ends_on"])
    successor = MentorFactory()
    assign(successor, kelurahan=areas[0], starts_on=date(2025, 3, 3))

    client.force_login(mentor_a.user)
    assert client.get(reverse("mentoring:survey", args=[in_a.pk])).status_code == 404
    client.force_login(successor.user)
    assert client.get(reverse("mentoring:survey", args=[in_a.pk])).status_code == 200


def test_a_surveyed_application_leaves_the_queue(client, mentor_a, waiting):
    in_a, _in_b = waiting
    client.force_login(mentor_a.user)
    client.post(reverse("mentoring:survey", args=[in_a.pk]), SURVEY)

    again = client.post(reverse("mentoring:survey", args=[in_a.pk]), SURVEY)

    assert again.status_code == 404
    assert Survey.objects.count() == 1


def test_a_bad_survey_keeps_what_was_typed(client, mentor_a, waiting):
    in_a, _in_b = waiting
    client.force_login(mentor_a.user)

    response = client.post(
        reverse("mentoring:survey", args=[in_a.pk]), {**SURVEY, "monthly_net_income": "banyak"}
    )

    assert response.status_code == 200
    assert "Warung ramai" in response.content.decode()
    assert not Survey.objects.exists()


@pytest.mark.parametrize(
    ("role", "status"),
    [(Role.PENDAMPING_EKONOMI, 403), (Role.STAF_UPT, 403), (Role.PIMPINAN, 403)],
)
def test_only_pendamping_pdb_open_the_loan_field_pages(client_as, role, status):
    client = client_as(role)

    for name in ("mentoring:survey-queue", "mentoring:arrears"):
        assert client.get(reverse(name)).status_code == status, name


def test_the_arrears_list_shows_the_areas_late_loans_most_overdue_first(
    client, people, areas, mentor_a, today
):
    today(date(2025, 1, 10))
    long_late = disbursed_loan(
        people, disbursed_on=date(2025, 1, 10), umkm=new_business(kelurahan=areas[0])
    )
    short_late = disbursed_loan(
        people, disbursed_on=date(2025, 1, 10), umkm=new_business(kelurahan=areas[0])
    )
    on_time = disbursed_loan(
        people, disbursed_on=date(2025, 1, 10), umkm=new_business(kelurahan=areas[0])
    )
    elsewhere = disbursed_loan(
        people, disbursed_on=date(2025, 1, 10), umkm=new_business(kelurahan=areas[1])
    )
    today(date(2025, 4, 20))
    pay(people, short_late, 833_000, date(2025, 2, 10))
    pay(people, short_late, 833_000, date(2025, 3, 10))
    for month in (2, 3, 4):
        pay(people, on_time, 833_000, date(2025, month, 10))
    client.force_login(mentor_a.user)

    html = client.get(reverse("mentoring:arrears")).content.decode()

    assert html.index(long_late.umkm.name) < html.index(short_late.umkm.name)
    assert on_time.umkm.name not in html
    assert elsewhere.umkm.name not in html


def test_the_field_home_counts_the_areas_work(client, mentor_a, waiting):
    client.force_login(mentor_a.user)

    html = client.get(reverse("mentoring:field")).content.decode()

    assert 'data-testid="surveys-waiting"' in html
    assert 'rounded-pill">1<' in html


def test_a_pendamping_without_an_area_is_told_to_ask_the_office(client_as):
    html = client_as(Role.PENDAMPING_PDB).get(reverse("mentoring:field")).content.decode()

    assert 'data-testid="no-areas"' in html


def test_the_queue_costs_the_same_queries_for_one_or_many(
    client, mentor_a, waiting, people, areas, django_assert_max_num_queries
):
    client.force_login(mentor_a.user)
    client.get(reverse("mentoring:survey-queue"))
    for _ in range(10):
        application_submit(
            umkm=new_business(kelurahan=areas[0]),
            product=waiting[0].product,
            amount=5_000_000,
            tenor_months=12,
            purpose="Modal",
            submitted_by=people.staff,
        )

    with django_assert_max_num_queries(12):
        assert client.get(reverse("mentoring:survey-queue")).status_code == 200
