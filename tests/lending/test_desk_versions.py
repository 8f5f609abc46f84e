"""The desk cannot post the same money twice: a form opened before the loan changed (a second
tab) or reloaded with the Back button after a payment posts nothing until the cashier has
seen what was posted and confirmed; the same form's token still posts once."""

import re
import uuid
from datetime import date, timedelta

import pytest
from django.urls import reverse

from lending.errors import LoanChangedError, RecentPaymentError
from lending.models import Loan, Repayment

from .factories import disbursed_loan, pay

pytestmark = pytest.mark.django_db


@pytest.fixture
def loan(people, today):
    today(date(2025, 3, 3))
    return disbursed_loan(people, disbursed_on=date(2025, 1, 31))  # 11 x 833.000, 837.000


# -- the service -------------------------------------------------------------------------


def test_a_form_of_an_earlier_version_posts_nothing(people, loan):
    opened = Loan.objects.get(pk=loan.pk).version
    pay(people, loan, 833_000, date(2025, 2, 28), loan_version=opened)

    with pytest.raises(LoanChangedError) as changed:
        pay(people, loan, 833_000, date(2025, 2, 28), loan_version=opened)

    loan.refresh_from_db()
    assert changed.value.loan_version == loan.version > opened
    assert Repayment.objects.count() == 1


def test_the_same_token_returns_the_payment_posted_before_the_version_is_checked(people, loan):
    opened = Loan.objects.get(pk=loan.pk).version
    token = uuid.uuid4()
    first = pay(people, loan, 833_000, date(2025, 2, 28), loan_version=opened, client_token=token)

    again = pay(people, loan, 833_000, date(2025, 2, 28), loan_version=opened, client_token=token)

    assert again == first and Repayment.objects.count() == 1


def test_a_payment_minutes_ago_needs_the_cashiers_confirmation(people, loan, time_machine):
    pay(people, loan, 833_000, date(2025, 2, 28))
    version = Loan.objects.get(pk=loan.pk).version

    with pytest.raises(RecentPaymentError):
        pay(people, loan, 833_000, date(2025, 3, 3), loan_version=version, confirm_recent=False)
    pay(people, loan, 833_000, date(2025, 3, 3), loan_version=version, confirm_recent=True)
    # Ten minutes on, a new payment is ordinary counter work again.
    time_machine.shift(timedelta(minutes=11))
    pay(people, loan, 1_000, date(2025, 3, 3), confirm_recent=False)

    assert Repayment.objects.count() == 3


# -- the pages ---------------------------------------------------------------------------


def _form(client, loan):
    response = client.get(reverse("lending:repayment-new", args=[loan.pk]))
    html = response.content.decode()
    fields = dict(re.findall(r'name="(\w+)"[^>]*?value="([^"]*)"', html))
    return response, fields


def _data(fields, **changes):
    data = {
        "amount": "833.000",
        "paid_on": "2025-03-03",
        "receipt_no": "",
        "channel": "tunai",
        "client_token": fields["client_token"],
        "loan_version": fields["loan_version"],
    }
    data.update(changes)
    return data


def _post(client, loan, data):
    return client.post(reverse("lending:repayment-new", args=[loan.pk]), data)


def test_two_tabs_the_second_shows_the_payment_just_posted_and_asks(client, people, loan):
    client.force_login(people.staff)
    _response, tab1 = _form(client, loan)
    _response, tab2 = _form(client, loan)
    assert _post(client, loan, _data(tab1)).status_code == 302
    posted = Repayment.objects.get()

    response = _post(client, loan, _data(tab2))

    assert response.status_code == 200
    assert Repayment.objects.count() == 1
    html = response.content.decode()
    latest = re.search(r'data-testid="latest-postings".*?</table>', html, re.S).group(0)
    assert posted.receipt_no in latest and "Rp833.000" in latest
    assert people.staff.display_name in latest
    # The new position: Rp10.000.000 less the payment just posted.
    assert re.search(r"Rp9\.167\.000</strong>", html)
    form = response.context["form"]
    assert form.ask_confirm and 'name="confirm"' in html
    loan.refresh_from_db()
    assert form["loan_version"].value() == str(loan.version)
    assert form["client_token"].value() == tab2["client_token"]  # the same token

    # Confirming posts exactly one more; a double click on the confirmation posts once.
    confirmed = _data(tab2, loan_version=str(loan.version), confirm="on")
    first, second = _post(client, loan, confirmed), _post(client, loan, confirmed)

    assert first.status_code == second.status_code == 302 and first.url == second.url
    assert Repayment.objects.count() == 2


def test_the_form_reloaded_after_a_payment_is_not_prefilled_and_asks(client, people, loan):
    client.force_login(people.staff)
    _response, opened = _form(client, loan)
    assert opened["amount"] == "833.000"  # the installment due, as usual
    _post(client, loan, _data(opened))

    # The Back button reloads the page (never cached): a new token, the loan's new version.
    response, reloaded = _form(client, loan)

    assert "no-store" in response["Cache-Control"]
    assert reloaded["client_token"] != opened["client_token"]
    assert 'name="amount"' in response.content.decode() and "amount" not in reloaded
    assert 'data-testid="latest-postings"' in response.content.decode()
    refused = _post(client, loan, _data(reloaded))
    assert refused.status_code == 200 and Repayment.objects.count() == 1
    assert refused.context["form"].ask_confirm

    posted = _post(client, loan, _data(reloaded, confirm="on"))
    assert posted.status_code == 302 and Repayment.objects.count() == 2


def test_a_retried_post_of_the_first_form_still_answers_with_its_receipt(client, people, loan):
    client.force_login(people.staff)
    _response, opened = _form(client, loan)
    first = _post(client, loan, _data(opened))

    again = _post(client, loan, _data(opened))

    assert again.status_code == 302 and again.url == first.url
    assert Repayment.objects.count() == 1
