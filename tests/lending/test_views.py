"""Lending pages: each role reaches what it should, and the happy paths work end to end
through the forms."""

import re
import uuid
from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from lending.models import Application, Loan, Repayment
from lending.services import application_submit, application_survey
from registry.models import Kelurahan
from tests.pagination import page_links

from .factories import (
    ProductFactory,
    approved_application,
    disbursed_loan,
    new_business,
    pay,
    survey_findings,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def loan(people, today):
    today(date(2025, 2, 28))  # posted on the day it was paid, weeks before the tests' today
    loan = disbursed_loan(
        people, disbursed_on=date(2025, 1, 31), product=ProductFactory(jasa_percent_per_year=12)
    )
    pay(people, loan, 933_000, date(2025, 2, 28), receipt_no="KW-1")
    today(date(2025, 4, 15))
    return loan


def _login(client, user):
    client.force_login(user)
    return client


def test_staff_submit_an_application_through_the_form(client, people, today):
    today(date(2025, 3, 3))
    umkm = new_business(name="Catering Bu Ani")
    product = ProductFactory()
    client = _login(client, people.staff)

    found = client.get(reverse("lending:application-new"), {"cari": "catering bu ani"})
    assert "Catering Bu Ani" in found.content.decode()
    response = client.post(
        reverse("lending:application-create", args=[umkm.pk]),
        {
            "product": product.pk,
            "amount": "7.500.000",
            "tenor_months": 12,
            "purpose": "Beli kompor",
        },
    )

    application = Application.objects.get()
    assert response.url == application.get_absolute_url()
    assert (application.amount, application.created_by) == (7_500_000, people.staff)


def test_the_form_shows_why_an_application_is_refused(client, people, today):
    today(date(2025, 3, 3))
    umkm = new_business(status="tutup")
    client = _login(client, people.staff)

    response = client.post(
        reverse("lending:application-create", args=[umkm.pk]),
        {
            "product": ProductFactory().pk,
            "amount": "5000000",
            "tenor_months": 12,
            "purpose": "Modal",
        },
    )

    assert "tidak aktif di registri" in response.content.decode()
    assert not Application.objects.exists()


def test_head_approves_and_staff_disburse_a_surveyed_application(client, people, today):
    # The survey itself is a field page of the mentoring app (tests/mentoring).
    today(date(2025, 3, 3))
    application = application_submit(
        umkm=new_business(),
        product=ProductFactory(),
        amount=5_000_000,
        tenor_months=12,
        purpose="Modal",
        submitted_by=people.staff,
    )
    application_survey(
        application=application,
        surveyed_by=people.mentor,
        surveyed_on=date(2025, 3, 3),
        **survey_findings(),
    )

    head = _login(client, people.head)
    head.post(reverse("lending:application-approve", args=[application.pk]), {"note": "OK"})
    application.refresh_from_db()
    assert application.state == "disetujui"

    staff = _login(client, people.staff)
    response = staff.post(
        reverse("lending:application-disburse", args=[application.pk]),
        {"disbursed_on": "2025-03-03"},
    )
    loan = Loan.objects.get()
    assert response.url == loan.get_absolute_url()


def test_the_repayment_desk_finds_by_name_nik_or_number_and_posts_once(client, people, loan):
    client = _login(client, people.staff)

    for term in [loan.number, loan.umkm.owner_nik, loan.umkm.name]:
        response = client.get(reverse("lending:repayment-desk"), {"cari": term})
        assert response.status_code == 302 and response.url.endswith(
            f"/angsuran/pinjaman/{loan.pk}/"
        ), term

    form = client.get(reverse("lending:repayment-new", args=[loan.pk]))
    token = re.search(r'name="client_token" value="([^"]+)"', form.content.decode()).group(1)
    data = {
        "amount": "933.000",
        "paid_on": "2025-03-31",
        "receipt_no": "KW-2",
        "channel": "tunai",
        "client_token": token,
    }
    first = client.post(reverse("lending:repayment-new", args=[loan.pk]), data)
    second = client.post(reverse("lending:repayment-new", args=[loan.pk]), data)

    repayment = Repayment.objects.get(receipt_no="KW-2")
    assert first.url == second.url == reverse("lending:receipt", args=[repayment.pk])
    receipt = client.get(first.url).content.decode()
    assert "Rp933.000" in receipt and "KUITANSI" in receipt


def test_an_overpayment_comes_back_with_what_is_still_owed(client, people, loan):
    client = _login(client, people.staff)

    response = client.post(
        reverse("lending:repayment-new", args=[loan.pk]),
        {
            "amount": "20000000",
            "paid_on": "2025-04-15",
            "channel": "tunai",
            "client_token": str(uuid.uuid4()),
        },
    )

    assert "Sisa kewajiban: Rp" in response.content.decode()
    assert Repayment.objects.count() == 1


def test_the_loan_page_shows_schedule_statement_and_struck_reversals(client, people, loan):
    repayment = Repayment.objects.get()
    client = _login(client, people.staff)
    # A payment of an earlier month: staff request the reversal, the Kepala UPT approves.
    client.post(
        reverse("lending:reversal-request-new", args=[repayment.pk]), {"reason": "Salah input"}
    )
    client = _login(client, people.head)
    request = repayment.reversal_requests.get()
    client.post(reverse("lending:reversal-request-approve", args=[request.pk]))

    html = client.get(loan.get_absolute_url()).content.decode()

    assert html.count('data-testid="statement-row"') == 2
    assert "text-decoration-line-through" in html
    assert "Salah input" in html
    assert "hari tunggakan" in html


@pytest.mark.parametrize(
    ("role", "page", "status"),
    [
        (Role.PIMPINAN, "lending:portfolio", 200),
        (Role.PIMPINAN, "lending:repayment-desk", 403),
        (Role.STAF_DINAS, "lending:arrears", 200),
        (Role.KEPALA_UPT, "lending:repayment-desk", 403),
        (Role.PENDAMPING_PDB, "lending:index", 403),
        (Role.PENDAMPING_PDB, "lending:arrears", 403),
        (Role.STAF_UPT, "lending:fund-detail-default", 200),
    ],
)
def test_who_opens_which_lending_page(client_as, loan, role, page, status):
    assert client_as(role).get(reverse(page)).status_code == status


def test_read_only_roles_cannot_post_or_reverse(client_as, loan):
    client = client_as(Role.PIMPINAN)

    post = client.post(
        reverse("lending:repayment-new", args=[loan.pk]),
        {
            "amount": "1000",
            "paid_on": "2025-04-15",
            "channel": "tunai",
            "client_token": str(uuid.uuid4()),
        },
    )
    reverse_ = client.post(
        reverse("lending:repayment-reverse", args=[Repayment.objects.get().pk]), {"reason": "x"}
    )

    assert (post.status_code, reverse_.status_code) == (403, 403)
    assert Repayment.objects.count() == 1


def test_a_mentor_never_opens_the_office_application_page(client_as, people, today):
    today(date(2025, 3, 3))
    decided = approved_application(people)
    client = client_as(Role.PENDAMPING_PDB)

    assert client.get(decided.get_absolute_url()).status_code == 404


def test_portfolio_and_arrears_and_export(client_as, people, loan):
    client = client_as(Role.STAF_UPT)

    portfolio = client.get(reverse("lending:portfolio")).content.decode()
    arrears = client.get(reverse("lending:arrears")).content.decode()
    export = client.get(reverse("lending:portfolio"), {"format": "xlsx"})

    assert 'data-testid="npl"' in portfolio
    assert loan.umkm.name in arrears  # March is unpaid on 15 April
    assert export["Content-Type"].startswith("application/vnd.openxmlformats")


def test_page_two_of_the_arrears_of_a_kecamatan_stays_in_that_kecamatan(client_as, people, today):
    today(date(2025, 1, 31))
    here = Kelurahan.objects.get(code="36.72.01.1001")
    elsewhere = Kelurahan.objects.exclude(kecamatan=here.kecamatan).first()
    product = ProductFactory()
    for n in range(26):  # one more than a page
        disbursed_loan(
            people, disbursed_on=date(2025, 1, 31), product=product,
            umkm=new_business(name=f"Usaha Di Sini {n:02d}", kelurahan=here),
        )  # fmt: skip
    disbursed_loan(
        people, disbursed_on=date(2025, 1, 31), product=product,
        umkm=new_business(name="Usaha Di Sana", kelurahan=elsewhere),
    )  # fmt: skip
    today(date(2025, 4, 15))  # nothing paid: every loan is in arrears
    client = client_as(Role.STAF_UPT)
    query = {"kecamatan": str(here.kecamatan_id)}

    first = client.get(reverse("lending:arrears"), query)
    links = page_links(first.content.decode())
    second = client.get(reverse("lending:arrears"), links[2])

    assert links[2] == {"kecamatan": [query["kecamatan"]], "halaman": ["2"]}
    assert first.context["page_obj"].paginator.count == 26
    assert [loan.umkm.kelurahan for loan in second.context["page_obj"]] == [here]
    assert page_links(second.content.decode())[1] == {**links[2], "halaman": ["1"]}


def test_page_two_of_the_application_queue_keeps_the_filter(client, people, today):
    today(date(2025, 3, 3))
    product = ProductFactory()
    for n in range(3):
        application_submit(
            umkm=new_business(name=f"Usaha {n}"), product=product, amount=5_000_000,
            tenor_months=12, purpose="Modal kerja", submitted_by=people.staff,
        )  # fmt: skip
    approved_application(people, product=product)
    client = _login(client, people.staff)
    query = {"status": "diajukan", "cari": "usaha", "per_halaman": "1"}

    first = client.get(reverse("lending:applications"), query)
    links = page_links(first.content.decode())
    second = client.get(reverse("lending:applications"), links[3])

    assert links[3] == {**{key: [value] for key, value in query.items()}, "halaman": ["3"]}
    assert first.context["table"].paginator.num_pages == 3
    # The list says how many it holds, not only how many pages.
    assert 'data-testid="list-count">3<' in first.content.decode()
    assert [row.record.state for row in second.context["table"].page.object_list] == [
        Application.State.SUBMITTED
    ]


def test_capital_is_added_from_the_fund_page(client, people, loan):
    client = _login(client, people.staff)

    client.post(
        reverse("lending:fund-detail", args=[loan.fund_id]),
        {"amount": "250.000.000", "entry_date": "2025-04-15", "note": "APBD Perubahan 2025"},
    )

    html = client.get(reverse("lending:fund-detail", args=[loan.fund_id])).content.decode()
    assert "APBD Perubahan 2025" in html


def test_the_admin_shows_a_loans_denda_and_jasa_terms_with_their_indonesian_labels(client_as, loan):
    client = client_as(Role.ADMIN)

    html = client.get(reverse("admin:lending_loan_change", args=[loan.pk])).content.decode()

    for label in (
        "Jasa (persen per tahun, flat)",
        "Denda (persen per bulan terlambat)",
        "Masa tenggang denda (hari)",
        "Denda dibayar",  # the loan's, and its installments' column
        "Pokok dibayar",
    ):
        assert label in html, label
