import re
from datetime import date

import pytest

from lending.errors import LendingError
from lending.models import Application, ApplicationEvent
from lending.services import (
    application_approve,
    application_reject,
    application_submit,
    application_survey,
    application_withdraw,
)

from .factories import (
    ProductFactory,
    approved_application,
    disbursed_loan,
    new_business,
    survey_findings,
)

pytestmark = pytest.mark.django_db
State = Application.State


def _submit(people, **overrides):
    fields = {
        "umkm": new_business(),
        "product": ProductFactory(),
        "amount": 5_000_000,
        "tenor_months": 12,
        "purpose": "Tambah modal kerja",
        "submitted_by": people.staff,
    }
    fields.update(overrides)
    return application_submit(**fields)


def test_the_path_records_every_transition_with_who_and_note(people, today):
    today(date(2025, 3, 3))
    application = _submit(people)
    application_survey(
        application=application,
        surveyed_by=people.mentor,
        surveyed_on=date(2025, 3, 3),
        **survey_findings(),
    )
    application_approve(application=application, approver=people.head, note="Layak")

    events = list(
        application.events.values_list("from_state", "to_state", "actor__username", "note")
    )
    assert events == [
        ("", "diajukan", "staf.upt", ""),
        ("diajukan", "disurvei", "pdb", "layak"),
        ("disurvei", "disetujui", "kepala", "Layak"),
    ]
    application.refresh_from_db()
    assert (application.state, application.decided_by) == (State.APPROVED, people.head)


@pytest.mark.parametrize(
    ("setup", "message"),
    [
        ({"umkm": {"status": "tutup"}}, "tidak aktif di registri (status: Tutup)"),
        ({"amount": 12_000_000}, "antara Rp500.000 dan Rp10.000.000"),
        ({"amount": 100_000}, "antara Rp500.000 dan Rp10.000.000"),
        ({"tenor_months": 24}, "Tenor 24 bulan tidak tersedia; pilih salah satu: 6, 12"),
        ({"product": {"active_to": date(2024, 12, 31)}}, "tidak ditawarkan pada tanggal ini"),
        ({"purpose": "  "}, "untuk apa pinjaman"),
    ],
)
def test_an_ineligible_application_is_refused_with_the_reason(people, today, setup, message):
    today(date(2025, 3, 3))
    overrides = dict(setup)
    if "umkm" in overrides:
        overrides["umkm"] = new_business(**overrides["umkm"])
    if "product" in overrides:
        overrides["product"] = ProductFactory(**overrides["product"])

    with pytest.raises(LendingError, match=re.escape(message)):
        _submit(people, **overrides)
    assert not Application.objects.exists()


def test_an_owner_with_an_active_loan_cannot_apply_again_even_for_another_business(people, today):
    today(date(2025, 3, 3))
    loan = disbursed_loan(people, disbursed_on=date(2025, 3, 3))
    other_business = new_business(owner_nik=loan.umkm.owner_nik, name="Usaha Kedua")

    with pytest.raises(LendingError, match=f"masih memiliki pinjaman aktif, {loan.number}"):
        _submit(people, umkm=other_business)


def test_an_owner_with_an_application_in_progress_cannot_apply_twice(people, today):
    today(date(2025, 3, 3))
    first = _submit(people)

    with pytest.raises(LendingError, match=f"pengajuan yang sedang diproses, {first.number}"):
        _submit(people, umkm=first.umkm)


def test_the_approver_never_approves_what_they_submitted_or_surveyed(people, today):
    today(date(2025, 3, 3))
    own = _submit(people, submitted_by=people.head)
    application_survey(
        application=own,
        surveyed_by=people.mentor,
        surveyed_on=date(2025, 3, 3),
        **survey_findings(),
    )
    with pytest.raises(LendingError, match="Anda yang mengajukan"):
        application_approve(application=own, approver=people.head)

    surveyed = _submit(people)
    application_survey(
        application=surveyed,
        surveyed_by=people.head,
        surveyed_on=date(2025, 3, 3),
        **survey_findings(),
    )
    with pytest.raises(LendingError, match="Anda yang menyurvei"):
        application_approve(application=surveyed, approver=people.head)


def test_approval_needs_a_survey_first(people, today):
    today(date(2025, 3, 3))
    application = _submit(people)

    with pytest.raises(LendingError, match="berstatus diajukan"):
        application_approve(application=application, approver=people.head)


def test_a_rejection_needs_a_reason_and_is_final(people, today):
    today(date(2025, 3, 3))
    application = _submit(people)
    with pytest.raises(LendingError, match="alasan"):
        application_reject(application=application, decided_by=people.head, reason=" ")

    application_reject(
        application=application, decided_by=people.head, reason="Usaha belum berjalan"
    )

    assert application.events.last().note == "Usaha belum berjalan"
    with pytest.raises(LendingError):
        application_survey(
            application=application,
            surveyed_by=people.mentor,
            surveyed_on=date(2025, 3, 3),
            **survey_findings(),
        )


def test_withdrawal_from_an_open_state(people, today):
    today(date(2025, 3, 3))
    application = approved_application(people)

    application_withdraw(
        application=application, withdrawn_by=people.staff, note="Pemohon membatalkan"
    )

    application.refresh_from_db()
    assert application.state == State.WITHDRAWN
    assert ApplicationEvent.objects.filter(to_state=State.WITHDRAWN).count() == 1


def test_a_survey_cannot_be_dated_in_the_future(people, today):
    today(date(2025, 3, 3))
    application = _submit(people)

    with pytest.raises(LendingError, match="masa depan"):
        application_survey(
            application=application,
            surveyed_by=people.mentor,
            surveyed_on=date(2025, 3, 4),
            **survey_findings(),
        )
