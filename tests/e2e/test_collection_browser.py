"""Collection work in a browser: staff open the arrears list, download it as a spreadsheet
and print an area's collection sheet (A4 landscape, nothing but the sheet on paper); the
pendamping PDB opens the list and their own sheet on the phone, and another mentor's sheet
is not found."""

import io
import re
from datetime import date
from decimal import Decimal

import pytest
from django.utils import timezone
from openpyxl import load_workbook
from playwright.sync_api import expect

from cilegon_umkm.accounts.roles import Role
from registry.models import Kelurahan
from tests.factories import UserFactory
from tests.lending.factories import People, ProductFactory, disbursed_loan, new_business
from tests.mentoring.factories import MentorFactory, assign

from .conftest import DESKTOP, PHONE, log_in_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

# A4 landscape less the stylesheet's 10 mm margins, in CSS pixels (96 per inch).
A4_LANDSCAPE_WIDTH = round((297 - 20) / 25.4 * 96)


def _months_before(day: date, months: int) -> date:
    month = day.month - months
    year = day.year + (month - 1) // 12
    return date(year, (month - 1) % 12 + 1, min(day.day, 28))


@pytest.fixture
def late_loans():
    """Two loans made five months ago in kelurahan A, nothing paid since: in arrears."""
    kelurahan = Kelurahan.objects.order_by("code").first()
    people = People()
    product = ProductFactory(denda_percent_per_month=Decimal(1))
    made_on = _months_before(timezone.localdate(), 5)
    loans = [
        disbursed_loan(
            people,
            disbursed_on=made_on,
            product=product,
            umkm=new_business(kelurahan=kelurahan, name=name, owner_phone=phone),
        )
        for name, phone in (("Warung Bu Sari", "+6281200000001"), ("Bengkel Pak Darto", ""))
    ]
    return kelurahan, loans


def test_staff_export_the_arrears_and_print_an_areas_sheet(
    page, live_server, screenshot, late_loans
):
    kelurahan, loans = late_loans
    UserFactory(username="staf", roles=[Role.STAF_UPT])
    page.set_viewport_size(DESKTOP)
    log_in_as(page, live_server, "staf", f"/pinjaman/tunggakan/?kelurahan={kelurahan.pk}")
    table = page.get_by_test_id("arrears")
    for loan in loans:
        expect(table).to_contain_text(loan.number)
    expect(table).to_contain_text("+6281200000001")
    screenshot("arrears-desktop")

    with page.expect_download() as download:
        page.get_by_test_id("arrears-export").click()
    workbook = load_workbook(io.BytesIO(download.value.path().read_bytes()))
    header, *rows = list(workbook.active.values)
    numbers = {row[header.index("nomor pinjaman")] for row in rows}
    assert numbers == {loan.number for loan in loans}

    page.get_by_test_id("collection-sheet-link").click()
    expect(page.get_by_test_id("sheet-table")).to_be_visible()
    for loan in loans:
        expect(page.get_by_test_id("sheet-table")).to_contain_text(loan.number)

    # On paper: no navigation, no form, no buttons; the table fits A4 landscape.
    page.set_viewport_size({"width": A4_LANDSCAPE_WIDTH, "height": 700})
    page.emulate_media(media="print")
    expect(page.locator("nav.navbar")).to_be_hidden()
    expect(page.get_by_test_id("sheet-show")).to_be_hidden()
    expect(page.locator("footer")).to_be_hidden()
    width = page.evaluate("document.querySelector('[data-testid=sheet-table]').scrollWidth")
    assert width <= A4_LANDSCAPE_WIDTH
    screenshot("sheet-print")
    # Printed as the stylesheet asks: one A4 landscape page (842 x 595 points) for two loans.
    pdf = page.pdf(prefer_css_page_size=True)
    assert len(re.findall(rb"/Type\s*/Page\b(?!s)", pdf)) == 1
    width, height = (
        float(n) for n in re.search(rb"/MediaBox\s*\[0 0 ([\d.]+) ([\d.]+)\]", pdf).groups()
    )
    assert (round(width), round(height)) == (842, 595)
    page.emulate_media(media="screen")


def test_a_pdb_mentor_opens_their_own_sheet_on_the_phone(page, live_server, screenshot, late_loans):
    kelurahan, loans = late_loans
    mine = MentorFactory(user=UserFactory(username="rizki", roles=[Role.PENDAMPING_PDB]))
    assign(mine, kelurahan=kelurahan)
    other = MentorFactory()
    assign(other, kelurahan=Kelurahan.objects.exclude(pk=kelurahan.pk).first())

    page.set_viewport_size(PHONE)
    log_in_as(page, live_server, "rizki", "/pendampingan/lapangan/tunggakan/")
    expect(page.get_by_test_id("arrears")).to_contain_text(loans[0].number)
    # No registry.view_phone: the number is masked.
    expect(page.get_by_test_id("arrears")).not_to_contain_text("+6281200000001")
    screenshot("mentor-arrears-phone")
    page.get_by_test_id("my-collection-sheet").click()
    for loan in loans:
        expect(page.get_by_test_id("sheet-table")).to_contain_text(loan.number)
    screenshot("mentor-sheet-phone")

    response = page.goto(f"{live_server.url}/pendampingan/penagihan/{other.pk}/")
    assert response.status == 404
