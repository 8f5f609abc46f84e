"""Figures an auditor can recount: a certificate from its issuer is recorded only as the
certificate the track facilitates, from someone other than the Dinas, issued once the cohort
began; a figure "as of day D" counts only what was issued by D and still in force on D; only
enrolled participants are counted; nobody leaves (or moves up into) a cohort that has ended;
the report adds up its funnel."""

from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from registry.models import CertificationKind
from registry.services import certification_revoke
from tests.factories import UserFactory
from tests.lending.factories import new_business
from training.errors import TrainingError
from training.models import Enrollment, FacilitatedCertification, Module
from training.selectors.reports import funnel, participants_per_kecamatan
from training.services import (
    certificate_issue,
    certificate_revoke,
    enrollment_create,
    enrollment_withdraw,
    facilitated_certification_record,
    result_record,
    session_record,
)

from .factories import CohortFactory, TrackFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(today):
    today(date(2025, 11, 1))
    return UserFactory(roles=[Role.STAF_DINAS])


@pytest.fixture
def halal_cohort(db):
    track = TrackFactory(name="Makanan Olahan Halal", certificate_kind=CertificationKind.HALAL)
    return CohortFactory(track=track, starts_on=date(2025, 7, 1), ends_on=date(2025, 7, 10))


@pytest.fixture
def participant(halal_cohort, staff) -> Enrollment:
    return enrollment_create(cohort=halal_cohort, umkm=new_business(), user=staff)


def _record(enrollment, staff, **overrides):
    fields = {
        "kind": CertificationKind.HALAL,
        "number": "ID36110000123",
        "issuer": "BPJPH",
        "issued_on": date(2025, 9, 1),
    } | overrides
    return facilitated_certification_record(enrollment=enrollment, user=staff, **fields)


def _complete(cohort, people, staff, *, first_day: int = 1):
    """Every module held with everyone present and passed."""
    modules = Module.objects.filter(track=cohort.track)
    for day, module in enumerate(modules, start=first_day):
        session_record(cohort=cohort, module=module, held_on=date(2025, 7, day),
                       present={e.pk for e in people}, user=staff)  # fmt: skip
        for e in people:
            result_record(enrollment=e, module=module, user=staff, passed=True)


# 1. A certificate from its issuer: what the track facilitates, from its real issuer, in time


def test_it_records_the_track_s_own_certificate_from_its_issuer(participant, staff):
    _record(participant, staff)

    assert FacilitatedCertification.objects.filter(enrollment=participant).count() == 1


@pytest.mark.parametrize(
    "change",
    [
        {"kind": CertificationKind.NIB, "issuer": "OSS", "number": "1234567890123"},
        {"kind": CertificationKind.OTHER, "issuer": "Siapa saja"},
        {"issuer": "Dinas Koperasi dan UMKM"},
        {"issuer": "Dinas Koperasi dan UMKM Kota Cilegon"},
        {"issuer": "DINAS  KOPERASI, UKM & Perdagangan"},
        {"issued_on": date(2020, 5, 4)},  # years before the cohort
        {"issued_on": date(2025, 6, 30)},  # the day before it began
    ],
)
def test_it_refuses_what_the_training_did_not_lead_to(participant, staff, change):
    with pytest.raises(TrainingError):
        _record(participant, staff, **change)

    assert not FacilitatedCertification.objects.exists()


def test_it_takes_a_certificate_issued_the_day_the_cohort_began(participant, staff):
    _record(participant, staff, issued_on=date(2025, 7, 1))

    assert FacilitatedCertification.objects.count() == 1


def test_a_track_that_ends_in_the_training_certificate_facilitates_none(staff):
    track = TrackFactory(certificate_kind=CertificationKind.TRAINING)
    enrollment = enrollment_create(
        cohort=CohortFactory(track=track), umkm=new_business(), user=staff
    )

    with pytest.raises(TrainingError):
        _record(enrollment, staff, kind=CertificationKind.HALAL)
    assert not FacilitatedCertification.objects.exists()


def _form_url(enrollment) -> str:
    return reverse("training:facilitated-certification-new", args=[enrollment.pk])


def _page(enrollment) -> str:
    return reverse("training:participant", args=[enrollment.pk])


FORM = {"kind": "halal", "number": "ID36110000123", "issuer": "BPJPH", "issued_on": "2025-09-01"}


def test_the_page_offers_only_the_track_s_certificate(client_as, participant):
    form = client_as(Role.STAF_DINAS).get(_page(participant)).context["facilitated_form"]

    assert [value for value, _label in form.fields["kind"].choices] == [CertificationKind.HALAL]


def test_the_page_of_a_track_without_one_offers_no_form(client_as, staff):
    track = TrackFactory(certificate_kind=CertificationKind.TRAINING)
    enrollment = enrollment_create(
        cohort=CohortFactory(track=track), umkm=new_business(), user=staff
    )
    client = client_as(Role.STAF_DINAS)

    html = client.get(_page(enrollment)).content.decode()
    response = client.post(_form_url(enrollment), FORM, follow=True)

    assert 'data-testid="facilitated-form"' not in html
    assert [m.level_tag for m in response.context["messages"]] == ["error"]
    assert not FacilitatedCertification.objects.exists()


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"kind": "nib"}, "kind"),
        ({"issuer": "Dinas Koperasi dan UMKM"}, "issuer"),
        ({"issued_on": "2020-05-04"}, "issued_on"),
    ],
)
def test_the_form_says_which_field_is_wrong(client_as, participant, change, field):
    response = client_as(Role.STAF_DINAS).post(_form_url(participant), FORM | change)

    assert response.status_code == 200
    assert response.context["facilitated_form"].errors[field]
    assert not FacilitatedCertification.objects.exists()


def test_a_form_posted_for_a_withdrawn_participant_says_why(client_as, participant, staff, today):
    today(date(2025, 7, 5))  # while the cohort runs
    enrollment_withdraw(enrollment=participant)
    today(date(2025, 11, 1))

    response = client_as(Role.STAF_DINAS).post(_form_url(participant), FORM, follow=True)

    assert response.redirect_chain == [(_page(participant), 302)]
    (message,) = response.context["messages"]
    assert message.level_tag == "error" and str(message)
    assert not FacilitatedCertification.objects.exists()


# 2. As of day D: issued by D, still in force on D


@pytest.fixture
def graduates(halal_cohort, staff):
    """Three participants who completed the path; the Dinas's certificate on 11 July for
    two of them."""
    people = [enrollment_create(cohort=halal_cohort, umkm=new_business(), user=staff)
              for _ in range(3)]  # fmt: skip
    _complete(halal_cohort, people, staff)
    for e in people[:2]:
        certificate_issue(enrollment=e, user=staff, issued_on=date(2025, 7, 11))
    return people


def _counts(on: date) -> tuple[int, int]:
    (track,) = funnel(2025, on=on)
    per_kecamatan = participants_per_kecamatan(2025, on=on)
    trained = sum(row[2] for row in per_kecamatan)
    certified = sum(row[3] for row in per_kecamatan)
    assert (trained, certified) == (track.trained, track.certified)  # one rule
    return track.trained, track.certified


def test_certificates_issued_after_the_day_do_not_count(graduates, staff):
    _record(graduates[0], staff, issued_on=date(2025, 9, 1))

    assert _counts(date(2025, 7, 10)) == (0, 0)
    assert _counts(date(2025, 7, 11)) == (2, 0)
    assert _counts(date(2025, 8, 31)) == (2, 0)
    assert _counts(date(2025, 9, 1)) == (2, 1)


def test_a_training_certificate_revoked_after_the_day_still_counts_for_it(graduates, staff):
    certificate_revoke(certificate=graduates[0].certificate, reason="Salah data",
                       on=date(2025, 10, 1), user=staff)  # fmt: skip

    assert _counts(date(2025, 9, 30)) == (2, 0)
    assert _counts(date(2025, 10, 1)) == (1, 0)


def test_a_real_certificate_revoked_later_counts_until_it_ends(graduates, staff):
    link = _record(graduates[0], staff)
    certification_revoke(certification=link.certification, on=date(2025, 10, 15), user=staff,
                         reason="Dicabut oleh BPJPH")  # fmt: skip

    assert _counts(date(2025, 10, 14))[1] == 1
    assert _counts(date(2025, 10, 16))[1] == 0


def test_the_dashboard_of_a_past_period_counts_what_was_issued_by_its_end(
    client_as, graduates, staff
):
    _record(graduates[0], staff, issued_on=date(2025, 9, 1))
    url = reverse("dashboard:area", kwargs={"area": "pelatihan"})
    client = client_as(Role.PIMPINAN)

    def figures(**query):
        page = client.get(url, {"tahun": "2025", **query}).context["page"]
        by_kecamatan = next(b for b in page.breakdowns if b.key == "per-kecamatan")
        rows = [row.values for row in by_kecamatan.rows if row.values[0]]
        return page.figure("trained").value, page.figure("certified").value, rows

    assert figures(dari="1", sampai="6") == (0, 0, [(3, 0, 0)])
    assert figures(dari="1", sampai="8") == (2, 0, [(3, 2, 0)])
    assert figures(dari="1", sampai="9") == (2, 1, [(3, 2, 1)])


# 3. Only enrolled participants are counted


def test_a_withdrawn_participant_is_counted_in_no_column(halal_cohort, staff, today):
    today(date(2025, 7, 5))  # the cohort still runs
    people = [enrollment_create(cohort=halal_cohort, umkm=new_business(), user=staff)
              for _ in range(2)]  # fmt: skip
    _complete(halal_cohort, people, staff)  # 1 to 3 July
    certificate_issue(enrollment=people[0], user=staff, issued_on=date(2025, 7, 4))
    _record(people[0], staff, issued_on=date(2025, 7, 4))
    enrollment_withdraw(enrollment=people[0])
    today(date(2025, 11, 1))

    (track,) = funnel(2025)

    assert (track.enrolled, track.attending, track.passed, track.trained, track.certified) == (
        1, 1, 1, 0, 0,
    )  # fmt: skip
    assert [row[1:] for row in participants_per_kecamatan(2025)] == [(1, 0, 0)]


# 4. Nobody leaves a cohort that has ended, and nobody moves up into it


def test_a_participant_cannot_withdraw_once_the_cohort_has_ended(staff):
    cohort = CohortFactory(quota=1, starts_on=date(2025, 7, 1), ends_on=date(2025, 7, 10))
    enrolled = enrollment_create(cohort=cohort, umkm=new_business(), user=staff)
    waiting = enrollment_create(cohort=cohort, umkm=new_business(), user=staff)

    with pytest.raises(TrainingError, match=r"berakhir|ended"):
        enrollment_withdraw(enrollment=enrolled)

    enrolled.refresh_from_db()
    waiting.refresh_from_db()
    assert (enrolled.state, waiting.state) == (Enrollment.State.ENROLLED, Enrollment.State.WAITING)


def test_on_the_last_day_a_withdrawal_still_moves_the_first_waiting_up(staff, today):
    today(date(2025, 7, 10))
    cohort = CohortFactory(quota=1, starts_on=date(2025, 7, 1), ends_on=date(2025, 7, 10))
    enrolled = enrollment_create(cohort=cohort, umkm=new_business(), user=staff)
    waiting = enrollment_create(cohort=cohort, umkm=new_business(), user=staff)

    moved_up = enrollment_withdraw(enrollment=enrolled)

    assert moved_up == waiting


def test_the_page_says_why_a_withdrawal_is_refused(client_as, staff):
    cohort = CohortFactory(starts_on=date(2025, 7, 1), ends_on=date(2025, 7, 10))
    enrolled = enrollment_create(cohort=cohort, umkm=new_business(), user=staff)

    response = client_as(Role.STAF_DINAS).post(
        reverse("training:withdraw", args=[enrolled.pk]), follow=True
    )

    (message,) = response.context["messages"]
    assert message.level_tag == "error"
    enrolled.refresh_from_db()
    assert enrolled.state == Enrollment.State.ENROLLED


# 5. The report adds its funnel up


def test_the_report_has_a_totals_row(client_as, graduates, staff):
    second = CohortFactory(track=graduates[0].cohort.track, starts_on=date(2025, 8, 1),
                           ends_on=date(2025, 8, 10))  # fmt: skip
    enrollment_create(cohort=second, umkm=new_business(), user=staff)
    other = CohortFactory(starts_on=date(2025, 8, 1), ends_on=date(2025, 8, 10))
    enrollment_create(cohort=other, umkm=new_business(), user=staff)

    response = client_as(Role.PIMPINAN).get(reverse("training:report"), {"tahun": "2025"})

    total = response.context["total"]
    assert (total.enrolled, total.attending, total.passed, total.trained) == (5, 3, 3, 2)
    html = response.content.decode()
    foot = html.split('data-testid="funnel"')[1].split("</table>")[0].split("<tfoot")[1]
    assert 'data-testid="funnel-total"' in foot and ">5<" in foot
