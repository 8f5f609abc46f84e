"""Only verified businesses get money. A business a mentor registered in the field stays
"belum diverifikasi" until the office checks it: its application may be filed and surveyed,
but not approved nor disbursed; every lending page of it says so; the registry list shows
and filters unverified businesses (?verifikasi=belum)."""

from datetime import date

import pytest
from django.urls import reverse
from django.utils import timezone

from cilegon_umkm.accounts.roles import Role
from lending.errors import LendingError
from lending.models import Application, Loan
from lending.services import (
    application_approve,
    application_submit,
    application_survey,
    loan_disburse,
)
from registry.services import umkm_correct
from tests.mentoring.factories import MentorFactory, assign

from .factories import ProductFactory, disbursed_loan, new_business, survey_findings

pytestmark = pytest.mark.django_db

UNVERIFIED = 'data-testid="unverified"'


def _surveyed(people, umkm) -> Application:
    application = application_submit(
        umkm=umkm,
        product=ProductFactory(),
        amount=5_000_000,
        tenor_months=12,
        purpose="Modal kerja",
        submitted_by=people.staff,
    )
    application_survey(
        application=application,
        surveyed_by=people.mentor,
        surveyed_on=timezone.localdate(),
        **survey_findings(),
    )
    return application


def _verify(umkm, user, verified=True):
    umkm_correct(umkm=umkm, changes={"verified": verified}, user=user, reason="Dicek kantor")


def test_an_unverified_business_applies_but_is_not_approved(people):
    umkm = new_business(verified=False)
    application = _surveyed(people, umkm)

    with pytest.raises(LendingError, match="belum diverifikasi"):
        application_approve(application=application, approver=people.head)

    application.refresh_from_db()
    assert application.state == Application.State.SURVEYED
    _verify(umkm, people.staff)
    application_approve(application=application, approver=people.head)
    application.refresh_from_db()
    assert application.state == Application.State.APPROVED


def test_an_unverified_business_is_not_disbursed(people, today):
    today(date(2025, 3, 3))
    umkm = new_business()
    application = _surveyed(people, umkm)
    application_approve(application=application, approver=people.head)
    # Staff find the registration doubtful after the approval and unverify it.
    _verify(umkm, people.staff, verified=False)

    with pytest.raises(LendingError, match="belum diverifikasi"):
        loan_disburse(
            application=application, disbursed_by=people.staff, disbursed_on=date(2025, 3, 3)
        )

    assert not Loan.objects.exists()


def test_every_lending_page_of_the_business_says_it_is_not_verified(people, today, client):
    today(date(2025, 3, 3))
    umkm = new_business(name="Warung Lapangan", verified=False)
    mentor = MentorFactory()
    assign(mentor, kelurahan=umkm.kelurahan)
    application = application_submit(
        umkm=umkm,
        product=ProductFactory(),
        amount=5_000_000,
        tenor_months=12,
        purpose="Modal kerja",
        submitted_by=people.staff,
    )
    client.force_login(mentor.user)
    survey_queue = client.get(reverse("mentoring:survey-queue")).content.decode()
    client.force_login(people.staff)

    pages = {
        "application": client.get(application.get_absolute_url()),
        "queue": client.get(reverse("lending:applications")),
        "index": client.get(reverse("lending:index")),
    }

    assert UNVERIFIED in survey_queue
    for name, response in pages.items():
        html = response.content.decode()
        assert UNVERIFIED in html, name
        assert "belum diverifikasi" in html, name
    assert 'data-testid="eligibility-problems"' in pages["application"].content.decode()


def test_the_loan_pages_and_the_desk_say_it_too(people, today, client):
    """A loan made before the rule, of a business later found unverified."""
    today(date(2025, 3, 3))
    umkm = new_business(name="Warung Pindahan")
    loan = disbursed_loan(people, disbursed_on=date(2025, 3, 3), umkm=umkm)
    _verify(umkm, people.staff, verified=False)
    client.force_login(people.staff)

    loan_page = client.get(loan.get_absolute_url()).content.decode()
    desk = client.get(reverse("lending:repayment-new", args=[loan.pk])).content.decode()
    verified_loan = disbursed_loan(people, disbursed_on=date(2025, 3, 3))
    other = client.get(verified_loan.get_absolute_url()).content.decode()

    assert UNVERIFIED in loan_page
    assert UNVERIFIED in desk
    assert UNVERIFIED not in other


# --- the registry list --------------------------------------------------------------------


@pytest.fixture
def two_businesses(db):
    return new_business(name="Toko Terverifikasi"), new_business(
        name="Toko Lapangan", verified=False
    )


def _names(response) -> str:
    return response.content.decode()


def test_the_registry_list_marks_unverified_businesses(client_as, two_businesses):
    html = _names(client_as(Role.STAF_DINAS).get(reverse("registry:index")))

    assert html.count(UNVERIFIED) == 1
    row = html[html.index("Toko Lapangan") :]
    assert row.index(UNVERIFIED) < row.index("</tr>")


@pytest.mark.parametrize(
    ("value", "shown", "hidden"),
    [
        ("belum", "Toko Lapangan", "Toko Terverifikasi"),
        ("sudah", "Toko Terverifikasi", "Toko Lapangan"),
    ],
)
def test_the_registry_list_filters_by_verification(client_as, two_businesses, value, shown, hidden):
    html = _names(client_as(Role.STAF_DINAS).get(reverse("registry:index"), {"verifikasi": value}))

    assert shown in html
    assert hidden not in html


def test_a_bad_verification_value_is_no_server_error(client_as, two_businesses):
    """Like every choice filter of the list (?skala=x): the form refuses it, no 500."""
    response = client_as(Role.STAF_DINAS).get(reverse("registry:index"), {"verifikasi": "x"})

    assert response.status_code == 200
