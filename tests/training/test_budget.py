"""The DAK budget: lines within the allocation, spending within its line, absorption, and
posted spending that is reversed, never edited."""

from datetime import date

import pytest
from django.core.exceptions import ValidationError
from django.db import DatabaseError, transaction
from django.db.models import Sum

from tests.factories import UserFactory
from training.errors import TrainingError
from training.models import BudgetLine, Spending
from training.services import budget_line_add, spending_post, spending_reverse

from .factories import AllocationFactory, BudgetLineFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(db):
    return UserFactory()


def _spend(line, amount, user, **kwargs):
    return spending_post(
        line=line, spent_on=kwargs.get("spent_on", date(2025, 5, 2)), amount=amount,
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


def test_a_wrong_entry_is_reversed_and_frees_the_money(user):
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
