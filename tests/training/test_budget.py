"""The DAK budget: lines within the allocation, spending within its line, absorption, and
posted spending that is reversed, never edited."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, IntegrityError, transaction
from django.db.models import Sum
from django.utils import timezone

from tests.factories import UserFactory
from training.errors import TrainingError
from training.models import Allocation, BudgetLine, Cohort, Spending
from training.selectors.reports import absorption_by_month
from training.services import (
    allocation_save,
    budget_line_add,
    budget_line_save,
    cohort_save,
    spending_post,
    spending_reverse,
)

from .factories import AllocationFactory, BudgetLineFactory, CohortFactory, TrackFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(db):
    return UserFactory()


@pytest.fixture(autouse=True)
def _in_may_2025(today):
    """Spending is posted in the month it is dated; a test moves the clock where it needs."""
    today(date(2025, 5, 2))


def _spend(line, amount, user, **kwargs):
    return spending_post(
        line=line, spent_on=kwargs.get("spent_on", timezone.localdate()), amount=amount,
        description=kwargs.get("description", "Honor narasumber"),
        document_no=kwargs.get("document_no", "SPJ-01"), user=user,
    )  # fmt: skip


def test_lines_never_add_up_to_more_than_the_allocation():
    allocation = AllocationFactory(amount=1_000_000_000)
    budget_line_add(allocation=allocation, category="pelatihan", name="A", amount=700_000_000)

    with pytest.raises(TrainingError, match=r"Rp1\.100\.000\.000"):
        budget_line_add(allocation=allocation, category="inkubasi", name="B", amount=400_000_000)
    assert BudgetLine.objects.count() == 1


def test_spending_more_than_the_line_holds_is_refused_with_what_is_left(user):
    line = BudgetLineFactory(amount=10_000_000, name="Sertifikasi halal")
    _spend(line, 7_500_000, user)

    with pytest.raises(TrainingError) as refused:
        _spend(line, 3_000_000, user)

    assert "Sertifikasi halal" in str(refused.value) and "Rp2.500.000" in str(refused.value)
    assert Spending.objects.aggregate(total=Sum("amount"))["total"] == 7_500_000


def test_spending_outside_the_fiscal_year_or_without_description_is_refused(user):
    line = BudgetLineFactory()

    with pytest.raises(TrainingError):
        _spend(line, 1_000, user, spent_on=date(2024, 12, 31))
    with pytest.raises(TrainingError):
        _spend(line, 1_000, user, description=" ")


def test_a_wrong_entry_is_reversed_and_frees_the_money(user, today):
    today(date(2025, 6, 1))
    line = BudgetLineFactory(amount=10_000_000)
    wrong = _spend(line, 10_000_000, user)

    reversal = spending_reverse(spending=wrong, reason="Salah baris anggaran", user=user)
    _spend(line, 4_000_000, user)

    assert reversal.amount == -10_000_000 and reversal.reverses == wrong
    assert Spending.objects.count() == 3  # nothing deleted
    with pytest.raises(TrainingError):
        spending_reverse(spending=wrong, reason="lagi", user=user)
    with pytest.raises(TrainingError):
        spending_reverse(spending=reversal, reason="balik", user=user)


def test_posted_spending_is_never_changed_or_deleted(user):
    entry = _spend(BudgetLineFactory(), 1_000_000, user)

    with pytest.raises(ValidationError):
        entry.save()
    with pytest.raises(ValidationError):
        entry.delete()
    with pytest.raises(DatabaseError), transaction.atomic():
        Spending.objects.filter(pk=entry.pk).update(amount=1)


def test_a_line_is_never_cut_below_what_it_spent_nor_the_allocation_below_its_lines(user):
    allocation = AllocationFactory(amount=1_000_000_000)
    line = budget_line_add(
        allocation=allocation, category="pelatihan", name="A", amount=600_000_000
    )
    _spend(line, 250_000_000, user)

    line.amount = 200_000_000
    with pytest.raises(TrainingError, match=r"Rp250\.000\.000"):
        budget_line_save(line=line)
    allocation.amount = 100
    with pytest.raises(TrainingError, match=r"Rp600\.000\.000"):
        allocation_save(allocation=allocation)

    assert BudgetLine.objects.get().amount == 600_000_000
    assert Allocation.objects.get().amount == 1_000_000_000
    line.amount = 250_000_000
    assert budget_line_save(line=line).amount == 250_000_000  # down to what it spent


def test_a_changed_line_is_checked_against_the_other_lines(user):
    allocation = AllocationFactory(amount=1_000_000_000)
    budget_line_add(allocation=allocation, category="pelatihan", name="A", amount=600_000_000)
    line = budget_line_add(allocation=allocation, category="inkubasi", name="B", amount=1)

    line.amount = 400_000_001
    with pytest.raises(TrainingError, match=r"Rp1\.000\.000\.001"):
        budget_line_save(line=line)
    line.amount = 400_000_000
    budget_line_save(line=line)

    assert BudgetLine.objects.aggregate(total=Sum("amount"))["total"] == 1_000_000_000


def test_the_database_refuses_a_cohort_with_a_negative_cost():
    with pytest.raises(IntegrityError), transaction.atomic():
        CohortFactory(cost_per_participant=-1)


def test_spending_after_today_is_refused_even_within_the_fiscal_year(user, today):
    today(date(2025, 6, 1))
    line = BudgetLineFactory()

    with pytest.raises(TrainingError, match="setelah hari ini"):
        _spend(line, 1_000, user, spent_on=date(2025, 12, 31))
    with pytest.raises(TrainingError, match="setelah hari ini"):
        _spend(line, 1_000, user, spent_on=date(2025, 6, 2))
    assert _spend(line, 1_000, user, spent_on=date(2025, 6, 1)).spent_on == date(2025, 6, 1)


def test_a_reversal_is_dated_the_day_it_is_made_so_past_months_keep_their_absorption(user, today):
    today(date(2025, 2, 14))
    line = BudgetLineFactory(amount=10_000_000)
    wrong = _spend(line, 4_000_000, user)
    today(date(2025, 6, 1))

    reversal = spending_reverse(spending=wrong, reason="Salah baris", user=user)

    assert reversal.spent_on == date(2025, 6, 1)
    by_month = {month: spent for month, spent, _running in absorption_by_month(2025)}
    assert by_month[2] == 4_000_000 and by_month[6] == -4_000_000


def test_an_entry_of_a_closed_fiscal_year_is_not_reversed(user, today):
    today(date(2025, 6, 1))
    entry = _spend(BudgetLineFactory(), 1_000, user)
    today(date(2026, 1, 5))

    with pytest.raises(TrainingError, match="2025"):
        spending_reverse(spending=entry, reason="Salah", user=user)
    assert Spending.objects.count() == 1


def test_a_cohort_costs_no_more_than_its_line_has_left(user, today):
    today(date(2025, 6, 1))
    line = BudgetLineFactory(amount=10_000_000)
    track = TrackFactory()

    with pytest.raises(TrainingError, match=r"Rp150\.000\.000"):
        cohort_save(cohort=CohortFactory.build(budget_line=line, track=track, quota=25,
                                               cost_per_participant=6_000_000))  # fmt: skip
    first = cohort_save(cohort=CohortFactory.build(budget_line=line, track=track, quota=2,
                                                   cost_per_participant=3_000_000))  # fmt: skip
    _spend(line, 8_000_000, user)  # more than the first cohort's Rp6 juta was spent
    with pytest.raises(TrainingError, match=r"Rp2\.000\.000"):
        cohort_save(cohort=CohortFactory.build(budget_line=line, track=track, quota=1,
                                               cost_per_participant=3_000_000))  # fmt: skip

    assert list(Cohort.objects.all()) == [first]
