"""Factories for registry records, with identifiers that pass the real validation."""

import random
from datetime import date

import factory

from registry.models import UMKM, Certification, Kelurahan, Sex, Source, Status
from registry.text import compact_key

_rng = random.Random(7)


def make_nik(
    *, female: bool = False, born: date = date(1985, 6, 15), region: str = "367201"
) -> str:
    """A valid NIK: region, DDMMYY (+40 on the day for women), a serial number."""
    day = born.day + (40 if female else 0)
    serial = _rng.randint(1, 9999)
    return f"{region}{day:02d}{born.month:02d}{born.year % 100:02d}{serial:04d}"


class UMKMFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = UMKM

    name = factory.Sequence(lambda n: f"Warung Uji {n}")
    name_key = factory.LazyAttribute(lambda obj: compact_key(obj.name))
    owner_name = factory.Faker("name", locale="id_ID")
    owner_nik = factory.LazyFunction(make_nik)
    owner_sex = Sex.MALE
    owner_phone = factory.Sequence(lambda n: f"+62812{n:08d}")
    kelurahan = factory.LazyFunction(lambda: Kelurahan.objects.get(code="36.72.01.1001"))
    sector = "kuliner"
    kbli = "56102"
    product = "nasi uduk"
    capital = 5_000_000
    annual_turnover = 60_000_000
    source = Source.DINKOP
    status = Status.ACTIVE


class CertificationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Certification

    umkm = factory.SubFactory(UMKMFactory)
    kind = "pirt"
    number = factory.Sequence(lambda n: f"P-IRT-{n:010d}")
    issuer = "Dinas Kesehatan Kota Cilegon"
    issued_on = date(2024, 3, 1)
