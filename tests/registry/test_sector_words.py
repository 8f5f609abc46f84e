"""The office's own sektor words: kept with the business an import filed under a guess,
mapped by staff in the admin, read by the next imports and, on request, used to refile the
businesses already imported with the word."""

import pytest
from django.db.models import Sum
from django.urls import reverse
from django.utils.translation import gettext as _

from cilegon_umkm.accounts.roles import Role
from registry.errors import RegistryError
from registry.models import UMKM, SectorWord, Sex, UMKMTally
from registry.services import sector_word_apply, sector_word_save, umkm_correct
from registry.services.importing import umkm_import

from .factories import UMKMFactory
from .importing import csv_bytes, row, run_import
from .test_admin import _form_data

pytestmark = pytest.mark.django_db


def _owner(n: int) -> str:
    return f"36720115068500{n:02d}"


def _mapping(word="Olahan Ikan", sector="kuliner", user=None, **kwargs) -> SectorWord:
    return sector_word_save(word=word, sector=sector, user=user, **kwargs)


def test_an_imported_guess_keeps_the_word_as_written():
    run_import(csv_bytes([row(sektor="  Olahan   Ikan ")]))

    assert UMKM.objects.get().sector_word == "Olahan Ikan"


def test_a_known_word_keeps_no_word():
    run_import(csv_bytes([row(sektor="kuliner")]))

    assert UMKM.objects.get().sector_word == ""


def test_a_mapped_word_files_the_next_import_under_its_sector_without_a_warning(make_user):
    _mapping(user=make_user(Role.STAF_DINAS))

    outcome = run_import(csv_bytes([row(sektor="OLAHAN-IKAN")]))

    umkm = UMKM.objects.get()
    assert (umkm.sector, umkm.sector_word) == ("kuliner", "")
    assert outcome.warnings == []


def test_refiling_moves_every_spelling_of_the_word_with_history(make_user):
    staff = make_user(Role.STAF_DINAS, username="siti")
    rows = [
        row(nik=_owner(1), sektor="Olahan Ikan"),
        row(nik=_owner(2), sektor="olahan ikan"),
        row(nik=_owner(3), sektor="Keripik"),
    ]
    run_import(csv_bytes(rows))
    assert set(UMKM.objects.values_list("sector", flat=True)) == {"pertanian", "lainnya"}
    mapping = _mapping(user=staff)

    assert sector_word_apply(mapping=mapping, user=staff) == 2

    refiled = UMKM.objects.filter(owner_nik__in=[_owner(1), _owner(2)])
    assert set(refiled.values_list("sector", flat=True)) == {"kuliner"}
    assert UMKM.objects.get(owner_nik=_owner(3)).sector == "lainnya"
    latest = refiled.first().history.latest()
    assert (latest.sector, latest.history_user) == ("kuliner", staff)
    assert "Olahan Ikan" in latest.history_change_reason
    assert sector_word_apply(mapping=mapping, user=staff) == 0  # nothing left to move


def test_a_remapped_word_refiles_again(make_user):
    staff = make_user(Role.STAF_DINAS)
    run_import(csv_bytes([row(sektor="Olahan Ikan")]))
    mapping = _mapping(user=staff)
    sector_word_apply(mapping=mapping, user=staff)

    mapping = _mapping(sector="industri", user=staff, mapping=mapping)
    sector_word_apply(mapping=mapping, user=staff)

    assert UMKM.objects.get().sector == "industri"


def test_a_sector_a_person_chose_is_never_refiled(make_user):
    staff = make_user(Role.STAF_DINAS)
    run_import(csv_bytes([row(sektor="Olahan Ikan")]))
    umkm = UMKM.objects.get()
    umkm, _changed = umkm_correct(
        umkm=umkm, changes={"sector": "jasa"}, user=staff, reason="checked in the field"
    )
    assert umkm.sector_word == ""

    assert sector_word_apply(mapping=_mapping(user=staff), user=staff) == 0
    assert UMKM.objects.get().sector == "jasa"


def test_a_later_file_with_a_known_sector_ends_the_guess():
    run_import(csv_bytes([row(sektor="Olahan Ikan")]))

    outcome = run_import(csv_bytes([row(sektor="Makanan")]))

    assert outcome.updated == 1
    assert UMKM.objects.values_list("sector", "sector_word").get() == ("kuliner", "")


def test_a_second_file_with_the_same_unknown_word_changes_nothing():
    run_import(csv_bytes([row(sektor="Olahan Ikan")]))

    outcome = run_import(csv_bytes([row(sektor="Olahan Ikan")]))

    assert (outcome.updated, outcome.unchanged) == (0, 1)


@pytest.mark.parametrize(
    ("word", "message"),
    [
        ("Makanan", "“%(word)s” is already read as %(sector)s; it needs no mapping."),
        ("   ", "Write the word as the import files write it."),
        (
            "olahan-ikan",
            "“%(word)s” is already mapped (as “%(existing)s”); change that mapping instead.",
        ),
    ],
)
def test_a_word_that_needs_no_new_mapping_is_refused(make_user, word, message):
    staff = make_user(Role.STAF_DINAS)
    _mapping(user=staff)
    values = {"word": word, "sector": _("Food and drink (kuliner)"), "existing": "Olahan Ikan"}

    with pytest.raises(RegistryError) as refused:
        _mapping(word=word, user=staff)

    assert str(refused.value) == _(message) % values


def test_the_tally_follows_a_refiling(make_user):
    staff = make_user(Role.STAF_DINAS)
    run_import(csv_bytes([row(sektor="Olahan Ikan")]))
    sector_word_apply(mapping=_mapping(user=staff), user=staff)

    by_sector = UMKMTally.objects.values_list("sector").annotate(n=Sum("n")).order_by()
    assert {sector: n for sector, n in by_sector if n} == {"kuliner": 1}


# --- the admin ---------------------------------------------------------------------------

CHANGELIST = "admin:registry_sectorword_changelist"


def test_the_admin_lists_the_words_not_mapped_yet_with_a_link_to_map_each(client_as):
    umkm_import(
        data=csv_bytes(
            [row(nik=_owner(1), sektor="Olahan Ikan"), row(nik=_owner(2), sektor="olahan ikan")]
        ),
        filename="a.csv",
        user=None,
        dry_run=False,
        default_source="dinkop",
    )
    client = client_as(Role.STAF_DINAS)

    page = client.get(reverse(CHANGELIST)).content.decode()

    assert 'data-testid="unmapped-words"' in page
    assert "?word=Olahan%20Ikan" in page or "?word=olahan%20ikan" in page
    add = client.get(reverse("admin:registry_sectorword_add") + "?word=Olahan%20Ikan")
    assert add.context["adminform"].form.initial["sector"] == "pertanian"  # the closest guess


def test_the_admin_saves_a_mapping_and_refiles_through_the_action(client_as):
    UMKMFactory(owner_sex=Sex.FEMALE)  # a business the refiling must not touch
    run_import(csv_bytes([row(nik=_owner(1), sektor="Olahan Ikan")]))
    client = client_as(Role.STAF_DINAS)

    response = client.post(
        reverse("admin:registry_sectorword_add"), {"word": " Olahan  Ikan ", "sector": "kuliner"}
    )
    assert response.status_code == 302
    mapping = SectorWord.objects.get()
    assert (mapping.word, mapping.key) == ("Olahan Ikan", "olahanikan")

    response = client.post(
        reverse(CHANGELIST),
        {"action": "apply_to_registered", "_selected_action": [mapping.pk]},
        follow=True,
    )
    assert UMKM.objects.get(owner_nik=_owner(1)).sector == "kuliner"
    shown = [str(m) for m in response.context["messages"]]
    assert any("Olahan Ikan" in m and "1" in m for m in shown)


def test_the_admin_refuses_a_word_the_sectors_know_and_keeps_what_was_typed(client_as):
    response = client_as(Role.STAF_DINAS).post(
        reverse("admin:registry_sectorword_add"), {"word": "Konveksi", "sector": "jasa"}
    )

    assert response.status_code == 200
    errors = response.context["adminform"].form.non_field_errors()
    assert errors and _("Clothing and tailoring (fashion/konveksi)") in errors[0]
    assert SectorWord.objects.count() == 0


def test_the_business_page_in_the_admin_shows_the_word_and_a_sector_choice_clears_it(client_as):
    run_import(csv_bytes([row(sektor="Olahan Ikan")]))
    umkm = UMKM.objects.get()
    client = client_as(Role.ADMIN)
    url = reverse("admin:registry_umkm_change", args=[umkm.pk])

    assert "Olahan Ikan" in client.get(url).content.decode()

    data = _form_data(
        name=umkm.name,
        owner_nik=umkm.owner_nik,
        kelurahan=umkm.kelurahan_id,
        sector="jasa",
        **{"certifications-TOTAL_FORMS": "0"},
    )
    assert client.post(url, data).status_code == 302
    assert UMKM.objects.values_list("sector", "sector_word").get() == ("jasa", "")


def test_the_business_page_says_the_sector_was_filed_from_a_word(client_as):
    run_import(csv_bytes([row(sektor="Olahan Ikan")]))
    umkm = UMKM.objects.get()

    page = client_as(Role.STAF_DINAS).get(reverse("registry:umkm-detail", args=[umkm.pk]))

    assert "Olahan Ikan" in page.content.decode()
