"""Headers, logins and faults (README "Security")."""

import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.contrib.auth import get_user_model
from django.db import OperationalError
from django.test import Client

pytestmark = pytest.mark.django_db

BASE_DIR = Path(settings.BASE_DIR)


@pytest.mark.parametrize("url", ["/en/", "/ka/", "/en/news/", "/ka/search/?q=x"])
def test_public_pages_carry_a_content_security_policy(client, url):
    response = client.get(url)
    assert response.status_code == 200
    policy = response["Content-Security-Policy"]
    assert "default-src 'self'" in policy and "script-src 'self'" in policy
    assert "https://www.youtube.com" in policy  # video embeds
    assert "camera=()" in response["Permissions-Policy"]


def test_the_site_needs_nothing_from_another_origin(client):
    """Under `'self'` only: no inline script or style, fonts and CSS from the site."""
    body = client.get("/en/").content.decode()
    assert "<script>" not in body and "<style" not in body and ' style="' not in body
    css = (BASE_DIR / "site/static/css/site.css").read_text()
    assert "http://" not in css and "https://" not in css and "@import" not in css


def test_the_admin_keeps_wagtails_own_behaviour(client):
    response = client.get("/admin/login/")
    assert response.status_code == 200
    assert "Content-Security-Policy" not in response


def test_repeated_failed_admin_logins_are_throttled_and_logged(caplog):
    get_user_model().objects.create_user("target", "t@example.org", "right-password")
    client = Client()
    caplog.set_level(logging.INFO, logger="axes")
    for attempt in range(1, settings.AXES_FAILURE_LIMIT + 1):
        response = client.post(
            "/admin/login/", {"username": "target", "password": "wrong"}, REMOTE_ADDR="10.0.0.9"
        )
        # The form again, until the limit: then locked out.
        assert response.status_code == (429 if attempt == settings.AXES_FAILURE_LIMIT else 200)
    locked = client.post(
        "/admin/login/",
        {"username": "target", "password": "right-password"},
        REMOTE_ADDR="10.0.0.9",
    )
    assert locked.status_code == 429
    failures = [record for record in caplog.records if record.name.startswith("axes")]
    assert len(failures) >= settings.AXES_FAILURE_LIMIT, [r.getMessage() for r in failures]
    # Another address is not locked out by this one's failures.
    other = Client().post(
        "/admin/login/",
        {"username": "target", "password": "right-password"},
        REMOTE_ADDR="10.0.0.10",
    )
    assert other.status_code == 302


def test_database_connections_are_checked_before_reuse():
    assert settings.DATABASES["default"]["CONN_HEALTH_CHECKS"] is True


@pytest.mark.parametrize(
    ("error", "status"),
    [(OperationalError("server closed the connection"), 503), (KeyError("x"), 500)],
)
@pytest.mark.parametrize("url", ["/api/v2/pages/", "/api/v3/pages/"])
def test_a_server_side_fault_in_either_api_is_json(monkeypatch, url, error, status):
    from wagtail.models import Page

    def fail(*args, **kwargs):
        raise error

    monkeypatch.setattr(Page.objects.__class__, "live", fail)
    client = Client(raise_request_exception=False)
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"].startswith("application/json")
    assert "message" in response.json()


def test_check_deploy_is_clean_with_production_settings():
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.production",
        "SECRET_KEY": "x" * 30 + "-production-check-only-" + "y" * 30,
        "ALLOWED_HOSTS": "example.org",
    }
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
