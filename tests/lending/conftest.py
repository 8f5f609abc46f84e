"""The books are checked after every lending test that used the database: whatever a test
posted through the services, every loan balances and each fund's ledger equals its loans
(tests/lending/invariants.py)."""

import pytest

from tests.lending.invariants import assert_books_balance


@pytest.fixture(autouse=True)
def books_balance_after_the_test(request):
    uses_db = {"db", "transactional_db"} & set(request.fixturenames)
    if not uses_db:
        yield
        return
    # Set up the database first, so that it is still there when this checks it at the end.
    request.getfixturevalue(uses_db.pop())
    yield
    from django.db import connection

    if connection.needs_rollback or not connection.is_usable():
        return  # the test ended inside a broken transaction: nothing more can be read
    from lending.models import Fund

    for fund in Fund.objects.all():
        assert_books_balance(fund)
