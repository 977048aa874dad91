"""What keeps the news index, the sitemap and the search flat with 10,000 articles a language
(issue 9), checked for being right at any size and for reading indexes:

- the news index's archive (years with live articles, and the total of all or of one year),
  from a skip scan and an index count instead of a GROUP BY over every article;
- the sitemap's sections, built from plain rows with URLs worked out once per site root;
- on PostgreSQL, the search's walk over the newest index entries before its GIN indexes.
"""

import datetime
import itertools
import re
from collections import defaultdict

import pytest
from django.conf import settings
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, PageViewRestriction, Site

from home import search, sitemaps
from home.search import RankedSearch, clean_query
from newsroom.models import ARTICLES_PER_PAGE, NewsArticlePage, NewsIndexPage
from serving.page_urls import PageURLs

from .factories import NewsArticlePageFactory
from .test_site_seo import NS, sitemap_sections, xml

pytestmark = pytest.mark.django_db
NUMBER = itertools.count()

sqlite_only = pytest.mark.skipif(
    "connection.vendor != 'sqlite'",
    reason="SQLite's plan is fixed by its rules; PostgreSQL's depends on table sizes",
)
postgresql_only = pytest.mark.skipif(
    "connection.vendor != 'postgresql'", reason="the walk is PostgreSQL's statement"
)


def newsroom(code):
    return NewsIndexPage.objects.get(locale__language_code=code)


def expected_archive(news):
    """(years newest first, total, {year: total}) from treebeard's and Wagtail's own filters."""
    live = list(NewsArticlePage.objects.child_of(news).live().public())
    per_year = defaultdict(int)
    for article in live:
        per_year[article.date.year] += 1
    return sorted(per_year, reverse=True), len(live), dict(per_year)


def assert_archive_is_right(news):
    years, total, per_year = expected_archive(news)
    assert news.archive() == (years, total)
    for year in [*years, 1850]:
        assert news.archive(year) == (years, per_year.get(year, 0)), year


def add_articles(news, dates):
    return [
        NewsArticlePageFactory(
            parent=news, locale=news.locale, date=date, title=f"Archive {date} {next(NUMBER)}"
        )
        for date in dates
    ]


class TestArchive:
    @pytest.mark.parametrize("code", ["en", "ka"])
    def test_years_and_totals_are_those_of_the_live_articles(self, code):
        news = newsroom(code)
        add_articles(news, [datetime.date(2003, 12, 31), datetime.date(2004, 1, 1)])
        add_articles(news, [datetime.date(1998, 6, 1)] * 3)
        assert_archive_is_right(news)
        years, total = news.archive()
        assert {1998, 2003, 2004} <= set(years) and total >= 7

    def test_publish_unpublish_and_restrictions_change_them_at_once(self):
        news = newsroom("en")
        only, *others = add_articles(
            news, [datetime.date(1990, 5, 5), datetime.date(1991, 1, 1), datetime.date(1991, 2, 2)]
        )
        assert 1990 in news.archive()[0]
        before = news.archive()[1]
        only.unpublish()
        assert 1990 not in news.archive()[0] and news.archive()[1] == before - 1
        assert_archive_is_right(news)
        only.save_revision().publish()
        assert news.archive(1990) == (news.archive()[0], 1) and news.archive()[1] == before
        PageViewRestriction.objects.create(page=others[0], restriction_type="login")
        assert news.archive(1991)[1] == 1 and news.archive()[1] == before - 1
        assert_archive_is_right(news)
        # The other language's newsroom is untouched.
        assert_archive_is_right(newsroom("ka"))

    @pytest.mark.parametrize("code", ["en", "ka"])
    def test_the_news_index_pages_through_every_live_article(self, client, code):
        news = newsroom(code)
        add_articles(
            news, [datetime.date(2000, 1, 1) + datetime.timedelta(days=d) for d in range(12)]
        )
        NewsArticlePage.objects.child_of(news).filter(date__year=2000).first().unpublish()
        _years, total, per_year = expected_archive(news)
        response = client.get(news.url)
        assert response.context["articles"].paginator.count == total
        last = -(-total // ARTICLES_PER_PAGE)
        response = client.get(news.url, {"page": last})
        listed = [article.pk for article in response.context["articles"]]
        expected = list(news.articles().values_list("pk", flat=True))
        assert listed == expected[(last - 1) * ARTICLES_PER_PAGE :]
        response = client.get(news.url, {"year": 2000})
        assert response.context["articles"].paginator.count == per_year[2000] == 11
        assert client.get(news.url, {"year": 2000, "page": 3}).status_code == 404

    @sqlite_only
    def test_the_archive_reads_indexes_only(self):
        news = newsroom("en")
        for year in (None, 2021):
            with CaptureQueriesContext(connection) as queries:
                news.archive(year)
            (statement,) = [q["sql"] for q in queries if "RECURSIVE" in q["sql"]]
            with connection.cursor() as cursor:
                cursor.execute(f"EXPLAIN QUERY PLAN {statement}")
                plan = [row[3] for row in cursor.fetchall()]
            steps = [step for step in plan if step.startswith(("SCAN", "SEARCH"))]
            # The skip scan walks the articles' date index; their pages are found by key.
            assert any("newsarticle_date_id (date>?)" in step for step in steps), plan
            if year is None:
                assert any("COVERING INDEX newsroom_page_children_type" in step for step in steps)
            # No table is read whole: every step uses an index or a key.
            assert not [
                step
                for step in steps
                if re.match(r"SCAN \w+$", step) or ("SCAN" in step and "INDEX" not in step)
                if "start" not in step and "CONSTANT ROW" not in step  # the query's own rows
            ], plan


def expected_entries(request):
    """{absolute URL: {hreflang: URL}}, in tree order, from Wagtail's own `get_url` and
    translations."""
    pages = Page.objects.live().public().filter(depth__gt=1).select_related("locale")

    def url(page):
        return request.build_absolute_uri(page.get_url(request))

    entries = {}
    for page in pages.order_by("path"):
        others = {
            other.locale.language_code: url(other)
            for other in page.get_translations(inclusive=True).live().public()
        }
        if len(others) > 1 and settings.LANGUAGE_CODE in others:
            others["x-default"] = others[settings.LANGUAGE_CODE]
        entries[url(page)] = others if len(others) > 1 else {}
    return entries


class TestSitemapSections:
    def test_every_url_and_hreflang_is_what_wagtail_gives(self, client, monkeypatch):
        add_articles(newsroom("ka"), [datetime.date(2010, 1, 1)])  # no English version
        monkeypatch.setattr(sitemaps, "SECTION_SIZE", 7)
        found = [
            (
                url.find("sm:loc", NS).text,
                {link.get("hreflang"): link.get("href") for link in url.findall("xhtml:link", NS)},
            )
            for section in sitemap_sections(client)
            for url in xml(client, section).findall("sm:url", NS)
        ]
        expected = expected_entries(RequestFactory().get("/sitemap.xml"))
        # Every URL once, with its alternates.
        assert len(found) > 7 and len(found) == len(dict(found))
        assert dict(found) == expected

    def test_urls_on_another_site_are_absolute(self, request):
        # Wagtail keeps the site roots in Django's cache, which the rollback does not undo.
        request.addfinalizer(Site.clear_site_root_paths_cache)
        root = Page.get_first_root_node()
        other_root = root.add_child(instance=Page(title="Other site", slug="other-site"))
        Site.objects.create(hostname="other.example", port=80, root_page=other_root)
        child = other_root.add_child(instance=Page(title="Elsewhere", slug="elsewhere"))
        reader = RequestFactory().get("/sitemap.xml")
        for code in ("en", "ka"):
            with translation.override(code):
                urls = PageURLs(reader)
                for page in Page.objects.all():
                    assert urls.url(page.url_path) == page.get_url(reader), page.url_path
        assert PageURLs(reader).url(child.url_path).startswith("http://other.example/")

    def test_two_sites_on_one_root_choose_the_requests_site(self, request):
        """Where two sites share a root page, the page's URL is on the request's site, as
        Wagtail's `get_url_parts` chooses; with one site there is no choice to make."""
        request.addfinalizer(Site.clear_site_root_paths_cache)
        default = Site.objects.get(is_default_site=True)
        Site.objects.create(hostname="alias.example", port=80, root_page=default.root_page)
        Site.clear_site_root_paths_cache()
        for host in ("alias.example", default.hostname):
            reader = RequestFactory().get("/sitemap.xml", HTTP_HOST=host)
            urls = PageURLs(reader)
            assert not urls.single_site
            for page in Page.objects.live().filter(depth__gt=1):
                assert urls.url(page.url_path) == page.get_url(reader), (host, page.url_path)

    def test_a_section_is_the_same_few_queries_at_any_size(self, client, monkeypatch):
        monkeypatch.setattr(sitemaps, "SECTION_SIZE", 5)
        counts = []
        client.get("/sitemap-2.xml")  # Wagtail's caches filled (site roots)
        for _ in range(2):
            with CaptureQueriesContext(connection) as queries:
                assert client.get("/sitemap-2.xml").status_code == 200
            counts.append(len(queries))
            add_articles(newsroom("en"), [datetime.date(2012, 1, 1)] * 6)
        monkeypatch.setattr(sitemaps, "SECTION_SIZE", 20)
        with CaptureQueriesContext(connection) as queries:
            assert client.get("/sitemap-2.xml").status_code == 200
        assert counts[0] == counts[1] == len(queries) <= 8


class TestPostgreSQLSearchWalk:
    """The walk over the newest entries and the GIN indexes behind it give one ranking."""

    QUERIES = [("en", "migration"), ("ka", "მიგრაცია"), ("en", "diaspora"), ("ka", "დიასპორის")]

    def ranking(self, code, words):
        found = RankedSearch(clean_query(words)[0], code)
        return found._ranking()[0], found.capped

    @postgresql_only
    @pytest.mark.parametrize("walked", [1, 3, 10_000])
    def test_any_walk_gives_the_same_ranking(self, monkeypatch, walked):
        expected = {query: self.ranking(*query) for query in self.QUERIES}
        assert all(ids for ids, _capped in expected.values())
        monkeypatch.setattr(search, "RECENT_ENTRIES", walked)
        assert {query: self.ranking(*query) for query in self.QUERIES} == expected

    @postgresql_only
    def test_the_cap_is_told_from_the_walk_and_from_the_gin_part(self, monkeypatch):
        monkeypatch.setattr(search, "MAX_RANKED", 1)
        for walked in (1, 10_000):
            monkeypatch.setattr(search, "RECENT_ENTRIES", walked)
            ids, capped = self.ranking("en", "migration")
            assert len(ids) == 1 and capped
        monkeypatch.setattr(search, "MAX_RANKED", 200)
        assert self.ranking("en", "zzzunknownword") == ([], False)
