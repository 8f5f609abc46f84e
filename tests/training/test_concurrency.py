"""Two staff enrol at the same moment, on real concurrent PostgreSQL connections: the quota
holds; two officers post spending at once: the line is never overspent."""

from datetime import date

import pytest
from django.db.models import Sum

from tests.concurrency import run_together
from tests.factories import UserFactory
from tests.lending.factories import new_business
from training.errors import TrainingError
from training.models import Enrollment, Spending
from training.services import enrollment_create, spending_post

from .factories import BudgetLineFactory, CohortFactory

pytestmark = pytest.mark.django_db(transaction=True)


def test_the_last_place_goes_to_one_the_other_waits():
    cohort = CohortFactory(quota=1)
    staff = UserFactory()
    first, second = new_business(), new_business()

    results = run_together(
        lambda: enrollment_create(cohort=cohort, umkm=first, user=staff),
        lambda: enrollment_create(cohort=cohort, umkm=second, user=staff),
    )

    states = sorted(r.state for r in results)
    assert states == [Enrollment.State.WAITING, Enrollment.State.ENROLLED]


def test_two_spendings_at_once_never_overspend_the_line(today):
    today(date(2025, 5, 2))
    line = BudgetLineFactory(amount=10_000_000)
    user = UserFactory()

    def spend():
        return spending_post(
            line=line, spent_on=date(2025, 5, 2), amount=6_000_000, description="Konsumsi",
            document_no="", user=user,
        )  # fmt: skip

    results = run_together(spend, spend)

    assert sum(isinstance(r, Spending) for r in results) == 1
    assert sum(isinstance(r, TrainingError) for r in results) == 1
    assert Spending.objects.aggregate(total=Sum("amount"))["total"] == 6_000_000
