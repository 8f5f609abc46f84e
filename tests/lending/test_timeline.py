from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from registry.timeline import timeline_for

from .factories import disbursed_loan, pay

pytestmark = pytest.mark.django_db


def test_a_loan_shows_on_the_business_timeline_repayments_summarised(client_as, people, today):
    today(date(2025, 1, 10))
    loan = disbursed_loan(people, disbursed_on=date(2025, 1, 10))
    today(date(2025, 4, 20))
    for month in (2, 3, 4):
        pay(people, loan, 833_000, date(2025, month, 10))

    titles = [entry.title for entry in timeline_for(loan.umkm, people.staff)]
    html = client_as(Role.STAF_UPT).get(reverse("registry:umkm-detail", args=[loan.umkm.pk]))

    assert sum("Angsuran " + loan.number in t for t in titles) == 1  # one line, three payments
    assert any(loan.application.number in t and "dicairkan" in t for t in titles)
    assert "3 kali bayar" in html.content.decode()


def test_a_reversed_payment_is_not_counted_and_a_day_shows_no_time(client_as, people, today):
    from datetime import date

    from django.urls import reverse

    from cilegon_umkm.accounts.roles import Role
    from lending.services import repayment_reverse
    from tests.lending.factories import disbursed_loan, pay

    today(date(2025, 3, 3))
    loan = disbursed_loan(people, disbursed_on=date(2025, 1, 31))
    pay(people, loan, 833_000, date(2025, 2, 28))
    wrong = pay(people, loan, 833_000, date(2025, 3, 3))
    repayment_reverse(repayment=wrong, reason="Dobel", reversed_by=people.staff)

    html = client_as(Role.STAF_UPT).get(reverse("registry:umkm-detail", args=[loan.umkm_id]))
    text = " ".join(html.content.decode().split())

    assert "1 kali bayar, total Rp833.000" in text
    assert "28 Feb 2025 00:00" not in text
