"""A certificate's number is one number in any case: the public check reads it so, and a
second entry of "p-1" beside "P-1" would count one certificate twice."""

from datetime import date

import pytest

from cilegon_umkm.accounts.roles import Role
from registry.errors import RegistryError
from registry.services import certification_add

from .factories import UMKMFactory

pytestmark = pytest.mark.django_db


def test_the_same_number_in_other_capitals_is_refused(make_user):
    umkm, staff = UMKMFactory(), make_user(Role.STAF_DINAS)
    entry = {"umkm": umkm, "kind": "pirt", "issuer": "Dinas Kesehatan", "user": staff,
             "issued_on": date(2025, 9, 1), "reason": "Tiba"}  # fmt: skip
    certification_add(number="P-IRT 1", **entry)

    with pytest.raises(RegistryError):
        certification_add(number="p-irt 1", **entry)

    assert umkm.certifications.count() == 1
