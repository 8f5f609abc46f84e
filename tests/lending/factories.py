"""Lending fixtures built through the real services, so every loan has a consistent ledger."""

import uuid
from contextlib import contextmanager
from datetime import date
from decimal import Decimal

import factory
import time_machine
from django.utils import timezone

from cilegon_umkm.accounts.roles import Role
from lending.models import Fund, FundEntry, Product
from lending.services import (
    application_approve,
    application_submit,
    application_survey,
    loan_disburse,
    repayment_post,
)
from tests.factories import UserFactory
from tests.registry.factories import UMKMFactory, make_nik


class FundFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Fund
        django_get_or_create = ("name",)

    name = "Dana Bergulir UPTD"


def fund_with_capital(amount: int = 1_000_000_000, **fields) -> Fund:
    fund = FundFactory(**fields)
    FundEntry.objects.create(
        fund=fund, kind=FundEntry.Kind.CAPITAL, amount=amount, entry_date=date(2023, 1, 2)
    )
    return fund


class ProductFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Product

    name = factory.Sequence(lambda n: f"Produk {n}")
    fund = factory.LazyFunction(fund_with_capital)
    max_amount = 10_000_000
    min_amount = 500_000
    jasa_percent_per_year = Decimal(0)
    tenors = factory.LazyFunction(lambda: [6, 12])
    active_from = date(2023, 1, 1)


class People:
    """The office's fixed personas for a loan's path."""

    def __init__(self):
        self.staff = UserFactory(username="staf.upt", roles=[Role.STAF_UPT])
        self.mentor = UserFactory(username="pdb", roles=[Role.PENDAMPING_PDB])
        self.head = UserFactory(username="kepala", roles=[Role.KEPALA_UPT])


_nik_serial = iter(range(1, 10**6))


def new_business(**fields):
    fields.setdefault("owner_nik", make_nik()[:12] + f"{next(_nik_serial) % 9999 + 1:04d}")
    return UMKMFactory(**fields)


def survey_findings(**overrides):
    findings = {
        "business_condition": "Warung ramai, stok cukup",
        "use_of_funds": "Tambah etalase dan bahan baku",
        "monthly_net_income": 2_500_000,
        "recommendation": "layak",
    }
    findings.update(overrides)
    return findings


def approved_application(people: People, *, product=None, umkm=None, amount=10_000_000, tenor=12):
    product = product or ProductFactory()
    umkm = umkm or new_business()
    application = application_submit(
        umkm=umkm,
        product=product,
        amount=amount,
        tenor_months=tenor,
        purpose="Modal kerja",
        submitted_by=people.staff,
    )
    application_survey(
        application=application,
        surveyed_by=people.mentor,
        surveyed_on=timezone.localdate(),
        **survey_findings(),
    )
    return application_approve(application=application, approver=people.head)


@contextmanager
def office_clock_on(day: date):
    """The office's clock on `day` (10:00 in Cilegon) for what is done inside, then back to
    the test's own: for services that refuse dates of a month already closed."""
    if day >= timezone.localdate():
        yield
        return
    with time_machine.travel(f"{day.isoformat()} 10:00:00+07:00", tick=False):
        yield


def disbursed_loan(people: People, *, disbursed_on: date, **kwargs):
    """Filed, surveyed, approved and disbursed on the day of the disbursement."""
    with office_clock_on(disbursed_on):
        application = approved_application(people, **kwargs)
        return loan_disburse(
            application=application, disbursed_by=people.staff, disbursed_on=disbursed_on
        )


def pay(people: People, loan, amount: int, paid_on: date, **kwargs):
    return repayment_post(
        loan=loan,
        amount=amount,
        paid_on=paid_on,
        receipt_no=kwargs.pop("receipt_no", f"K-{uuid.uuid4().hex[:8]}"),  # one per payment
        channel=kwargs.pop("channel", "tunai"),
        client_token=kwargs.pop("client_token", uuid.uuid4()),
        posted_by=people.staff,
        **kwargs,
    )


def write_off(people: People, loan, on_date: date, reason: str = "Macet", **kwargs):
    """A write-off as the office posts it: by the Kepala, with the decree (SK) behind it."""
    from lending.services import loan_write_off

    with office_clock_on(on_date):  # recorded on that day, in that month's books
        return loan_write_off(
            loan=loan,
            written_off_by=kwargs.pop("written_off_by", people.head),
            reason=reason,
            on_date=on_date,
            decree_number=kwargs.pop("decree_number", "500/1/UPT-PDB"),
            decree_date=kwargs.pop("decree_date", on_date),
        )
