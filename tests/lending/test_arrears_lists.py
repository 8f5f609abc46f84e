"""The arrears lists (the office's, its spreadsheet, and the PDB mentor's on the phone)
say per loan what is overdue (with denda), the principal outstanding, days past due,
collectibility and, for those who may see it, the owner's phone."""

import io
from datetime import date
from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from openpyxl import load_workbook

from cilegon_umkm.accounts.roles import Role
from lending.selectors.collection import arrears_loans, arrears_rows, iter_arrears_rows
from registry.models import Kelurahan
from tests.mentoring.factories import MentorFactory, assign

from .factories import ProductFactory, disbursed_loan, new_business, pay

pytestmark = pytest.mark.django_db

PHONE = "+6281234567890"


@pytest.fixture
def office(people, today):
    """On 1 June 2025, in one kelurahan: `late`, Rp10,000,000 over 12 months (833,000 a
    month, denda 1% a month on what is overdue), nothing paid since it was made on
    10 January; `recent`, made on 10 March, April paid, May not; `current`, paid up."""
    kelurahan = Kelurahan.objects.order_by("code").first()
    product = ProductFactory(denda_percent_per_month=Decimal(1))
    today(date(2025, 1, 10))
    late = disbursed_loan(
        people,
        disbursed_on=date(2025, 1, 10),
        product=product,
        umkm=new_business(kelurahan=kelurahan, owner_phone=PHONE, name="Warung Late"),
    )
    today(date(2025, 3, 10))
    recent = disbursed_loan(
        people,
        disbursed_on=date(2025, 3, 10),
        product=product,
        umkm=new_business(kelurahan=kelurahan, name="Warung Recent"),
    )
    current = disbursed_loan(
        people,
        disbursed_on=date(2025, 3, 10),
        product=product,
        umkm=new_business(kelurahan=kelurahan, name="Warung Current"),
    )
    today(date(2025, 6, 1))
    pay(people, recent, 833_000, date(2025, 4, 10))
    pay(people, current, 833_000, date(2025, 4, 10))
    pay(people, current, 833_000, date(2025, 5, 10))
    return late, recent, current, kelurahan


# 1 June: Feb, Mar, Apr and May unpaid; denda 1% of 833,000 for each whole month late:
# 3 months (Feb), 2 (Mar), 1 (Apr), 0 (May, not a month yet).
LATE_OVERDUE = 4 * 833_000 + (3 + 2 + 1) * 8_330
LATE_DAYS = (date(2025, 6, 1) - date(2025, 2, 10)).days  # 111


def test_the_office_list_says_what_each_loan_owes_most_overdue_first(client_as, office):
    late, recent, _current, _k = office
    response = client_as(Role.STAF_UPT).get(reverse("lending:arrears"))
    rows = response.context["rows"]
    assert [row.loan for row in rows] == [late, recent]
    first, second = rows
    assert (first.overdue, first.principal_outstanding, first.days_past_due) == (
        LATE_OVERDUE,
        10_000_000,
        LATE_DAYS,
    )
    assert (first.collectibility.level, first.collectibility.name) == (3, "Kurang Lancar")
    assert (second.overdue, second.days_past_due, second.collectibility.level) == (833_000, 22, 2)
    assert second.principal_outstanding == 10_000_000 - 833_000
    html = response.content.decode()
    assert "Rp3.381.980" in html  # LATE_OVERDUE
    assert "Kurang Lancar" in html
    assert PHONE in html  # Staf UPT may see phones


def test_without_the_phone_permission_the_phone_is_masked(client_as, office):
    response = client_as(Role.PIMPINAN).get(reverse("lending:arrears"))
    html = response.content.decode()
    assert PHONE not in html
    assert "+62812*****890" in html


def test_the_export_has_the_pages_columns_filters_and_order(client_as, office):
    late, recent, _current, kelurahan = office
    client = client_as(Role.STAF_UPT)
    response = client.get(reverse("lending:arrears"), {"format": "xlsx", "kelurahan": kelurahan.pk})
    assert response["Content-Type"].startswith("application/vnd.openxmlformats")
    header, *rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    records = [dict(zip(header, row, strict=True)) for row in rows]
    assert [r["nomor pinjaman"] for r in records] == [late.number, recent.number]
    assert records[0]["nomor HP"] == PHONE
    assert records[0]["hari tunggakan"] == LATE_DAYS
    assert records[0]["kolektibilitas"] == 3
    assert LATE_OVERDUE in rows[0]
    assert 10_000_000 in rows[0]
    # The same filters as the page: another kelurahan has none of them.
    other = Kelurahan.objects.exclude(pk=kelurahan.pk).first()
    elsewhere = client.get(reverse("lending:arrears"), {"format": "xlsx", "kelurahan": other.pk})
    assert len(list(load_workbook(io.BytesIO(elsewhere.content)).active.values)) == 1


def test_the_export_leaves_the_phone_out_without_the_permission(client_as, office):
    response = client_as(Role.PIMPINAN).get(reverse("lending:arrears"), {"format": "xlsx"})
    header, *rows = list(load_workbook(io.BytesIO(response.content)).active.values)
    assert "nomor HP" not in header
    assert not any(PHONE in str(value) or "*****" in str(value) for row in rows for value in row)


def test_the_export_reads_in_chunks_with_the_same_rows(office):
    today = date(2025, 6, 1)
    loans = arrears_loans(today)
    whole = arrears_rows(loans, today, show_phone=True)
    chunked = list(iter_arrears_rows(loans, today, show_phone=True, chunk_size=1))
    assert [(r.loan, r.overdue) for r in chunked] == [(r.loan, r.overdue) for r in whole]


def test_the_page_costs_the_same_queries_whatever_the_number_of_loans(people, client_as, office):
    client = client_as(Role.STAF_UPT)
    url = reverse("lending:arrears")
    client.get(url)  # warm the session and the permission cache
    with CaptureQueriesContext(connection) as few:
        client.get(url)
    for _ in range(3):
        disbursed_loan(people, disbursed_on=date(2025, 1, 10))
    with CaptureQueriesContext(connection) as more:
        response = client.get(url)
    assert len(response.context["rows"]) == 5
    assert len(more) == len(few)


def test_the_mentors_list_says_what_each_loan_owes_with_the_phone_masked(client, office):
    late, recent, _current, kelurahan = office
    mentor = MentorFactory()
    assign(mentor, kelurahan=kelurahan)
    client.force_login(mentor.user)
    response = client.get(reverse("mentoring:arrears"))
    rows = response.context["rows"]
    assert [(row.loan, row.overdue, row.days_past_due) for row in rows] == [
        (late, LATE_OVERDUE, LATE_DAYS),
        (recent, 833_000, 22),
    ]
    html = response.content.decode()
    assert "Rp3.381.980" in html
    assert "Rp9.167.000" in html  # recent's principal outstanding
    assert PHONE not in html  # a pendamping PDB holds no registry.view_phone
    assert "+62812*****890" in html
    assert reverse("mentoring:collection-sheet", args=[mentor.pk]) in html
