"""One way of writing a date on every page: "5 Des 2026", a moment "5 Des 2026 14:30"
(cilegon_umkm/formats/). Users once saw "5 Des 2026", "05-12-2026" and "5 Des 26" on the
pages of one loan."""

import re
import uuid
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
from django.template import Context, Template
from django.urls import reverse
from django.utils import translation
from django.utils.formats import date_format

from cilegon_umkm.accounts.roles import Role
from mentoring.services import visit_record
from training.services import certificate_revoke

from .test_permission_matrix import office as office  # the fixture

pytestmark = pytest.mark.django_db

JAKARTA = ZoneInfo("Asia/Jakarta")
MONTHS = "Jan|Feb|Mar|Apr|Mei|Jun|Jul|Agu|Sep|Okt|Nov|Des"
A_DATE = re.compile(rf"\b\d{{1,2}} (?:{MONTHS}) \d{{4}}\b")
# 05-12-2026, 5/12/26, 2026/12/05: digits and dashes or slashes (ISO 2026-12-05 is for
# machines: <input type="date"> and links, never shown as text).
NUMERIC_DATE = re.compile(r"\b\d{1,2}[-/]\d{1,2}[-/]\d{2,4}\b|\b\d{4}/\d{1,2}/\d{1,2}\b")
TWO_DIGIT_YEAR = re.compile(rf"\b\d{{1,2}} (?:{MONTHS})\.? \d{{2}}\b(?!:)")
ABBREVIATED_WITH_DOT = re.compile(rf"\b\d{{1,2}} (?:{MONTHS})\. ")
# "Mei" is the short and the long name alike.
FULL_MONTH_DATE = re.compile(
    r"\b\d{1,2} (?:Januari|Februari|Maret|April|Juni|Juli|Agustus|September|Oktober"
    r"|November|Desember) \d{4}\b"
)


@pytest.mark.parametrize(
    ("language", "day", "moment"),
    [("id", "5 Des 2026", "5 Des 2026 14:30"), ("en", "5 Dec 2026", "5 Dec 2026 14:30")],
)
def test_a_date_and_a_moment_are_written_one_way(language, day, moment):
    template = Template(
        '{{ d }}|{{ d|date }}|{{ d|date:"SHORT_DATE_FORMAT" }}|{{ t|date:"DATETIME_FORMAT" }}'
    )
    with translation.override(language):
        rendered = template.render(
            Context({"d": date(2026, 12, 5), "t": datetime(2026, 12, 5, 14, 30, tzinfo=JAKARTA)})
        )
        written = date_format(date(2026, 12, 5))

    assert rendered == f"{day}|{day}|{day}|{moment}"
    assert written == day


def _pages(office, make_user):
    """(user, url) of the pages with the most dates on them."""
    upt, dinas, leader = (
        make_user(Role.STAF_UPT),
        make_user(Role.STAF_DINAS),
        make_user(Role.PIMPINAN),
    )
    mentor = office.ekonomi
    visit_record(
        mentor=mentor, umkm=office.umkm, client_id=uuid.uuid4(), visited_on=date(2025, 6, 1),
        purpose="pendataan",
    )  # fmt: skip
    # A revoked certificate: the participant's page then says since when.
    certificate_revoke(
        certificate=office.certificate, reason="Salah peserta", on=date(2025, 6, 1), user=dinas
    )
    loan = office.loan
    return {
        "loan": (upt, reverse("lending:loan-detail", args=[loan.pk])),
        "loan card": (upt, reverse("lending:loan-card", args=[loan.pk])),
        "repayment desk": (upt, reverse("lending:repayment-new", args=[loan.pk])),
        "fund": (upt, reverse("lending:fund-detail", args=[office.fund.pk])),
        "reversals": (upt, reverse("lending:reversal-requests")),
        "reversal": (upt, reverse("lending:reversal-request", args=[office.reversal.pk])),
        "application": (upt, reverse("lending:application-detail", args=[office.application.pk])),
        "mentor's businesses": (mentor.user, reverse("mentoring:businesses")),
        "business": (dinas, reverse("registry:umkm-detail", args=[loan.umkm_id])),
        "business with a certificate": (
            dinas,
            reverse("registry:umkm-detail", args=[office.certificate.enrollment.umkm_id]),
        ),
        "participant": (
            dinas,
            reverse("training:participant", args=[office.certificate.enrollment_id]),
        ),
        "cohort": (dinas, reverse("training:cohort-detail", args=[office.cohort.pk])),
        "certificate check": (
            dinas,
            reverse("certificate-verify", args=[office.certificate.code]),
        ),
        "dashboard": (leader, reverse("dashboard:index")),
    }


def test_the_pages_write_every_date_one_way(client, make_user, office):
    wrong = {}
    for name, (user, url) in _pages(office, make_user).items():
        client.force_login(user)
        response = client.get(url)
        assert response.status_code == 200, name
        text = " ".join(re.sub(r"<[^>]+>", " ", response.content.decode()).split())
        found = {
            "dd-mm-yyyy": NUMERIC_DATE.findall(text),
            "two-digit year": TWO_DIGIT_YEAR.findall(text),
            "N.": ABBREVIATED_WITH_DOT.findall(text),
            "month in full": FULL_MONTH_DATE.findall(text),
            "no date at all": [] if A_DATE.search(text) else ["-"],
        }
        if any(found.values()):
            wrong[name] = {kind: hits for kind, hits in found.items() if hits}

    assert wrong == {}, wrong
