"""A certificate from its real issuer (halal from BPJPH, PIRT from the Dinas Kesehatan,
competency from an LSP) recorded on the participant's page when it arrives: the service's
refusals, the page's form (errors shown with what was typed, one record however often it is
posted) and the list of what came through the enrolment."""

from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from registry.models import Certification, CertificationKind
from tests.factories import UserFactory
from tests.lending.factories import new_business
from training.errors import TrainingError
from training.models import Enrollment, FacilitatedCertification
from training.services import enrollment_create, enrollment_withdraw
from training.services import facilitated_certification_record as record

from .factories import CohortFactory, TrackFactory

pytestmark = pytest.mark.django_db

TODAY = date(2025, 10, 1)


@pytest.fixture(autouse=True)
def _today(today):
    today(TODAY)


@pytest.fixture
def staff(db):
    return UserFactory(roles=[Role.STAF_DINAS])


@pytest.fixture
def enrollment(staff) -> Enrollment:
    """A participant of a halal track (Makanan Olahan Halal)."""
    track = TrackFactory(name="Makanan Olahan Halal", certificate_kind=CertificationKind.HALAL)
    return enrollment_create(
        cohort=CohortFactory(track=track), umkm=new_business(name="Keripik Bu Ani"), user=staff
    )


def _halal(enrollment, staff, **overrides):
    fields = {
        "kind": CertificationKind.HALAL,
        "number": "ID36110000123",
        "issuer": "BPJPH",
        "issued_on": date(2025, 9, 1),
    } | overrides
    return record(enrollment=enrollment, user=staff, **fields)


# The service


def test_it_refuses_an_expiry_before_the_issue_date(enrollment, staff):
    with pytest.raises(TrainingError, match=r"berakhir sebelum|expire before"):
        _halal(enrollment, staff, expires_on=date(2025, 8, 31))

    assert not Certification.objects.exists() and not FacilitatedCertification.objects.exists()


def test_it_refuses_a_certificate_issued_in_the_future(enrollment, staff):
    with pytest.raises(TrainingError):
        _halal(enrollment, staff, issued_on=date(2025, 10, 2))

    assert not Certification.objects.exists()


def test_it_refuses_the_same_number_twice_for_the_business(enrollment, staff):
    _halal(enrollment, staff)

    with pytest.raises(TrainingError, match=r"sudah memiliki|already has"):
        _halal(enrollment, staff, issuer="BPJPH Kemenag")

    assert FacilitatedCertification.objects.count() == 1


def test_it_refuses_a_participant_on_the_waiting_list_or_withdrawn(enrollment, staff, today):
    waiting = enrollment_create(
        cohort=CohortFactory(quota=1, track=enrollment.cohort.track),
        umkm=new_business(),
        user=staff,
    )  # takes the one place
    waiting = enrollment_create(cohort=waiting.cohort, umkm=new_business(), user=staff)
    assert waiting.state == Enrollment.State.WAITING
    today(date(2025, 7, 5))  # withdrawn while the cohort ran
    enrollment_withdraw(enrollment=enrollment)
    today(TODAY)

    for someone in (waiting, enrollment):
        with pytest.raises(TrainingError):
            _halal(someone, staff, number=f"ID-{someone.pk}")

    assert not FacilitatedCertification.objects.exists()


def test_it_records_an_expiring_competency_certificate(staff):
    enrollment = enrollment_create(  # the factory's track ends in a competency certificate
        cohort=CohortFactory(), umkm=new_business(), user=staff
    )
    link = _halal(enrollment, staff, kind=CertificationKind.COMPETENCY, number="LSP-0001",
                  issuer="LSP Jasa Boga Banten", expires_on=date(2028, 9, 1))  # fmt: skip

    certification = link.certification
    assert (certification.kind, certification.issuer, certification.expires_on) == (
        CertificationKind.COMPETENCY, "LSP Jasa Boga Banten", date(2028, 9, 1),
    )  # fmt: skip


# The page


def _url(enrollment) -> str:
    return reverse("training:facilitated-certification-new", args=[enrollment.pk])


def _page(enrollment) -> str:
    return reverse("training:participant", args=[enrollment.pk])


FORM = {
    "kind": "halal",
    "number": "ID36110000123",
    "issuer": "BPJPH",
    "issued_on": "2025-09-01",
    "expires_on": "",
}


def test_the_page_offers_the_track_s_certificate_and_names_its_real_issuer(client_as, enrollment):
    response = client_as(Role.STAF_DINAS).get(_page(enrollment))

    form = response.context["facilitated_form"]
    assert form["kind"].value() == CertificationKind.HALAL
    kinds = [value for value, _label in form.fields["kind"].choices]
    assert kinds == [CertificationKind.HALAL]  # the certificate the track facilitates only
    html = response.content.decode()
    assert 'data-testid="facilitated-form"' in html
    assert "BPJPH" in html and "Dinas Kesehatan" in html and "BNSP" in html


def test_a_track_without_an_external_certificate_preselects_nothing(client_as, staff):
    track = TrackFactory(certificate_kind=CertificationKind.TRAINING)
    enrollment = enrollment_create(
        cohort=CohortFactory(track=track), umkm=new_business(), user=staff
    )

    form = client_as(Role.STAF_DINAS).get(_page(enrollment)).context["facilitated_form"]

    assert not form["kind"].value()


def test_it_records_the_certificate_and_lists_it_on_the_page(client_as, enrollment):
    client = client_as(Role.STAF_DINAS)

    response = client.post(_url(enrollment), FORM)

    assert response.status_code == 302 and response["Location"] == _page(enrollment)
    link = FacilitatedCertification.objects.get(enrollment=enrollment)
    assert (link.certification.number, link.certification.issuer) == ("ID36110000123", "BPJPH")
    page = client.get(_page(enrollment))
    listed = page.content.decode().split('data-testid="facilitated"')[1].split("</table>")[0]
    assert "ID36110000123" in listed and "BPJPH" in listed and "Halal" in listed
    assert "1 Sep 2025" in listed


def test_posting_again_after_back_or_refresh_records_it_once(client_as, enrollment):
    client = client_as(Role.STAF_DINAS)

    first = client.post(_url(enrollment), FORM, follow=True)
    again = client.post(_url(enrollment), FORM)  # Back and resend, or a double click

    assert first.redirect_chain == [(_page(enrollment), 302)]
    assert again.status_code == 200  # the page again, saying why
    assert "sudah memiliki" in again.content.decode() or "already has" in again.content.decode()
    assert FacilitatedCertification.objects.count() == Certification.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field"),
    [
        ({"issued_on": "2025-10-02"}, "issued_on"),  # in the future
        ({"issued_on": "2025-09-01", "expires_on": "2025-08-01"}, "expires_on"),
        ({"issued_on": "kemarin"}, "issued_on"),
        ({"kind": "pelatihan"}, "kind"),  # the Dinas's own is issued, not recorded
        ({"kind": ""}, "kind"),
        ({"number": "  "}, "number"),
        ({"issuer": ""}, "issuer"),
        ({"number": "9" * 101}, "number"),
    ],
)
def test_bad_input_shows_the_page_again_with_what_was_typed(client_as, enrollment, change, field):
    response = client_as(Role.STAF_DINAS).post(_url(enrollment), FORM | change)

    assert response.status_code == 200
    form = response.context["facilitated_form"]
    assert form.errors[field]
    html = response.content.decode()
    assert 'data-testid="facilitated-error"' in html
    assert 'value="BPJPH"' in html or change.get("issuer") == ""  # what was typed stays
    assert not FacilitatedCertification.objects.exists()


@pytest.mark.parametrize("role", [Role.PIMPINAN, Role.STAF_UPT, Role.MITRA_INDUSTRI])
def test_who_may_not_issue_certificates_may_not_record_one(client_as, enrollment, role):
    response = client_as(role).post(_url(enrollment), FORM)

    assert response.status_code == 403
    assert not FacilitatedCertification.objects.exists()


def test_leadership_sees_the_list_but_not_the_form(client_as, enrollment, staff):
    _halal(enrollment, staff)

    html = client_as(Role.PIMPINAN).get(_page(enrollment)).content.decode()

    assert "ID36110000123" in html and 'data-testid="facilitated-form"' not in html


def test_the_list_costs_the_same_for_one_or_five_certificates(
    client_as, enrollment, staff, django_assert_max_num_queries
):
    client = client_as(Role.STAF_DINAS)
    _halal(enrollment, staff)
    with django_assert_max_num_queries(40) as few:
        client.get(_page(enrollment))
    for n in range(4):
        _halal(enrollment, staff, number=f"ID3611000020{n}")

    with django_assert_max_num_queries(len(few)):
        assert client.get(_page(enrollment)).status_code == 200
