import pytest

from registry.models import Kecamatan, Kelurahan
from registry.wilayah import WilayahIndex, place_key

pytestmark = pytest.mark.django_db


@pytest.fixture
def index():
    return WilayahIndex.load()


def test_it_has_cilegons_8_kecamatan_and_43_kelurahan_after_migrate():
    assert Kecamatan.objects.count() == 8
    assert Kelurahan.objects.count() == 43
    assert set(Kecamatan.objects.values_list("name", flat=True)) == {
        "Cibeber",
        "Cilegon",
        "Pulomerak",
        "Ciwandan",
        "Jombang",
        "Gerogol",
        "Purwakarta",
        "Citangkil",
    }


def test_it_stores_kemendagri_codes_under_their_kecamatan():
    kelurahan = Kelurahan.objects.select_related("kecamatan").get(code="36.72.08.1002")

    assert kelurahan.name == "Dringo"
    assert kelurahan.kecamatan.code == "36.72.08"
    assert all(k.code.startswith(k.kecamatan.code + ".") for k in Kelurahan.objects.all())


@pytest.mark.parametrize(
    ("written", "official"),
    [
        ("Karang Asem", "Karang Asem"),
        ("karangasem", "Karang Asem"),
        ("Kel. Karangasem", "Karang Asem"),
        ("KELURAHAN   karang  asem ", "Karang Asem"),
        ("kel.kalitimbang", "Kalitimbang"),
        ("Kelurahan Kali Timbang", "Kalitimbang"),
        ("Desa Deringo", "Dringo"),
        ("36.72.01.1005", "Karang Asem"),
        ("3672011005", "Karang Asem"),
        ("Kota Bumi", "Kotabumi"),
        ("Lebak Gede", "Lebakgede"),
        ("Grogol", "Grogol"),
    ],
)
def test_it_finds_a_kelurahan_however_it_is_written(index, written, official):
    assert index.kelurahan(written).name == official


@pytest.mark.parametrize(
    ("written", "official"),
    [
        ("Gerogol", "Gerogol"),
        ("Kec. Grogol", "Gerogol"),
        ("KECAMATAN  PULOMERAK", "Pulomerak"),
        ("kec.citangkil", "Citangkil"),
        ("36.72.05", "Jombang"),
    ],
)
def test_it_finds_a_kecamatan_however_it_is_written(index, written, official):
    assert index.kecamatan(written).name == official


@pytest.mark.parametrize("written", ["", None, "Serang", "Kel.", "Karang", "Jakarta Selatan"])
def test_it_finds_nothing_for_names_outside_cilegon(index, written):
    assert index.kelurahan(written) is None


def test_it_narrows_by_kecamatan_and_refuses_a_kelurahan_from_another(index):
    assert index.kelurahan("Grogol", kecamatan="Kec. Grogol").name == "Grogol"
    assert index.kelurahan("Grogol", kecamatan="Cibeber") is None
    assert index.kelurahan("Grogol", kecamatan="Antah Berantah") is None


def test_it_tells_a_kelurahan_from_its_namesake_kecamatan(index):
    # Cibeber, Purwakarta and Citangkil are both a kecamatan and one of its kelurahan.
    assert index.kelurahan("Kel. Purwakarta").code == "36.72.07.1004"
    assert index.kecamatan("Kec. Purwakarta").code == "36.72.07"


def test_it_keeps_a_lone_prefix_word_as_a_name():
    assert place_key("Kelurahan") == "kelurahan"
    assert place_key("  Kel.  Tegal   Ratu ") == "tegalratu"
