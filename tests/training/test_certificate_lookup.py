"""Anyone can check a certificate by typing its code or its number as printed, in any case;
new codes have no look-alike characters (I/l/1, O/0)."""

import re

import pytest
from django.urls import reverse

from training.models.progress import new_verification_code

from .test_certificate_issuer import _graduate, _issue, staff  # noqa: F401 (fixture)

pytestmark = pytest.mark.django_db


def test_a_new_code_has_no_look_alike_characters():
    codes = {new_verification_code() for _ in range(300)}

    assert len(codes) == 300
    for code in codes:
        assert re.fullmatch(r"[A-Z2-9]{4}-[A-Z2-9]{4}-[A-Z2-9]{4}", code), code
        assert not set(code) & set("IL1O0UV"), code


def test_a_code_or_number_typed_in_any_case_opens_the_verification(client, staff):  # noqa: F811
    certificate = _issue(_graduate(staff), staff)
    lookup = reverse("certificate-lookup")
    verify = reverse("certificate-verify", args=[certificate.code])

    typed_code = certificate.code.replace("-", " ").lower()
    assert client.get(lookup, {"kode": typed_code}).url == verify
    assert client.get(lookup, {"kode": certificate.number.lower()}).url == verify
    assert client.get(lookup).status_code == 200  # the form, to anyone, no login


@pytest.mark.parametrize("typed", ["ABCD-EFGH-JKMN", "\x00", "x" * 500])
def test_an_unknown_code_says_so_never_an_error(client, typed):
    response = client.get(reverse("certificate-lookup"), {"kode": typed})

    assert response.status_code == 404
    assert 'data-testid="lookup-unknown"' in response.content.decode()


def test_the_printed_certificate_carries_the_signatory_and_the_logo(client_as, staff, settings):  # noqa: F811
    from cilegon_umkm.accounts.roles import Role

    settings.CERTIFICATE_SIGNATORY_NAME = "Dr. Hj. Siti Rohmah, M.Si."
    settings.CERTIFICATE_SIGNATORY_NIP = "197001012000032001"
    settings.CERTIFICATE_LOGO = "img/favicon.svg"
    certificate = _issue(_graduate(staff), staff)

    html = (
        client_as(Role.STAF_DINAS)
        .get(reverse("training:certificate-print", args=[certificate.pk]))
        .content.decode()
    )

    assert "Dr. Hj. Siti Rohmah, M.Si." in html
    assert "NIP. 197001012000032001" in html
    assert 'data-testid="certificate-logo"' in html and "favicon.svg" in html
