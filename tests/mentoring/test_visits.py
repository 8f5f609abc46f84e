"""Visits from the field: scoped to the mentor's areas, recorded once however often the
form is sent, photos checked for type and size, and shown on the shared timeline."""

import uuid
from datetime import date
from io import BytesIO

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from PIL import Image

from mentoring.errors import MentoringError
from mentoring.models import Visit
from mentoring.services import visit_record
from tests.lending.factories import new_business
from tests.pagination import page_links

from .factories import MentorFactory, assign

pytestmark = pytest.mark.django_db


def _png(size=(40, 30)) -> bytes:
    buffer = BytesIO()
    Image.new("RGB", size, "green").save(buffer, "PNG")
    return buffer.getvalue()


def _form(client_id=None, **overrides):
    data = {
        "client_id": str(client_id or uuid.uuid4()),
        "visited_on": "2025-03-03",
        "purpose": "pendampingan",
        "findings": "Omzet naik, butuh etalase",
        "needs": ["modal", "kemasan"],
        "follow_up": "Rujuk ke UPT PDB",
        "follow_up_on": "2025-03-17",
    }
    data.update(overrides)
    return data


@pytest.fixture
def mine(areas, today):
    today(date(2025, 3, 3))
    return new_business(kelurahan=areas[0])


def test_a_mentor_records_a_visit_of_their_area(client, mentor_a, mine, settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path
    client.force_login(mentor_a.user)
    photo = SimpleUploadedFile("toko.png", _png(), content_type="image/png")

    response = client.post(
        reverse("mentoring:visit-new", args=[mine.pk]),
        {**_form(latitude="-6.017000", longitude="106.050000"), "photo": photo},
    )

    assert response.status_code == 302
    visit = Visit.objects.get()
    assert (visit.mentor, visit.umkm, visit.needs) == (mentor_a, mine, ["modal", "kemasan"])
    assert visit.photo.name.startswith("kunjungan/") and str(visit.latitude) == "-6.017000"
    assert f"terkirim={visit.client_id}" in response.url


def test_sending_the_same_form_twice_records_one_visit(client, mentor_a, mine):
    client.force_login(mentor_a.user)
    data = _form()

    first = client.post(reverse("mentoring:visit-new", args=[mine.pk]), data)
    second = client.post(reverse("mentoring:visit-new", args=[mine.pk]), data, follow=True)

    assert first.status_code == 302
    assert Visit.objects.count() == 1
    assert "sudah tercatat" in second.content.decode()


def test_another_mentors_client_id_is_refused(mentor_a, mentor_b, mine, areas):
    theirs = new_business(kelurahan=areas[1])
    client_id = uuid.uuid4()
    visit_record(
        mentor=mentor_b, umkm=theirs, client_id=client_id, visited_on=date(2025, 3, 3),
        purpose="pendataan",
    )  # fmt: skip

    with pytest.raises(MentoringError, match="sudah dikirim oleh orang lain"):
        visit_record(
            mentor=mentor_a, umkm=mine, client_id=client_id, visited_on=date(2025, 3, 3),
            purpose="pendataan",
        )  # fmt: skip
    assert Visit.objects.get().mentor == mentor_b


@pytest.mark.parametrize(
    ("name", "content", "content_type"),
    [
        ("catatan.pdf", b"%PDF-1.4 not an image", "application/pdf"),
        ("foto.png", b"this is not a png at all", "image/png"),
    ],
)
def test_only_images_are_taken_as_photos(client, mentor_a, mine, name, content, content_type):
    client.force_login(mentor_a.user)
    upload = SimpleUploadedFile(name, content, content_type=content_type)

    response = client.post(
        reverse("mentoring:visit-new", args=[mine.pk]), {**_form(), "photo": upload}
    )

    assert response.status_code == 200
    assert not Visit.objects.exists()
    assert "Omzet naik, butuh etalase" in response.content.decode()  # nothing typed is lost


def test_a_photo_over_the_limit_is_refused(client, mentor_a, mine, monkeypatch):
    monkeypatch.setattr("mentoring.models.visits.PHOTO_MAX_BYTES", 100)
    client.force_login(mentor_a.user)
    upload = SimpleUploadedFile("besar.png", _png((200, 200)), content_type="image/png")

    response = client.post(
        reverse("mentoring:visit-new", args=[mine.pk]), {**_form(), "photo": upload}
    )

    assert response.status_code == 200
    assert "lebih besar" in response.content.decode()
    assert not Visit.objects.exists()


def test_a_visit_in_the_future_or_a_follow_up_before_it_is_refused(client, mentor_a, mine):
    client.force_login(mentor_a.user)
    url = reverse("mentoring:visit-new", args=[mine.pk])

    future = client.post(url, _form(visited_on="2025-03-04"))
    backwards = client.post(url, _form(follow_up_on="2025-03-01"))

    assert (future.status_code, backwards.status_code) == (200, 200)
    assert not Visit.objects.exists()


def test_another_areas_business_is_a_404_on_every_field_page(client, mentor_a, areas, today):
    today(date(2025, 3, 3))
    theirs = new_business(kelurahan=areas[1])
    client.force_login(mentor_a.user)

    for name in ("mentoring:business", "mentoring:visit-new", "mentoring:referral-new"):
        assert client.get(reverse(name, args=[theirs.pk])).status_code == 404, name
    assert client.post(reverse("mentoring:visit-new", args=[theirs.pk]), _form()).status_code == 404
    assert not Visit.objects.exists()


def test_my_businesses_lists_my_areas_never_visited_first_with_flags(client, mentor_a, mine, areas):
    visited = new_business(kelurahan=areas[0], name="Toko Sudah Dikunjungi")
    new_business(kelurahan=areas[1], name="Toko Wilayah Lain")
    visit_record(
        mentor=mentor_a, umkm=visited, client_id=uuid.uuid4(), visited_on=date(2025, 3, 1),
        purpose="pendataan",
    )  # fmt: skip
    client.force_login(mentor_a.user)

    html = client.get(reverse("mentoring:businesses")).content.decode()

    assert "Toko Wilayah Lain" not in html
    assert html.index(mine.name) < html.index("Toko Sudah Dikunjungi")
    assert html.count('data-testid="flag-never"') == 1


def test_my_businesses_are_searched_with_cari(client, mentor_a, mine, areas):
    new_business(kelurahan=areas[0], name="Bengkel Las Maju")
    client.force_login(mentor_a.user)

    html = client.get(reverse("mentoring:businesses"), {"cari": "bengkel"}).content.decode()

    assert "Bengkel Las Maju" in html and mine.name not in html
    assert 'name="cari" value="bengkel"' in html


def test_page_two_of_my_businesses_keeps_the_search(client, mentor_a, mine, areas):
    for n in range(26):  # one more than a page
        new_business(kelurahan=areas[0], name=f"Bengkel Las {n:02d}")
    client.force_login(mentor_a.user)

    first = client.get(reverse("mentoring:businesses"), {"cari": "bengkel"})
    links = page_links(first.content.decode())
    second = client.get(reverse("mentoring:businesses"), links[2])

    assert links[2] == {"cari": ["bengkel"], "halaman": ["2"]}
    assert first.context["page_obj"].paginator.count == 26
    assert [umkm.name[:7] for umkm in second.context["page_obj"]] == ["Bengkel"]
    assert 'name="cari" value="bengkel"' in second.content.decode()


def test_the_timeline_shows_every_mentors_visits_newest_first(
    client, mentor_a, mine, areas, django_assert_max_num_queries
):
    ekonomi = MentorFactory(kind="ekonomi")
    assign(ekonomi, kelurahan=areas[0])
    client.force_login(mentor_a.user)
    url = reverse("mentoring:business", args=[mine.pk])

    def record(days):
        for day, mentor in days:
            visit_record(
                mentor=mentor, umkm=mine, client_id=uuid.uuid4(), visited_on=date(2025, 3, day),
                purpose="pendataan", findings=f"hari {day}",
            )  # fmt: skip

    record([(1, ekonomi)])
    with django_assert_max_num_queries(30) as captured:
        client.get(url)
    one_visit = len(captured)
    record([(1, ekonomi), (2, mentor_a), (3, ekonomi)] * 5)
    with django_assert_max_num_queries(one_visit):  # one query per kind of event
        html = client.get(url).content.decode()

    assert html.count('data-icon="geo-alt"') == 16
    assert html.index("hari 3") < html.index("hari 2") < html.index("hari 1")
    assert "pendamping ekonomi" in html and "pendamping PDB" in html
