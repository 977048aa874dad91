"""Real servers (marked slow): gunicorn with production settings, two app servers on one
database and cache, and Debian's Varnish in front, each showing a publish at once.

The servers get their own database, derived from the test settings (`<NAME>_twoservers` on
PostgreSQL, a temporary file on SQLite), loaded with the demo content and dropped at the end;
their own cache (REDIS_URL with a unique key prefix when set, else a shared cache directory);
and their own media folder. A publish goes through the ORM in a separate process with the same
settings, so it takes the production purge path (serving/purge.py), then both servers are read.
"""

import json
import os
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.request
import uuid
from pathlib import Path

import pytest
import redis
from django.conf import settings

pytestmark = pytest.mark.slow

BASE_DIR = Path(__file__).resolve().parent.parent
VARNISHD = shutil.which("varnishd") or "/usr/sbin/varnishd"
START_TIMEOUT = 90


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def is_postgres():
    return settings.DATABASES["default"]["ENGINE"].endswith("postgresql")


def fetch(url, headers=None):
    request = urllib.request.Request(url, headers=headers or {})
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            return response.status, dict(response.headers), response.read().decode()
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), error.read().decode()


def wait_for(url, process, what):
    deadline = time.monotonic() + START_TIMEOUT
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"{what} exited with status {process.returncode}")
        try:
            if fetch(url)[0] == 200:
                return
        except OSError:
            pass
        time.sleep(0.5)
    raise RuntimeError(f"{what} did not answer {url} within {START_TIMEOUT}s")


class Site:
    """A database, media folder and cache for the servers of this module."""

    def __init__(self, tmp):
        self.tmp = tmp
        self.pg_name = None
        db = settings.DATABASES["default"]
        if is_postgres():
            self.pg_name = f"{db['NAME']}_twoservers"
            self.pg = {k: db[k] for k in ("USER", "PASSWORD", "HOST", "PORT")}
            self.database_url = (
                f"postgres://{db['USER']}:{db['PASSWORD'] or ''}@{db['HOST'] or '127.0.0.1'}"
                f":{db['PORT'] or 5432}/{self.pg_name}"
            )
        else:
            self.database_url = f"sqlite:///{tmp / 'site.sqlite3'}"
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": "slow-test-secret-" + uuid.uuid4().hex * 2,
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": self.database_url,
            "MEDIA_ROOT": str(tmp / "media"),
            "CACHE_DIR": str(tmp / "cache"),
            "CACHE_KEY_PREFIX": f"slowtest-{uuid.uuid4().hex[:8]}",
            "LOG_LEVEL": "WARNING",
        }
        self.env.pop("FRONTEND_CACHE_PURGE_URL", None)

    def admin_sql(self, sql):
        import psycopg

        with psycopg.connect(
            dbname="postgres",
            user=self.pg["USER"],
            password=self.pg["PASSWORD"] or None,
            host=self.pg["HOST"] or "127.0.0.1",
            port=self.pg["PORT"] or 5432,
            autocommit=True,
        ) as connection:
            connection.execute(sql)

    def create(self):
        if self.pg_name:
            self.admin_sql(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
            self.admin_sql(f'CREATE DATABASE "{self.pg_name}"')
        for command in (["migrate", "--noinput"], ["load_demo_content"], ["collectstatic"]):
            if command == ["collectstatic"]:
                command = ["collectstatic", "--noinput", "-v0"]
            subprocess.run(
                [sys.executable, "manage.py", *command],
                cwd=BASE_DIR,
                env=self.env,
                check=True,
                capture_output=True,
                timeout=600,
            )

    def drop(self):
        if self.pg_name:
            self.admin_sql(f'DROP DATABASE IF EXISTS "{self.pg_name}" WITH (FORCE)')
        if self.env.get("REDIS_URL"):  # this run's keys, all under its own prefix
            client = redis.Redis.from_url(self.env["REDIS_URL"])
            for key in client.scan_iter(match=f"{self.env['CACHE_KEY_PREFIX']}:*", count=500):
                client.delete(key)

    def start_gunicorn(self, **extra_env):
        port = free_port()
        process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "gunicorn",
                "config.wsgi:application",
                f"--bind=127.0.0.1:{port}",
                "--workers=2",
                "--no-control-socket",
                "--timeout=60",
            ],
            cwd=BASE_DIR,
            env={**self.env, **extra_env},
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        url = f"http://127.0.0.1:{port}"
        try:
            wait_for(f"{url}/robots.txt", process, "gunicorn")
        except Exception:
            stop(process)
            raise
        return process, url

    def publish(self, code, title, **extra_env):
        """Publish a new title for the newest article in `code`, in another process, with the
        servers' settings (the ORM and serving/purge.py, as an editor's publish would)."""
        script = (
            "from newsroom.models import NewsArticlePage as A\n"
            f"p = A.objects.live().filter(locale__language_code={code!r}).order_by('-date')[0]\n"
            f"p.title = {title!r}\n"
            "p.save_revision().publish()\n"
            "print(p.pk, p.url)\n"
        )
        result = subprocess.run(
            [sys.executable, "manage.py", "shell", "-c", script],
            cwd=BASE_DIR,
            env={**self.env, **extra_env},
            check=True,
            capture_output=True,
            text=True,
            timeout=120,
        )
        pk, url = result.stdout.split()[-2:]
        return int(pk), url


def stop(process):
    if process.poll() is None:
        process.terminate()
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


@pytest.fixture(scope="module")
def site():
    tmp = Path(tempfile.mkdtemp(prefix="iom-servers-"))
    tmp.chmod(0o755)  # varnishd reads its VCL as its own unprivileged user
    site = Site(tmp)
    try:
        site.create()
        yield site
    finally:
        site.drop()
        shutil.rmtree(tmp, ignore_errors=True)


def newest_article_url(base, code):
    status, _headers, body = fetch(
        f"{base}/api/v2/pages/?type=newsroom.NewsArticlePage&locale={code}&order=-date&limit=1"
        "&fields=html_url"
    )
    assert status == 200, body
    item = json.loads(body)["items"][0]
    return item["id"], item["meta"]["html_url"].split("://", 1)[1].split("/", 1)[1]


def test_two_app_servers_show_a_publish_at_once(site):
    if not is_postgres():
        pytest.skip("two app servers need a shared database server: run with DATABASE_URL=postgres")
    first, first_url = site.start_gunicorn()
    second, second_url = site.start_gunicorn()
    try:
        pages = {code: newest_article_url(first_url, code) for code in ("en", "ka")}
        urls = [f"/{path}" for _pk, path in pages.values()]
        urls += [f"/api/v2/pages/{pk}/" for pk, _path in pages.values()] + ["/en/", "/ka/"]
        for base in (first_url, second_url):
            for url in urls:
                fetch(base + url)
                status, headers, _body = fetch(base + url)
                assert status == 200 and headers.get("X-Response-Cache") == "hit", base + url
        titles = {"en": f"Two servers {uuid.uuid4().hex[:6]}", "ka": "ორი სერვერი"}
        for code, title in titles.items():
            site.publish(code, title)
        for base in (first_url, second_url):
            for code, (pk, path) in pages.items():
                for url in (f"{base}/{path}", f"{base}/api/v2/pages/{pk}/", f"{base}/{code}/"):
                    status, headers, body = fetch(url)
                    assert status == 200, url
                    assert titles[code] in body, f"{url} does not show the publish"
                    assert headers.get("X-Response-Cache") != "hit", url
    finally:
        stop(first)
        stop(second)


@pytest.mark.skipif(not os.path.exists(VARNISHD), reason="Debian's varnishd is not installed")
def test_varnish_in_front_hits_and_is_purged_by_a_publish(site):
    varnish_port = free_port()
    purge_env = {"FRONTEND_CACHE_PURGE_URL": f"http://127.0.0.1:{varnish_port}/"}
    app, app_url = site.start_gunicorn(**purge_env)
    app_port = app_url.rsplit(":", 1)[1]
    vcl = (BASE_DIR / "deploy" / "varnish.vcl").read_text()
    vcl = vcl.replace('.port = "8000";', f'.port = "{app_port}";')
    (site.tmp / "varnish.vcl").write_text(vcl)
    varnish = subprocess.Popen(
        [
            VARNISHD,
            "-F",
            "-a",
            f"127.0.0.1:{varnish_port}",
            "-f",
            str(site.tmp / "varnish.vcl"),
            "-n",
            str(site.tmp / "varnish"),
            "-s",
            "malloc,64m",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    front = f"http://127.0.0.1:{varnish_port}"
    try:
        try:
            wait_for(f"{front}/robots.txt", varnish, "varnishd")
        except RuntimeError as error:
            stderr = varnish.stderr.read().decode() if varnish.poll() is not None else ""
            raise RuntimeError(f"{error}: {stderr[-500:]}") from error
        for code in ("en", "ka"):
            _pk, path = newest_article_url(app_url, code)
            url = f"{front}/{path}"
            fetch(url)
            status, headers, _body = fetch(url)
            assert status == 200
            assert headers["X-Cache"] == "HIT" and int(headers["Age"]) >= 0, headers
            title = f"Through Varnish {code} {uuid.uuid4().hex[:6]}"
            site.publish(code, title, **purge_env)
            status, headers, body = fetch(url)
            assert status == 200 and title in body, "Varnish served the page from before"
            assert headers["X-Cache"] == "MISS"
        # The admin and sessions pass through; a page for a session is never a hit.
        fetch(f"{front}/en/")
        _status, headers, _body = fetch(f"{front}/en/", {"Cookie": "sessionid=x"})
        assert headers["X-Cache"] == "MISS" and "private" in headers["Cache-Control"]
    finally:
        stop(varnish)
        stop(app)


def test_make_serve_runs_gunicorn_and_the_scheduler_and_stops_on_sigterm(tmp_path):
    """`make serve`'s launcher on a fresh SQLite database: migrate, collectstatic, then both
    processes; SIGTERM stops them all with status 0."""
    port = free_port()
    env = {
        **{k: v for k, v in os.environ.items() if k not in {"REDIS_URL", "DJANGO_SETTINGS_MODULE"}},
        "SECRET_KEY": "serve-test-" + uuid.uuid4().hex * 2,
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "false",
        "DATABASE_URL": f"sqlite:///{tmp_path / 'serve.sqlite3'}",
        "MEDIA_ROOT": str(tmp_path / "media"),
        "CACHE_DIR": str(tmp_path / "cache"),
        "HOST": "127.0.0.1",
        "PORT": str(port),
        "WEB_CONCURRENCY": "2",
    }
    launcher = subprocess.Popen(
        [sys.executable, "-m", "serving.launch", "serve"],
        cwd=BASE_DIR,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    # The launcher's output, read as it comes (the scheduler starts beside gunicorn and may
    # announce itself after the first page is served).
    lines = []
    reader = threading.Thread(target=lambda: lines.extend(launcher.stdout), daemon=True)
    reader.start()
    try:
        wait_for(f"http://127.0.0.1:{port}/robots.txt", launcher, "make serve")
        status, headers, _body = fetch(f"http://127.0.0.1:{port}/robots.txt")
        assert status == 200 and "s-maxage" in headers["Cache-Control"]
        deadline = time.monotonic() + 60
        while not any("Scheduler: publish_scheduled every" in line for line in lines):
            assert time.monotonic() < deadline, "".join(lines)
            time.sleep(0.2)
        launcher.send_signal(signal.SIGTERM)
        assert launcher.wait(timeout=60) == 0
        reader.join(timeout=10)
        output = "".join(lines)
        assert "gunicorn workers" in output and "Scheduler: publish_scheduled every" in output
        assert "Scheduler stopped." in output
        with pytest.raises(OSError):
            fetch(f"http://127.0.0.1:{port}/robots.txt")
    finally:
        stop(launcher)
