"""A past month's absorption never changes afterwards: spending is dated in its fiscal year,
in the current month up to today, and a closed fiscal year takes no new spending (nor a
reversal) with one message. The budget page offers only what can be done. A line is never
cut below what its cohorts are planned to cost."""

from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from tests.factories import UserFactory
from training.errors import TrainingError
from training.models import BudgetLine, Spending
from training.selectors.reports import absorption_by_month
from training.services import budget_line_add, budget_line_save, cohort_save, spending_post

from .factories import AllocationFactory, BudgetLineFactory, CohortFactory, TrackFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def user(db):
    return UserFactory()


def _spend(line, spent_on, user, amount=1_000_000):
    return spending_post(
        line=line, spent_on=spent_on, amount=amount, description="Honor narasumber",
        document_no="SPJ-01", user=user,
    )  # fmt: skip


def test_a_closed_fiscal_year_takes_no_new_spending_with_the_reversals_message(user, today):
    today(date(2025, 6, 10))
    line = BudgetLineFactory(amount=10_000_000)  # 2025
    entry = _spend(line, date(2025, 6, 10), user)
    today(date(2026, 12, 5))

    with pytest.raises(TrainingError) as posting:
        _spend(line, date(2025, 6, 10), user)
    with pytest.raises(TrainingError) as reversing:
        spending_reverse_of(entry, user)

    assert "2025" in str(posting.value)
    assert str(posting.value) == str(reversing.value)
    assert Spending.objects.count() == 1
    by_month = {month: spent for month, spent, _running in absorption_by_month(2025)}
    assert by_month[6] == 1_000_000


def spending_reverse_of(entry, user):
    from training.services import spending_reverse

    return spending_reverse(spending=entry, reason="Salah", user=user)


def test_a_backdated_entry_never_changes_a_past_months_absorption(user, today):
    today(date(2026, 12, 5))
    line = BudgetLineFactory(allocation=AllocationFactory(fiscal_year=2026))

    for day in (date(2026, 2, 10), date(2026, 11, 30)):
        with pytest.raises(TrainingError, match="2026"):
            _spend(line, day, user)
    first = _spend(line, date(2026, 12, 1), user)
    last = _spend(line, date(2026, 12, 5), user)

    assert [first.spent_on, last.spent_on] == [date(2026, 12, 1), date(2026, 12, 5)]
    assert Spending.objects.count() == 2


def test_the_budget_page_of_a_closed_year_offers_no_posting_nor_reversing(client_as, today, user):
    today(date(2025, 6, 10))
    _spend(BudgetLineFactory(name="Sertifikasi halal"), date(2025, 6, 10), user)
    _spend(BudgetLineFactory(name="Konsumsi"), date(2025, 6, 10), user)
    today(date(2026, 12, 5))
    AllocationFactory(fiscal_year=2026)
    client = client_as(Role.STAF_DINAS)

    html = client.get(f"{reverse('training:budget')}?tahun=2025").content.decode()

    assert 'data-testid="reverse-form"' not in html
    assert 'data-testid="spending-form"' not in html
    assert html.count('data-testid="year-closed"') == 1
    assert "Sertifikasi halal" in html  # the entries are still read


def test_the_budget_page_of_the_current_year_dates_spending_in_the_open_month(
    client_as, today, user
):
    today(date(2026, 12, 5))
    line = BudgetLineFactory(allocation=AllocationFactory(fiscal_year=2026))
    _spend(line, date(2026, 12, 2), user)
    client = client_as(Role.STAF_DINAS)
    url = f"{reverse('training:budget')}?tahun=2026"

    html = client.get(url).content.decode()
    refused = client.post(
        url,
        {"line": line.pk, "spent_on": "2026-02-10", "amount": "5.000.000",
         "description": "Biaya uji halal", "document_no": "SPJ-7"},
    )  # fmt: skip

    assert 'min="2026-12-01"' in html and 'max="2026-12-05"' in html
    assert 'data-testid="reverse-form"' in html
    assert 'data-testid="year-closed"' not in html
    assert refused.status_code == 200
    assert Spending.objects.count() == 1


def test_a_line_is_never_cut_below_what_its_cohorts_are_planned_to_cost(today):
    today(date(2025, 6, 1))
    allocation = AllocationFactory(amount=1_000_000_000)
    line = budget_line_add(
        allocation=allocation, category="pelatihan", name="Jasa boga", amount=600_000_000
    )
    cohort_save(cohort=CohortFactory.build(budget_line=line, track=TrackFactory(), quota=20,
                                           cost_per_participant=20_000_000))  # fmt: skip

    line.amount = 100_000_000
    with pytest.raises(TrainingError, match=r"Rp400\.000\.000"):
        budget_line_save(line=line)
    assert BudgetLine.objects.get().amount == 600_000_000
    line.amount = 400_000_000
    assert budget_line_save(line=line).amount == 400_000_000  # down to what is planned
