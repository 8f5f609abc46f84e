"""Four eyes where money moves: who files an application or referred the business does not
survey it, who approves does not disburse, approving against a "tidak layak" survey takes a
written reason, only the Kepala UPT and the Admin change the terms of lending, and an owner
with a loss on the fund borrows again only when the Kepala says why."""

import uuid
from datetime import date

import pytest
from django.contrib.auth.models import Group
from django.urls import reverse
from django.utils import timezone

from cilegon_umkm.accounts.roles import Role
from lending.errors import LendingError
from lending.models import Application, Loan
from lending.selectors import application_problems
from lending.services import (
    application_approve,
    application_override_write_off,
    application_submit,
    application_survey,
    loan_disburse,
)
from mentoring.models import Referral
from mentoring.selectors import surveys_waiting
from mentoring.services import referral_accept_loan, referral_make
from tests.factories import UserFactory
from tests.mentoring.factories import MentorFactory, assign

from .factories import (
    ProductFactory,
    approved_application,
    disbursed_loan,
    new_business,
    pay,
    survey_findings,
    write_off,
)

pytestmark = pytest.mark.django_db


def submitted(people, *, umkm=None, by=None, product=None, **kwargs) -> Application:
    return application_submit(
        umkm=umkm or new_business(),
        product=product or ProductFactory(),
        amount=5_000_000,
        tenor_months=12,
        purpose="Modal kerja",
        submitted_by=by or people.staff,
        **kwargs,
    )


def survey(application, by, **findings):
    return application_survey(
        application=application,
        surveyed_by=by,
        surveyed_on=timezone.localdate(),
        **survey_findings(**findings),
    )


# --- who surveys ------------------------------------------------------------------------


def test_it_refuses_a_survey_by_who_filed_the_application(people):
    # A pendamping PDB who takes up a referral files the application themselves.
    application = submitted(people, by=people.mentor)

    with pytest.raises(LendingError, match="orang lain yang harus menyurveinya"):
        survey(application, people.mentor)

    application.refresh_from_db()
    assert application.state == Application.State.SUBMITTED
    assert not hasattr(application, "survey")


def _referred_and_accepted(people):
    """The PDB mentor refers a business of their area; staff turn it into an application."""
    umkm = new_business()
    referrer = MentorFactory(user=people.mentor)
    assign(referrer, kelurahan=umkm.kelurahan)
    referral, _created = referral_make(
        mentor=referrer,
        umkm=umkm,
        client_id=uuid.uuid4(),
        kind=Referral.Kind.LOAN,
        need="Modal etalase",
    )
    return referral_accept_loan(
        referral=referral,
        user=people.staff,
        product=ProductFactory(),
        amount=5_000_000,
        tenor_months=12,
        purpose="Etalase",
    )


def test_the_mentor_who_referred_the_business_may_not_survey_its_application(people):
    application = _referred_and_accepted(people)

    assert application.referred_by == people.mentor
    with pytest.raises(LendingError, match="pendamping lain yang harus menyurvei"):
        survey(application, people.mentor)

    other = MentorFactory().user
    survey(application, other)
    application.refresh_from_db()
    assert application.state == Application.State.SURVEYED


def test_the_survey_queue_leaves_out_what_the_mentor_may_not_survey(people):
    referred = _referred_and_accepted(people)
    mentor = people.mentor.mentor
    filed = submitted(
        people, by=people.mentor, umkm=new_business(kelurahan=referred.umkm.kelurahan)
    )
    plain = submitted(people, umkm=new_business(kelurahan=referred.umkm.kelurahan))

    waiting = set(surveys_waiting(people.mentor))

    assert waiting == {plain}
    # Another mentor of the same area is offered all three.
    colleague = MentorFactory()
    assign(colleague, kelurahan=referred.umkm.kelurahan)
    assert set(surveys_waiting(colleague.user)) == {referred, filed, plain}
    assert mentor.user == people.mentor


def test_the_mentor_cannot_open_the_survey_form_of_what_they_referred(people, client):
    application = _referred_and_accepted(people)
    client.force_login(people.mentor)

    response = client.post(
        reverse("mentoring:survey", args=[application.pk]),
        {**survey_findings(), "surveyed_on": timezone.localdate().isoformat()},
    )

    assert response.status_code == 404
    application.refresh_from_db()
    assert application.state == Application.State.SUBMITTED


# --- who disburses ----------------------------------------------------------------------


def test_who_approved_may_not_disburse(people, today):
    today(date(2025, 3, 3))
    application = approved_application(people)

    with pytest.raises(LendingError, match="orang lain yang harus mencairkannya"):
        loan_disburse(
            application=application, disbursed_by=people.head, disbursed_on=date(2025, 3, 3)
        )

    assert not Loan.objects.exists()
    loan = loan_disburse(
        application=application, disbursed_by=people.staff, disbursed_on=date(2025, 3, 3)
    )
    assert loan.disbursed_by == people.staff


def test_the_page_tells_the_approver_that_someone_else_disburses(people, client, today):
    today(date(2025, 3, 3))
    admin = UserFactory(username="admin.pdb", roles=[Role.ADMIN])
    application = submitted(people)
    survey(application, people.mentor)
    application_approve(application=application, approver=admin)
    client.force_login(admin)

    page = client.get(application.get_absolute_url()).content.decode()
    response = client.post(
        reverse("lending:application-disburse", args=[application.pk]),
        {"disbursed_on": "2025-03-03"},
        follow=True,
    )

    assert 'data-testid="disburse"' not in page
    assert 'data-testid="approver-may-not-disburse"' in page
    assert not Loan.objects.exists()
    assert "disetujui" in response.content.decode()  # still approved, not disbursed


# --- approving against the survey -------------------------------------------------------


def test_approving_against_a_not_feasible_survey_needs_a_written_reason(people):
    application = submitted(people)
    survey(application, people.mentor, recommendation="tidak_layak")

    with pytest.raises(LendingError, match="tuliskan alasan"):
        application_approve(application=application, approver=people.head, reason="  ")

    application.refresh_from_db()
    assert application.state == Application.State.SURVEYED
    application_approve(
        application=application,
        approver=people.head,
        reason="Usaha baru pindah lokasi; omzet bulan lalu sudah pulih",
    )
    application.refresh_from_db()
    assert application.state == Application.State.APPROVED
    assert application.approval_reason.startswith("Usaha baru pindah lokasi")


def test_a_feasible_survey_needs_no_reason(people):
    application = submitted(people)
    survey(application, people.mentor, recommendation="layak_catatan")

    application_approve(application=application, approver=people.head)

    application.refresh_from_db()
    assert application.state == Application.State.APPROVED
    assert application.approval_reason == ""


def test_the_reason_is_shown_on_the_application_and_on_the_loan(people, client, today):
    today(date(2025, 3, 3))
    application = submitted(people)
    survey(application, people.mentor, recommendation="tidak_layak")
    client.force_login(people.head)
    form_page = client.get(application.get_absolute_url()).content.decode()

    refused = client.post(
        reverse("lending:application-approve", args=[application.pk]), {"note": "ok"}
    )
    application.refresh_from_db()
    assert refused.status_code == 302
    assert application.state == Application.State.SURVEYED
    client.post(
        reverse("lending:application-approve", args=[application.pk]),
        {"reason": "Jaminan keluarga kuat", "note": ""},
    )
    application.refresh_from_db()
    loan = loan_disburse(
        application=application, disbursed_by=people.staff, disbursed_on=date(2025, 3, 3)
    )

    assert 'data-testid="approval-reason-input"' in form_page
    assert application.state == Application.State.APPROVED
    assert "Jaminan keluarga kuat" in client.get(application.get_absolute_url()).content.decode()
    loan_page = client.get(loan.get_absolute_url()).content.decode()
    assert 'data-testid="approval-reason"' in loan_page
    assert "Jaminan keluarga kuat" in loan_page


# --- who changes the terms of lending ---------------------------------------------------

TERMS = (
    "lending.add_product",
    "lending.change_product",
    "lending.add_fund",
    "lending.change_fund",
    "lending.change_collectibilityband",
)


@pytest.mark.parametrize(
    ("role", "may"),
    [
        (Role.STAF_UPT, False),
        (Role.STAF_DINAS, False),
        (Role.PIMPINAN, False),
        (Role.KEPALA_UPT, True),
        (Role.ADMIN, True),
    ],
)
def test_only_the_kepala_and_the_admin_change_products_funds_and_bands(make_user, role, may):
    user = make_user(role)

    assert {perm: user.has_perm(perm) for perm in TERMS} == dict.fromkeys(TERMS, may)


def test_staff_still_add_capital_and_run_the_lending(make_user):
    staff = make_user(Role.STAF_UPT)

    for perm in ("lending.add_fundentry", "lending.disburse_loan", "lending.reverse_repayment"):
        assert staff.has_perm(perm), perm
    assert not staff.has_perm("lending.approve_reversal")


def test_the_kepala_reaches_the_back_office_pages_of_products_funds_and_bands(client_as):
    client = client_as(Role.KEPALA_UPT)

    for page in (
        "admin:lending_product_add",
        "admin:lending_fund_add",
        "admin:lending_collectibilityband_changelist",
    ):
        assert client.get(reverse(page)).status_code == 200, page
    assert client.get(reverse("admin:accounts_user_changelist")).status_code == 403


def test_staff_are_refused_the_product_and_fund_forms(client_as):
    client = client_as(Role.STAF_UPT)

    assert client.get(reverse("admin:lending_product_add")).status_code == 403
    assert client.get(reverse("admin:lending_fund_add")).status_code == 403
    assert client.get(reverse("admin:lending_product_changelist")).status_code == 200


def test_the_kepala_group_holds_the_reversal_approval():
    assert (
        Group.objects.get(name=Role.KEPALA_UPT)
        .permissions.filter(codename="approve_reversal")
        .exists()
    )


# --- an owner with a loss on the fund ---------------------------------------------------


def _written_off(people, today, umkm):
    """A loan of Rp2.000.000 never paid, written off when it is over 180 days late."""
    today(date(2025, 1, 10))
    loan = disbursed_loan(
        people, disbursed_on=date(2025, 1, 10), umkm=umkm, amount=2_000_000, tenor=6
    )
    today(date(2025, 9, 1))
    return write_off(people, loan, date(2025, 9, 1), reason="Usaha tutup")


def test_an_owner_with_an_unrecovered_write_off_is_refused_a_new_loan(people, today):
    old = new_business()
    _written_off(people, today, old)
    # Another business of the same owner (by NIK) applies.
    application = submitted(people, umkm=new_business(owner_nik=old.owner_nik))
    survey(application, people.mentor)

    problems = " ".join(application_problems(application, timezone.localdate()))
    with pytest.raises(LendingError, match="hapus buku yang belum pulih"):
        application_approve(application=application, approver=people.head)

    assert "PDB-2025-" in problems
    application.refresh_from_db()
    assert application.state == Application.State.SURVEYED


def test_the_kepala_overrides_the_refusal_with_a_reason(people, today, client):
    old = new_business()
    _written_off(people, today, old)
    application = submitted(people, umkm=new_business(owner_nik=old.owner_nik))
    survey(application, people.mentor)

    with pytest.raises(LendingError, match="Sebutkan alasan"):
        application_override_write_off(application=application, by=people.head, reason=" ")
    client.force_login(people.staff)
    refused = client.post(
        reverse("lending:application-override-write-off", args=[application.pk]),
        {"reason": "Saya sendiri"},
    )
    client.force_login(people.head)
    client.post(
        reverse("lending:application-override-write-off", args=[application.pk]),
        {"reason": "Utang lama akibat banjir; usaha baru berjalan baik"},
    )
    application.refresh_from_db()
    application_approve(application=application, approver=people.head)
    loan = loan_disburse(
        application=application, disbursed_by=people.staff, disbursed_on=timezone.localdate()
    )

    assert refused.status_code == 403
    assert application.write_off_override_by == people.head
    assert application.write_off_override_reason.startswith("Utang lama")
    assert loan.status == Loan.Status.ACTIVE
    page = client.get(application.get_absolute_url()).content.decode()
    assert 'data-testid="write-off-override"' in page
    assert "Utang lama akibat banjir" in page


def test_a_fully_recovered_loan_does_not_block_a_new_one(people, today):
    old = new_business()
    loan = _written_off(people, today, old)
    today(date(2025, 9, 2))  # recovered the day after the write-off
    pay(people, loan, loan.written_off_principal, date(2025, 9, 2))
    loan.refresh_from_db()
    assert loan.status == Loan.Status.RECOVERED

    application = submitted(people, umkm=old)
    survey(application, people.mentor)
    application_approve(application=application, approver=people.head)

    application.refresh_from_db()
    assert application.state == Application.State.APPROVED


def test_a_partly_recovered_loan_still_blocks(people, today):
    old = new_business()
    loan = _written_off(people, today, old)
    today(date(2025, 9, 2))
    pay(people, loan, 500_000, date(2025, 9, 2))

    application = submitted(people, umkm=old)
    survey(application, people.mentor)

    with pytest.raises(LendingError, match="hapus buku yang belum pulih"):
        application_approve(application=application, approver=people.head)


def test_a_mentor_never_surveys_a_business_they_referred_even_when_filed_at_the_desk(
    people, client
):
    umkm = new_business()
    referrer = MentorFactory(user=people.mentor)
    assign(referrer, kelurahan=umkm.kelurahan)
    referral_make(
        mentor=referrer, umkm=umkm, client_id=uuid.uuid4(), kind=Referral.Kind.LOAN, need="Modal"
    )
    # Staff file the application at the desk, not from the referral inbox.
    application = submitted(people, umkm=umkm)

    assert application not in surveys_waiting(people.mentor)
    client.force_login(people.mentor)
    page = client.get(reverse("mentoring:survey", args=[application.pk]))
    assert page.status_code == 404


def test_the_survey_service_of_the_field_refuses_the_referring_mentor_too(people):
    from mentoring.errors import MentoringError
    from mentoring.services import survey_record

    umkm = new_business()
    referrer = MentorFactory(user=people.mentor)
    assign(referrer, kelurahan=umkm.kelurahan)
    referral_make(
        mentor=referrer, umkm=umkm, client_id=uuid.uuid4(), kind=Referral.Kind.LOAN, need="Modal"
    )
    application = submitted(people, umkm=umkm)  # filed at the desk

    with pytest.raises(MentoringError, match="pendamping lain"):
        survey_record(
            application=application,
            surveyed_by=people.mentor,
            surveyed_on=timezone.localdate(),
            **survey_findings(),
        )
