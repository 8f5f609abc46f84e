"""NPL, PAR30 and the collectibility rows of the lending dashboard each open the arrears
list of exactly their loans (they once all opened the whole list, or the portfolio)."""

from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from tests.lending.factories import disbursed_loan, pay

pytestmark = pytest.mark.django_db


@pytest.fixture
def late_loans(people, today):
    """On 1 July 2025: one loan current, one 45 days late (collectibility 2: PAR30 but not
    NPL), one 101 days late (collectibility 3: both)."""
    current = disbursed_loan(people, disbursed_on=date(2025, 5, 1))
    late = disbursed_loan(people, disbursed_on=date(2025, 4, 17))  # due 17 May, unpaid
    later = disbursed_loan(people, disbursed_on=date(2025, 2, 21))  # due 21 March, unpaid
    today(date(2025, 7, 1))
    pay(people, current, 833_000, date(2025, 6, 1))
    return current, late, later


def _listed(client, link):
    response = client.get(link)
    assert response.status_code == 200, link
    return {row.loan for row in response.context["rows"]}, response.context[
        "page_obj"
    ].paginator.count


def test_each_arrears_figure_opens_exactly_its_loans(client_as, late_loans):
    _current, late, later = late_loans
    client = client_as(Role.PIMPINAN)
    page = client.get(reverse("dashboard:area", kwargs={"area": "pinjaman"}), {"tahun": "2025"})
    page = page.context["page"]

    assert _listed(client, page.figure("npl").link) == ({later}, 1)
    assert _listed(client, page.figure("par30").link) == ({late, later}, 2)
    breakdown = next(b for b in page.breakdowns if b.key == "collectibility")
    rows = {row.label.split()[0]: row for row in breakdown.rows}
    assert rows["1"].link == ""  # lancar: not late, on no list of arrears
    for level, expected in (("2", {late}), ("3", {later}), ("4", set()), ("5", set())):
        listed, count = _listed(client, rows[level].link)
        assert listed == expected and count == rows[level].values[0], level


def test_the_arrears_list_says_what_it_shows(client_as, late_loans):
    client = client_as(Role.STAF_UPT)

    html = client.get(reverse("lending:arrears"), {"tunggakan_lebih_dari": "30"}).content.decode()

    assert "lebih dari 30 hari" in html
