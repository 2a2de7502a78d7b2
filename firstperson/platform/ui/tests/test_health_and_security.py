import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.db import DatabaseError
from django.urls import reverse

ROOT = Path(__file__).resolve().parents[4]


@pytest.mark.django_db
def test_health_check_answers_ok_when_the_database_answers(client):
    response = client.get(reverse("ui:healthz"))
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok"}


@pytest.mark.django_db
def test_health_check_answers_503_when_the_database_does_not(client, monkeypatch):
    from django.db import connection

    def unreachable(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr(connection, "cursor", unreachable)
    response = client.get(reverse("ui:healthz"))
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"


@pytest.mark.django_db
def test_pages_send_security_headers(client):
    response = client.get(reverse("ui:start"))
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy
    assert "script-src 'self' 'nonce-" in policy
    nonce = policy.split("'nonce-")[1].split("'")[0]
    assert f'nonce="{nonce}"' in response.content.decode()


def _load_production_settings(**environment):
    env = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "DEBUG", "ALLOWED_HOSTS", "DATABASE_URL", "SITE_URL"}
    }
    env.update(environment)
    env["DJANGO_SETTINGS_MODULE"] = "config.settings.production"
    return subprocess.run(
        [sys.executable, "-c", "import django; django.setup(); print('started')"],
        cwd=ROOT,
        env=env,
        capture_output=True,
        text=True,
        check=False,
    )


GOOD_KEY = "k" * 60
GOOD = {
    "SECRET_KEY": GOOD_KEY,
    "ALLOWED_HOSTS": "care.example.gov.uk",
    "DATABASE_URL": "postgres://app:app@db.internal:5432/firstperson",
    "SITE_URL": "https://care.example.gov.uk",
}


@pytest.mark.parametrize(
    ("environment", "message"),
    [
        ({"ALLOWED_HOSTS": "care.example.gov.uk"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": "short", "ALLOWED_HOSTS": "care.example.gov.uk"}, "SECRET_KEY must be set"),
        ({"SECRET_KEY": GOOD_KEY, "ALLOWED_HOSTS": "care.example.gov.uk", "DEBUG": "true"}, "DEBUG must be off"),
        ({"SECRET_KEY": GOOD_KEY}, "ALLOWED_HOSTS must list"),
        ({**GOOD, "DATABASE_URL": ""}, "DATABASE_URL must point"),
        ({**GOOD, "SITE_URL": "http://care.example.gov.uk"}, "SITE_URL must be the service's public https://"),
    ],
)
def test_production_settings_refuse_to_start_when_misconfigured(environment, message):
    result = _load_production_settings(**environment)
    assert result.returncode != 0
    assert message in result.stderr


def test_production_settings_start_when_configured():
    result = _load_production_settings(**GOOD)
    assert result.returncode == 0, result.stderr
    assert "started" in result.stdout
