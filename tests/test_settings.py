"""Production settings pass Django's deployment checklist with no warning, and every
settings module refuses a database that is not PostgreSQL."""

import json
import os
import secrets
import subprocess
import sys

import pytest
from django.conf import settings
from django.test import override_settings

# `check` reads the settings and never connects: any PostgreSQL URL will do.
PRODUCTION_DATABASE = "postgres://portal@db.internal:5432/cilegon_umkm"


def _manage(*args: str, **env: str) -> subprocess.CompletedProcess:
    environment = {
        k: v
        for k, v in os.environ.items()
        if k
        not in {"SECRET_KEY", "ALLOWED_HOSTS", "DEBUG", "DJANGO_ALLOW_ASYNC_UNSAFE", "DATABASE_URL"}
    }
    environment.update(env)
    return subprocess.run(  # noqa: S603 - our own manage.py with fixed arguments
        [sys.executable, "manage.py", *args],
        cwd=settings.BASE_DIR,
        env=environment,
        capture_output=True,
        text=True,
        check=False,
    )


def test_production_settings_pass_check_deploy_without_warnings():
    result = _manage(
        "check",
        "--deploy",
        "--fail-level",
        "WARNING",
        DJANGO_SETTINGS_MODULE="cilegon_umkm.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="umkm.cilegon.go.id",
        DATABASE_URL=PRODUCTION_DATABASE,
    )

    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_production_settings_refuse_to_start_without_a_database_url():
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="cilegon_umkm.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="umkm.cilegon.go.id",
    )

    assert result.returncode != 0
    assert "DATABASE_URL must name the PostgreSQL server" in result.stderr


@pytest.mark.parametrize("module", ["dev", "test", "production"])
@pytest.mark.parametrize(
    "url", ["sqlite:////tmp/portal.sqlite3", "mysql://root@127.0.0.1:3306/test"]
)
def test_a_database_that_is_not_postgresql_is_refused_at_start_up(module, url):
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE=f"cilegon_umkm.settings.{module}",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="umkm.cilegon.go.id",
        DATABASE_URL=url,
    )

    assert result.returncode != 0
    assert "DATABASE_URL must name a PostgreSQL server" in result.stderr
    assert "The portal runs on PostgreSQL only" in result.stderr


def test_production_settings_refuse_to_start_without_a_secret_key():
    result = _manage(
        "check",
        DJANGO_SETTINGS_MODULE="cilegon_umkm.settings.production",
        ALLOWED_HOSTS="umkm.cilegon.go.id",
        DATABASE_URL=PRODUCTION_DATABASE,
    )

    assert result.returncode != 0
    assert "SECRET_KEY must be set" in result.stderr


def test_behind_https_every_page_redirects_but_the_health_check(client, db):
    printed = _manage(
        "shell",
        "-c",
        "import json; from django.conf import settings as s; "
        "print(json.dumps([s.SECURE_SSL_REDIRECT, s.SECURE_REDIRECT_EXEMPT]))",
        DJANGO_SETTINGS_MODULE="cilegon_umkm.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="umkm.cilegon.go.id",
        DATABASE_URL=PRODUCTION_DATABASE,
    )
    redirect, exempt = json.loads(printed.stdout.strip().splitlines()[-1])

    with override_settings(SECURE_SSL_REDIRECT=redirect, SECURE_REDIRECT_EXEMPT=exempt):
        assert client.get("/healthz").status_code == 200
        login = client.get("/masuk/")
    assert login.status_code == 301 and login["Location"].startswith("https://")


def test_production_counts_the_visitor_behind_one_trusted_proxy():
    printed = _manage(
        "shell",
        "-c",
        "from django.conf import settings as s; "
        "print(s.TRUSTED_PROXY_COUNT, s.AXES_CLIENT_IP_CALLABLE)",
        DJANGO_SETTINGS_MODULE="cilegon_umkm.settings.production",
        SECRET_KEY=secrets.token_urlsafe(50),
        ALLOWED_HOSTS="umkm.cilegon.go.id",
        DATABASE_URL=PRODUCTION_DATABASE,
    )

    assert printed.stdout.strip().splitlines()[-1] == (
        "1 cilegon_umkm.accounts.client_address.client_address"
    )
