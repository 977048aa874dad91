"""`make serve`'s launcher refuses bad settings in one line; the scheduler loop stops cleanly;
an unreachable Redis is a slower site with one warning."""

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
from io import StringIO
from pathlib import Path

import pytest
from django.core.cache import cache
from django.core.management import call_command
from django.test import override_settings

from serving.management.commands import run_scheduler
from serving.rediscache import redis_recovered
from serving.responsecache import HIT_HEADER, current_generation

BASE_DIR = Path(__file__).resolve().parent.parent
GOOD = {
    "SECRET_KEY": "launcher-test-" + "x" * 50,
    "ALLOWED_HOSTS": "127.0.0.1",
    "SECURE_SSL_REDIRECT": "false",
}


def closed_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]  # nothing listens once the socket is closed


def launch(**env):
    environment = {
        key: value
        for key, value in os.environ.items()
        if key not in {"SECRET_KEY", "ALLOWED_HOSTS", "DJANGO_SETTINGS_MODULE", "PORT"}
    }
    return subprocess.run(
        [sys.executable, "-m", "serving.launch", "serve"],
        cwd=BASE_DIR,
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=120,
    )


@pytest.mark.parametrize(
    "env, message",
    [
        ({**GOOD, "SECRET_KEY": ""}, "SECRET_KEY must be set"),
        ({**GOOD, "ALLOWED_HOSTS": ""}, "ALLOWED_HOSTS must be set"),
        ({**GOOD, "PORT": "eighty"}, "PORT must be a whole number from 1 to 65535, not 'eighty'"),
        ({**GOOD, "PORT": "70000"}, "PORT must be a whole number"),
        ({**GOOD, "WEB_CONCURRENCY": "0"}, "WEB_CONCURRENCY must be a whole number"),
        ({**GOOD, "SECURE_SSL_REDIRECT": "maybe"}, "SECURE_SSL_REDIRECT must be true or false"),
        ({**GOOD, "RUN_SCHEDULER": "sometimes"}, "RUN_SCHEDULER must be true or false"),
        (
            {**GOOD, "DATABASE_URL": f"postgres://postgres@127.0.0.1:{closed_port()}/nothing"},
            "Cannot reach the database",
        ),
    ],
    ids=["secret", "hosts", "port", "port-range", "workers", "ssl", "scheduler", "database"],
)
def test_bad_settings_stop_serve_with_one_line(env, message):
    result = launch(**env)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("serve: ") and message in lines[0], lines


@pytest.mark.django_db
def test_scheduler_loop_stops_on_sigterm(monkeypatch):
    passes = []
    monkeypatch.setattr(run_scheduler.Command, "run_pass", lambda self: passes.append(1))
    monkeypatch.setattr(run_scheduler, "close_old_connections", lambda: None)
    before = signal.getsignal(signal.SIGTERM)
    timer = threading.Timer(0.5, os.kill, (os.getpid(), signal.SIGTERM))
    timer.start()
    out = StringIO()
    call_command("run_scheduler", "--interval", "0.05", stdout=out)
    timer.join()
    assert len(passes) >= 2
    assert "Scheduler stopped." in out.getvalue()
    assert signal.getsignal(signal.SIGTERM) is before


@pytest.mark.django_db
def test_scheduler_pass_survives_a_failure(monkeypatch, caplog):
    def broken(*args, **kwargs):
        raise RuntimeError("database restarting")

    monkeypatch.setattr(run_scheduler, "call_command", broken)
    run_scheduler.Command().run_pass()
    assert "publish_scheduled failed" in caplog.text


@pytest.mark.django_db
def test_unreachable_redis_is_a_slower_site_with_one_warning(client, caplog, settings):
    settings.RESPONSE_CACHE_ENABLED = True
    unreachable = {
        "default": {
            "BACKEND": "serving.rediscache.ResilientRedisCache",
            "LOCATION": f"redis://127.0.0.1:{closed_port()}/0",
            "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
        }
    }
    urls = ["/en/", "/ka/", "/api/v2/pages/?limit=2", "/api/v3/pages/?limit=2", "/sitemap.xml"]
    with override_settings(CACHES=unreachable), caplog.at_level(logging.WARNING):
        for _ in range(3):
            for url in urls:
                response = client.get(url)
                assert response.status_code == 200, url
                assert HIT_HEADER not in response, url
    warnings = [r for r in caplog.records if r.name == "serving.rediscache"]
    assert len(warnings) == 1, [r.getMessage() for r in warnings]
    assert "unreachable" in warnings[0].getMessage()
    assert not any(record.exc_info for record in caplog.records)


@pytest.mark.django_db
def test_redis_back_after_an_outage_purges(client, settings):
    """A process that saw Redis fail purges when it is back: a publish meanwhile (here or on
    another server) may not have reached the cache."""
    settings.RESPONSE_CACHE_ENABLED = True
    cache.clear()
    client.get("/robots.txt")
    generation = current_generation()
    assert client.get("/robots.txt")[HIT_HEADER] == "hit"
    redis_recovered.send(sender=None)
    assert client.get("/robots.txt")[HIT_HEADER] == "miss"
    assert current_generation() != generation
    cache.clear()


@pytest.mark.parametrize("extra", [{}, {"REDIS_URL": "redis://127.0.0.1:6379/0"}])
def test_production_settings_pass_check_deploy(extra):
    environment = {k: v for k, v in os.environ.items() if k != "REDIS_URL"}
    result = subprocess.run(
        [sys.executable, "manage.py", "check", "--deploy", "--fail-level", "WARNING"],
        cwd=BASE_DIR,
        env={
            **environment,
            **GOOD,
            **extra,
            "SECURE_SSL_REDIRECT": "true",
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "FRONTEND_CACHE_PURGE_URL": "http://127.0.0.1:6081/",
        },
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "no issues" in result.stdout


def test_the_wsgi_application_sets_what_it_loaded_aside_from_the_collector():
    """config/wsgi.py (gunicorn's and runserver's entry) imports the URLconf and freezes
    everything loaded, so Python's full collections do not walk it on every run."""
    probe = (
        "import gc, sys, config.wsgi; print(gc.get_freeze_count(), 'config.urls' in sys.modules)"
    )
    environment = {k: v for k, v in os.environ.items() if k != "DJANGO_SETTINGS_MODULE"}
    result = subprocess.run(
        [sys.executable, "-c", probe],
        cwd=BASE_DIR, env={**environment, **GOOD}, capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr[-2000:]
    frozen, urls = result.stdout.split()
    assert int(frozen) > 100_000 and urls == "True"
