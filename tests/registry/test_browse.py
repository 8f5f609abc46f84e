"""The registry's portal pages: browse, search, filters, business page, NIK log."""

import re
from html import unescape
from urllib.parse import parse_qs

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from registry.models import Kecamatan, Kelurahan, PersonalDataAccess
from tests.pagination import page_links

from .factories import CertificationFactory, UMKMFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff(client_as):
    return client_as(Role.STAF_DINAS)


def _names(response) -> list[str]:
    return [row.record.name for row in response.context["table"].page.object_list]


def test_it_lists_businesses_by_name_with_masked_niks(staff):
    UMKMFactory(name="Warung B", owner_nik="3672011506850001")
    UMKMFactory(name="Warung A")

    response = staff.get(reverse("registry:index"))

    assert _names(response) == ["Warung A", "Warung B"]
    html = response.content.decode()
    assert "3672********0001" in html
    assert "3672011506850001" not in html
    assert "2 usaha" in html


@pytest.mark.parametrize(
    ("params", "expected"),
    [
        ({"kecamatan": "jombang"}, {"Di Jombang"}),
        ({"kelurahan": "ciwaduk"}, {"Di Ciwaduk"}),
        ({"skala": "kecil"}, {"Kecil"}),
        ({"sektor": "jasa"}, {"Laundry"}),
        ({"status": "tutup"}, {"Tutup"}),
        ({"sumber": "lapangan"}, {"Lapangan"}),
        ({"sertifikasi": "pirt"}, {"Ber-PIRT"}),
        ({"sertifikasi": "nib"}, {"Ber-NIB"}),
        ({"cari": "siti aminah"}, {"Warung Bu Siti"}),
        ({"cari": "aminah  SITI"}, {"Warung Bu Siti"}),  # any order, any case
        ({"cari": "3672015506850009"}, {"Warung Bu Siti"}),
        ({"cari": "0812-9999-0000"}, {"Warung Bu Siti"}),
        ({"cari": "9120009999999"}, {"Ber-NIB"}),
    ],
)
def test_it_filters_and_searches(staff, params, expected):
    jombang = Kelurahan.objects.filter(kecamatan__name="Jombang").first()
    UMKMFactory(name="Di Jombang", kelurahan=jombang)
    UMKMFactory(name="Di Ciwaduk", kelurahan=Kelurahan.objects.get(name="Ciwaduk"))
    UMKMFactory(name="Kecil", annual_turnover=3_000_000_000)
    UMKMFactory(name="Laundry", sector="jasa")
    UMKMFactory(name="Tutup", status="tutup")
    UMKMFactory(name="Lapangan", source="lapangan")
    CertificationFactory(umkm=UMKMFactory(name="Ber-PIRT"))
    UMKMFactory(name="Ber-NIB", nib="9120009999999")
    UMKMFactory(
        name="Warung Bu Siti",
        owner_name="Siti Aminah",
        owner_nik="3672015506850009",
        owner_sex="P",
        owner_phone="+6281299990000",
    )
    if "kecamatan" in params:
        params = {"kecamatan": Kecamatan.objects.get(name="Jombang").pk}
    if "kelurahan" in params:
        params = {"kelurahan": Kelurahan.objects.get(name="Ciwaduk").pk}

    response = staff.get(reverse("registry:index"), params)

    assert set(_names(response)) == expected


def test_search_forgives_typos_on_postgresql(staff):
    UMKMFactory(name="Warung Bu Siti", owner_name="Siti Aminah")
    UMKMFactory(name="Bengkel Motor Ujang", owner_name="Ujang")

    for typo in ["warung bu sity", "warng bu siti", "bengkel motor ujank", "siti amina"]:
        response = staff.get(reverse("registry:index"), {"cari": typo})
        assert len(_names(response)) == 1, typo
    assert _names(staff.get(reverse("registry:index"), {"cari": "warung bu sity"})) == [
        "Warung Bu Siti"
    ]


def test_words_found_as_written_come_without_the_near_misses_in_name_order(staff):
    UMKMFactory(name="Warung Sate Pak Kumis", owner_name="Kumis")
    UMKMFactory(name="Bengkel Budi", owner_name="Warung Budi")  # the owner's name counts
    UMKMFactory(name="Warunk Bakso", owner_name="Ujang")  # a typo: found when nothing else is

    assert _names(staff.get(reverse("registry:index"), {"cari": "warung"})) == [
        "Bengkel Budi",
        "Warung Sate Pak Kumis",
    ]
    assert _names(staff.get(reverse("registry:index"), {"cari": "warung bakso"})) == [
        "Warunk Bakso"
    ]


def test_it_sorts_by_kelurahan(staff):
    UMKMFactory(name="A", kelurahan=Kelurahan.objects.get(code="36.72.08.1007"))
    UMKMFactory(name="B", kelurahan=Kelurahan.objects.get(code="36.72.01.1002"))

    response = staff.get(reverse("registry:index"), {"urut": "kelurahan"})

    assert _names(response) == ["B", "A"]


def test_page_two_keeps_the_search_the_filters_the_order_and_the_page_size(staff):
    for n in range(3):
        UMKMFactory(name=f"Usaha {n}")
    UMKMFactory(name="Usaha Tutup", status="tutup")
    UMKMFactory(name="Toko Lain")
    query = {"cari": "usaha", "status": "aktif", "urut": "-name", "per_halaman": "1"}

    first = staff.get(reverse("registry:index"), query)
    links = page_links(first.content.decode())
    second = staff.get(reverse("registry:index"), links[2])

    assert _names(first) == ["Usaha 2"]
    assert links[2] == {key: [value] for key, value in {**query, "halaman": "2"}.items()}
    assert _names(second) == ["Usaha 1"]
    assert second.context["table"].paginator.num_pages == 3


def test_the_sort_links_keep_the_search_and_the_filters(staff):
    UMKMFactory(name="Usaha A")

    html = staff.get(reverse("registry:index"), {"cari": "usaha", "skala": "mikro"}).content
    sorts = [
        parse_qs(unescape(q)) for q in re.findall(r'href="\?([^"]*urut=[^"]*)"', html.decode())
    ]

    assert sorts and all(s["cari"] == ["usaha"] and s["skala"] == ["mikro"] for s in sorts)
    assert {s["urut"][0] for s in sorts} == {"name", "kelurahan"}


@pytest.mark.parametrize("rows", [3, 60])
def test_the_list_costs_the_same_queries_whatever_the_page_or_data_size(
    staff, rows, django_assert_num_queries
):
    for n in range(rows):
        CertificationFactory(umkm=UMKMFactory(name=f"Usaha {n:03d}"))

    # session, user, 2 permission lookups, menu groups, kecamatan and kelurahan choices of
    # the filter form, the search's check for matches as written, count, page,
    # certifications prefetch: none per row.
    with django_assert_num_queries(11):
        response = staff.get(reverse("registry:index"), {"per_halaman": 50, "cari": "usaha"})

    assert response.status_code == 200


def test_pimpinan_browses_without_phone_numbers_and_cannot_reveal_niks(client_as):
    umkm = UMKMFactory(owner_phone="+6281234567890")
    client = client_as(Role.PIMPINAN)

    html = client.get(umkm.get_absolute_url()).content.decode()

    assert "+6281234567890" not in html
    assert "+62812*****890" in html
    assert 'data-testid="reveal-nik"' not in html
    assert client.post(reverse("registry:umkm-reveal-nik", args=[umkm.pk])).status_code == 403
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.parametrize("role", [Role.PENDAMPING_EKONOMI, Role.PENDAMPING_PDB])
def test_mentors_cannot_browse_the_registry(client_as, role):
    umkm = UMKMFactory()
    client = client_as(role)

    assert client.get(reverse("registry:index")).status_code == 403
    assert client.get(umkm.get_absolute_url()).status_code == 403
    assert client.get(reverse("registry:umkm-export", args=["csv"])).status_code == 403


def test_the_business_page_shows_profile_certificates_and_timeline(staff):
    umkm = UMKMFactory(name="Konveksi Jaya", capital=20_000_000, annual_turnover=None)
    CertificationFactory(umkm=umkm, kind="halal", number="ID3672-0001")

    html = staff.get(umkm.get_absolute_url()).content.decode()

    assert "Konveksi Jaya" in html
    assert "Mikro</strong>, dari" in html and "modal usaha Rp20.000.000" in html
    assert "ID3672-0001" in html
    assert "Sertifikat terbit: Halal" in html


def test_revealing_the_full_nik_shows_it_once_and_logs_who_when_which(client_as):
    umkm = UMKMFactory(owner_nik="3672011506850001")
    client = client_as(Role.STAF_DINAS, username="siti")
    assert "3672011506850001" not in client.get(umkm.get_absolute_url()).content.decode()

    response = client.post(reverse("registry:umkm-reveal-nik", args=[umkm.pk]), follow=True)

    assert response.redirect_chain == [(umkm.get_absolute_url(), 302)]
    full = '<span data-testid="nik-full" class="font-monospace">3672011506850001</span>'
    assert full in response.content.decode()
    access = PersonalDataAccess.objects.get()
    assert (access.user.username, access.umkm, access.action) == ("siti", umkm, "halaman")
    # A reload shows it masked again: every sight of a full NIK has its own log entry.
    assert "3672011506850001" not in client.get(umkm.get_absolute_url()).content.decode()
    assert PersonalDataAccess.objects.count() == 1


def test_the_reveal_address_opened_by_get_returns_to_the_page_without_logging(client_as):
    umkm = UMKMFactory()

    response = client_as(Role.STAF_DINAS).get(reverse("registry:umkm-reveal-nik", args=[umkm.pk]))

    assert response.url == umkm.get_absolute_url()
    assert not PersonalDataAccess.objects.exists()


def test_a_large_result_says_more_than_or_about(staff, monkeypatch):
    from cilegon_umkm.kernel.pagination import BoundedCountPaginator

    monkeypatch.setattr(BoundedCountPaginator, "COUNT_LIMIT", 2)
    for n in range(3):
        UMKMFactory(name=f"Usaha {n}", status="aktif")

    filtered = staff.get(reverse("registry:index"), {"status": "aktif"}).content.decode()
    unfiltered = staff.get(reverse("registry:index")).content.decode()

    assert "lebih dari 2 usaha" in filtered
    assert "sekitar" in unfiltered  # the planner's estimate of the whole table


def test_a_missing_business_is_a_404(staff):
    assert staff.get(reverse("registry:umkm-detail", args=[999999])).status_code == 404
