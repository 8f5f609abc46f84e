"""Where a loan counts: one rule, the kelurahan where the loan was made (Loan.kelurahan),
for the dashboards' figures and their drill-downs, the portfolio and its export, the office's
arrears list and its export, the mentors' arrears and the application queue. A business
that moves (registry's umkm_correct) leaves its loans' history where it was."""

import io
from datetime import date

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from cilegon_umkm.accounts.roles import Role
from lending.services import application_submit
from registry.models import Kelurahan
from registry.services import umkm_correct
from tests.mentoring.factories import MentorFactory, assign

from .factories import ProductFactory, disbursed_loan, new_business

pytestmark = pytest.mark.django_db


@pytest.fixture
def moved(people, today):
    """A loan made in kelurahan `made_in` in January 2025, unpaid since (in arrears on
    1 June), whose business then moved to `moved_to`, in another kecamatan."""
    today(date(2025, 6, 1))
    made_in = Kelurahan.objects.select_related("kecamatan").order_by("code").first()
    moved_to = (
        Kelurahan.objects.select_related("kecamatan")
        .exclude(kecamatan=made_in.kecamatan)
        .order_by("code")
        .first()
    )
    loan = disbursed_loan(
        people, disbursed_on=date(2025, 1, 10), umkm=new_business(kelurahan=made_in)
    )
    umkm_correct(
        umkm=loan.umkm, changes={"kelurahan": moved_to}, user=people.staff, reason="Pindah usaha"
    )
    loan.refresh_from_db()
    assert loan.umkm.kelurahan == moved_to
    return loan, made_in, moved_to


def _lending_page(client, kecamatan_id):
    url = reverse("dashboard:area", kwargs={"area": "pinjaman"})
    return client.get(url, {"tahun": "2025", "kecamatan": kecamatan_id}).context["page"]


def test_the_old_kecamatans_dashboard_and_its_drill_down_both_show_the_loan(client_as, moved):
    loan, made_in, moved_to = moved
    client = client_as(Role.PIMPINAN)

    old = _lending_page(client, made_in.kecamatan_id).figure("disbursed-count")
    assert old.value == 1
    listed = client.get(old.link).context["filter"].qs
    assert [application.pk for application in listed] == [loan.application_id]

    new = _lending_page(client, moved_to.kecamatan_id).figure("disbursed-count")
    assert new.value == 0
    assert client.get(new.link).context["filter"].qs.count() == 0


def test_the_queue_filter_counts_an_application_with_a_loan_where_the_loan_was_made(
    client_as, moved
):
    loan, made_in, moved_to = moved
    client = client_as(Role.STAF_UPT)
    queue = reverse("lending:applications")
    in_old = client.get(queue, {"kecamatan": made_in.kecamatan_id}).context["filter"].qs
    in_new = client.get(queue, {"kecamatan": moved_to.kecamatan_id}).context["filter"].qs
    assert list(in_old) == [loan.application]
    assert list(in_new) == []


def test_an_application_without_a_loan_counts_where_its_business_is_now(people, client_as, moved):
    _loan, made_in, moved_to = moved
    business = new_business(kelurahan=made_in)
    application = application_submit(
        umkm=business,
        product=ProductFactory(),
        amount=2_000_000,
        tenor_months=6,
        purpose="Modal kerja",
        submitted_by=people.staff,
    )
    umkm_correct(umkm=business, changes={"kelurahan": moved_to}, user=people.staff, reason="Pindah")
    client = client_as(Role.STAF_UPT)
    queue = reverse("lending:applications")
    in_new = client.get(queue, {"kecamatan": moved_to.kecamatan_id}).context["filter"].qs
    assert application in in_new
    assert (
        application
        not in client.get(queue, {"kecamatan": made_in.kecamatan_id}).context["filter"].qs
    )


def test_the_portfolio_and_its_export_put_the_loan_where_it_was_made(client_as, moved):
    loan, made_in, moved_to = moved
    client = client_as(Role.PIMPINAN)
    portfolio = reverse("lending:portfolio")

    page = client.get(portfolio).context
    (row,) = list(page["by_kecamatan"])
    assert (row["kecamatan_id"], row["kecamatan_name"]) == (
        made_in.kecamatan_id,
        made_in.kecamatan.name,
    )

    export = client.get(portfolio, {"kecamatan": made_in.kecamatan_id, "format": "xlsx"})
    sheet = load_workbook(io.BytesIO(export.content)).active
    header, *rows = list(sheet.values)
    assert len(rows) == 1
    record = dict(zip(header, rows[0], strict=True))
    assert record["nomor pinjaman"] == loan.number
    assert record["kelurahan"] == made_in.name
    assert record["kecamatan"] == made_in.kecamatan.name
    moved_export = client.get(portfolio, {"kecamatan": moved_to.kecamatan_id, "format": "xlsx"})
    assert len(list(load_workbook(io.BytesIO(moved_export.content)).active.values)) == 1


def test_the_office_arrears_list_shows_the_kelurahan_where_the_loan_was_made(client_as, moved):
    loan, made_in, moved_to = moved
    client = client_as(Role.STAF_UPT)
    arrears = reverse("lending:arrears")
    rows = client.get(arrears, {"kelurahan": made_in.pk}).context["rows"]
    assert [(row.loan, row.kelurahan) for row in rows] == [(loan, made_in)]
    assert client.get(arrears, {"kelurahan": moved_to.pk}).context["rows"] == []
    assert client.get(arrears, {"kecamatan": moved_to.kecamatan_id}).context["rows"] == []


def test_the_mentor_of_the_old_area_collects_it_the_mentor_of_the_new_one_does_not(client, moved):
    loan, made_in, moved_to = moved
    old_mentor = MentorFactory()
    assign(old_mentor, kelurahan=made_in)
    new_mentor = MentorFactory()
    assign(new_mentor, kecamatan=moved_to.kecamatan)

    client.force_login(old_mentor.user)
    assert [row.loan for row in client.get(reverse("mentoring:arrears")).context["rows"]] == [loan]
    sheet = client.get(reverse("mentoring:collection-sheet", args=[old_mentor.pk]))
    assert [row.loan for row in sheet.context["sheet"].rows] == [loan]

    client.force_login(new_mentor.user)
    assert client.get(reverse("mentoring:arrears")).context["rows"] == []
    sheet = client.get(reverse("mentoring:collection-sheet", args=[new_mentor.pk]))
    assert sheet.context["sheet"].rows == []


def test_the_disbursed_applications_row_and_its_drill_down_agree(client_as, moved):
    _loan, made_in, _moved_to = moved
    client = client_as(Role.PIMPINAN)
    breakdown = next(
        b for b in _lending_page(client, made_in.kecamatan_id).breakdowns if b.key == "applications"
    )
    row = next(row for row in breakdown.rows if "dicairkan" in row.link)
    assert row.values[0] == client.get(row.link).context["filter"].qs.count() == 1


def test_the_loan_page_names_where_the_loan_was_made_and_where_the_business_is_now(
    client_as, moved
):
    loan, made_in, moved_to = moved

    html = client_as(Role.STAF_UPT).get(loan.get_absolute_url()).content.decode()

    assert f"Kel. {made_in.name}" in html
    assert f"usaha kini di Kel. {moved_to.name}" in html
