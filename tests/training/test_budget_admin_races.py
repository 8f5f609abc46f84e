"""Staff adding budget lines or cohorts in the admin at the same moment: the service, which
checks again under its lock, refuses the one that no longer fits, and the admin shows that
refusal as an error on the form it keeps, never a server error."""

from datetime import date

import pytest
from django.test import Client
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from tests.concurrency import run_together
from tests.factories import UserFactory
from training.admin import BudgetLineForm, CohortForm
from training.models import BudgetLine, Cohort

from .factories import AllocationFactory, BudgetLineFactory, TrackFactory


def _line_data(allocation, name) -> dict:
    return {"allocation": allocation.pk, "category": "pelatihan", "name": name,
            "amount": "300000000"}  # fmt: skip


def _cohort_data(line, track, name) -> dict:
    return {
        "track": track.pk, "name": name, "starts_on": "2025-07-01", "ends_on": "2025-07-10",
        "venue": "Aula Dinas", "trainer": "LSP Jasa Boga", "quota": "25", "budget_line": line.pk,
        "cost_per_participant": "6000000",  # Rp150 juta for the cohort
    }  # fmt: skip


def _errors(response) -> str:
    return " ".join(str(e) for e in response.context["adminform"].form.non_field_errors())


@pytest.fixture
def staff(db, today):
    today(date(2025, 6, 1))
    return UserFactory(roles=[Role.STAF_DINAS], username="siti")


def _client(user) -> Client:
    client = Client()
    client.force_login(user)
    return client


@pytest.mark.django_db(transaction=True)
def test_six_lines_added_at_once_keep_the_allocation_and_none_is_a_server_error(staff):
    allocation = AllocationFactory(amount=1_000_000_000)  # room for three of Rp300 juta
    clients = [_client(staff) for _ in range(6)]
    url = reverse("admin:training_budgetline_add")

    responses = run_together(
        *(lambda c=c, i=i: c.post(url, _line_data(allocation, f"Baris {i}")) for i, c in
          enumerate(clients))
    )  # fmt: skip

    assert all(not isinstance(r, Exception) for r in responses), responses
    assert sorted(r.status_code for r in responses) == [200, 200, 200, 302, 302, 302]
    assert BudgetLine.objects.count() == 3


@pytest.mark.django_db(transaction=True)
def test_six_cohorts_added_at_once_keep_the_line_and_none_is_a_server_error(staff):
    line = BudgetLineFactory(amount=300_000_000)  # room for two of Rp150 juta
    track = TrackFactory()
    clients = [_client(staff) for _ in range(6)]
    url = reverse("admin:training_cohort_add")

    responses = run_together(
        *(lambda c=c, i=i: c.post(url, _cohort_data(line, track, f"Angkatan {i}")) for i, c in
          enumerate(clients))
    )  # fmt: skip

    assert all(not isinstance(r, Exception) for r in responses), responses
    assert sorted(r.status_code for r in responses) == [200, 200, 200, 200, 302, 302]
    assert Cohort.objects.count() == 2


@pytest.mark.django_db
def test_a_line_the_service_refuses_after_the_form_passed_is_shown_as_an_error(staff, monkeypatch):
    """As when another line was saved between the form's check and the service's lock."""
    allocation = AllocationFactory(amount=1_000_000_000)
    BudgetLineFactory(allocation=allocation, amount=800_000_000)
    monkeypatch.setattr(BudgetLineForm, "problem", staticmethod(lambda line: None))

    response = _client(staff).post(
        reverse("admin:training_budgetline_add"), _line_data(allocation, "Baris baru")
    )

    assert response.status_code == 200
    assert "Rp1.100.000.000" in _errors(response)
    assert 'value="Baris baru"' in response.content.decode()  # what was typed is kept
    assert BudgetLine.objects.count() == 1


@pytest.mark.django_db
def test_a_cohort_the_service_refuses_after_the_form_passed_is_shown_as_an_error(
    staff, monkeypatch
):
    line = BudgetLineFactory(amount=100_000_000)
    monkeypatch.setattr(CohortForm, "problem", staticmethod(lambda cohort: None))

    response = _client(staff).post(
        reverse("admin:training_cohort_add"), _cohort_data(line, TrackFactory(), "Angkatan 1")
    )

    assert response.status_code == 200
    assert "Rp150.000.000" in _errors(response)
    assert not Cohort.objects.exists()
