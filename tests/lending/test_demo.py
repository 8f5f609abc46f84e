import pytest
from django.core.management import call_command

from lending.models import Application, Fund, Loan, Repayment
from lending.selectors import fund_balances

from .test_loans import assert_books_balance

pytestmark = pytest.mark.slow  # the whole demo data, seeded for real


def test_the_demo_loans_keep_their_books_balanced(db):
    call_command("seed_demo", "--umkm", "400", "--loans", "120")

    assert Loan.objects.count() > 80
    statuses = set(Loan.objects.values_list("status", flat=True))
    assert {"aktif", "lunas"} <= statuses
    assert Repayment.objects.filter(reverses__isnull=False).exists()  # some mistakes, reversed
    for loan in Loan.objects.all():
        assert_books_balance(loan)
    for fund in Fund.objects.all():
        assert fund_balances(fund).available > 0
    # Every queue has work in it, made through the services (so with its events).
    states = set(Application.objects.values_list("state", flat=True))
    assert states == set(Application.State.values)
    waiting = Application.objects.exclude(state=Application.State.DISBURSED)
    assert all(a.events.exists() for a in waiting)


def test_seeding_twice_adds_no_second_set_of_loans(db):
    call_command("seed_demo", "--umkm", "200", "--loans", "30")
    count = Loan.objects.count()

    call_command("seed_demo", "--umkm", "200", "--loans", "30")

    assert Loan.objects.count() == count
