"""serving/prepared.py: a queryset's SQL compiled once per shape, then run with other values,
gives the rows Django's own `values_list()` gives, and never a stale answer."""

import uuid

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction

from headless.querysets import PUBLIC_PAGE_WITH_ID
from headless.v3_schemas import PAGE_AT_PATH
from newsroom.models import (
    RELATED_ARTICLES,
    TOPIC_LINKS,
    TOPICS_IN_USE,
    NewsArticlePage,
    NewsIndexPage,
    Topic,
    related_articles_of,
    topics_by_article,
)
from serving.prepared import PreparedQuery
from serving.tree import next_prefix, range_q

pytestmark = pytest.mark.django_db

SUMMARY = ("pk", "title", "url_path", "locale__language_code")


class CountedBuild:
    def __init__(self, build):
        self.build, self.calls = build, 0

    def __call__(self, **arguments):
        self.calls += 1
        return self.build(**arguments)


def articles_with_related():
    articles = [a for a in NewsArticlePage.objects.live() if a.related_articles().exists()]
    assert {a.locale.language_code for a in articles} == {"en", "ka"}
    return articles


def test_every_articles_related_rows_are_djangos_in_one_query_built_once():
    build = CountedBuild(related_articles_of)
    prepared = PreparedQuery(build)
    for article in articles_with_related():
        arguments = article._related_arguments()
        expected = list(build.build(**arguments).values_list(*SUMMARY)[:3])
        assert prepared.values_list(SUMMARY, limit=3, **arguments) == expected != []
        with CaptureQueriesContext(connection) as queries:  # kept: the statement alone
            assert prepared.values_list(SUMMARY, limit=3, **arguments) == expected
        assert len(queries) == 1
    # Built (twice, with two sets of stand-ins) for each number of topics an article has,
    # whatever its ids and language; then never again.
    shapes = {len(a._related_arguments()["topic_ids"]) for a in articles_with_related()}
    assert build.calls == 2 * len(shapes)


def test_a_model_method_and_the_api_give_the_same_related_articles(client):
    for article in articles_with_related():
        rows = article.related_article_rows(("pk",))
        assert [pk for (pk,) in rows] == [a.pk for a in article.related_articles()]
        shown = client.get(f"/api/v2/pages/{article.pk}/").json()["related_articles"]
        assert [item["id"] for item in shown] == [pk for (pk,) in rows]


def test_a_view_restriction_added_later_hides_the_page_from_prepared_rows():
    article = articles_with_related()[0]
    (first, *_others) = article.related_article_rows(SUMMARY)  # the statement is kept
    PageViewRestriction.objects.create(
        page=Page.objects.get(pk=first[0]), restriction_type="password", password="x"
    )
    assert first[0] not in {pk for pk, *_ in article.related_article_rows(SUMMARY)}
    assert first[0] not in {page.pk for page in article.related_articles()}


def test_columns_are_converted_as_django_converts_them():
    # A UUID column is a hex string on SQLite: Django's converter makes it a UUID again.
    article = NewsArticlePage.objects.live().filter(article_topics__isnull=False).first()
    (topic, *_) = topics_by_article([article.pk])[article.pk]
    assert isinstance(topic.translation_key, uuid.UUID)
    assert topic == Topic.objects.get(pk=topic.pk)
    assert topic.translation_key == Topic.objects.get(pk=topic.pk).translation_key


def test_an_empty_list_and_an_argument_django_rewrites_still_answer_right():
    prepared = PreparedQuery(lambda ids: Page.objects.filter(pk__in=ids))
    assert prepared.values_list(("pk",), ids=[]) == []
    # A `startswith` becomes a LIKE pattern: not kept, built each time, the same rows.
    under = PreparedQuery(lambda path: Page.objects.filter(path__startswith=path).order_by("pk"))
    home = Page.objects.get(depth=2, locale__language_code="en")
    for page in (home, Page.objects.get(depth=1)):
        expected = list(Page.objects.filter(path__startswith=page.path).order_by("pk"))
        rows = under.values_list(("pk",), path=page.path)
        assert [pk for (pk,) in rows] == [p.pk for p in expected]
    assert list(under.statements.values()) == [None]


def test_lists_of_another_length_get_their_own_statement():
    prepared = PreparedQuery(lambda ids: Page.objects.filter(pk__in=ids).order_by("pk"))
    pages = list(Page.objects.order_by("pk").values_list("pk", flat=True)[:4])
    for count in (1, 2, 4, 2, 1):
        assert prepared.values_list(("pk",), ids=pages[:count]) == [(pk,) for pk in pages[:count]]
    assert len(prepared.statements) == 3


def test_other_argument_types_are_refused():
    prepared = PreparedQuery(lambda key: Page.objects.filter(translation_key=key))
    with pytest.raises(TypeError):
        prepared.values_list(("pk",), key=uuid.uuid4())


def test_a_value_derived_from_an_argument_is_never_compiled_in():
    # The builder turns its argument into another value (a page's depth from its id): the
    # SQL would keep the first call's; two compilations differ, so the statement is not kept.
    prepared = PreparedQuery(lambda depth: Page.objects.filter(depth=abs(depth) % 7 or 1))
    for depth in (1, 2, 3):
        rows = prepared.values_list(("pk",), depth=depth)
        assert {pk for (pk,) in rows} == set(
            Page.objects.filter(depth=depth).values_list("pk", flat=True)
        )
    assert list(prepared.statements.values()) == [None]


def test_instances_are_djangos_with_their_related_objects():
    prepared = PreparedQuery(lambda pk: NewsArticlePage.objects.filter(pk=pk))
    for article in NewsArticlePage.objects.select_related("locale", "featured_image"):
        with CaptureQueriesContext(connection) as queries:
            (found,) = prepared.instances(
                NewsArticlePage, ["locale", "featured_image"], pk=article.pk
            )
            assert found.locale == article.locale and found.featured_image == article.featured_image
            assert list(found.body.raw_data) == list(article.body.raw_data) != []
            assert (found.title, found.date, found.live) == (article.title, article.date, True)
        assert len(queries) <= 1 and not found._state.adding
    article.featured_image = None
    article.save(update_fields=["featured_image"])
    (found,) = prepared.instances(NewsArticlePage, ["locale", "featured_image"], pk=article.pk)
    with CaptureQueriesContext(connection) as queries:
        assert found.featured_image is None
    assert len(queries) == 0


def test_the_kept_statements_are_bounded(monkeypatch):
    monkeypatch.setattr("serving.prepared.MAX_SHAPES", 2)
    prepared = PreparedQuery(lambda ids: Page.objects.filter(pk__in=ids).order_by("pk"))
    pages = list(Page.objects.order_by("pk").values_list("pk", flat=True)[:5])
    for count in (1, 2, 3, 4, 5):
        assert prepared.values_list(("pk",), ids=pages[:count]) == [(pk,) for pk in pages[:count]]
        assert len(prepared.statements) <= 2


def test_the_sites_prepared_queries_are_kept_on_this_database(client):
    """Each prepared query the site runs keeps its statement (on SQLite and on PostgreSQL,
    whose 32-bit id columns once turned every stand-in id into an always false lookup, so
    nothing was kept there, silently)."""
    article = articles_with_related()[0]
    news = NewsIndexPage.objects.get(locale=article.locale)
    for url in (article.url, news.url, f"/api/v3/pages/{article.pk}/"):
        for _ in range(2):  # the second detail knows the page's type
            assert client.get(url).status_code == 200
    assert client.get(f"/api/v2/pages/{article.pk}/").status_code == 200
    prepared = {
        "related articles": RELATED_ARTICLES,
        "topic links": TOPIC_LINKS,
        "topics in use": TOPICS_IN_USE,
        "v3 parent": PAGE_AT_PATH,
        "API detail's page": PUBLIC_PAGE_WITH_ID[NewsArticlePage],
    }
    not_kept = [name for name, query in prepared.items() if not any(query.statements.values())]
    assert not_kept == []


def test_a_none_argument_is_part_of_the_shape():
    # A range with no end (the tree's last possible path) and one with an end: two
    # statements, each giving Django's rows.
    prepared = PreparedQuery(
        lambda lower, upper: Page.objects.filter(range_q(lower, upper)).order_by("pk")
    )
    home = Page.objects.get(depth=2, locale__language_code="en")
    for upper in (None, next_prefix(home.path), None):
        expected = list(Page.objects.filter(range_q(home.path, upper)).order_by("pk"))
        rows = prepared.values_list(("pk",), lower=home.path, upper=upper)
        assert [pk for (pk,) in rows] == [page.pk for page in expected]
    assert len(prepared.statements) == 2 and all(prepared.statements.values())
    # In a list too (a site's trees, the last with no end): its None is in no parameter.
    trees = PreparedQuery(
        lambda lowers, uppers: Page.objects.filter(
            range_q(lowers[0], uppers[0]) | range_q(lowers[1], uppers[1])
        ).order_by("pk")
    )
    ka_home = Page.objects.get(depth=2, locale__language_code="ka")
    lowers, uppers = [home.path, ka_home.path], [next_prefix(home.path), None]
    rows = trees.values_list(("pk",), lowers=lowers, uppers=uppers)
    expected = Page.objects.filter(range_q(home.path, uppers[0]) | range_q(ka_home.path, None))
    assert {pk for (pk,) in rows} == set(expected.values_list("pk", flat=True))
    assert all(trees.statements.values())
