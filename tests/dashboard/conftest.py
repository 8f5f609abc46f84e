"""A small hand-built office for the dashboard tests, with the edge cases the figures must
get right: a reversed repayment, a written-off loan, a revoked certificate, an expired
certification, a reassigned mentor, rows of last year, spending and referrals.

Today is 1 November 2025, so the default period of 2025 runs from January to November."""

import uuid
from dataclasses import dataclass
from datetime import date, datetime
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.db import transaction

from lending.models import Loan
from mentoring.models import MentorKind, Referral, Visit
from mentoring.services import referral_decline, referral_make, visit_record
from registry.models import UMKM, CertificationKind, Kelurahan
from registry.services import certification_revoke
from tests.lending.factories import People, disbursed_loan, new_business, pay, write_off
from tests.lending.reversing import reverse
from tests.mentoring.factories import MentorFactory, assign
from tests.registry.factories import CertificationFactory
from tests.training.factories import CohortFactory, spending_post_on_the_day
from training.models import Module
from training.services import (
    certificate_issue,
    certificate_revoke,
    enrollment_create,
    facilitated_certification_record,
    result_record,
    session_record,
)

JAKARTA = ZoneInfo("Asia/Jakarta")


@dataclass
class Office:
    on_time: Loan
    stopped: Loan
    kelurahan: list  # by code: [0] holds the loans, [1] the mentors' businesses
    cohort: object


def _build(people: People, today) -> Office:
    today(date(2025, 1, 10))
    kelurahan = list(Kelurahan.objects.order_by("code"))
    on_time = disbursed_loan(people, disbursed_on=date(2025, 1, 10))
    stopped = disbursed_loan(people, disbursed_on=date(2025, 1, 10), amount=6_000_000, tenor=6)
    today(date(2025, 11, 1))
    for month in range(2, 11):
        pay(people, on_time, 833_000, date(2025, month, 10))
    wrong = pay(people, stopped, 1_000_000, date(2025, 2, 10))
    reverse(people, wrong, reason="Salah input")
    write_off(people, stopped, date(2025, 10, 30))
    # Registered last year, with a certification that expired before this year.
    old = new_business(kelurahan=kelurahan[1], sector="fashion")
    UMKM.objects.filter(pk=old.pk).update(created_at=datetime(2024, 6, 1, 9, tzinfo=JAKARTA))
    CertificationFactory(umkm=old, issued_on=date(2022, 1, 5), expires_on=date(2024, 12, 31))
    # Mentors: a PDB mentor reassigned (old assignment ended), an ekonomi mentor for the
    # whole kecamatan of kelurahan[1]; visits this year and last year.
    mentor = MentorFactory()
    assign(mentor, kelurahan=kelurahan[0], ends_on=date(2025, 3, 31))
    assign(mentor, kelurahan=kelurahan[1], starts_on=date(2025, 4, 1))
    ekonomi = MentorFactory(kind=MentorKind.EKONOMI)
    assign(ekonomi, kecamatan=kelurahan[1].kecamatan)
    umkm = new_business(kelurahan=kelurahan[1])
    for day in (date(2025, 5, 2), date(2025, 6, 3)):
        visit_record(mentor=mentor, umkm=umkm, client_id=uuid.uuid4(), visited_on=day,
                     purpose="pendataan")  # fmt: skip
    visit_record(mentor=ekonomi, umkm=umkm, client_id=uuid.uuid4(), visited_on=date(2025, 6, 4),
                 purpose="pendampingan")  # fmt: skip
    Visit.objects.create(umkm=umkm, mentor=mentor, visited_on=date(2024, 12, 1),
                         purpose="pendataan", client_id=uuid.uuid4())  # fmt: skip
    referral, _made = referral_make(mentor=ekonomi, umkm=umkm, client_id=uuid.uuid4(),
                                    kind=Referral.Kind.LOAN, need="Modal gerobak")  # fmt: skip
    referral_decline(referral=referral, user=people.staff, reason="Belum memenuhi syarat")
    referral_make(mentor=ekonomi, umkm=old, client_id=uuid.uuid4(), kind=Referral.Kind.LOAN,
                  need="Mesin jahit")  # fmt: skip
    # Training: three enrolled, two passed with a training certificate, one of them revoked.
    cohort = CohortFactory(starts_on=date(2025, 7, 1), ends_on=date(2025, 7, 10),
                           track__certificate_kind=CertificationKind.HALAL)  # fmt: skip
    people_in = [
        enrollment_create(cohort=cohort, umkm=new_business(), user=people.staff) for _ in range(3)
    ]
    for day, module in enumerate(Module.objects.filter(track=cohort.track), start=1):
        session_record(cohort=cohort, module=module, held_on=date(2025, 7, day),
                       present={e.pk for e in people_in}, user=people.staff)  # fmt: skip
        for e in people_in[:2]:
            result_record(enrollment=e, module=module, user=people.staff, passed=True)
    _first, second = (
        certificate_issue(enrollment=e, user=people.staff, issued_on=date(2025, 7, 11))
        for e in people_in[:2]
    )
    certificate_revoke(certificate=second, reason="Data salah", on=date(2025, 8, 1))
    # Certificates from their real issuers, through the training: the first graduate's halal
    # stands; the second's was revoked (the registry ended it) in September.
    facilitated_certification_record(
        enrollment=people_in[0], kind=CertificationKind.HALAL, number="ID36110000001",
        issuer="BPJPH", issued_on=date(2025, 9, 1), user=people.staff,
    )  # fmt: skip
    revoked = facilitated_certification_record(
        enrollment=people_in[1], kind=CertificationKind.HALAL, number="ID36110000002",
        issuer="BPJPH", issued_on=date(2025, 9, 1), user=people.staff,
    )  # fmt: skip
    certification_revoke(certification=revoked.certification, on=date(2025, 9, 15),
                         user=people.staff, reason="Dicabut oleh penerbit")  # fmt: skip
    spending_post_on_the_day(line=cohort.budget_line, spent_on=date(2025, 7, 5),
                             amount=100_000_000, description="Honor pelatih",
                             document_no="SPJ-1", user=people.staff)  # fmt: skip
    return Office(on_time, stopped, kelurahan, cohort)


@pytest.fixture(scope="module")
def _office_of_the_module(django_db_setup, django_db_blocker):
    """The office is built once per test module, in a transaction rolled back after the
    module's last test. Each test runs in a savepoint of its own inside it (pytest-django's
    `db`), so what one test writes never reaches the next."""
    with (
        django_db_blocker.unblock(),
        time_machine.travel(datetime(2025, 1, 10, 10, tzinfo=JAKARTA), tick=False) as clock,
        transaction.atomic(),
    ):

        def today(day):
            clock.move_to(datetime(day.year, day.month, day.day, 10, tzinfo=JAKARTA))

        yield _build(People(), today)
        transaction.set_rollback(True)


@pytest.fixture
def office(_office_of_the_module, db, today):
    """The module's office, its rows fetched afresh for each test, on 1 November 2025."""
    today(date(2025, 11, 1))
    built = _office_of_the_module
    return Office(
        on_time=Loan.objects.get(pk=built.on_time.pk),
        stopped=Loan.objects.get(pk=built.stopped.pk),
        kelurahan=built.kelurahan,
        cohort=type(built.cohort).objects.get(pk=built.cohort.pk),
    )
