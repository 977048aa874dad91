"""Query counts must not grow with the number of articles (no N+1 queries).

Two newsrooms are built once for the module: one with 10 articles, one with 50, all sharing one
featured image, each article with two topics and a body that holds an image block. Each
measurement is taken after a warm-up request, which creates the renditions and fills Wagtail's
caches. When a count grows, the assertion message lists the SQL statements that repeat.
"""

import re
from collections import Counter

import pytest
import wagtail_factories
from django.db import connection, transaction
from django.test.utils import CaptureQueriesContext
from wagtail.models import Locale

from home.models import HomePage

from .factories import NewsArticlePageFactory, NewsIndexPageFactory, TopicFactory

SIZES = (10, 50)


@pytest.fixture(scope="module")
def newsrooms(django_db_setup, django_db_blocker):
    """{article count: (news index, [articles])}, rolled back when the module is done."""
    with django_db_blocker.unblock(), transaction.atomic():
        english = Locale.objects.get(language_code="en")
        home = HomePage.objects.get(locale=english)
        picture = wagtail_factories.ImageFactory(title="Query count picture")
        topics = [TopicFactory(locale=english) for _ in range(3)]
        built = {}
        for size in SIZES:
            # Two newsrooms under one home page break the one-per-home rule that the admin
            # enforces (can_create_at); add_child() does not check it, and it keeps the two
            # sets of articles apart.
            index = NewsIndexPageFactory(parent=home, title=f"Query count {size}")
            articles = [
                NewsArticlePageFactory(
                    parent=index,
                    featured_image=picture,
                    topics=[topics[n % 3], topics[(n + 1) % 3]],
                    body__3="image",
                    body__3__image__image=picture,
                )
                for n in range(size)
            ]
            built[size] = (index, articles)
        yield built
        transaction.set_rollback(True)


def normalise(sql):
    sql = re.sub(r"'(?:[^']|'')*'", "?", sql)
    sql = re.sub(r"\b\d+\b", "?", sql)
    return re.sub(r"\(\?(?:, \?)*\)", "(...)", sql)


def measure(client, url):
    warm_up = client.get(url)
    assert warm_up.status_code == 200, (url, warm_up.status_code)
    with CaptureQueriesContext(connection) as context:
        response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return [query["sql"] for query in context.captured_queries]


def explain_growth(small, large):
    """The statements that run more often with more articles, for the failure message."""
    few, many = Counter(map(normalise, small)), Counter(map(normalise, large))
    lines = [f"{len(small)} queries with {SIZES[0]} articles, {len(large)} with {SIZES[1]}."]
    for sql, count in many.most_common():
        if count > few[sql]:
            lines.append(f"  {few[sql]} -> {count} times: {sql[:1500]}")
    return "\n".join(lines)


def assert_no_growth(small, large):
    assert len(large) <= len(small), explain_growth(small, large)


@pytest.mark.django_db
class TestQueryCounts:
    def test_the_data_is_there(self, newsrooms):
        for size in SIZES:
            index, articles = newsrooms[size]
            assert index.get_children().live().count() == size
            assert all(article.featured_image_id for article in articles)

    def test_article_page(self, client, newsrooms):
        small = measure(client, newsrooms[SIZES[0]][1][0].url)
        large = measure(client, newsrooms[SIZES[1]][1][0].url)
        assert_no_growth(small, large)

    def test_article_page_with_more_topics_and_blocks(self, client, newsrooms):
        """An article's own topics are fetched in one go, not one query per topic."""
        index, articles = newsrooms[SIZES[0]]
        small = measure(client, articles[0].url)
        large_article = NewsArticlePageFactory(
            parent=index,
            featured_image=articles[0].featured_image,
            topics=[TopicFactory() for _ in range(6)],
            body__3="image",
            body__3__image__image=articles[0].featured_image,
            body__4="quote",
            body__5="image",
            body__5__image__image=articles[0].featured_image,
        )
        large = measure(client, large_article.url)
        assert_no_growth(small, large)

    def test_news_index_first_page(self, client, newsrooms):
        small = measure(client, newsrooms[SIZES[0]][0].url)
        large = measure(client, newsrooms[SIZES[1]][0].url)
        assert_no_growth(small, large)

    def test_news_index_later_page(self, client, newsrooms):
        index = newsrooms[SIZES[1]][0]
        first = measure(client, index.url)
        last = measure(client, index.url + "?page=5")
        assert_no_growth(first, last)

    def test_api_article_listing(self, client, newsrooms):
        def url(size):
            index = newsrooms[size][0]
            return (
                "/api/v2/pages/?type=newsroom.NewsArticlePage&fields=*&limit=50"
                f"&child_of={index.pk}"
            )

        small = measure(client, url(SIZES[0]))
        large = measure(client, url(SIZES[1]))
        assert len(client.get(url(SIZES[1])).json()["items"]) == SIZES[1]
        assert_no_growth(small, large)
