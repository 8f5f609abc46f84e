"""Issue 15, registry rules: two owner NIKs are merged only when staff confirm they are the
same owner, with a reason in the history; never into one owner with two active loans."""

from datetime import date

import pytest
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role
from lending.models import Loan
from registry.errors import MergeError
from registry.models import UMKM, DuplicateCandidate
from registry.services import duplicates_refresh, umkm_merge
from tests.lending.factories import disbursed_loan, new_business

from .factories import UMKMFactory

pytestmark = pytest.mark.django_db


def test_two_owner_niks_are_not_merged_without_confirmation(make_user):
    survivor, duplicate = UMKMFactory(), UMKMFactory()

    with pytest.raises(MergeError):
        umkm_merge(survivor=survivor, duplicate=duplicate, user=make_user())
    with pytest.raises(MergeError):
        umkm_merge(
            survivor=survivor, duplicate=duplicate, user=make_user(username="b"),
            same_owner_confirmed=True, reason="   ",
        )  # fmt: skip

    assert UMKM.objects.filter(pk=duplicate.pk).exists()


def test_a_confirmed_same_owner_is_merged_with_the_reason_in_both_histories(make_user):
    survivor, duplicate = UMKMFactory(), UMKMFactory()
    duplicate_pk = duplicate.pk

    umkm_merge(
        survivor=survivor, duplicate=duplicate, user=make_user(),
        same_owner_confirmed=True, reason="KTP lama dan KTP-el, dicek di Disdukcapil",
    )  # fmt: skip

    assert not UMKM.objects.filter(pk=duplicate_pk).exists()
    assert "KTP lama dan KTP-el" in survivor.history.latest().history_change_reason
    gone = UMKM.history.filter(id=duplicate_pk).latest()
    assert gone.history_type == "-"
    assert "KTP lama dan KTP-el" in gone.history_change_reason


def test_a_long_name_still_fits_the_history(make_user):
    survivor = UMKMFactory(name="Usaha " + "Panjang " * 20)
    duplicate = UMKMFactory(name="Usaha " + "Lebar " * 25, owner_nik=survivor.owner_nik)

    umkm_merge(survivor=survivor, duplicate=duplicate, user=make_user())

    assert len(survivor.history.latest().history_change_reason) <= 100


def test_a_merge_that_would_give_one_owner_two_active_loans_is_refused(people, today):
    today(date(2025, 3, 3))
    survivor = new_business(name="Warung Bu Siti")
    duplicate = new_business(name="Warung Bu Sity")
    first = disbursed_loan(people, umkm=survivor, disbursed_on=date(2025, 3, 3))
    second = disbursed_loan(people, umkm=duplicate, disbursed_on=date(2025, 3, 3))

    with pytest.raises(MergeError, match=second.number):
        umkm_merge(
            survivor=survivor, duplicate=duplicate, user=people.staff,
            same_owner_confirmed=True, reason="Orang yang sama",
        )  # fmt: skip

    assert UMKM.objects.filter(pk=duplicate.pk).exists()
    assert Loan.objects.get(pk=second.pk).umkm_id == duplicate.pk
    assert Loan.objects.get(pk=first.pk).umkm_id == survivor.pk


def test_a_closed_loan_does_not_stop_a_merge(people, today):
    today(date(2025, 3, 3))
    survivor = new_business(name="Warung Bu Siti")
    duplicate = new_business(name="Warung Bu Sity", owner_nik=survivor.owner_nik)
    loan = disbursed_loan(people, umkm=duplicate, disbursed_on=date(2025, 3, 3))
    Loan.objects.filter(pk=loan.pk).update(status=Loan.Status.PAID_OFF)
    disbursed_loan(people, umkm=survivor, disbursed_on=date(2025, 3, 3))

    umkm_merge(survivor=survivor, duplicate=duplicate, user=people.staff)

    assert Loan.objects.filter(umkm=survivor).count() == 2


def _candidate_of_two_niks():
    first = UMKMFactory(name="Toko A", owner_phone="+6281200000000")
    second = UMKMFactory(name="Kios B", owner_phone="+6281200000000")
    duplicates_refresh()
    return first, second, DuplicateCandidate.objects.get()


def test_the_duplicates_page_asks_for_confirmation_of_two_niks(client_as):
    first, _second, candidate = _candidate_of_two_niks()
    client = client_as(Role.STAF_DINAS)
    url = reverse("registry:duplicate-merge", args=[candidate.pk])

    assert (
        'data-testid="same-owner-first"'
        in client.get(reverse("registry:duplicates")).content.decode()
    )
    client.post(url, {"keep": "first"})
    assert UMKM.objects.count() == 2

    response = client.post(url, {"keep": "first", "same_owner": "on", "reason": "Satu orang"})

    assert response.url == first.get_absolute_url()
    assert list(UMKM.objects.values_list("pk", flat=True)) == [first.pk]
    assert "Satu orang" in first.history.latest().history_change_reason


def test_a_reason_too_long_is_an_error_not_a_server_error(client_as):
    _, _, candidate = _candidate_of_two_niks()

    response = client_as(Role.STAF_DINAS).post(
        reverse("registry:duplicate-merge", args=[candidate.pk]),
        {"keep": "first", "same_owner": "on", "reason": "x" * 200},
    )

    assert response.status_code == 302
    assert UMKM.objects.count() == 2
