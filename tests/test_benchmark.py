"""`manage.py benchmark` prints its table for every main page and API call. Its figures are
for people comparing runs; this test checks only that each row answered 200 and how many
queries it took, never a time."""

import gc
import json
import os
import sqlite3
import subprocess
import sys
from io import StringIO
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command
from django.db import connection

from home import benchmark_turns
from home.benchmark_turns import measure
from home.management.commands.benchmark import comparison_row
from newsroom.models import NewsArticlePage

pytestmark = pytest.mark.django_db

# The most queries any one page or API call of the demo site may make (the home page, with
# its menu, featured pages, latest news and translations, makes 37).
QUERY_BUDGET = 50


def test_every_benchmarked_request_answers_within_the_query_budget():
    out = StringIO()
    call_command("benchmark", requests=1, warmup=0, stdout=out)
    lines = out.getvalue().splitlines()
    header = [cell.strip() for cell in lines[1].split("|")]
    assert header == ["request", "status", "queries", "p50 ms", "p95 ms", "max ms", "req/s"]
    rows = [[cell.strip() for cell in line.split("|")] for line in lines[3:]]
    labels = [row[0] for row in rows]
    for language in ("en", "ka"):
        for kind in ("home", "mission page", "news index", "article", "search", "RSS feed"):
            assert f"{language} {kind}" in labels
    assert "sitemap.xml" in labels and "API v3 OpenAPI" in labels
    for label, status, queries, *_times in rows:
        assert status == "200", label
        assert int(queries) <= QUERY_BUDGET, (label, queries)


def test_bad_arguments_are_refused():
    with pytest.raises(CommandError):
        call_command("benchmark", requests=0, stdout=StringIO())


def test_a_comparison_row_gives_both_medians_and_their_ratio():
    here = [(200, 10.0, [10.0, 12.0]), (200, 10.0, [11.0])]
    there = [(200, 10.0, [20.0, 24.0]), (200, 10.0, [22.0])]
    assert comparison_row("en home", here, there) == [
        "en home", "10", "11.0", "10", "22.0", "2.00x",
    ]  # fmt: skip
    assert comparison_row("sitemap", here, [None] * 2)[3:] == ["-", "-", "-"]
    failed = [(404, 3.0, [1.0])]
    assert comparison_row("v3", failed, there)[0] == "v3 (status 200/404)"


def test_only_measures_the_rows_named():
    out = StringIO()
    call_command("benchmark", requests=1, warmup=0, only=["ka search"], stdout=out)
    labels = [line.split("|")[0].strip() for line in out.getvalue().splitlines()[3:]]
    assert labels == ["ka search", "ka search, 10,000 characters"]
    with pytest.raises(CommandError):
        call_command("benchmark", requests=1, only=["no such row"], stdout=StringIO())


def test_cold_turns_djangos_cache_off_for_the_measured_requests(client):
    """`--cold`: nothing comes from Django's cache (Wagtail's site root paths among it), as in
    benchmark_server's cold mode; the timed requests run with DEBUG off either way."""
    article = NewsArticlePage.objects.live().filter(locale__language_code="en").first()
    url = article.url
    warm = measure(client, url, requests=2, warmup=1)
    cold = measure(client, url, requests=2, warmup=1, cold=True)
    assert warm[0] == cold[0] == 200 and len(warm[2]) == len(cold[2]) == 2
    # Renditions and restricted collections are read from the database each time.
    assert cold[1] > warm[1] > 0


@pytest.mark.skipif(connection.vendor != "sqlite", reason="copies the SQLite test database")
def test_a_checkout_is_measured_in_a_child_process_on_this_database(tmp_path):
    """`--checkout DIR` runs home/benchmark_turns.py in DIR (here this checkout) on a copy of
    this database: one JSON line asked, one answered with the status, queries and times."""
    copy = tmp_path / "copy.sqlite3"
    with sqlite3.connect(copy) as target:
        connection.ensure_connection()
        connection.connection.backup(target)
    child = subprocess.run(
        [sys.executable, str(Path(benchmark_turns.__file__)), "testserver"],
        cwd=settings.BASE_DIR,
        env={**os.environ, "DATABASE_URL": f"sqlite:///{copy}"},
        input=json.dumps(["/en/search/?q=migration", 2, 1, False]) + "\n",
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert child.returncode == 0, child.stderr[-2000:]
    status, queries, timings = json.loads(child.stdout)
    assert status == 200 and queries > 0 and len(timings) == 2
    with pytest.raises(CommandError, match="No manage.py"):
        call_command("benchmark", requests=1, checkout=str(tmp_path), stdout=StringIO())


def test_what_is_loaded_is_set_aside_while_measuring_and_given_back_after():
    """As config/wsgi.py does for the server's workers; afterwards the process (this test
    run) collects as before."""
    with benchmark_turns.loaded_set_aside():
        assert gc.get_freeze_count() > 100_000
    assert gc.get_freeze_count() == 0
