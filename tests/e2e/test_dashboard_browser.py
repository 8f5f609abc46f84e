"""The leadership dashboards in a browser: the overview's headline figures on a phone match
the rows of a small hand-built office; the period and kecamatan filter goes into the URL;
the tabs open each area's page with its charts; a figure opens the list behind it with as
many rows as it says; the page prints to an A4 PDF without its controls; the XLSX export
holds the page's numbers; and a mentor is refused (403)."""

import re
import uuid
from datetime import date

import openpyxl
import pytest
from playwright.sync_api import expect

from cilegon_umkm.accounts.roles import Role
from lending.models import Loan
from mentoring.models import Visit
from mentoring.services import visit_record
from registry.models import UMKM, Kelurahan
from tests.factories import UserFactory
from tests.lending.factories import People, disbursed_loan, new_business
from tests.mentoring.factories import MentorFactory, assign
from tests.training.factories import CohortFactory
from training.models import Enrollment
from training.services import enrollment_create

from .conftest import DESKTOP, PHONE, SCREENSHOTS, log_in_as

pytestmark = [pytest.mark.e2e, pytest.mark.django_db(transaction=True)]

PDFS = SCREENSHOTS.parent / "pdf"
YEAR = "tahun=2025"
# (tab label, path) in the order of the tabs
AREAS = [
    ("Registri", "/dasbor/registri/"),
    ("Pinjaman", "/dasbor/pinjaman/"),
    ("Pendampingan", "/dasbor/pendampingan/"),
    ("Pelatihan", "/dasbor/pelatihan/"),
]


def _number(text: str) -> int:
    """A figure as the page writes it ("Rp5.000.000", "1.234") back to an int."""
    return int(re.sub(r"[^\d]", "", text))


def _rupiah(amount) -> str:
    return f"Rp{int(amount):,}".replace(",", ".")


def _no_page_wide_scroll(page) -> None:
    page.wait_for_load_state("load")  # measured once the stylesheets apply, not before
    width, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width <= inner, f"the page scrolls sideways: {width}px wide in a {inner}px window"


def _tabs_and_labels_readable(page, live_server) -> None:
    """On a phone every area tab is on screen (they wrap), and a chart's month labels and
    values are at least 10px high (they were 8px drawn at 0.7 scale)."""
    page.goto(f"{live_server.url}/dasbor/pinjaman/?{YEAR}")
    width = page.evaluate("window.innerWidth")
    for tab in page.get_by_test_id("dashboard-tabs").locator("a").all():
        box = tab.bounding_box()
        assert box and box["x"] >= 0 and box["x"] + box["width"] <= width, tab.inner_text()
    heights = page.evaluate(
        "[...document.querySelectorAll('.trend-chart text')]"
        ".map(t => t.getBoundingClientRect().height)"
    )
    assert heights and min(heights) >= 10, heights


@pytest.fixture
def office(time_machine):
    """Two kecamatan's worth of businesses: in Cibeber a borrower (5 juta disbursed in
    October) and a visited warung; in Pulomerak one trainee. Then the clock stands at
    1 November 2025, 10:00 in Cilegon, and keeps ticking for the browser."""
    time_machine.move_to("2025-10-15 10:00:00+07:00", tick=False)
    people = People()
    cibeber = Kelurahan.objects.get(code="36.72.01.1001")
    tamansari = Kelurahan.objects.get(code="36.72.03.1001")
    loan = disbursed_loan(people, disbursed_on=date(2025, 10, 15), amount=5_000_000)
    warung = new_business(name="Warung Bu Siti", kelurahan=cibeber)
    trainee = new_business(name="Katering Pak Darto", kelurahan=tamansari)
    cohort = CohortFactory(name="Jasa Boga Angkatan 1", starts_on=date(2025, 7, 1))
    enrollment_create(cohort=cohort, umkm=trainee, user=people.staff)
    time_machine.move_to("2025-11-01 10:00:00+07:00", tick=True)
    mentor = MentorFactory()
    assign(mentor, kelurahan=cibeber)
    visit_record(mentor=mentor, umkm=warung, client_id=uuid.uuid4(),
                 visited_on=date(2025, 10, 20), purpose="pendataan")  # fmt: skip
    UserFactory(username="pimpinan", roles=[Role.PIMPINAN])
    return {"loan": loan, "pulomerak": tamansari.kecamatan}


def test_overview_on_a_phone_then_one_kecamatan(page, live_server, screenshot, office):
    page.set_viewport_size(PHONE)
    # A mentor gets the 403 page, with no figure on it.
    UserFactory(username="rudi", roles=[Role.PENDAMPING_EKONOMI])
    log_in_as(page, live_server, "rudi", "/")
    response = page.goto(f"{live_server.url}/dasbor/?{YEAR}")
    assert response.status == 403
    expect(page.get_by_role("heading", level=1)).to_have_text("Akses ditolak")
    expect(page.get_by_test_id("registered")).to_have_count(0)
    screenshot("mentor-refused")

    log_in_as(page, live_server, "pimpinan", f"/dasbor/?{YEAR}")
    expect(page.get_by_role("heading", level=1)).to_have_text("Ringkasan kinerja Dinas")
    screenshot("overview-phone")

    # The headline figures are the rows of the office.
    assert UMKM.objects.count() == 3
    expect(page.get_by_test_id("registered")).to_have_text(str(UMKM.objects.count()))
    disbursed = sum(loan.principal for loan in Loan.objects.filter(disbursed_on__year=2025))
    assert disbursed == office["loan"].principal == 5_000_000
    expect(page.get_by_test_id("disbursed")).to_have_text(_rupiah(disbursed))
    visits = Visit.objects.filter(visited_on__year=2025).count()
    expect(page.get_by_test_id("visits")).to_have_text(str(visits))
    participants = Enrollment.objects.filter(state=Enrollment.State.ENROLLED).count()
    expect(page.get_by_test_id("participants")).to_have_text(str(participants))
    assert (visits, participants) == (1, 1)
    # Wide tables scroll inside their own box; the page itself never does.
    _no_page_wide_scroll(page)
    _tabs_and_labels_readable(page, live_server)
    page.goto(f"{live_server.url}/dasbor/?{YEAR}")

    # October to November in Pulomerak, through the filter form.
    pulomerak = office["pulomerak"]
    form = page.get_by_test_id("period")
    form.locator("#dari").select_option("10")
    form.locator("#sampai").select_option("11")
    form.locator("#kecamatan").select_option(label="Pulomerak")
    form.get_by_role("button", name="Tampilkan").click()

    expect(page).to_have_url(
        f"{live_server.url}/dasbor/?dari=10&tahun=2025&sampai=11&sampai_tahun=2025"
        f"&kecamatan={pulomerak.pk}"
    )
    expect(page.get_by_role("heading", level=1)).to_contain_text("Kecamatan Pulomerak")
    expect(form.locator("#dari")).to_have_value("10")
    expect(form.locator("#kecamatan")).to_have_value(str(pulomerak.pk))
    in_pulomerak = UMKM.objects.filter(kelurahan__kecamatan=pulomerak).count()
    expect(page.get_by_test_id("registered")).to_have_text(str(in_pulomerak))
    expect(page.get_by_test_id("disbursed")).to_have_text("Rp0")  # the loan is in Cibeber
    expect(page.get_by_test_id("visits")).to_have_text("0")
    expect(page.get_by_test_id("participants")).to_have_text("1")
    _no_page_wide_scroll(page)
    screenshot("overview-phone-pulomerak")

    # November 2024 to February 2025: a period across the end of a year, on the phone.
    form.locator("#dari").select_option("11")
    form.locator("#tahun").fill("2024")
    form.locator("#sampai").select_option("2")
    form.locator("#sampai_tahun").fill("2025")
    form.locator("#kecamatan").select_option(value="")
    form.get_by_role("button", name="Tampilkan").click()
    expect(page.get_by_test_id("fiscal-year")).to_contain_text("2025")
    expect(page.get_by_test_id("period-notes")).to_have_count(0)
    expect(form.locator("#sampai_tahun")).to_have_value("2025")
    _no_page_wide_scroll(page)
    screenshot("overview-phone-across-year-end")


def test_tabs_and_drill_down_on_a_desktop(page, live_server, screenshot, office):
    pulomerak = office["pulomerak"]
    period = "tahun=2025&dari=10&sampai=11"
    page.set_viewport_size(DESKTOP)
    log_in_as(page, live_server, "pimpinan", f"/dasbor/?{period}")

    # The overview's "registered" card opens the registry with as many rows as it says.
    registered = _number(page.get_by_test_id("registered").inner_text())
    page.locator('a[data-figure="registered"]').click()
    expect(page).to_have_url(re.compile(r"/registri/\?terdaftar_sampai=2025-11-30$"))
    expect(page.get_by_test_id("result-count")).to_have_text(f"{registered} usaha")
    assert page.locator("table.umkm-table tbody tr").count() == registered == 3
    screenshot("registered-list")
    page.go_back()

    # Each tab opens its area for the same period, and draws it.
    tabs = page.get_by_test_id("dashboard-tabs")
    expect(tabs.get_by_role("link", name="Ringkasan")).to_have_attribute("aria-current", "page")
    for label, path in AREAS:
        tab = tabs.get_by_role("link", name=label, exact=True)
        tab.click()
        expect(page).to_have_url(f"{live_server.url}{path}?{period}")
        expect(tab).to_have_attribute("aria-current", "page")
        expect(page.get_by_test_id("period").locator("#dari")).to_have_value("10")
        sections = page.locator("[data-breakdown]")
        expect(sections.first).to_be_visible()
        # A column chart over months, or bars in a breakdown's cells.
        assert sections.locator("svg.trend-chart, svg.cell-bar").count() >= 1, path
        screenshot(path.strip("/").replace("/", "-"))

    # A kecamatan's row on the registry page opens that kecamatan's businesses.
    tabs.get_by_role("link", name="Registri", exact=True).click()
    row = page.get_by_test_id("per-kecamatan").locator("tbody tr", has_text="Pulomerak")
    shown = _number(row.locator("td").first.inner_text())
    assert shown == UMKM.objects.filter(kelurahan__kecamatan=pulomerak).count() == 1
    row.get_by_role("link", name="Pulomerak").click()
    expect(page).to_have_url(
        re.compile(rf"/registri/\?kecamatan={pulomerak.pk}&terdaftar_sampai=2025-11-30$")
    )
    expect(page.get_by_test_id("result-count")).to_have_text(f"{shown} usaha")
    assert page.locator("table.umkm-table tbody tr").count() == shown
    expect(page.locator("table.umkm-table tbody")).to_contain_text("Katering Pak Darto")
    screenshot("pulomerak-list")


def test_print_to_a4_and_export_to_xlsx(page, live_server, screenshot, office, tmp_path):
    page.set_viewport_size(DESKTOP)
    log_in_as(page, live_server, "pimpinan", f"/dasbor/?{YEAR}")
    registered = _number(page.get_by_test_id("registered").inner_text())
    label = page.locator('[data-figure="registered"] > div').nth(1).inner_text().strip()

    # The XLSX holds the page's figures, as numbers.
    with page.expect_download() as info:
        page.get_by_test_id("export").click()
    download = info.value
    assert download.suggested_filename == "dasbor-ringkasan-tahun2025-dari1-sampai11.xlsx"
    saved = tmp_path / download.suggested_filename
    download.save_as(saved)
    summary = openpyxl.load_workbook(saved).worksheets[0]
    values = {row[0]: row[1] for row in summary.iter_rows(values_only=True) if row and row[0]}
    assert values[label] == registered == 3
    assert values["Kecamatan"] == "Semua kecamatan"

    # Printed, the controls go and the figures stay.
    expect(page.get_by_test_id("period")).to_be_visible()
    expect(page.get_by_test_id("dashboard-tabs")).to_be_visible()
    page.emulate_media(media="print")
    expect(page.get_by_test_id("period")).to_be_hidden()
    expect(page.get_by_test_id("dashboard-tabs")).to_be_hidden()
    expect(page.get_by_test_id("export")).to_be_hidden()
    expect(page.get_by_test_id("registered")).to_be_visible()
    screenshot("print-media")
    PDFS.mkdir(parents=True, exist_ok=True)
    pdf = PDFS / "dashboard-overview-2025.pdf"
    pdf.unlink(missing_ok=True)
    page.pdf(path=str(pdf), format="A4", print_background=True)
    content = pdf.read_bytes()
    assert content.startswith(b"%PDF")
    assert len(content) > 10_000  # more than an empty page
