"""Response times and query counts of the pages and API calls readers and apps make most.

    python manage.py benchmark                 # 30 requests each, after 3 warm-up requests
    python manage.py benchmark --requests 200  # steadier figures
    python manage.py benchmark --compare sqlite:///.bench/articles-10000.sqlite3
    make bench                                 # on the development database, then both sizes

Requests go through Django's test client in this process (no network, no server), with the
response cache off (serving/responsecache.py; every row would otherwise be a cache hit), so the
figures are the application's own: templates, queries, serialization. They depend on the
machine; compare runs on the same one. Nothing here fails on a slow machine: the test suite
only checks that every row answers 200 with a bounded number of queries.

`--compare DATABASE_URL` measures this database in this process and the other one (e.g. the
10,000-article copy that `benchmark_server` builds) in a child process, each row in `--turns`
turns of a few requests on one database, then the other, and prints both side by side with
the ratio of their medians: a machine busy with other work slows both columns of a row alike.
`--checkout DIR` does the same with another checkout's code (an older commit's worktree) on
this database (home/benchmark_turns.py); `--cold` turns Django's cache off too, as
`benchmark_server`'s cold mode does:

    python manage.py benchmark --cold --checkout /tmp/f23dcd5   # this commit against that one
"""

import argparse
import json
import os
import statistics
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client

from home import benchmark_turns
from home.models import HomePage, MissionPage
from newsroom.models import ARTICLES_PER_PAGE, NewsArticlePage, NewsIndexPage

GEORGIAN_QUERY = "მიგრაცია"  # a common word: every benchmark article has it
ROUNDS = 5  # --compare: turns per row, each database in turn
LONG_QUERY = "მიგრაცია " * 1112  # 10,008 characters: a pasted document, not a query


def benchmark_urls():
    """(label, URL) for each language's pages, then the API, feeds and sitemap."""
    urls = []
    for code, home in HomePage.live_by_language():
        locale = home.locale
        mission = MissionPage.objects.live().filter(locale=locale, depth=home.depth + 1).first()
        news = NewsIndexPage.objects.live().filter(locale=locale).first()
        article = NewsArticlePage.objects.filter(locale=locale).for_listing().first()
        query = GEORGIAN_QUERY if code == "ka" else "migration"
        articles = news.articles().count() if news else 0
        last_page = -(-articles // ARTICLES_PER_PAGE)
        urls += [
            (f"{code} home", home.url),
            (f"{code} mission page", mission and mission.url),
            (f"{code} news index", news and news.url),
            (f"{code} news index, last page", news and f"{news.url}?page={last_page}"),
            (f"{code} article", article and article.url),
            (f"{code} search", f"/{code}/search/?q={query}"),
            (f"{code} search, 10,000 characters", f"/{code}/search/?q={LONG_QUERY}"),
            (f"{code} RSS feed", f"/{code}/feeds/news/"),
            (
                f"{code} API v2 articles fields=*",
                f"/api/v2/pages/?type=newsroom.NewsArticlePage&locale={code}&fields=*",
            ),
            (
                f"{code} API v2 articles, last 20",
                f"/api/v2/pages/?type=newsroom.NewsArticlePage&locale={code}&fields=*"
                f"&offset={max(0, articles - 20)}",
            ),
            # The same number of articles at every size (the demo has 2 per language, so its
            # "last 20" answers 2): what the depth of the listing costs, apart from its length.
            (
                f"{code} API v2 articles, last 2",
                f"/api/v2/pages/?type=newsroom.NewsArticlePage&locale={code}&fields=*"
                f"&limit=2&offset={max(0, articles - 2)}",
            ),
            (f"{code} API v2 detail", article and f"/api/v2/pages/{article.pk}/"),
            (f"{code} API v3 pages", f"/api/v3/pages/?locale={code}"),
            (f"{code} API v3 detail", article and f"/api/v3/pages/{article.pk}/"),
            (f"{code} API v2 find", article and f"/api/v2/pages/find/?html_path={article.url}"),
        ]
    urls += [
        ("sitemap.xml", "/sitemap.xml"),
        ("sitemap section", "/sitemap-1.xml"),
        ("API v2 OpenAPI", "/api/v2/openapi.json"),
        ("API v3 OpenAPI", "/api/v3/openapi.json"),
    ]
    return [(label, url) for label, url in urls if url]


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


def summary(status, queries, timings):
    """The table's cells after the label: status, queries, p50, p95, max, req/s."""
    median = statistics.median(timings)
    return [
        str(status),
        f"{queries:.0f}",
        f"{median:.1f}",
        f"{percentile(timings, 0.95):.1f}",
        f"{max(timings):.1f}",
        f"{1000 / median:.0f}" if median else "-",
    ]


def table(header, rows):
    """Lines of a plain-text table, the first column left-aligned, the others right."""
    widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

    def line(cells):
        first, *rest = cells
        return " | ".join(
            [first.ljust(widths[0])]
            + [cell.rjust(width) for cell, width in zip(rest, widths[1:], strict=True)]
        )

    return [line(header), "-+-".join("-" * width for width in widths), *map(line, rows)]


class OtherSide:
    """The other side of a comparison, in a child process that measures one row when asked
    (a JSON line in, one out): this command on another database (`--compare`), or
    `home/benchmark_turns.py` in another checkout on this database (`--checkout`)."""

    def __init__(self, command, cwd, database_url, name, by_url):
        self.name = name
        # A database is asked by label (its own URLs: another article, another last page), a
        # checkout by this database's URL.
        self.by_url = by_url
        self.process = subprocess.Popen(
            command, cwd=cwd, env={**os.environ, "DATABASE_URL": database_url},
            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True,
        )  # fmt: skip

    @classmethod
    def database(cls, database_url):
        command = [sys.executable, "manage.py", "benchmark", "--rows-from-stdin"]
        name = urlsplit(database_url).path.rsplit("/", 1)[-1] or database_url
        return cls(command, settings.BASE_DIR, database_url, name, by_url=False)

    @classmethod
    def checkout(cls, directory):
        script = Path(benchmark_turns.__file__).resolve()
        command = [sys.executable, str(script), client_host()]
        return cls(command, Path(directory).resolve(), this_database_url(), directory, by_url=True)

    def measure(self, question):
        self.process.stdin.write(json.dumps(question) + "\n")
        self.process.stdin.flush()
        answer = self.process.stdout.readline()
        if not answer:
            raise CommandError(f"The benchmark on {self.name} stopped at {question[0]!r}.")
        return json.loads(answer)

    def close(self):
        self.process.stdin.close()
        self.process.wait(timeout=60)


def this_database_url():
    """A DATABASE_URL for the database this process uses, for a child in another checkout
    (whose default would be its own SQLite file)."""
    if connection.vendor == "sqlite":
        return f"sqlite:///{connection.settings_dict['NAME']}"
    if "DATABASE_URL" not in os.environ:
        raise CommandError("Set DATABASE_URL: --checkout passes it on to the other checkout.")
    return os.environ["DATABASE_URL"]


def client_host():
    return urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"


class Command(BaseCommand):
    help = "Print a table of response times and query counts for the main pages and API calls."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=30, help="timed requests per URL")
        parser.add_argument("--warmup", type=int, default=3, help="untimed requests first")
        other = parser.add_mutually_exclusive_group()
        other.add_argument(
            "--compare",
            metavar="DATABASE_URL",
            help="also measure this database (in a child process), side by side with ratios",
        )
        other.add_argument(
            "--checkout",
            metavar="DIR",
            help="also measure another checkout's code on this database, side by side",
        )
        parser.add_argument(
            "--cold",
            action="store_true",
            help="Django's cache off as well (a DummyCache, as benchmark_server's cold mode)",
        )
        parser.add_argument(
            "--only",
            metavar="TEXT",
            action="append",
            help="measure only the rows whose label contains TEXT (repeatable)",
        )
        parser.add_argument(
            "--turns",
            type=int,
            default=ROUNDS,
            help="--compare/--checkout: turns per row, each side in turn (more, shorter turns "
            "for a machine whose speed drifts)",
        )
        parser.add_argument("--rows-from-stdin", action="store_true", help=argparse.SUPPRESS)

    def handle(self, *args, requests, warmup, compare, checkout, cold, only, turns, **options):
        if requests < 1 or warmup < 0 or turns < 1:
            raise CommandError("--requests and --turns must be at least 1 and --warmup at least 0.")
        urls = dict(benchmark_urls())
        if not urls or not HomePage.objects.exists():
            raise CommandError("No home page: run `manage.py load_demo_content` first.")
        if only:
            urls = {label: url for label, url in urls.items() if any(t in label for t in only)}
            if not urls:
                raise CommandError(f"No row's label contains any of {only}.")
        self.cold = cold
        self.turns = turns
        if checkout and not (Path(checkout) / "manage.py").exists():
            raise CommandError(f"No manage.py in {checkout}.")
        with benchmark_turns.loaded_set_aside():
            if options["rows_from_stdin"]:
                self.answer_rows(urls)
            elif compare or checkout:
                other = OtherSide.checkout(checkout) if checkout else OtherSide.database(compare)
                self.side_by_side(urls, other, requests, warmup)
            else:
                self.one_table(urls, requests, warmup)

    def one_table(self, urls, requests, warmup):
        client = Client(HTTP_HOST=client_host())
        header = ("request", "status", "queries", "p50 ms", "p95 ms", "max ms", "req/s")
        rows = [
            [label, *summary(*benchmark_turns.measure(client, url, requests, warmup, self.cold))]
            for label, url in urls.items()
        ]
        self.stdout.write(
            f"{requests} timed requests per row after {warmup} warm-up, in process{self.mode()}"
        )
        for line in table(header, rows):
            self.stdout.write(line)

    def answer_rows(self, urls):
        client = Client(HTTP_HOST=client_host())
        for line in sys.stdin:
            label, requests, warmup, cold = json.loads(line)
            url = urls.get(label)
            figures = benchmark_turns.measure(client, url, requests, warmup, cold) if url else None
            self.stdout.write(json.dumps(figures))
            self.stdout.flush()

    def side_by_side(self, urls, other, requests, warmup):
        """Each row measured here and there in turns of a few requests each."""
        client = Client(HTTP_HOST=client_host())
        header = ["request", "queries", "p50 ms", "queries (other)", "p50 ms (other)", "ratio"]
        rows = []
        batch = -(-requests // self.turns)
        try:
            for label, url in urls.items():
                here, there = [], []
                for turn in range(self.turns):
                    first = warmup if turn == 0 else 0
                    here.append(benchmark_turns.measure(client, url, batch, first, self.cold))
                    question = url if other.by_url else label
                    there.append(other.measure([question, batch, first, self.cold]))
                rows.append(comparison_row(label, here, there))
        finally:
            other.close()
        self.stdout.write(
            f"{batch * self.turns} timed requests per row and side ({self.turns} turns of {batch}) "
            f"after {warmup} warm-up, in process{self.mode()}, medians; this against "
            f"{other.name} (ratio: other / this)"
        )
        for line in table(header, rows):
            self.stdout.write(line)

    def mode(self):
        return ", Django's cache off" if self.cold else ", response cache off"


def comparison_row(label, here, there):
    """A side-by-side row from each database's turns of `measure()` (None: no such URL)."""
    mine = statistics.median(t for turn in here for t in turn[2])
    cells = [label, f"{here[0][1]:.0f}", f"{mine:.1f}"]
    if None in there:
        return cells + ["-", "-", "-"]
    theirs = statistics.median(t for turn in there for t in turn[2])
    statuses = {turn[0] for turn in here + there}
    if statuses != {200}:
        cells[0] += f" (status {'/'.join(map(str, sorted(statuses)))})"
    ratio = f"{theirs / mine:.2f}x" if mine else "-"
    return cells + [f"{there[0][1]:.0f}", f"{theirs:.1f}", ratio]
