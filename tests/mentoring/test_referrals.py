"""The referral loop: a pendamping ekonomi refers a business, UPT PDB (staff, or the PDB
mentor of the area) takes it up as a prefilled loan application or declines it with a
reason, and the referring mentor sees how far it went."""

import uuid
from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from lending.models import Application
from lending.services import application_approve, application_survey, loan_disburse
from mentoring.errors import MentoringError
from mentoring.models import MentorKind, Referral
from mentoring.services import referral_accept_loan, referral_make
from tests.factories import UserFactory
from tests.lending.factories import ProductFactory, new_business, survey_findings
from tests.training.factories import CohortFactory
from training.models import Enrollment

from .factories import MentorFactory, assign

pytestmark = pytest.mark.django_db


@pytest.fixture
def ekonomi(areas):
    mentor = MentorFactory(kind=MentorKind.EKONOMI, paid_by="kelurahan")
    assign(mentor, kelurahan=areas[0])
    return mentor


@pytest.fixture
def business(areas, today):
    today(date(2025, 3, 3))
    return new_business(kelurahan=areas[0], name="Katering Bu Yati")


def _refer(client, umkm, **overrides):
    data = {
        "client_id": str(uuid.uuid4()),
        "kind": "pdb",
        "need": "Modal untuk kompor dan wajan besar",
        "amount_wished": "7.000.000",
    }
    data.update(overrides)
    return client.post(reverse("mentoring:referral-new", args=[umkm.pk]), data)


def test_a_loan_referral_becomes_a_prefilled_application(client, ekonomi, business, people):
    ProductFactory(name="Dana Bergulir 2025", tenors=[12])
    client.force_login(ekonomi.user)
    assert _refer(client, business).status_code == 302
    referral = Referral.objects.get()

    client.force_login(people.staff)
    inbox = client.get(reverse("mentoring:referrals")).content.decode()
    form = client.get(reverse("mentoring:referral-accept", args=[referral.pk])).content.decode()
    assert "Katering Bu Yati" in inbox
    assert 'value="7.000.000"' in form and "kompor dan wajan" in form
    product = ProductFactory._meta.model.objects.get(name="Dana Bergulir 2025")
    response = client.post(
        reverse("mentoring:referral-accept", args=[referral.pk]),
        {
            "product": product.pk,
            "amount": "7.000.000",
            "tenor_months": "12",
            "purpose": "Kompor dan wajan",
        },
    )

    application = Application.objects.get()
    assert response.url == application.get_absolute_url()
    referral.refresh_from_db()
    assert (referral.state, referral.application) == (Referral.State.ACCEPTED, application)
    assert application.created_by == people.staff and application.amount == 7_000_000


def test_the_referring_mentor_follows_the_status_without_asking(client, ekonomi, business, people):
    client.force_login(ekonomi.user)
    _refer(client, business)
    referral = Referral.objects.get()

    def progress():
        html = client.get(reverse("mentoring:field")).content.decode()
        return html.split('data-testid="referral-progress">')[1].split("<")[0]

    steps = [progress()]
    product = ProductFactory()
    application = referral_accept_loan(
        referral=referral, user=people.staff, product=product, amount=7_000_000,
        tenor_months=12, purpose="Modal",
    )  # fmt: skip
    steps.append(progress())
    application_survey(
        application=application, surveyed_by=people.mentor, surveyed_on=date(2025, 3, 3),
        **survey_findings(),
    )  # fmt: skip
    application_approve(application=application, approver=people.head)
    steps.append(progress())
    loan_disburse(application=application, disbursed_by=people.staff, disbursed_on=date(2025, 3, 3))
    steps.append(progress())

    assert steps == ["terkirim", "permohonan dibuat", "disetujui", "dicairkan"]


def test_declining_needs_a_reason_that_the_mentor_sees(client, ekonomi, business, people):
    client.force_login(ekonomi.user)
    _refer(client, business)
    referral = Referral.objects.get()
    client.force_login(people.staff)

    client.post(reverse("mentoring:referral-decline", args=[referral.pk]), {"reason": " "})
    referral.refresh_from_db()
    assert referral.state == Referral.State.SENT
    client.post(
        reverse("mentoring:referral-decline", args=[referral.pk]),
        {"reason": "Sudah punya pinjaman KUR"},
    )

    referral.refresh_from_db()
    assert referral.state == Referral.State.DECLINED
    client.force_login(ekonomi.user)
    assert "Sudah punya pinjaman KUR" in client.get(reverse("mentoring:field")).content.decode()


def test_a_pdb_mentor_sees_only_the_referrals_of_their_areas(client, ekonomi, business, areas):
    other = new_business(kelurahan=areas[1], name="Laundry Wilayah Lain")
    ekonomi_b = MentorFactory(kind=MentorKind.EKONOMI)
    assign(ekonomi_b, kelurahan=areas[1])
    for mentor, umkm in [(ekonomi, business), (ekonomi_b, other)]:
        referral_make(
            mentor=mentor, umkm=umkm, client_id=uuid.uuid4(), kind="pdb", need="Modal",
        )  # fmt: skip
    pdb_a = MentorFactory()
    assign(pdb_a, kelurahan=areas[0])
    client.force_login(pdb_a.user)

    html = client.get(reverse("mentoring:referrals")).content.decode()
    theirs = Referral.objects.get(umkm=other)

    assert "Katering Bu Yati" in html and "Laundry Wilayah Lain" not in html
    assert client.get(reverse("mentoring:referral-accept", args=[theirs.pk])).status_code == 404
    decline = client.post(
        reverse("mentoring:referral-decline", args=[theirs.pk]), {"reason": "bukan wilayah"}
    )
    assert decline.status_code == 404
    assert Referral.objects.get(pk=theirs.pk).state == Referral.State.SENT


def test_a_training_referral_becomes_an_enrolment_made_by_the_office(
    client, ekonomi, business, people
):
    client.force_login(ekonomi.user)
    _refer(client, business, kind="pelatihan", training_topic="Sertifikasi halal", need="Halal")
    referral = Referral.objects.get()
    staf_dinas = UserFactory(roles=[Role.STAF_DINAS])
    cohort = CohortFactory(starts_on=date(2025, 4, 1), ends_on=date(2025, 4, 10))

    client.force_login(people.staff)  # UPT answers loan referrals, not training ones
    assert "Katering Bu Yati" not in client.get(reverse("mentoring:referrals")).content.decode()
    client.force_login(staf_dinas)
    form = client.get(reverse("mentoring:referral-accept", args=[referral.pk])).content.decode()
    client.post(reverse("mentoring:referral-accept", args=[referral.pk]), {"cohort": cohort.pk})

    assert cohort.name in form
    referral.refresh_from_db()
    assert referral.state == Referral.State.ACCEPTED
    assert Enrollment.objects.get().umkm == business


def test_a_training_refusal_comes_back_with_its_reason(client, ekonomi, areas, people, today):
    today(date(2025, 3, 3))
    inactive = new_business(kelurahan=areas[0], status="tidak_aktif")
    referral, _created = referral_make(
        mentor=ekonomi, umkm=inactive, client_id=uuid.uuid4(), kind="pelatihan", need="Halal",
        training_topic="Halal",
    )  # fmt: skip
    cohort = CohortFactory(starts_on=date(2025, 4, 1), ends_on=date(2025, 4, 10))
    client.force_login(UserFactory(roles=[Role.STAF_DINAS]))

    response = client.post(
        reverse("mentoring:referral-accept", args=[referral.pk]), {"cohort": cohort.pk}
    )

    assert "tidak aktif" in response.content.decode()
    referral.refresh_from_db()
    assert referral.state == Referral.State.SENT and not Enrollment.objects.exists()


def test_one_open_referral_of_a_kind_per_business_and_resends_are_recognised(ekonomi, business):
    client_id = uuid.uuid4()
    first, created = referral_make(
        mentor=ekonomi, umkm=business, client_id=client_id, kind="pdb", need="Modal"
    )
    again, created_again = referral_make(
        mentor=ekonomi, umkm=business, client_id=client_id, kind="pdb", need="Modal"
    )

    assert (created, created_again, again) == (True, False, first)
    with pytest.raises(MentoringError):
        referral_make(
            mentor=ekonomi, umkm=business, client_id=uuid.uuid4(), kind="pdb", need="Lagi"
        )


def test_another_mentors_client_id_is_refused(ekonomi, business, areas):
    other = MentorFactory(kind=MentorKind.EKONOMI)
    assign(other, kelurahan=areas[1])
    theirs = new_business(kelurahan=areas[1])
    client_id = uuid.uuid4()
    referral_make(mentor=other, umkm=theirs, client_id=client_id, kind="pdb", need="Modal")

    with pytest.raises(MentoringError, match="sudah dikirim oleh orang lain"):
        referral_make(mentor=ekonomi, umkm=business, client_id=client_id, kind="pdb", need="Modal")
    assert Referral.objects.get().referred_by == other


def test_a_cohort_that_is_not_offered_is_asked_again(client, ekonomi, business):
    referral, _created = referral_make(
        mentor=ekonomi, umkm=business, client_id=uuid.uuid4(), kind="pelatihan", need="Halal",
        training_topic="Halal",
    )  # fmt: skip
    ended = CohortFactory(starts_on=date(2025, 1, 1), ends_on=date(2025, 1, 10))
    client.force_login(UserFactory(roles=[Role.STAF_DINAS]))
    url = reverse("mentoring:referral-accept", args=[referral.pk])

    for cohort in ("", "abc", str(ended.pk)):
        response = client.post(url, {"cohort": cohort})
        assert response.status_code == 200, cohort
        assert "Pilih angkatannya." in response.content.decode(), cohort
    referral.refresh_from_db()
    assert referral.state == Referral.State.SENT and not Enrollment.objects.exists()


@pytest.mark.parametrize(("role", "status"), [(Role.PIMPINAN, 403), (Role.PENDAMPING_EKONOMI, 403)])
def test_who_cannot_open_the_inbox(client_as, role, status):
    assert client_as(role).get(reverse("mentoring:referrals")).status_code == status
