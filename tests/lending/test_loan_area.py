"""A loan counts in the kelurahan where it was made (Loan.kelurahan): reports by kecamatan
do not move a loan's history when its business moves."""

from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from registry.models import Kelurahan

from .factories import disbursed_loan

pytestmark = pytest.mark.django_db


def test_a_loan_stays_where_it_was_made_when_its_business_moves(people, today, client_as):
    today(date(2025, 6, 1))
    loan = disbursed_loan(people, disbursed_on=date(2025, 1, 10))
    made_in = loan.kelurahan
    elsewhere = Kelurahan.objects.exclude(kecamatan=made_in.kecamatan).first()
    loan.umkm.kelurahan = elsewhere
    loan.umkm.save(update_fields=["kelurahan"])

    loan.refresh_from_db()
    assert loan.kelurahan == made_in
    client = client_as(Role.PIMPINAN)
    response = client.get(reverse("lending:portfolio"), {"kecamatan": made_in.kecamatan_id})
    assert response.context["totals"]["count"] == 1
    assert f"<td>{made_in.kecamatan.name}</td>" in response.content.decode()  # by kecamatan
    # Unpaid since February: in arrears, listed where it was made too.
    arrears = client.get(reverse("lending:arrears"), {"kecamatan": made_in.kecamatan_id})
    assert list(arrears.context["page_obj"]) == [loan]
    moved_to = client.get(reverse("lending:arrears"), {"kecamatan": elsewhere.kecamatan_id})
    assert list(moved_to.context["page_obj"]) == []
