"""The overview's headline figures, each computed again here from the rows of a small
hand-built office (with a reversed repayment, a written-off loan, a revoked certificate,
a reassigned mentor and rows of another year) and compared with what the page shows."""

import re
from datetime import date

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from lending.models import Installment, Loan, Repayment

pytestmark = pytest.mark.django_db


def _shown(html: str, testid: str) -> str:
    return re.search(rf'data-testid="{testid}">([^<]*)<', html).group(1).strip()


def test_the_headline_figures_match_the_rows(client_as, office):
    on_time, stopped = office.on_time, office.stopped
    html = (
        client_as(Role.PIMPINAN).get(reverse("dashboard:index"), {"tahun": "2025"}).content.decode()
    )

    disbursed = sum(loan.principal for loan in Loan.objects.filter(disbursed_on__year=2025))
    outstanding = sum(
        loan.principal - loan.principal_paid
        for loan in Loan.objects.filter(status=Loan.Status.ACTIVE)
    )
    assert _shown(html, "disbursed") == f"Rp{disbursed:,}".replace(",", ".")
    assert _shown(html, "outstanding") == f"Rp{outstanding:,}".replace(",", ".")
    assert outstanding == on_time.principal - 9 * 833_000  # the written-off loan is out
    assert Repayment.objects.filter(loan=stopped).count() == 2  # the mistake and its reversal
    assert _shown(html, "visits") == "3"  # last year's visit is not counted
    assert _shown(html, "certified") == "1"  # the revoked certificate is not counted
    assert _shown(html, "participants") == "3"


def test_the_collection_rate_is_what_was_paid_of_what_fell_due(client_as, office):
    due = Installment.objects.filter(due_date__year=2025, due_date__lte=date(2025, 11, 1))
    owed = sum(i.principal + i.jasa for i in due)
    paid = sum(i.principal_paid + i.jasa_paid + i.jasa_waived for i in due)
    html = (
        client_as(Role.STAF_DINAS)
        .get(reverse("dashboard:index"), {"tahun": "2025"})
        .content.decode()
    )

    expected = f"{paid / owed * 100:.1f}".replace(".", ",") + " %"
    assert _shown(html, "collection") == expected


@pytest.mark.parametrize(
    ("role", "status"),
    [
        (Role.PIMPINAN, 200),
        (Role.KEPALA_UPT, 200),
        (Role.PENDAMPING_EKONOMI, 403),
        (Role.PENDAMPING_PDB, 403),
        (Role.MITRA_INDUSTRI, 403),
    ],
)
def test_who_reads_the_dashboard(client_as, role, status):
    assert client_as(role).get(reverse("dashboard:index")).status_code == status


def test_figures_are_cached_for_five_minutes_and_say_when(client_as, office, time_machine):
    client = client_as(Role.PIMPINAN)
    url = reverse("dashboard:index")
    first = client.get(url, {"tahun": "2025"}).content.decode()
    pay_more = Loan.objects.filter(status=Loan.Status.ACTIVE).count()

    with CaptureQueriesContext(connection) as cached:
        client.get(url, {"tahun": "2025"})
    time_machine.shift(6 * 60)
    with CaptureQueriesContext(connection) as fresh:
        client.get(url, {"tahun": "2025"})

    assert 'data-testid="as-of"' in first and pay_more == 1
    assert len(cached) < len(fresh) / 2
