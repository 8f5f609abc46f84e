"""The DAK budget's rules hold in the admin, which saves through the budget's services: the
lines add up to at most the allocation, a line is never less than what it spent, an
allocation is never less than its lines, a cohort costs no more than its line has left."""

from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from tests.factories import UserFactory
from training.models import Allocation, BudgetLine, Cohort
from training.services import spending_post

from .factories import AllocationFactory, BudgetLineFactory, CohortFactory, TrackFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client_as, today):
    today(date(2025, 6, 1))
    return client_as(Role.STAF_DINAS, username="siti")


def _errors(response) -> str:
    return " ".join(str(e) for e in response.context["adminform"].form.non_field_errors())


def _line_data(allocation, amount, **overrides) -> dict:
    return {
        "allocation": allocation.pk,
        "category": "pelatihan",
        "name": "Pelatihan jasa boga",
        "amount": str(amount),
        **overrides,
    }


def test_it_refuses_lines_adding_up_to_more_than_the_allocation(staff_client):
    allocation = AllocationFactory(amount=3_400_000_000)
    BudgetLineFactory(allocation=allocation, amount=3_000_000_000)

    response = staff_client.post(
        reverse("admin:training_budgetline_add"), _line_data(allocation, 3_000_000_000)
    )

    assert response.status_code == 200
    assert "Rp6.000.000.000" in _errors(response) and "Rp3.400.000.000" in _errors(response)
    assert BudgetLine.objects.count() == 1


def test_it_adds_a_line_that_fits(staff_client):
    allocation = AllocationFactory(amount=3_400_000_000)
    BudgetLineFactory(allocation=allocation, amount=3_000_000_000)

    response = staff_client.post(
        reverse("admin:training_budgetline_add"), _line_data(allocation, 400_000_000)
    )

    assert response.status_code == 302
    assert sum(BudgetLine.objects.values_list("amount", flat=True)) == 3_400_000_000


def test_it_refuses_raising_a_line_beyond_the_allocation(staff_client):
    allocation = AllocationFactory(amount=1_000_000_000)
    BudgetLineFactory(allocation=allocation, amount=600_000_000)
    line = BudgetLineFactory(allocation=allocation, amount=400_000_000)

    response = staff_client.post(
        reverse("admin:training_budgetline_change", args=[line.pk]),
        _line_data(allocation, 500_000_000, name=line.name),
    )

    assert response.status_code == 200 and "Rp1.100.000.000" in _errors(response)
    line.refresh_from_db()
    assert line.amount == 400_000_000


def test_it_refuses_cutting_a_line_below_what_it_spent(staff_client):
    line = BudgetLineFactory(amount=100_000_000)
    spending_post(
        line=line, spent_on=date(2025, 6, 1), amount=60_000_000, description="Honor",
        document_no="SPJ-1", user=UserFactory(),
    )  # fmt: skip

    response = staff_client.post(
        reverse("admin:training_budgetline_change", args=[line.pk]),
        _line_data(line.allocation, 50_000_000, name=line.name),
    )

    assert response.status_code == 200 and "Rp60.000.000" in _errors(response)
    line.refresh_from_db()
    assert line.amount == 100_000_000


def _allocation_data(allocation, amount) -> dict:
    return {
        "fiscal_year": str(allocation.fiscal_year),
        "source": allocation.source,
        "amount": str(amount),
        "note": "",
        "lines-TOTAL_FORMS": "0",
        "lines-INITIAL_FORMS": "0",
        "lines-MIN_NUM_FORMS": "0",
        "lines-MAX_NUM_FORMS": "1000",
    }


def test_it_refuses_cutting_the_allocation_below_its_lines(staff_client):
    allocation = AllocationFactory(amount=3_400_000_000)
    BudgetLineFactory(allocation=allocation, amount=1_900_000_000)

    response = staff_client.post(
        reverse("admin:training_allocation_change", args=[allocation.pk]),
        _allocation_data(allocation, 100),
    )

    assert response.status_code == 200 and "Rp1.900.000.000" in _errors(response)
    allocation.refresh_from_db()
    assert allocation.amount == 3_400_000_000


def test_it_changes_an_allocation_that_still_covers_its_lines(staff_client):
    allocation = AllocationFactory(amount=3_400_000_000)
    BudgetLineFactory(allocation=allocation, amount=1_900_000_000)

    response = staff_client.post(
        reverse("admin:training_allocation_change", args=[allocation.pk]),
        _allocation_data(allocation, 1_900_000_000),
    )

    assert response.status_code == 302
    allocation.refresh_from_db()
    assert allocation.amount == 1_900_000_000


def _cohort_data(line, track, **overrides) -> dict:
    return {
        "track": track.pk,
        "name": "Jasa Boga 2025-1",
        "starts_on": "2025-07-01",
        "ends_on": "2025-07-10",
        "venue": "Aula Dinas",
        "trainer": "LSP Jasa Boga",
        "quota": "25",
        "budget_line": line.pk,
        "cost_per_participant": "6000000",  # Rp150 juta for the cohort
        **overrides,
    }


def test_it_refuses_a_cohort_costing_more_than_its_line_has_left(staff_client):
    line = BudgetLineFactory(amount=10_000_000, name="Pelatihan kecil")

    response = staff_client.post(
        reverse("admin:training_cohort_add"), _cohort_data(line, TrackFactory())
    )

    assert response.status_code == 200
    assert "Rp150.000.000" in _errors(response) and "Rp10.000.000" in _errors(response)
    assert not Cohort.objects.exists()


def test_a_second_cohort_gets_only_what_the_first_left(staff_client):
    line = BudgetLineFactory(amount=200_000_000)
    track = TrackFactory()
    first = staff_client.post(reverse("admin:training_cohort_add"), _cohort_data(line, track))

    second = staff_client.post(
        reverse("admin:training_cohort_add"), _cohort_data(line, track, name="Jasa Boga 2025-2")
    )

    assert first.status_code == 302
    assert second.status_code == 200 and "Rp50.000.000" in _errors(second)
    assert Cohort.objects.count() == 1


def test_a_cohort_renamed_on_a_line_already_short_is_kept(staff_client):
    cohort = CohortFactory(budget_line=BudgetLineFactory(amount=10_000_000))  # as before the rule

    response = staff_client.post(
        reverse("admin:training_cohort_change", args=[cohort.pk]),
        _cohort_data(cohort.budget_line, cohort.track, name="Angkatan baru", quota="20",
                     cost_per_participant="3000000"),
    )  # fmt: skip

    assert response.status_code == 302
    cohort.refresh_from_db()
    assert cohort.name == "Angkatan baru"


def test_the_allocation_page_lists_its_lines_without_editing_them(staff_client):
    allocation = AllocationFactory()
    BudgetLineFactory(allocation=allocation, name="Inkubasi bisnis")

    response = staff_client.get(reverse("admin:training_allocation_change", args=[allocation.pk]))

    assert response.status_code == 200
    assert "Inkubasi bisnis" in response.content.decode()
    assert Allocation.objects.count() == 1


@pytest.mark.parametrize("year", ["2027", "1"])
def test_an_allocation_with_spending_keeps_its_fiscal_year(staff_client, year):
    allocation = AllocationFactory(fiscal_year=2025, amount=3_400_000_000)
    line = BudgetLineFactory(allocation=allocation, amount=1_000_000_000)
    spending_post(
        line=line,
        amount=5_000_000,
        spent_on=date(2025, 6, 1),
        description="Konsumsi",
        document_no="SPJ-1",
        user=UserFactory(),
    )

    response = staff_client.post(
        reverse("admin:training_allocation_change", args=[allocation.pk]),
        {**_allocation_data(allocation, allocation.amount), "fiscal_year": year},
    )

    assert response.status_code == 200
    assert ("2025" if year == "2027" else "2100") in str(response.context["adminform"].form.errors)
    allocation.refresh_from_db()
    assert allocation.fiscal_year == 2025


def test_an_allocation_with_nothing_in_it_may_move_to_another_year(staff_client):
    allocation = AllocationFactory(fiscal_year=2025, amount=3_400_000_000)

    response = staff_client.post(
        reverse("admin:training_allocation_change", args=[allocation.pk]),
        {**_allocation_data(allocation, allocation.amount), "fiscal_year": "2026"},
    )

    assert response.status_code == 302
    allocation.refresh_from_db()
    assert allocation.fiscal_year == 2026
