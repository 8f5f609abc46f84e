import pytest

from registry.models import Kelurahan

from .factories import MentorFactory, assign


@pytest.fixture
def areas(db):
    """Two kelurahan of different kecamatan, and a third in the first one's kecamatan."""
    a = Kelurahan.objects.select_related("kecamatan").order_by("code").first()
    b = Kelurahan.objects.exclude(kecamatan=a.kecamatan).order_by("code").first()
    a_neighbour = Kelurahan.objects.filter(kecamatan=a.kecamatan).exclude(pk=a.pk).first()
    return a, b, a_neighbour


@pytest.fixture
def mentor_a(areas):
    """A pendamping PDB of kelurahan A."""
    mentor = MentorFactory()
    assign(mentor, kelurahan=areas[0])
    return mentor


@pytest.fixture
def mentor_b(areas):
    """A pendamping PDB of kelurahan B."""
    mentor = MentorFactory()
    assign(mentor, kelurahan=areas[1])
    return mentor
