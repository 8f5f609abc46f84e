from datetime import date

import pytest
from django.core.management import call_command

from lending.arrears import collectibility, days_past_due
from lending.models import ArrearsSnapshot, CollectibilityBand, Loan
from lending.selectors import loan_position, portfolio_totals, with_arrears

from .factories import disbursed_loan, pay

pytestmark = pytest.mark.django_db


@pytest.fixture
def loans(people, today):
    today(date(2025, 12, 1))
    on_time = disbursed_loan(people, disbursed_on=date(2025, 1, 10))
    late = disbursed_loan(people, disbursed_on=date(2025, 1, 10))
    stopped = disbursed_loan(people, disbursed_on=date(2025, 1, 10), amount=6_000_000, tenor=6)
    for month in range(2, 12):
        pay(people, on_time, 833_000, date(2025, month, 10))
    pay(people, late, 833_000, date(2025, 2, 10))
    return on_time, late, stopped


@pytest.mark.parametrize(
    "on", [date(2025, 2, 10), date(2025, 3, 11), date(2025, 6, 9), date(2025, 12, 1)]
)
def test_the_database_and_python_agree_on_arrears(loans, on):
    computed = {
        loan.pk: (loan.days_past_due, loan.collectibility)
        for loan in with_arrears(Loan.objects.all(), on)
    }

    for loan in loans:
        dpd = days_past_due(loan_position(loan).unpaid_due_dates(), on)
        assert computed[loan.pk] == (dpd, collectibility(dpd)), (loan, on)


def test_npl_and_par30_from_outstanding_principal(loans):
    _on_time, late, stopped = loans

    totals = portfolio_totals(Loan.objects.all(), date(2025, 12, 1))

    outstanding = {loan.pk: loan.principal - loan.principal_paid for loan in Loan.objects.all()}
    assert totals["outstanding"] == sum(outstanding.values())
    # late: oldest unpaid due 10 March (266 days): Macet. stopped: 10 Feb (294 days): Macet.
    assert totals["npl"] == outstanding[late.pk] + outstanding[stopped.pk]
    assert totals["par30"] == outstanding[late.pk] + outstanding[stopped.pk]
    assert totals["npl_ratio"] == pytest.approx(totals["npl"] / totals["outstanding"])


def test_a_changed_collectibility_table_changes_the_levels(loans):
    CollectibilityBand.objects.filter(level=2).update(max_days=300)
    CollectibilityBand.objects.filter(level=3).update(min_days=301, max_days=320)
    CollectibilityBand.objects.filter(level=4).update(min_days=321, max_days=340)
    CollectibilityBand.objects.filter(level=5).update(min_days=341)

    levels = {loan.collectibility for loan in with_arrears(Loan.objects.all(), date(2025, 12, 1))}

    assert levels == {1, 2}


def test_the_nightly_command_records_each_active_loan_once_a_day(loans, capsys):
    call_command("record_arrears", "--date", "2025-12-01")
    call_command("record_arrears", "--date", "2025-12-01")

    snapshots = ArrearsSnapshot.objects.filter(on_date=date(2025, 12, 1))
    assert snapshots.count() == 3
    assert set(snapshots.values_list("collectibility", flat=True)) == {1, 5}
    assert "3 loan-days recorded for 2025-12-01 to 2025-12-01 (1 days; 2 in arrears)" in (
        capsys.readouterr().out
    )
