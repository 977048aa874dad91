"""Requests per second through a real server: gunicorn with production settings, loaded by wrk.

    python manage.py benchmark_server                      # demo and 10,000 articles, 5 s each
    python manage.py benchmark_server --sizes demo --duration 2
    python manage.py benchmark_server --checkout /tmp/old  # the same harness on another checkout

For each corpus size (the demo database; a copy of it with `load_benchmark_corpus --articles N`
added, built once and kept in `.bench/`) and each cache mode it starts gunicorn on 127.0.0.1
(production settings, a throwaway SECRET_KEY, SECURE_SSL_REDIRECT=false), warms each URL up
with a few requests, then runs Debian's `wrk` at 16 connections for a bounded time:

- cold: Django's cache is a DummyCache, so nothing is served from any cache (a response
  cache built on Django's cache, Wagtail's rendition and site caches: all off);
- warm: the production settings as they are (whatever cache and middleware they configure).

Each figure is requests per second, its ratio to one static file served by whitenoise in the
same run, and the median and 95th percentile latency. Nothing here runs in the test suite's
timed assertions; the figures are for the README's "Speed" table.
"""

import json
import os
import secrets
import shutil
import socket
import sqlite3
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path
from urllib.parse import quote

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from home.models import HomePage, MissionPage
from newsroom.models import ARTICLES_PER_PAGE, NewsIndexPage

LATENCY_SCRIPT = """
done = function(summary, latency, requests)
  io.write(string.format("p50 %d\\np95 %d\\n", latency:percentile(50), latency:percentile(95)))
end
"""
COLD_SETTINGS = """
from config.settings.production import *  # noqa: F403

CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
"""
COMMON_WORD = {"en": "migration", "ka": "მიგრაცია"}


def free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def copy_sqlite(source, target):
    """A consistent copy of a SQLite database (the online backup API, not a file copy)."""
    target.unlink(missing_ok=True)
    with sqlite3.connect(source) as src, sqlite3.connect(target) as dst:
        src.backup(dst)


def request_paths(extra_articles):
    """(label, path) of each benchmarked request, for a database with `extra_articles` more
    articles per language than this one (the corpus copies share the demo's pages and ids)."""
    paths = []
    for code, home in HomePage.live_by_language():
        locale = home.locale
        mission = MissionPage.objects.live().filter(locale=locale, depth=home.depth + 1).first()
        newsroom = NewsIndexPage.objects.live().filter(locale=locale).order_by("path").first()
        article = newsroom.articles().first()
        articles = newsroom.articles().count() + extra_articles
        last_page = -(-articles // ARTICLES_PER_PAGE)
        listing = f"/api/v2/pages/?type=newsroom.NewsArticlePage&locale={code}&fields=*&limit=20"
        paths += [
            (f"{code} home", home.url),
            (f"{code} mission page", mission.url),
            (f"{code} news index, last page", f"{newsroom.url}?page={last_page}"),
            (f"{code} article", article.url),
            (f"{code} search", f"/{code}/search/?q={quote(COMMON_WORD[code])}"),
            (f"{code} RSS feed", f"/{code}/feeds/news/"),
            (f"{code} API v2 listing, last 20", f"{listing}&offset={max(0, articles - 20)}"),
            (f"{code} API v2 detail", f"/api/v2/pages/{article.pk}/"),
            (f"{code} API v3 detail", f"/api/v3/pages/{article.pk}/"),
        ]
    paths.append(("sitemap.xml (index)", "/sitemap.xml"))
    paths.append(("sitemap section", "/sitemap-1.xml"))
    return paths


class Server:
    """gunicorn on 127.0.0.1, production settings, stopped on exit."""

    def __init__(self, checkout, database, settings_module, port, workers, pythonpath):
        self.port = port or free_port()
        self.base = f"http://127.0.0.1:{self.port}"
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings_module,
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1,localhost",
            "SECURE_SSL_REDIRECT": "false",
            "DATABASE_URL": f"sqlite:///{database}",
            "WAGTAILADMIN_BASE_URL": self.base,
            "MEDIA_ROOT": str(settings.MEDIA_ROOT),
            "PYTHONPATH": os.pathsep.join(filter(None, [pythonpath, str(checkout)])),
            "LOG_LEVEL": "ERROR",
        }
        self.process = subprocess.Popen(
            [
                sys.executable, "-m", "gunicorn", "config.wsgi:application",
                "--bind", f"127.0.0.1:{self.port}", "--workers", str(workers),
                "--chdir", str(checkout), "--log-level", "warning",
            ],
            # Started in the checkout: `python -m` puts the working directory first on
            # sys.path, ahead of PYTHONPATH, so from here it would serve this checkout's code.
            cwd=checkout, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE,
            start_new_session=True,
        )  # fmt: skip

    def wait_ready(self, timeout=90):
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise CommandError(f"gunicorn stopped: {self.process.stderr.read().decode()}")
            try:
                with urllib.request.urlopen(f"{self.base}/robots.txt", timeout=5) as response:
                    if response.status == 200:
                        return
            except OSError:
                time.sleep(0.5)
        raise CommandError("gunicorn did not answer within 90 s.")

    def stop(self):
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()


def run_wrk(url, duration, connections, script):
    """(requests per second, p50 ms, p95 ms, non-2xx/3xx count)."""
    result = subprocess.run(
        ["wrk", "-t2", f"-c{connections}", f"-d{duration}s", "--timeout", "10s", "-s", script, url],
        capture_output=True, text=True, timeout=duration + 60,
    )  # fmt: skip
    rps = p50 = p95 = None
    errors = 0
    for line in result.stdout.splitlines():
        words = line.split()
        if line.startswith("Requests/sec:"):
            rps = float(words[1])
        elif words[:1] == ["p50"]:
            p50 = int(words[1]) / 1000
        elif words[:1] == ["p95"]:
            p95 = int(words[1]) / 1000
        elif line.strip().startswith("Non-2xx or 3xx responses:"):
            errors = int(words[-1])
    if rps is None:
        raise CommandError(f"wrk gave no figures for {url}: {result.stdout}{result.stderr}")
    return rps, p50, p95, errors


class Command(BaseCommand):
    help = "Requests per second of the main pages through gunicorn and wrk, cold and warm."

    def add_arguments(self, parser):
        parser.add_argument("--sizes", default="demo,10000", help="demo and/or article counts")
        parser.add_argument("--duration", type=int, default=5, help="seconds of load per URL")
        parser.add_argument("--connections", type=int, default=16)
        parser.add_argument("--workers", type=int, default=2, help="gunicorn workers")
        parser.add_argument("--port", type=int, default=0, help="0: any free port")
        parser.add_argument("--modes", default="cold,warm")
        parser.add_argument(
            "--checkout", default=None, help="serve another checkout (same databases)"
        )
        parser.add_argument("--work-dir", default=None, help="default: <project>/.bench")

    def handle(self, *args, **options):
        if shutil.which("wrk") is None:
            raise CommandError("wrk is not installed (Debian package `wrk`).")
        database = settings.DATABASES["default"]
        if database["ENGINE"] != "django.db.backends.sqlite3":
            raise CommandError(
                "The server benchmark copies the SQLite database; unset DATABASE_URL."
            )
        if not (1 <= options["duration"] <= 120 and 1 <= options["connections"] <= 256):
            raise CommandError("--duration must be 1-120 s and --connections 1-256.")
        checkout = Path(options["checkout"] or settings.BASE_DIR).resolve()
        work = Path(options["work_dir"] or Path(settings.BASE_DIR) / ".bench")
        work.mkdir(exist_ok=True)
        sizes = [size.strip() for size in options["sizes"].split(",") if size.strip()]
        modes = [mode.strip() for mode in options["modes"].split(",") if mode.strip()]
        if not sizes or any(s != "demo" and not s.isdigit() for s in sizes):
            raise CommandError("--sizes: 'demo' and/or numbers of articles, comma-separated.")
        if not modes or set(modes) - {"cold", "warm"}:
            raise CommandError("--modes: cold and/or warm.")
        self.collectstatic(checkout)
        temp = Path(tempfile.mkdtemp(prefix="bench-settings-"))
        (temp / "bench_cold_settings.py").write_text(COLD_SETTINGS)
        script = temp / "latency.lua"
        script.write_text(LATENCY_SCRIPT)
        results = {}  # (size, mode) -> {label: (rps, p50, p95, errors)}
        try:
            for size in sizes:
                db_file = self.database_for(size, Path(database["NAME"]), work)
                extra = 0 if size == "demo" else int(size)
                paths = [("static file (whitenoise)", self.static_path(checkout))]
                paths += request_paths(extra)
                for mode in modes:
                    module = (
                        "bench_cold_settings" if mode == "cold" else "config.settings.production"
                    )
                    server = Server(
                        checkout, db_file, module, options["port"], options["workers"], str(temp)
                    )
                    try:
                        server.wait_ready()
                        results[size, mode] = self.measure(server, paths, options, str(script))
                    finally:
                        server.stop()
        finally:
            shutil.rmtree(temp, ignore_errors=True)
        self.print_table(results, sizes, modes, options)

    def collectstatic(self, checkout):
        env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": "config.settings.production",
            "SECRET_KEY": secrets.token_urlsafe(50),
            "ALLOWED_HOSTS": "127.0.0.1",
        }
        subprocess.run(
            [sys.executable, "manage.py", "collectstatic", "--noinput", "-v0"],
            cwd=checkout, env=env, check=True,
        )  # fmt: skip

    def static_path(self, checkout):
        """The hashed URL of the site's stylesheet, as collectstatic wrote it."""
        manifest = checkout / "static_collected" / "staticfiles.json"
        paths = json.loads(manifest.read_text())["paths"]
        return settings.STATIC_URL + paths["css/site.css"]

    def database_for(self, size, demo_database, work):
        """The demo database copied, or a copy with the benchmark corpus (built once)."""
        if size == "demo":
            target = work / "demo.sqlite3"
            copy_sqlite(demo_database, target)
            return target
        target = work / f"articles-{size}.sqlite3"
        if target.exists():
            # Built by an earlier run: brought up to this checkout's migrations (indexes).
            subprocess.run(
                [sys.executable, "manage.py", "migrate", "--noinput", "-v0"],
                cwd=settings.BASE_DIR, env={**os.environ, "DATABASE_URL": f"sqlite:///{target}"},
                check=True,
            )  # fmt: skip
            return target
        building = work / f"articles-{size}.building.sqlite3"
        copy_sqlite(demo_database, building)
        self.stdout.write(f"Building the {size}-article corpus in {target} (once)...")
        env = {**os.environ, "DATABASE_URL": f"sqlite:///{building}"}
        subprocess.run(
            [sys.executable, "manage.py", "load_benchmark_corpus", "--articles", size],
            cwd=settings.BASE_DIR, env=env, check=True, stdout=subprocess.DEVNULL,
        )  # fmt: skip
        building.rename(target)
        return target

    def measure(self, server, paths, options, script):
        figures = {}
        for label, path in paths:
            url = server.base + path
            try:
                for _ in range(3):  # warm-up: workers' imports, renditions, the response cache
                    urllib.request.urlopen(url, timeout=30).read()
            except OSError as e:  # a 404 on an older checkout, a worker killed by a timeout
                self.stderr.write(f"{label}: {url}: {e}")
                figures[label] = None
                continue
            figures[label] = run_wrk(url, options["duration"], options["connections"], script)
        return figures

    def print_table(self, results, sizes, modes, options):
        self.stdout.write(
            f"wrk -t2 -c{options['connections']} -d{options['duration']}s, gunicorn "
            f"{options['workers']} sync workers, production settings, SQLite, 127.0.0.1"
        )
        header = ["request"]
        for size in sizes:
            for mode in modes:
                name = "demo" if size == "demo" else f"{int(size):,} articles"
                header += [f"{name} {mode} req/s (× static)", "p50 / p95 ms"]
        rows = []
        labels = list(next(iter(results.values())))
        for label in labels:
            row = [label]
            for size in sizes:
                for mode in modes:
                    if results[size, mode][label] is None:
                        row += ["fails", "–"]
                        continue
                    rps, p50, p95, errors = results[size, mode][label]
                    static = results[size, mode]["static file (whitenoise)"]
                    # No ratio when the static file failed (a checkout that serves no such file).
                    ratio = f"{rps / static[0]:.2f}" if static else "–"
                    flag = f" ({errors} errors)" if errors else ""
                    row += [f"{rps:.0f} ({ratio}){flag}", f"{p50:.0f} / {p95:.0f}"]
            rows.append(row)
        self.stdout.write("| " + " | ".join(header) + " |")
        self.stdout.write("|" + "---|" * len(header))
        for row in rows:
            self.stdout.write("| " + " | ".join(row) + " |")
