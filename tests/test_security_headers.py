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
from django.core.signals import request_started
from django.db import OperationalError, connection, transaction
from django.test.client import RequestFactory

# Django's own handler, request_started signal and all (the test client skips the
# connection bookkeeping a real server does at each request).
app = WSGIHandler()
admin = psycopg.connect(os.environ["ADMIN_DSN"], autocommit=True)


def drop_connection(**kwargs):
    connection.ensure_connection()
    admin.execute("SELECT pg_terminate_backend(%s)", [connection.connection.info.backend_pid])


def get(path):
    statuses = []
    app(RequestFactory(HTTP_HOST="127.0.0.1").get(path).environ, lambda s, h: statuses.append(s))
    return int(statuses[0].split()[0])


def fails(statement):
    drop_connection()
    try:
        statement()
    except OperationalError:
        return True
    return False


def drop_after_the_health_check(**kwargs):
    connection.cursor().execute("SELECT 1")  # the health check runs, and passes
    drop_connection()


report = {"warm": get("/en/")}
# A restart between requests: the health check replaces the connection.
drop_connection()
report["between requests"] = [get("/en/"), get("/api/v2/pages/")]
# Dropped during the request, after the health check: the first read is retried once.
request_started.connect(drop_after_the_health_check)
report["during a request"] = [
    get(path) for path in ("/en/", "/ka/", "/api/v2/pages/", "/api/v3/pages/")
]
request_started.disconnect(drop_after_the_health_check)
# Never repeated: a write, or a read inside a transaction (its earlier work is gone).
report["write repeated"] = not fails(
    lambda: connection.cursor().execute("UPDATE wagtailcore_site SET port = port WHERE false")
)
report["transaction repeated"] = not fails(
    lambda: transaction.atomic()(lambda: connection.cursor().execute("SELECT 1"))()
)
report["after"] = get("/en/")
print(json.dumps(report))
"""


def test_the_next_request_succeeds_after_the_database_dropped_the_connection():
    """The database closes the app's connection under it (as a restart does): between two
    requests CONN_HEALTH_CHECKS opens a new one; during a request (after the check) the read
    that met the dead connection is retried once (serving/postgresql/base.py), but never a
    write or a statement inside a transaction. Run in a fresh process on this run's
    (committed) demo database."""
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
    env["RESPONSE_CACHE"] = "off"  # every request reads the database
    result = subprocess.run(
        [sys.executable, "-c", DROP_CONNECTION],
        cwd=BASE_DIR,
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr[-2000:]
    assert json.loads(result.stdout.strip().splitlines()[-1]) == {
        "warm": 200,
        "between requests": [200, 200],
        "during a request": [200, 200, 200, 200],
        "write repeated": False,
        "transaction repeated": False,
        "after": 200,
    }


def test_a_failed_connection_attempt_is_tried_once_more(monkeypatch):
    """Connecting sends nothing, so a refused attempt (the database still starting after a
    restart) is safe to repeat: once, after a pause."""
    import psycopg
    from django.db.backends.postgresql import base as django_postgresql

    from serving.postgresql import base as retrying

    monkeypatch.setattr(retrying, "CONNECT_RETRY_PAUSE_SECONDS", 0)
    wrapper = retrying.DatabaseWrapper(
        {**settings.DATABASES["default"], "ENGINE": "serving.postgresql", "OPTIONS": {}}
    )
    outcomes = []

    def connect(self, conn_params):
        outcomes.append(len(outcomes))
        if len(outcomes) <= failures:
            raise psycopg.OperationalError("the database system is starting up")
        return "connection"

    monkeypatch.setattr(django_postgresql.DatabaseWrapper, "get_new_connection", connect)
    failures = 1
    assert wrapper.get_new_connection({}) == "connection" and len(outcomes) == 2
    outcomes.clear()
    failures = 2
    with pytest.raises(psycopg.OperationalError):
        wrapper.get_new_connection({})
    assert len(outcomes) == 2  # once more, not again and again
