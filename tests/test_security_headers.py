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


DROP_CONNECTION = """
import json, os
import django
import psycopg
django.setup()
from django.core.handlers.wsgi import WSGIHandler
from django.db import connection
from django.test.client import RequestFactory

# Django's own handler, request_started signal and all (the test client skips the
# connection bookkeeping a real server does at each request).
app = WSGIHandler()


def get(path):
    statuses = []
    app(RequestFactory(HTTP_HOST="127.0.0.1").get(path).environ, lambda s, h: statuses.append(s))
    return int(statuses[0].split()[0])


statuses = [get("/en/")]
with psycopg.connect(os.environ["ADMIN_DSN"], autocommit=True) as admin:
    admin.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])
statuses += [get("/en/"), get("/api/v2/pages/")]
print(json.dumps(statuses))
"""


def test_the_next_request_succeeds_after_the_database_dropped_the_connection():
    """The database closes the app's connection under it (as a restart does); with
    CONN_HEALTH_CHECKS the next request opens a new one instead of failing. Run in a fresh
    process on this run's (committed) demo database."""
    import json

    from django.db import connections

    config = connections["default"].settings_dict
    if connections["default"].vendor != "postgresql":
        pytest.skip("SQLite has no server to drop the connection; this runs on PostgreSQL")
    user, host = config.get("USER") or "postgres", config.get("HOST") or "127.0.0.1"
    port = config.get("PORT") or 5432
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "config.settings.dev",
        "DATABASE_URL": f"postgres://{user}@{host}:{port}/{config['NAME']}",
        "ADMIN_DSN": f"postgresql://{user}@{host}:{port}/postgres",
    }
    env.pop("REDIS_URL", None)
    result = subprocess.run(
        [sys.executable, "-c", DROP_CONNECTION],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == [200, 200, 200]
