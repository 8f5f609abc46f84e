import ast
import gettext
from pathlib import Path

import pytest
from django.conf import settings
from django.urls import reverse

from cilegon_umkm.accounts.roles import Role

pytestmark = pytest.mark.django_db

CATALOG = Path(settings.BASE_DIR) / "locale" / "id" / "LC_MESSAGES" / "django"


def test_it_speaks_indonesian_by_default_even_to_an_english_browser(client):
    response = client.get(reverse("login"), HTTP_ACCEPT_LANGUAGE="en-US,en;q=0.9")

    html = response.content.decode()
    assert '<html lang="id">' in html
    assert "Nama pengguna" in html
    assert response["Content-Language"] == "id"


def test_it_switches_to_english_on_the_login_page_and_remembers_it(client):
    response = client.post(reverse("set_language"), {"language": "en", "next": reverse("login")})

    assert response.status_code == 302
    html = client.get(reverse("login")).content.decode()
    assert '<html lang="en">' in html
    assert "Username" in html


def test_it_switches_language_for_a_logged_in_user_and_back(client_as):
    client = client_as(Role.PIMPINAN, first_name="Didin", last_name="Maulana")

    client.post(reverse("set_language"), {"language": "en", "next": "/"})
    assert "Welcome, Didin Maulana" in client.get(reverse("home")).content.decode()

    client.post(reverse("set_language"), {"language": "id", "next": "/"})
    assert "Selamat datang, Didin Maulana" in client.get(reverse("home")).content.decode()


def test_it_ignores_an_unknown_language_cookie(client):
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "xx"

    assert '<html lang="id">' in client.get(reverse("login")).content.decode()


def _po_translations(path: Path) -> dict[str, str]:
    """msgid -> msgstr of a .po file (enough of the format for Django's makemessages output)."""
    entries, key, current = {}, None, {"msgid": "", "msgstr": ""}
    for line in [*path.read_text(encoding="utf-8").splitlines(), ""]:
        if line.startswith(("msgid ", "msgstr ")):
            key, _, literal = line.partition(" ")
            current[key] = ast.literal_eval(literal)
        elif line.startswith('"') and key:
            current[key] += ast.literal_eval(line)
        elif not line.strip() and key:
            entries[current["msgid"]] = current["msgstr"]
            key, current = None, {"msgid": "", "msgstr": ""}
    entries.pop("", None)  # the header
    return entries


def test_the_committed_compiled_catalog_matches_the_po_file():
    po = _po_translations(CATALOG.with_suffix(".po"))
    with CATALOG.with_suffix(".mo").open("rb") as handle:
        mo = gettext.GNUTranslations(handle)

    untranslated = sorted(msgid for msgid, msgstr in po.items() if not msgstr)
    assert untranslated == [], "translate these in the .po file"
    stale = sorted(msgid for msgid, msgstr in po.items() if mo.gettext(msgid) != msgstr)
    assert stale == [], "run `make messages` and commit the .mo file"
