"""Training fixtures: a year's DAK allocation with lines, a track with its modules, cohorts."""

from datetime import date, datetime, time
from zoneinfo import ZoneInfo

import factory
import time_machine

from registry.models import CertificationKind
from training.models import Allocation, BudgetLine, Cohort, Module, Spending, SupplyCategory, Track
from training.services import spending_post


class AllocationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Allocation
        django_get_or_create = ("fiscal_year", "source")

    fiscal_year = 2025
    source = "DAK Nonfisik PK-KUKM"
    amount = 3_400_000_000


class BudgetLineFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = BudgetLine

    allocation = factory.SubFactory(AllocationFactory)
    category = BudgetLine.Category.TRAINING
    name = factory.Sequence(lambda n: f"Pelatihan {n}")
    amount = 500_000_000


class TrackFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Track
        skip_postgeneration_save = True

    name = factory.Sequence(lambda n: f"Jasa Boga {n}")
    supply_category = SupplyCategory.CATERING
    certificate_kind = CertificationKind.COMPETENCY
    certificate_title = "Sertifikat Kompetensi Jasa Boga"

    @factory.post_generation
    def modules(self, create, extracted, **kwargs):
        if create:
            for order, (name, hours) in enumerate(
                extracted or [("Kewirausahaan", 8), ("Keamanan pangan", 8), ("Uji kompetensi", 4)],
                start=1,
            ):
                Module.objects.create(track=self, order=order, name=name, hours=hours)


class CohortFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Cohort

    track = factory.SubFactory(TrackFactory)
    name = factory.Sequence(lambda n: f"Angkatan {n}")
    starts_on = date(2025, 7, 1)
    ends_on = date(2025, 7, 10)
    venue = "Aula Dinas Koperasi dan UMKM"
    trainer = "LSP Jasa Boga Banten"
    quota = 25
    budget_line = factory.SubFactory(BudgetLineFactory)
    cost_per_participant = 3_000_000


def spending_post_on_the_day(*, spent_on: date, **fields) -> Spending:
    """Spending posted through the service on the day it is dated (the office's clock moved
    there for it, then back): a month's spending is only posted while that month is open."""
    moment = datetime.combine(spent_on, time(10), tzinfo=ZoneInfo("Asia/Jakarta"))
    with time_machine.travel(moment, tick=False):
        return spending_post(spent_on=spent_on, **fields)
