"""What an uncached public page asks of the database, kept small without changing an answer:
the sites and their root paths (serving/per_request.py), the router's lookup
(home/routing.py), the shell's pages, search results, pictures and news cards."""

import pytest
from django.db import connection
from django.test import RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.models import Page, Site

from home import lookups, renditions
from home.routing import find_page
from home.search import result_rows
from newsroom.models import NewsArticlePage, NewsIndexPage
from serving import per_request as memo
from serving.per_request import _site_table_sql, find_site, read_site_root_paths

pytestmark = pytest.mark.django_db

DUMMY_CACHE = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


@pytest.fixture
def more_sites(en_home, ka_home):
    """Besides the demo's default site: two more hostnames, one on two ports."""
    mission = Page.objects.child_of(en_home).live().first()
    return [
        Site.objects.create(hostname="news.example", port=443, root_page=en_home),
        Site.objects.create(hostname="news.example", port=8080, root_page=mission),
        Site.objects.create(hostname="other.example", port=80, root_page=ka_home),
    ]


def test_the_site_root_paths_read_cold_are_wagtails(more_sites, settings):
    settings.CACHES = DUMMY_CACHE
    wagtails = Site.get_site_root_paths.wagtail_read()
    with CaptureQueriesContext(connection) as queries:
        ours = read_site_root_paths()
    assert ours == wagtails
    assert {root.language_code for root in ours} == {"en", "ka"}
    assert len(queries) == 1  # the sites with every version of their root pages, one statement


@pytest.mark.parametrize(
    "host",
    [
        "news.example",
        "news.example:8080",
        "news.example:8443",
        "other.example",
        "other.example:8080",
        "unknown.example",
        "127.0.0.1:8000",
        "localhost",
    ],
)
def test_the_site_for_a_request_is_the_one_wagtail_picks(more_sites, host, settings):
    settings.ALLOWED_HOSTS = ["*"]
    hostname, _colon, port = host.partition(":")
    request = RequestFactory().get("/en/", HTTP_HOST=host, SERVER_PORT=port or "80")
    expected = find_site.wagtail_find(request)  # Wagtail's ranking, in SQL
    found = Site.find_for_request(request)
    assert getattr(found, "pk", None) == getattr(expected, "pk", None)
    assert request._wagtail_site is found  # kept where Wagtail keeps it


@pytest.mark.parametrize("host", ["news.example", "news.example:9999", "unknown.example"])
def test_without_a_default_site_the_site_is_still_the_one_wagtail_picks(more_sites, host, settings):
    """No default site: an unknown hostname, or one whose two sites are both on other ports,
    has none (Wagtail raises Site.DoesNotExist, which its `find_for_request` turns into None)."""
    settings.ALLOWED_HOSTS = ["*"]
    Site.objects.filter(is_default_site=True).update(is_default_site=False)
    hostname, _colon, port = host.partition(":")
    request = RequestFactory().get("/en/", HTTP_HOST=host, SERVER_PORT=port or "80")
    expected = find_site.wagtail_find(request)
    found = Site.find_for_request(request)
    assert getattr(found, "pk", None) == getattr(expected, "pk", None)
    assert found is None


@pytest.mark.parametrize("url", ["/en/feeds/news/", "/api/v2/pages/{pk}/", "/api/v3/pages/{pk}/"])
def test_feeds_and_the_api_read_the_site_table_once(client, url, settings):
    """Every `Site.find_for_request` (Wagtail's URLs, the API's site filter) chooses among the
    site table read with the root paths: no query of its own, no CASE ranking."""
    settings.CACHES = DUMMY_CACHE
    url = url.format(pk=NewsArticlePage.objects.live().first().pk)
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    sites_read = [q["sql"] for q in queries if 'FROM "wagtailcore_site"' in q["sql"]]
    assert len(sites_read) == 1 and "CASE" not in sites_read[0]


@pytest.mark.skipif(
    "connection.vendor != 'sqlite'",
    reason="SQLite's plan is fixed by its rules; PostgreSQL's depends on table sizes",
)
def test_the_site_table_reads_pages_by_index_only():
    """SQLite, without statistics, read every page to join the sites' root pages' versions
    (14 ms with 20,000 pages); it must go from the sites to their pages by index."""
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + _site_table_sql())
        plan = [row[-1] for row in cursor.fetchall()]
    assert plan[0].startswith("SCAN s"), plan
    assert not [step for step in plan[1:] if step.startswith("SCAN")], plan


@pytest.mark.skipif(
    "connection.vendor != 'sqlite'",
    reason="SQLite's plan is fixed by its rules; PostgreSQL's depends on table sizes",
)
@pytest.mark.parametrize("with_page", [False, True])
def test_the_shell_finds_the_menu_by_depth_not_by_language(with_page):
    """A condition on the language made SQLite walk the language's every page (the locale
    index: 10,000 with the benchmark corpus) to find its few top-level sections."""
    page = NewsArticlePage.objects.live().first() if with_page else None
    statements = []

    def keep(execute, sql, params, many, context):
        statements.append((sql, params))
        return execute(sql, params, many, context)

    with connection.execute_wrapper(keep):
        lookups._shell_pages("ka", *((page.path, page.translation_key) if page else ("",)))
    sql, params = next((s, p) for s, p in statements if "show_in_menus" in s)
    with connection.cursor() as cursor:
        cursor.execute("EXPLAIN QUERY PLAN " + sql, params)
        plan = [row[-1] for row in cursor.fetchall()]
    assert not [step for step in plan if step.startswith("SCAN") or "(locale_id=?)" in step], plan


def test_a_bad_port_gets_wagtails_answer(settings):
    settings.ALLOWED_HOSTS = ["*"]
    request = RequestFactory().get("/en/", HTTP_HOST="localhost", SERVER_PORT="eighty")
    with pytest.raises(ValueError) as wagtails:  # Wagtail's own error for a port not a number
        find_site.wagtail_find(request)
    with pytest.raises(ValueError) as ours:
        Site.find_for_request(request)
    assert str(ours.value) == str(wagtails.value)


def test_a_language_whose_home_page_is_not_live_is_left_to_wagtails_router(ka_home, rf):
    """Wagtail routes from the site's own root when the language's is not live
    (`Page.localized`); the router then finds nothing and Wagtail answers."""
    section = Page.objects.child_of(ka_home).live().first()
    request = rf.get(section.url)
    with translation.override("ka"):
        path = section.url.removeprefix("/ka/")
        assert find_page(request, path).pk == section.pk
        Page.objects.filter(pk=ka_home.pk).update(live=False)
        request = rf.get(section.url)
        assert find_page(request, path) is None


def test_search_results_show_the_texts_of_the_pages_own_types():
    pages = Page.objects.filter(depth__gt=2).live()
    rows = {row.pk: row for row in result_rows(pages)}
    assert rows
    for page in pages.specific():
        row = rows[page.pk]
        assert (row.title, row.url, row.search_description) == (
            page.title,
            page.url,
            page.search_description,
        )
        assert getattr(row, "summary", None) == getattr(page, "summary", None)
        assert getattr(row, "intro", None) == getattr(page, "intro", None)
    with CaptureQueriesContext(connection) as queries:
        result_rows(pages)
    (sql,) = [query["sql"] for query in queries]
    assert "wagtailimages_image" not in sql and '"body"' not in sql


def test_a_pages_menu_ancestors_and_translations_are_one_query(ka_home):
    article = NewsArticlePage.objects.live().filter(locale=ka_home.locale).first()
    memo._start()
    try:
        memo.restricted_paths()  # read once per request, whoever asks first
        with CaptureQueriesContext(connection) as queries:
            with translation.override("ka"):
                menu = lookups.menu_pages(article)
                trail = lookups.ancestors(article)
                others = lookups.live_translations(article)
        assert len(queries) == 1
    finally:
        memo._finish()
    assert menu and all(page.depth == lookups.SECTION_DEPTH for page in menu)
    assert [page.pk for page in trail] == [
        page.pk for page in article.get_ancestors().filter(depth__gt=1)
    ]
    assert [page.pk for page in others] == [
        page.pk for page in article.get_translations().live().order_by("locale__language_code")
    ]


def test_a_picture_and_its_open_graph_image_are_read_in_one_query(en_home, settings):
    settings.CACHES = DUMMY_CACHE  # Wagtail's renditions cache off: read from the database
    article = NewsArticlePage.objects.live().exclude(featured_image=None).first()
    image = article.featured_image
    with CaptureQueriesContext(connection) as queries:
        renditions.prefetch(image, renditions.FEATURED, *renditions.role_specs("featured"))
        shared = image.get_rendition(renditions.FEATURED)
        picture = image.get_renditions(*renditions.role_specs("featured"))
    assert len(queries) == 1
    assert shared.url in {rendition.url for rendition in picture.values()}


def test_news_cards_select_the_columns_a_card_shows(en_home):
    newsroom = NewsIndexPage.objects.live().filter(locale=en_home.locale).first()
    with CaptureQueriesContext(connection) as queries:
        cards = list(newsroom.articles()[:3])
        for card in cards:
            (card.title, card.url, card.date, card.summary, card.featured_alt())
    assert cards
    listing = next(query["sql"] for query in queries if "newsroom_newsarticlepage" in query["sql"])
    assert '"owner_id"' not in listing and '"locked_at"' not in listing
    assert len(queries) == 3  # the view restrictions, the articles, their cards' renditions


def test_an_articles_related_cards_are_its_related_articles_with_card_columns(en_home):
    article = next(
        found
        for found in NewsArticlePage.objects.live().filter(locale=en_home.locale)
        if found.related_articles()
    )
    with CaptureQueriesContext(connection) as queries:
        cards = article.related_cards()
    assert [card.pk for card in cards] == [related.pk for related in article.related_articles()]
    (query, renditions) = [q["sql"] for q in queries if "pageviewrestriction" not in q["sql"]]
    assert '"owner_id"' not in query and '"body"' not in query, query
    assert "wagtailimages_rendition" in renditions
    with CaptureQueriesContext(connection) as queries:
        for card in cards:  # what a card shows, fetched (the site's restricted collections aside)
            card.card_picture(), card.locale.language_code, card.summary, card.date
    assert [q["sql"] for q in queries if "collectionviewrestriction" not in q["sql"]] == []
