"""Response times and query counts of the pages and API calls readers and apps make most.

    python manage.py benchmark                 # 30 requests each, after 3 warm-up requests
    python manage.py benchmark --requests 200  # steadier figures
    make bench                                 # the same, on the development database

Requests go through Django's test client in this process (no network, no server), so the
figures are the application's own: templates, queries, serialization. They depend on the
machine; compare runs on the same one. Nothing here fails on a slow machine: the test suite
only checks that every row answers 200 with a bounded number of queries.
"""

import statistics
import time
from urllib.parse import urlsplit

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from home.models import HomePage, MissionPage
from newsroom.models import ARTICLES_PER_PAGE, NewsArticlePage, NewsIndexPage

GEORGIAN_QUERY = "დიასპორა"
LONG_QUERY = "მიგრაცია " * 1112  # 10,008 characters: a pasted document, not a query


def benchmark_urls():
    """(label, URL) for each language's pages, then the API, feeds and sitemap."""
    urls = []
    for code, home in HomePage.live_by_language():
        locale = home.locale
        mission = MissionPage.objects.live().filter(locale=locale, depth=home.depth + 1).first()
        news = NewsIndexPage.objects.live().filter(locale=locale).first()
        article = NewsArticlePage.objects.filter(locale=locale).for_listing().first()
        query = GEORGIAN_QUERY if code == "ka" else "diaspora"
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
            (f"{code} API v3 pages", f"/api/v3/pages/?locale={code}"),
            (f"{code} API v2 find", article and f"/api/v2/pages/find/?html_path={article.url}"),
        ]
    urls += [
        ("sitemap.xml", "/sitemap.xml"),
        ("sitemap section", "/sitemap-1.xml"),
        ("API v2 OpenAPI", "/api/v2/openapi.json"),
        ("API v3 OpenAPI", "/api/v3/openapi.json"),
    ]
    return [(label, url) for label, url in urls if url]


def measure(client, url, requests, warmup):
    """(status, queries per request, [milliseconds of each request])."""
    for _ in range(warmup):
        client.get(url)
    timings = []
    with CaptureQueriesContext(connection) as queries:
        for _ in range(requests):
            started = time.perf_counter()
            response = client.get(url)
            timings.append((time.perf_counter() - started) * 1000)
    return response.status_code, len(queries) / requests, timings


def percentile(values, share):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(share * (len(ordered) - 1)))]


class Command(BaseCommand):
    help = "Print a table of response times and query counts for the main pages and API calls."

    def add_arguments(self, parser):
        parser.add_argument("--requests", type=int, default=30, help="timed requests per URL")
        parser.add_argument("--warmup", type=int, default=3, help="untimed requests first")

    def handle(self, *args, requests, warmup, **options):
        if requests < 1 or warmup < 0:
            raise CommandError("--requests must be at least 1 and --warmup at least 0.")
        urls = benchmark_urls()
        if not urls or not HomePage.objects.exists():
            raise CommandError("No home page: run `manage.py load_demo_content` first.")
        host = urlsplit(settings.WAGTAILADMIN_BASE_URL).hostname or "localhost"
        client = Client(HTTP_HOST=host)
        header = ("request", "status", "queries", "p50 ms", "p95 ms", "max ms", "req/s")
        rows = []
        for label, url in urls:
            status, queries, timings = measure(client, url, requests, warmup)
            median = statistics.median(timings)
            rows.append(
                (
                    label,
                    str(status),
                    f"{queries:.0f}",
                    f"{median:.1f}",
                    f"{percentile(timings, 0.95):.1f}",
                    f"{max(timings):.1f}",
                    f"{1000 / median:.0f}" if median else "-",
                )
            )
        widths = [max(len(row[i]) for row in [header, *rows]) for i in range(len(header))]

        def line(cells):
            first, *rest = cells
            return " | ".join(
                [first.ljust(widths[0])]
                + [cell.rjust(width) for cell, width in zip(rest, widths[1:], strict=True)]
            )

        self.stdout.write(f"{requests} timed requests per row after {warmup} warm-up, in process")
        self.stdout.write(line(header))
        self.stdout.write("-+-".join("-" * width for width in widths))
        for row in rows:
            self.stdout.write(line(row))
