"""The repayment desk reads amounts by the portal's one rule (RupiahField): a dot is only a
thousands separator, so what is not a whole Rupiah amount posts nothing."""

import re
import uuid
from datetime import date

import pytest
from django.urls import reverse

from lending.models import Repayment

from .factories import disbursed_loan

pytestmark = pytest.mark.django_db


@pytest.fixture
def loan(people, today):
    today(date(2025, 3, 3))
    return disbursed_loan(people, disbursed_on=date(2025, 1, 31))


def _post(client, loan, amount):
    form = client.get(reverse("lending:repayment-new", args=[loan.pk])).content.decode()
    version = re.search(r'name="loan_version" value="(\d+)"', form).group(1)
    return client.post(
        reverse("lending:repayment-new", args=[loan.pk]),
        {
            "amount": amount,
            "paid_on": "2025-03-03",
            "channel": "tunai",
            "client_token": str(uuid.uuid4()),
            "loan_version": version,
        },
    )


@pytest.mark.parametrize(
    "typed", ["10.00", "5.000.00", "1.5", "1,5", "10,000", "\uff18\uff13\uff13\uff10\uff10\uff10"]
)
def test_it_posts_nothing_for_what_is_not_a_whole_rupiah_amount(client, people, loan, typed):
    # Before: 10.00 posted Rp1.000, 5.000.00 Rp500.000 and 1.5 Rp15.
    client.force_login(people.staff)

    response = _post(client, loan, typed)

    assert response.status_code == 200
    assert response.context["form"].has_error("amount", "invalid")
    assert not Repayment.objects.exists()


@pytest.mark.parametrize("typed", [str(2**63), "9.223.372.036.854.775.808", "9" * 400])
def test_an_amount_too_big_for_the_database_is_a_form_error_not_a_server_error(
    client, people, loan, typed
):
    client.force_login(people.staff)

    response = _post(client, loan, typed)

    assert response.status_code == 200
    assert response.context["form"].has_error("amount", "max_value")
    assert "Rp999.999.999.999.999" in response.content.decode()
    assert not Repayment.objects.exists()


def test_an_amount_written_the_office_way_is_posted(client, people, loan):
    client.force_login(people.staff)

    response = _post(client, loan, "Rp 833.000")

    assert response.status_code == 302
    assert Repayment.objects.get().amount == 833_000
