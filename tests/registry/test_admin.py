import pytest
from django.contrib.auth.models import Permission
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from registry.models import UMKM, Kelurahan, PersonalDataAccess

from .factories import CertificationFactory, UMKMFactory

pytestmark = pytest.mark.django_db


def _form_data(**overrides) -> dict:
    data = {
        "name": "Catering Bu Ani",
        "status": "aktif",
        "is_entrepreneur": "on",
        "source": "dinkop",
        "owner_name": "Ani Rohmah",
        "owner_nik": "3672 0155 0685 0001",
        "owner_sex": "P",
        "owner_phone": "0812-3456-7890",
        "nib": "",
        "address": "Jl. Kubang Laban",
        "kelurahan": Kelurahan.objects.get(name="Kedaleman").pk,
        "kbli": "56210",
        "sector": "kuliner",
        "product": "nasi kotak",
        "capital": "10000000",
        "annual_turnover": "120000000",
        "workers": "4",
        "year_started": "2018",
        "certifications-TOTAL_FORMS": "1",
        "certifications-INITIAL_FORMS": "0",
        "certifications-MIN_NUM_FORMS": "0",
        "certifications-MAX_NUM_FORMS": "1000",
        "certifications-0-kind": "halal",
        "certifications-0-number": "ID3672-77",
        "certifications-0-issuer": "BPJPH",
        "certifications-0-issued_on": "2024-05-01",
        "certifications-0-expires_on": "",
    }
    data.update(overrides)
    return data


def test_staff_add_a_business_with_a_certificate_and_the_history_says_who(client_as):
    client = client_as(Role.STAF_DINAS, username="siti")

    response = client.post(reverse("admin:registry_umkm_add"), _form_data())

    assert response.status_code == 302, response.context["adminform"].form.errors
    umkm = UMKM.objects.get()
    assert (umkm.owner_nik, umkm.owner_phone, umkm.nib) == (
        "3672015506850001",
        "+6281234567890",
        None,
    )
    assert umkm.certifications.get().number == "ID3672-77"
    assert umkm.history.get().history_user.username == "siti"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("owner_nik", "3672019906850001", "bukan tanggal lahir"),
        ("owner_phone", "12345", "bukan nomor telepon Indonesia"),
        ("nib", "12345", "NIB harus tepat 13 digit"),
        ("capital", "-5", "lebih besar dari atau sama dengan 0"),
        ("kbli", "04111", "bukan kode KBLI 2020"),
    ],
)
def test_the_admin_form_validates_like_the_importer(client_as, field, value, message):
    response = client_as(Role.STAF_DINAS).post(
        reverse("admin:registry_umkm_add"), _form_data(**{field: value})
    )

    assert response.status_code == 200
    assert message in response.content.decode()
    assert not UMKM.objects.exists()


def test_the_admin_refuses_a_second_business_with_the_same_nib(client_as):
    UMKMFactory(nib="9120001234567")

    response = client_as(Role.STAF_DINAS).post(
        reverse("admin:registry_umkm_add"), _form_data(nib="9120001234567")
    )

    assert "Usaha lain sudah terdaftar dengan NIB ini" in response.content.decode()


def test_an_edit_is_in_the_history_with_what_changed(client_as):
    umkm = UMKMFactory(workers=1)
    client = client_as(Role.STAF_DINAS, username="siti")
    data = _form_data(
        owner_nik=umkm.owner_nik, name=umkm.name, workers="6", **{"certifications-0-kind": ""}
    )
    data.update({"certifications-TOTAL_FORMS": "0"})

    client.post(reverse("admin:registry_umkm_change", args=[umkm.pk]), data)

    latest, first = umkm.history.all()[:2]
    changed = {change.field for change in latest.diff_against(first).changes}
    assert "workers" in changed
    assert latest.history_user.username == "siti"


def test_the_changelist_searches_filters_and_does_not_count_per_row(
    client_as, django_assert_max_num_queries
):
    for n in range(30):
        CertificationFactory(umkm=UMKMFactory(name=f"Warung {n}"))
    client = client_as(Role.STAF_DINAS)

    with django_assert_max_num_queries(14):
        response = client.get(
            reverse("admin:registry_umkm_changelist"),
            {"q": "warung", "status__exact": "aktif", "size": "mikro", "certification": "pirt"},
        )

    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == 30
    assert "3672********" in response.content.decode()


def test_viewing_the_change_form_with_the_full_nik_is_logged(client_as):
    umkm = UMKMFactory()
    client = client_as(Role.STAF_DINAS)

    client.get(reverse("admin:registry_umkm_change", args=[umkm.pk]))
    client.get(reverse("admin:registry_umkm_history", args=[umkm.pk]))

    assert list(PersonalDataAccess.objects.order_by("id").values_list("action", flat=True)) == [
        "admin",
        "riwayat",
    ]


def test_without_the_nik_permission_the_admin_masks_the_nik_and_hides_history(
    client_as, make_user, client
):
    umkm = UMKMFactory(owner_nik="3672011506850001")
    reader = make_user()
    reader.user_permissions.set(
        Permission.objects.filter(codename__in=["open_admin", "view_umkm", "view_certification"])
    )
    client.force_login(reader)

    html = client.get(reverse("admin:registry_umkm_change", args=[umkm.pk])).content.decode()

    assert "3672********0001" in html
    assert "3672011506850001" not in html
    assert client.get(reverse("admin:registry_umkm_history", args=[umkm.pk])).status_code == 403
    assert not PersonalDataAccess.objects.exists()


@pytest.mark.parametrize("role", [Role.PIMPINAN, Role.PENDAMPING_EKONOMI, Role.PENDAMPING_PDB])
def test_other_roles_cannot_open_or_change_businesses_in_the_admin(client_as, role):
    umkm = UMKMFactory()
    client = client_as(role)

    response = client.post(
        reverse("admin:registry_umkm_change", args=[umkm.pk]), _form_data(name="Diubah")
    )

    assert response.status_code == 302
    assert response.url.startswith(reverse("admin:login"))
    umkm.refresh_from_db()
    assert umkm.name != "Diubah"


# The Kepala UPT enters the back office for the terms of lending (products, funds, bands).
@pytest.mark.parametrize("role", [Role.STAF_UPT, Role.KEPALA_UPT])
def test_staf_upt_reads_but_cannot_change_businesses(client_as, role):
    umkm = UMKMFactory(name="Asli")
    client = client_as(role)

    assert client.get(reverse("admin:registry_umkm_change", args=[umkm.pk])).status_code == 200
    response = client.post(
        reverse("admin:registry_umkm_change", args=[umkm.pk]), _form_data(name="Diubah")
    )

    assert response.status_code == 403
    umkm.refresh_from_db()
    assert umkm.name == "Asli"


def test_an_editor_without_the_nik_permission_edits_everything_but_the_nik(make_user, client):
    umkm = UMKMFactory(owner_nik="3672011506850001", workers=1)
    editor = make_user()
    editor.user_permissions.set(
        Permission.objects.filter(codename__in=["open_admin", "view_umkm", "change_umkm"])
    )
    client.force_login(editor)
    data = _form_data(name=umkm.name, workers="7", owner_nik="3672011506850099")
    data.update({"certifications-TOTAL_FORMS": "0"})

    response = client.post(reverse("admin:registry_umkm_change", args=[umkm.pk]), data)

    assert response.status_code == 302
    umkm.refresh_from_db()
    assert (umkm.workers, umkm.owner_nik) == (7, "3672011506850001")
