"""Each area page's figures, recomputed from the rows of the hand-built office (conftest)
with plain queries and Python, and compared with what the page holds."""

from datetime import date, datetime

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from cilegon_umkm.dashboard.period import Period
from lending.models import Application, Loan
from mentoring.models import MentorKind, Referral, Visit
from registry.models import UMKM, Certification, Kelurahan
from tests.registry.factories import CertificationFactory
from training.models import Certificate, Enrollment, FacilitatedCertification

from .conftest import JAKARTA

pytestmark = pytest.mark.django_db

# The fund and the DAK budget belong to the city, not to a kecamatan.
CITY_WIDE = {"available", "written_off", "absorption"}
END = datetime(2025, 12, 1, tzinfo=JAKARTA)  # the period of 2025 runs to November (today)


def _page(client, area="", **query):
    url = reverse("dashboard:area", kwargs={"area": area}) if area else reverse("dashboard:index")
    response = client.get(url, {"tahun": "2025", **query})
    assert response.status_code == 200
    return response.context["page"]


def _values(page, key):
    breakdown = next(b for b in page.breakdowns if b.key == key)
    return {row.label: row.values for row in breakdown.rows}


def test_the_registry_page_counts_what_was_registered_by_the_end_of_the_period(client_as, office):
    # The Dinas's training certificates are not certifications; a halal one from BPJPH is.
    graduate = Certificate.objects.get(revoked_on__isnull=True).enrollment.umkm
    CertificationFactory(umkm=graduate, kind="halal", issuer="BPJPH", issued_on=date(2025, 9, 1))
    page = _page(client_as(Role.PIMPINAN), "registri")

    registered = UMKM.objects.filter(created_at__lt=END)
    new = [u for u in registered if u.created_at >= datetime(2025, 1, 1, tzinfo=JAKARTA)]
    certified = {
        c.umkm_id
        for c in Certification.objects.exclude(kind="pelatihan")
        if c.issued_on <= date(2025, 11, 30)
        and (c.expires_on is None or c.expires_on >= date(2025, 11, 30))
    }
    assert page.figure("registered").value == registered.count()
    assert page.figure("new").value == len(new) == registered.count() - 1  # one from 2024
    assert page.figure("certified-umkm").value == len(certified) == 1  # expired one is out
    growth = _values(page, "growth")
    november = sum(1 for u in new if u.created_at.astimezone(JAKARTA).month == 11)
    assert growth["Nov"] == (november, registered.count())
    assert growth["Jan"][1] == 1 + sum(
        1 for u in new if u.created_at.astimezone(JAKARTA).month == 1
    )
    assert sum(v[0] for v in _values(page, "by-sector").values()) == registered.count()
    assert _values(page, "by-sector")["Fesyen / konveksi"] == (1,)


def test_the_registry_page_for_one_kecamatan_counts_only_its_businesses(client_as, office):
    kecamatan = office.kelurahan[1].kecamatan
    page = _page(client_as(Role.PIMPINAN), "registri", kecamatan=str(kecamatan.pk))

    there = UMKM.objects.filter(kelurahan__kecamatan=kecamatan, created_at__lt=END)
    assert page.figure("registered").value == there.count()
    assert list(_values(page, "per-kecamatan")) == [kecamatan.name]


def test_the_lending_page_adds_up_to_the_loans(client_as, office):
    page = _page(client_as(Role.PIMPINAN), "pinjaman")

    running = Loan.objects.filter(status=Loan.Status.ACTIVE)
    outstanding = sum(loan.principal - loan.principal_paid for loan in running)
    assert page.figure("outstanding").value == outstanding
    assert page.figure("disbursed").value == sum(
        loan.principal for loan in Loan.objects.filter(disbursed_on__year=2025)
    )
    per_month = _values(page, "disbursed-per-month")
    assert per_month["Jan"] == (16_000_000, 2)
    assert per_month["Feb"] == (0, 0)
    collectibility = _values(page, "collectibility")
    assert sum(v[0] for v in collectibility.values()) == running.count()  # written off: out
    assert sum(v[1] for v in collectibility.values()) == outstanding
    per_kecamatan = _values(page, "per-kecamatan")
    assert sum(v[2] for v in per_kecamatan.values()) == outstanding
    states = _values(page, "applications")
    assert sum(v[0] for v in states.values()) == Application.objects.count()
    assert page.figure("npl").value == 0.0  # the only late loan was written off


def test_the_mentoring_page_counts_visits_of_the_period_by_kind(client_as, office):
    page = _page(client_as(Role.PIMPINAN), "pendampingan")

    this_year = Visit.objects.filter(visited_on__year=2025)
    by_kind = _values(page, "visits-by-kind")
    assert by_kind["pendamping PDB"] == (this_year.filter(mentor__kind=MentorKind.PDB).count(),)
    assert by_kind["pendamping ekonomi"] == (1,)
    assert page.figure("visits").value == this_year.count() == 3
    assert _values(page, "visits-per-month")["Jun"] == (2,)
    # Today, the reassigned PDB mentor and the kecamatan's ekonomi mentor share kelurahan[1];
    # kelurahan[0] lost its PDB mentor on 31 March.
    assert page.figure("coverage").value == 1 / Kelurahan.objects.count()
    referrals = _values(page, "referrals")
    declined = list(Referral.State.values).index(Referral.State.DECLINED)
    assert referrals["pinjaman (UPT PDB)"][declined] == 1
    assert page.figure("conversion").value == 0.0


def test_the_training_page_counts_completion_certificates_and_money(client_as, office):
    page = _page(client_as(Role.PIMPINAN), "pelatihan")

    enrolled = Enrollment.objects.filter(state=Enrollment.State.ENROLLED).count()
    trained = Certificate.objects.filter(revoked_on__isnull=True).count()
    real = {  # through the training, not ended (the revoked one ended in September)
        link.enrollment_id
        for link in FacilitatedCertification.objects.select_related("certification")
        if link.certification.expires_on is None
        or link.certification.expires_on >= date(2025, 11, 1)
    }
    assert page.figure("participants").value == enrolled == 3
    assert page.figure("completion").value == 2 / 3
    assert page.figure("trained").value == trained == 1
    assert page.figure("certified").value == len(real) == 1
    assert page.figure("certified").note.endswith("33,3 %")  # of participants, real ones
    assert page.figure("absorption").value == 100_000_000 / 3_400_000_000
    assert _values(page, "spent-per-month")["Jul"] == (100_000_000,)
    assert _values(page, "funnel")[office.cohort.track.name] == (3, 3, 2, 1, 1)


def test_a_kecamatan_without_rows_shows_zeros_not_errors(client_as, office):
    empty = Kelurahan.objects.exclude(
        kecamatan__in=[k.kecamatan_id for k in office.kelurahan[:2]]
    ).first()
    client = client_as(Role.PIMPINAN)
    for area in ("", "registri", "pinjaman", "pendampingan", "pelatihan"):
        page = _page(client, area, kecamatan=str(empty.kecamatan_id))
        nonzero = {f.key: f.value for f in page.figures if f.value not in (0, 0.0, None)}
        gaps = {k: nonzero.pop(k) for k in ("without-ekonomi", "without-pdb") if k in nonzero}
        assert set(nonzero) <= CITY_WIDE, (area, nonzero)
        assert all(n == empty.kecamatan.kelurahan_set.count() for n in gaps.values())


def test_a_nonsense_period_falls_back_to_the_default(client_as, office):
    client = client_as(Role.PIMPINAN)
    for kecamatan in ("x", "9999"):
        response = client.get(
            reverse("dashboard:index"), {"tahun": "abc", "dari": "13", "kecamatan": kecamatan}
        )
        assert response.status_code == 200
        assert response.context["period"] == Period.within(2025, 1, 11)
        assert response.context["period"].kecamatan_id is None
        assert response.context["page"].figure("registered").value == UMKM.objects.count()
