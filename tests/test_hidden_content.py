"""A private article and a draft article never show up anywhere a reader or an app looks:
pages, listings, related articles, feeds, sitemap, search, both APIs and the translations
other pages list."""

import pytest
from wagtail.models import PageViewRestriction

from newsroom.models import NewsIndexPage

from .factories import NewsArticlePageFactory

pytestmark = pytest.mark.django_db

PRIVATE = "Private board minutes"
DRAFT = "Unfinished press release"


@pytest.fixture
def hidden_articles(en_locale):
    newsroom = NewsIndexPage.objects.get(locale=en_locale)
    public_topic = newsroom.articles().first().article_topics.first().topic
    private = NewsArticlePageFactory(parent=newsroom, title=PRIVATE, topics=[public_topic])
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")
    draft = NewsArticlePageFactory(parent=newsroom, title=DRAFT, topics=[public_topic], live=False)
    return private, draft


def answers(client, url):
    response = client.get(url)
    return response.status_code, response.content.decode()


@pytest.mark.parametrize(
    "url",
    [
        "/en/",
        "/en/news/",
        "/en/feeds/news/",
        "/sitemap-1.xml",
        "/en/search/?q=minutes",
        "/en/search/?q=press",
        "/api/v2/pages/?locale=en&limit=100",
        "/api/v2/pages/?type=newsroom.NewsArticlePage&fields=*&search=minutes",
        "/api/v3/pages/?locale=en&limit=100",
        "/api/v3/pages/?type=newsroom.NewsArticlePage&search=minutes",
    ],
)
def test_listings_leave_them_out(client, hidden_articles, url):
    status, body = answers(client, url)
    assert status == 200, url
    assert PRIVATE not in body and DRAFT not in body


def test_related_articles_leave_them_out(client, hidden_articles, en_locale):
    newsroom = NewsIndexPage.objects.get(locale=en_locale)
    for article in newsroom.articles():
        status, body = answers(client, article.url)
        assert status == 200
        assert PRIVATE not in body and DRAFT not in body


def test_details_and_find_refuse_them(client, hidden_articles):
    for page in hidden_articles:
        for url in (
            f"/api/v2/pages/{page.pk}/",
            f"/api/v3/pages/{page.pk}/",
            f"/api/v2/pages/find/?html_path={page.url}",
        ):
            status, body = answers(client, url)
            assert status == 404, (url, status)
        status, _body = answers(client, f"/api/v3/pages/find/?html_path={page.url}")
        assert status == 404
    # The private page asks for its password; the draft does not exist for readers.
    private, draft = hidden_articles
    assert PRIVATE not in answers(client, private.url)[1]
    assert answers(client, draft.url)[0] == 404
