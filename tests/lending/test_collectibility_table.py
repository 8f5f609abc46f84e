"""The collectibility table stays whole: every day past due has exactly one level. A gap
saved in the admin once gave the loan page a server error."""

from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from lending.arrears import DEFAULT_BANDS, Band, collectibility, table_problems
from lending.models import CollectibilityBand
from tests.lending.factories import disbursed_loan

pytestmark = pytest.mark.django_db


def _change(band: CollectibilityBand, **values) -> dict:
    upper = "" if band.max_days is None else band.max_days
    data = {"name": band.name, "min_days": band.min_days, "max_days": upper}
    data.update(values)
    return data


def test_a_gap_or_an_overlap_is_a_problem_of_the_table():
    assert table_problems(DEFAULT_BANDS) == []
    gap = [*DEFAULT_BANDS[:4], Band(5, "Macet", 300, None)]
    assert table_problems(gap) == ["Kelompok 5 harus dimulai sehari setelah kelompok 4 berakhir."]
    closed = [*DEFAULT_BANDS[:4], Band(5, "Macet", 181, 400)]
    assert table_problems(closed) == ["Kelompok terakhir tidak boleh memiliki batas atas."]


def test_a_day_in_a_gap_counts_in_the_band_below_never_an_error():
    gap = [*DEFAULT_BANDS[:4], Band(5, "Macet", 300, None)]

    assert collectibility(229, gap) == 4
    assert collectibility(300, gap) == 5


def test_the_admin_refuses_one_band_that_would_leave_a_gap(client_as, people):
    loan = disbursed_loan(people, disbursed_on=date(2025, 1, 10))
    client = client_as(Role.KEPALA_UPT)
    macet = CollectibilityBand.objects.get(level=5)

    response = client.post(
        reverse("admin:lending_collectibilityband_change", args=[macet.pk]),
        _change(macet, min_days=300),
    )

    assert response.status_code == 200  # the form again, with the reason
    assert "sehari setelah kelompok 4" in response.content.decode()
    macet.refresh_from_db()
    assert macet.min_days == 181
    assert client.get(loan.get_absolute_url()).status_code == 200


def test_a_boundary_moves_when_both_bands_change_at_once_in_the_list(client_as):
    client = client_as(Role.KEPALA_UPT)
    bands = list(CollectibilityBand.objects.order_by("level"))
    data = {
        "form-TOTAL_FORMS": "5",
        "form-INITIAL_FORMS": "5",
        "_save": "Simpan",
    }
    for i, band in enumerate(bands):
        values = _change(band)
        if band.level == 4:
            values["max_days"] = 200
        if band.level == 5:
            values["min_days"] = 201
        data.update({f"form-{i}-id": band.pk, **{f"form-{i}-{k}": v for k, v in values.items()}})

    response = client.post(reverse("admin:lending_collectibilityband_changelist"), data)

    assert response.status_code == 302
    assert CollectibilityBand.objects.get(level=5).min_days == 201

    data["form-4-min_days"] = 250  # a gap after 200
    response = client.post(reverse("admin:lending_collectibilityband_changelist"), data)
    assert response.status_code == 200
    assert "sehari setelah kelompok 4" in response.content.decode()
    assert CollectibilityBand.objects.get(level=5).min_days == 201
