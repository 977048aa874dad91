"""The API listing of one language's articles does work that does not grow with the corpus
(issue 9: `offset=9980` of 10,000 articles within 1.5x of the demo): its count and window
read indexes (newsroom/0005), its rows are looked up by key (serving/paging.rows_by_key), and
renditions it prefetched are not written to Wagtail's rendition cache again (headless/fields.py).

Plans are checked on SQLite, whose planner (without ANALYZE statistics) picks the same plan on
this small database as on the 10,000-article copy; times are `manage.py benchmark`'s job.
"""

from unittest import mock

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.images import get_image_model
from wagtail.images.utils import to_svg_safe_spec
from wagtail.models import Page, Site

from headless.alternates import page_urls
from headless.querysets import public_pages
from headless.v2 import prefetch_for_api, prefetch_renditions, rendition_specs
from home.renditions import FEATURED
from newsroom.models import NewsArticlePage, NewsIndexPage
from serving.paging import rows_by_key, window

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/?type=newsroom.NewsArticlePage&locale={code}&fields=*&offset={offset}"
sqlite_only = pytest.mark.skipif(
    connection.vendor != "sqlite", reason="EXPLAIN QUERY PLAN is SQLite's"
)


def listing_queries(client, code, offset=1):
    url = LISTING.format(code=code, offset=offset)
    client.get(url)  # warm-up: renditions, Wagtail's caches
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, response.content[:300]
    return response.json(), [query["sql"] for query in context.captured_queries]


def plan(sql, with_parents=False, params=()):
    """SQLite's plan steps; with_parents: (node id, parent id, step) for each."""
    with connection.cursor() as cursor:
        cursor.execute(f"EXPLAIN QUERY PLAN {sql}", params)
        rows = cursor.fetchall()
    return [(row[0], row[1], row[-1]) for row in rows] if with_parents else [r[-1] for r in rows]


@sqlite_only
@pytest.mark.parametrize("code", ["en", "ka"])
def test_the_count_reads_indexes_not_rows(client, code):
    _data, queries = listing_queries(client, code)
    (count,) = [sql for sql in queries if sql.startswith('SELECT COUNT(*) AS "__count"')]
    steps = plan(count)
    assert any("COVERING INDEX newsroom_page_locale_path" in step for step in steps), steps
    # Every filter is on the page table: counted there alone, without a lookup in the
    # article table for each article (headless/querysets.count_pages).
    assert not any("newsroom_newsarticlepage" in step for step in steps), steps
    assert not any(step.startswith("SCAN") for step in steps), steps


@sqlite_only
@pytest.mark.parametrize("code", ["en", "ka"])
def test_the_window_reads_keys_from_indexes_and_fetches_rows_by_key(client, code):
    data, queries = listing_queries(client, code, offset=1)
    assert data["meta"]["total_count"] == 2 and len(data["items"]) == 1
    (rows,) = [sql for sql in queries if "newsroom_newsarticlepage" in sql and " IN (SELECT" in sql]
    # The listing's filters are applied once, in the subquery of keys.
    outside, keys = rows.split(" IN (SELECT", 1)
    assert '."path" >=' not in outside and '."path" >=' in keys
    rows_plan = plan(rows, with_parents=True)
    (subquery,) = [node for node, _parent, step in rows_plan if step.startswith("LIST SUBQUERY")]
    keys_steps = [step for _node, parent, step in rows_plan if parent == subquery]
    outer_steps = [step for _node, parent, step in rows_plan if parent == 0]
    # The keys: the type's and language's index walked in order, alone (no sort of every
    # article, no scan, no page or article row read).
    assert any("COVERING INDEX newsroom_page_locale_path" in step for step in keys_steps)
    assert any("COVERING INDEX newsroom_article_page_ptr" in step for step in keys_steps)
    assert not any("TEMP B-TREE" in step or step.startswith("SCAN") for step in keys_steps)
    # The rows: looked up by those keys (only the window's few rows are sorted).
    assert outer_steps[0].startswith("SEARCH wagtailcore_page USING INTEGER PRIMARY KEY")
    assert not any(step.startswith("SCAN") for step in outer_steps), rows_plan


@sqlite_only
def test_pages_found_by_translation_key_are_not_found_by_walking_the_language(ka_locale):
    """The listing's index must not tempt SQLite (no statistics) into reading a language's
    every page in path order to avoid sorting a few found by key (the home page's chosen
    pages in the visitor's language)."""
    keys = list(Page.objects.filter(depth=3).values_list("translation_key", flat=True)[:3])
    pages = Page.objects.live().filter(locale__language_code="ka", translation_key__in=keys)
    sql, params = pages.order_by("path").query.sql_with_params()
    steps = plan(sql, params=params)
    assert any("translation_key" in step for step in steps), steps
    assert not any("newsroom_page_locale_path" in step for step in steps), steps


def test_rows_by_key_keep_what_shapes_the_rows(django_assert_num_queries):
    articles = NewsIndexPage.objects.get(locale__language_code="ka").articles()
    keys = articles.values("pk")[:2]
    rows = rows_by_key(articles, keys)
    outside = str(rows.query).split(" IN (SELECT", 1)[0]
    assert "live" not in outside.split("WHERE", 1)[1]
    expected = list(articles[:2])
    # One query for the rows, one for the prefetched card renditions; the featured image and
    # locale come with the rows, the body stays deferred.
    with django_assert_num_queries(2):
        got = list(rows)
        for page in got:
            assert page.featured_image.renditions.all() is not None
            assert page.locale.language_code == "ka"
    assert [page.pk for page in got] == [page.pk for page in expected]
    assert all("body" in page.get_deferred_fields() for page in got)
    reversed_rows = rows_by_key(articles.reverse(), keys)
    assert [page.pk for page in reversed_rows] == [page.pk for page in reversed(expected)]


def test_rows_by_key_keeps_the_filters_of_what_it_cannot_copy():
    pages = Page.objects.filter(depth__gt=1).order_by("path").distinct()
    rows = rows_by_key(pages, pages.values("pk")[:3])
    assert "depth" in str(rows.query).split(" IN (SELECT", 1)[0]
    assert list(rows) == list(pages[:3])
    windowed = window(Page.objects.order_by("path"), 1, 4, Page.objects.count())
    assert list(windowed) == list(Page.objects.order_by("path")[1:4])


@pytest.mark.parametrize("code", ["en", "ka"])
def test_prefetched_renditions_are_not_written_to_the_cache_again(client, code):
    url = LISTING.format(code=code, offset=0)
    assert client.get(url).status_code == 200  # creates any rendition still missing
    backend = get_image_model().get_rendition_model().cache_backend
    with (
        mock.patch.object(backend, "set", wraps=backend.set) as set_one,
        mock.patch.object(backend, "set_many", wraps=backend.set_many) as set_many,
    ):
        response = client.get(url)
    items = response.json()["items"]
    assert items and all(item["featured_image"]["url"].startswith("http") for item in items)
    assert rendition_keys(set_one, set_many) == []


def rendition_keys(set_one, set_many):
    """The rendition cache keys written through the mocked `set` and `set_many` (the backend
    is Django's default cache here, which other code writes too)."""
    keys = [call.args[0] for call in set_one.call_args_list]
    keys += [key for call in set_many.call_args_list for key in call.args[0]]
    return [key for key in keys if key.startswith("wagtail-rendition-")]


def test_a_rendition_not_prefetched_is_cached_as_wagtail_caches_it(client, ka_locale):
    """The detail of an article whose featured rendition is new creates it and caches it."""
    article = NewsArticlePage.objects.filter(locale=ka_locale).first()
    rendition_model = get_image_model().get_rendition_model()
    rendition_model.objects.filter(image_id=article.featured_image_id).delete()
    backend = rendition_model.cache_backend
    with (
        mock.patch.object(backend, "set", wraps=backend.set) as set_one,
        mock.patch.object(backend, "set_many", wraps=backend.set_many) as set_many,
    ):
        data = client.get(f"/api/v2/pages/{article.pk}/").json()
    assert data["featured_image"]["width"] == 1200
    assert any("fill-1200x630" in key for key in rendition_keys(set_one, set_many))


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_a_detail_does_not_write_renditions_it_read_from_the_cache(client, ka_locale, version):
    """The detail's featured image and body images: their renditions come from Wagtail's
    rendition cache (v3 prefetches none) and are not set there again."""
    article = NewsArticlePage.objects.filter(locale=ka_locale).first()
    url = f"/api/{version}/pages/{article.pk}/"
    assert client.get(url).status_code == 200
    backend = get_image_model().get_rendition_model().cache_backend
    with (
        mock.patch.object(backend, "set", wraps=backend.set) as set_one,
        mock.patch.object(backend, "set_many", wraps=backend.set_many) as set_many,
    ):
        data = client.get(url).json()
    assert data["featured_image"]["url"].startswith("http")
    assert rendition_keys(set_one, set_many) == []


@pytest.mark.parametrize("active", ["en", "ka"])
def test_page_urls_are_wagtails(active):
    """headless/alternates.page_urls: Wagtail's `full_url` and `url` from the `url_path`."""
    with translation.override(active):
        for page in Page.objects.live().filter(depth__gt=1).specific():
            assert page_urls(page.url_path) == (page.full_url, page.url), page.url_path
        root = Page.objects.get(depth=1)
        assert page_urls(root.url_path) == (None, None) == (root.full_url, root.url)


def test_a_listing_prefetches_only_the_renditions_its_fields_show(client, ka_locale):
    """The featured image's other sizes (the HTML page's cards, its picture) stay out of the
    listing's prefetch; the sizes it shows are held in a plain list on the image, where
    Wagtail's `get_renditions()` looks, not in a queryset made for each page."""
    article = NewsArticlePage.objects.filter(locale=ka_locale).first()
    image = article.featured_image
    image.get_rendition("width-90")  # a size no API field shows
    specs = rendition_specs(NewsArticlePage)
    # The field's size, and its SVG-safe form (an SVG is not converted to WebP).
    assert specs == {"featured_image": {FEATURED, to_svg_safe_spec(FEATURED)}}
    pages = list(prefetch_for_api(NewsArticlePage.objects.filter(pk=article.pk)))
    with CaptureQueriesContext(connection) as queries:
        prefetch_renditions(pages)
    assert len(queries) == 1
    prefetched = pages[0].featured_image.prefetched_renditions
    assert {rendition.filter_spec for rendition in prefetched} == {FEATURED}
    assert all(rendition.image is pages[0].featured_image for rendition in prefetched)
    assert "renditions" not in getattr(pages[0].featured_image, "_prefetched_objects_cache", {})
    # Articles that share a picture: each page's instance of it holds the renditions.
    other = NewsArticlePage.objects.filter(locale=ka_locale).exclude(pk=article.pk).first()
    NewsArticlePage.objects.filter(pk=other.pk).update(featured_image=image)
    pages = list(prefetch_for_api(NewsArticlePage.objects.filter(pk__in=[article.pk, other.pk])))
    assert pages[0].featured_image is not pages[1].featured_image
    prefetch_renditions(pages)
    for page in pages:
        assert [r.filter_spec for r in page.featured_image.prefetched_renditions] == [FEATURED]
    pages = list(prefetch_for_api(NewsArticlePage.objects.filter(pk=article.pk)))
    pages[0].featured_image_id = pages[0].featured_image = None  # no picture: no query
    with CaptureQueriesContext(connection) as queries:
        prefetch_renditions(pages)
    assert len(queries) == 0


def test_a_listing_loads_every_articles_topics_in_one_query(ka_locale):
    """`load_topics` (the topics field's `prefetch_listing`): each article's topics as its
    own `topics()` reads them, in the editor's order, in one query for all the articles;
    a topic several articles share is built once."""
    articles = list(NewsArticlePage.objects.filter(locale=ka_locale))
    first = articles[0]
    links = list(first.article_topics.all())
    assert len(links) >= 2
    for sort_order, link in enumerate(reversed(links)):  # the editor's order, not the ids'
        link.sort_order = sort_order
        link.save(update_fields=["sort_order"])

    def topics_of(page):
        return [(t.pk, t.slug, t.name, t.locale_id, t.translation_key) for t in page.topics()]

    expected = {page.pk: topics_of(NewsArticlePage.objects.get(pk=page.pk)) for page in articles}
    assert expected[first.pk][0][0] == links[-1].topic_id
    with CaptureQueriesContext(connection) as queries:
        NewsArticlePage.load_topics(articles)
        got = {page.pk: topics_of(page) for page in articles}
    assert got == expected
    assert len(queries) == 1
    shared = [topic for page in articles for topic in page.topics()]
    assert len({id(topic) for topic in shared}) == len({topic.pk for topic in shared})


def test_a_listing_shows_the_topics_its_articles_details_show(client, ka_locale):
    """The listing's topics (loaded for the whole page) equal each article's detail (its
    own `topics()`), and no more topic queries are made for more articles."""
    for code in ("en", "ka"):
        data, sql = listing_queries(client, code, offset=0)
        assert data["items"]
        for item in data["items"]:
            detail = client.get(f"/api/v2/pages/{item['id']}/").json()
            assert item["topics"] == detail["topics"]
            assert item["topics"]
        assert len([query for query in sql if "newsroom_topic" in query]) == 1


@pytest.mark.parametrize("model", [Page, NewsArticlePage])
def test_public_pages_are_wagtails_for_every_site(rf, ka_locale, model):
    """The site's language trees as ranges of tree paths (`public_pages`) hold the pages
    Wagtail's own `get_public_pages_queryset` holds: for the default site, for a second
    site rooted at a section, and never a live page outside every site."""
    english_home = Page.objects.get(depth=2, locale__language_code="en")
    outside = Page.get_first_root_node().add_child(
        instance=Page(title="Outside", slug="outside-every-site", locale=english_home.locale)
    )
    news = NewsIndexPage.objects.get(locale__language_code="en")
    Site.objects.create(hostname="news.example", port=80, root_page=news)
    for host in ("localhost", "news.example"):
        request = rf.get("/api/v2/pages/", HTTP_HOST=host)
        ours = set(public_pages(request, model).values_list("pk", flat=True))
        wagtails = set(get_public_pages_queryset(request, model).values_list("pk", flat=True))
        assert ours == wagtails and ours
        assert outside.pk not in ours
    news_site = set(
        public_pages(rf.get("/", HTTP_HOST="news.example")).values_list("pk", flat=True)
    )
    assert english_home.pk not in news_site and news.pk in news_site


def test_a_listing_reads_only_what_it_shows_of_each_image_and_still_makes_a_missing_size(
    client, ka_locale
):
    """The listing's images come without their file, title or sizes (`prefetch_for_api`
    defers what no API field reads); a rendition not made yet is still made, its image's
    file loaded then, as Django loads a deferred field."""
    article = NewsArticlePage.objects.filter(locale=ka_locale).exclude(featured_image=None)[0]
    image = article.featured_image
    pages = list(prefetch_for_api(NewsArticlePage.objects.filter(pk=article.pk)))
    deferred = pages[0].featured_image.get_deferred_fields()
    assert {"file", "title", "width", "height"} <= deferred
    assert not {"collection_id", "description", "focal_point_x"} & deferred
    image.renditions.all().delete()
    url = "/api/v2/pages/?type=newsroom.NewsArticlePage&locale=ka&fields=featured_image"
    items = {item["id"]: item for item in client.get(url).json()["items"]}
    shown = items[article.pk]["featured_image"]
    made = image.renditions.get(filter_spec=FEATURED)
    assert shown["url"].endswith(made.url) and shown["width"] == made.width
