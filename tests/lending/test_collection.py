"""The collection sheet (lembar penagihan) of an area or of a PDB mentor for a month: per
borrower what falls due in the month, what is overdue before it (with denda), the total to
collect and an empty column for what was collected; printable on A4 landscape."""

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from lending.selectors.collection import collection_sheet, parse_month
from registry.models import Kelurahan
from tests.mentoring.factories import MentorFactory, assign

from .factories import ProductFactory, disbursed_loan, new_business, pay

pytestmark = pytest.mark.django_db

PHONE = "+6281234567890"


@pytest.fixture
def area(people, today):
    """Kelurahan A on 1 June 2025: `late` (made 10 January, nothing paid; denda 1% a month
    on what is overdue), `recent` (made 10 March, April paid, May not), `paid_up` (made
    10 March, April and May paid), `paid_off`; and `elsewhere`, late, in kelurahan B."""
    a, b = Kelurahan.objects.order_by("code")[:2]
    product = ProductFactory(denda_percent_per_month=Decimal(1))
    today(date(2025, 1, 10))
    late = disbursed_loan(
        people,
        disbursed_on=date(2025, 1, 10),
        product=product,
        umkm=new_business(kelurahan=a, name="Warung Late", owner_phone=PHONE),
    )
    elsewhere = disbursed_loan(
        people, disbursed_on=date(2025, 1, 10), umkm=new_business(kelurahan=b)
    )
    today(date(2025, 3, 10))
    made = {
        name: disbursed_loan(
            people,
            disbursed_on=date(2025, 3, 10),
            product=product,
            umkm=new_business(kelurahan=a, name=f"Warung {name}"),
            amount=6_000_000 if name == "paid_off" else 10_000_000,
            tenor=6 if name == "paid_off" else 12,
        )
        for name in ("recent", "paid_up", "paid_off")
    }
    today(date(2025, 6, 1))
    pay(people, made["recent"], 833_000, date(2025, 4, 10))
    pay(people, made["paid_up"], 833_000, date(2025, 4, 10))
    pay(people, made["paid_up"], 833_000, date(2025, 5, 10))
    pay(people, made["paid_off"], 6_000_000, date(2025, 4, 10), is_payoff=True)
    return {"a": a, "b": b, "late": late, "elsewhere": elsewhere, **made}


def test_the_sheet_lists_what_falls_due_and_what_is_overdue_per_borrower(area):
    sheet = collection_sheet(
        kelurahan_ids=[area["a"].pk],
        month=date(2025, 6, 1),
        today=date(2025, 6, 1),
        show_phone=True,
    )
    by_loan = {row.loan: row for row in sheet.rows}
    # Paid off: nothing to collect. Elsewhere: another area's.
    assert set(by_loan) == {area["late"], area["recent"], area["paid_up"]}

    late = by_loan[area["late"]]
    assert [(d.number, d.due_date, d.amount) for d in late.due] == [(5, date(2025, 6, 10), 833_000)]
    # Feb to May unpaid, with 3 + 2 + 1 months of 1% denda on 833,000 as of 1 June.
    assert late.overdue == 4 * 833_000 + 6 * 8_330
    assert late.total == late.overdue + 833_000
    assert late.phone == PHONE

    recent = by_loan[area["recent"]]
    assert [(d.number, d.amount) for d in recent.due] == [(3, 833_000)]
    assert recent.overdue == 833_000  # May, less than a month late: no denda yet
    paid_up = by_loan[area["paid_up"]]
    assert (paid_up.overdue, paid_up.total) == (0, 833_000)
    assert sheet.total == late.total + recent.total + paid_up.total


def test_a_month_to_come_counts_what_will_be_overdue_when_it_starts(area):
    sheet = collection_sheet(
        kelurahan_ids=[area["a"].pk],
        month=date(2025, 7, 1),
        today=date(2025, 6, 1),
        show_phone=False,
    )
    assert sheet.as_of == date(2025, 7, 1)
    recent = next(row for row in sheet.rows if row.loan == area["recent"])
    # May and June unpaid on 1 July; May a whole month late (1% denda), June not yet.
    assert recent.overdue == 2 * 833_000 + 8_330
    assert [d.number for d in recent.due] == [4]
    assert recent.phone == ""


def test_the_month_is_this_one_or_the_next_and_a_bad_one_is_this_month():
    today = date(2025, 6, 17)
    assert parse_month("2025-07", today) == date(2025, 7, 1)
    assert parse_month("2025-06", today) == date(2025, 6, 1)
    # A past month would be a reprint with today's figures; a far one, a guess.
    for other in ("2025-05", "2024-06", "2025-09", "2030-01"):
        assert parse_month(other, today) == date(2025, 6, 1)
    for bad in ("", "2025-13", "juni", "2025-06-01", "99999999999999999999-1", None):
        assert parse_month(bad, today) == date(2025, 6, 1)


def test_the_office_prints_an_areas_sheet(client_as, area):
    client = client_as(Role.STAF_UPT)
    response = client.get(
        reverse("lending:collection-sheet"), {"kelurahan": area["a"].pk, "bulan": "2025-06"}
    )
    assert response.status_code == 200
    assert [row.loan for row in response.context["sheet"].rows] == [
        area["late"],
        area["paid_up"],
        area["recent"],
    ]  # by business name, as a mentor walks them
    html = response.content.decode()
    assert PHONE in html  # Staf UPT may see phones
    assert 'class="collected"' in html  # the column to write what was collected
    assert "css/collection-sheet.css" in html
    by_kecamatan = client.get(
        reverse("lending:collection-sheet"),
        {"kecamatan": area["b"].kecamatan_id, "bulan": "2025-06"},
    )
    assert area["elsewhere"] in [row.loan for row in by_kecamatan.context["sheet"].rows]


def test_without_the_phone_permission_the_sheet_has_no_phone_column(client_as, area):
    response = client_as(Role.PIMPINAN).get(
        reverse("lending:collection-sheet"), {"kelurahan": area["a"].pk}
    )
    html = response.content.decode()
    assert response.context["sheet"].rows
    assert PHONE not in html
    assert "Nomor HP" not in html


def test_without_an_area_the_office_page_asks_for_one(client_as, area):
    response = client_as(Role.STAF_UPT).get(reverse("lending:collection-sheet"), {"bulan": "x"})
    assert response.status_code == 200
    assert response.context["sheet"] is None
    assert response.context["month"] == date(2025, 6, 1)


def test_the_print_stylesheet_hides_the_page_around_the_sheet_on_a4_landscape():
    css = (Path(settings.BASE_DIR) / "static" / "css" / "collection-sheet.css").read_text()
    assert "size: A4 landscape" in css
    assert "nav, footer, form, .btn" in css


def test_a_pdb_mentor_prints_their_own_areas_sheet_only(client, area):
    mine = MentorFactory()
    assign(mine, kelurahan=area["a"])
    other = MentorFactory()
    assign(other, kelurahan=area["b"])
    client.force_login(mine.user)

    own = client.get(reverse("mentoring:collection-sheet", args=[mine.pk]), {"bulan": "2025-06"})
    assert own.status_code == 200
    assert {row.loan for row in own.context["sheet"].rows} == {
        area["late"],
        area["recent"],
        area["paid_up"],
    }
    assert PHONE not in own.content.decode()  # no registry.view_phone
    # Another mentor's sheet does not exist for them; nor does the office's chooser.
    assert client.get(reverse("mentoring:collection-sheet", args=[other.pk])).status_code == 404
    assert client.get(reverse("mentoring:collection-sheets")).status_code == 403
    assert client.get(reverse("lending:collection-sheet")).status_code == 403


def test_the_office_chooses_any_mentor(client_as, area):
    mentor = MentorFactory()
    assign(mentor, kecamatan=area["b"].kecamatan)
    client = client_as(Role.KEPALA_UPT)
    chooser = client.get(reverse("mentoring:collection-sheets"), {"bulan": "2025-06"})
    assert mentor in chooser.context["mentors"]
    sheet = client.get(
        reverse("mentoring:collection-sheet", args=[mentor.pk]), {"bulan": "2025-06"}
    )
    assert area["elsewhere"] in [row.loan for row in sheet.context["sheet"].rows]
    assert sheet.context["mentor"] == mentor


def test_a_pendamping_ekonomi_gets_no_sheet(client, area):
    ekonomi = MentorFactory(kind="ekonomi")
    assign(ekonomi, kelurahan=area["a"])
    client.force_login(ekonomi.user)
    assert client.get(reverse("mentoring:collection-sheet", args=[ekonomi.pk])).status_code == 403
