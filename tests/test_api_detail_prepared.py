"""An API detail of a page whose type is known comes from prepared SQL
(headless/querysets.py `public_page`): the same page as Django's query, and never one that
is no longer public."""

import pytest
from django.http import Http404
from django.test import RequestFactory
from wagtail.models import Page, PageViewRestriction, Site

from headless.querysets import PUBLIC_PAGE_WITH_ID, public_page, public_pages, specific_page
from home.models import MissionPage
from newsroom.models import NewsArticlePage, NewsIndexPage
from serving.specific import KNOWN_TYPES, remember_type

pytestmark = pytest.mark.django_db

VERSIONS = ["v2", "v3"]


def request_for(path="/api/v3/pages/1/"):
    return RequestFactory().get(path, HTTP_HOST="localhost")


def fields(page):
    return {field.attname: getattr(page, field.attname) for field in page._meta.concrete_fields}


def test_every_live_page_is_the_page_djangos_query_gives():
    pages = Page.objects.live().filter(depth__gt=1).specific()
    assert {type(page) for page in pages} >= {NewsArticlePage}
    for page in pages:
        remember_type(page)
        request = request_for()
        expected = specific_page(public_pages(request), page.pk)
        found = public_page(request, page.pk)
        assert type(found) is type(expected)
        assert {k: v for k, v in fields(found).items() if k != "body"} == {
            k: v for k, v in fields(expected).items() if k != "body"
        }
        assert found.locale == expected.locale
        for name in getattr(type(page), "serve_select_related", ()):
            assert getattr(found, name) == getattr(expected, name)
    # The articles came from the prepared statement.
    assert any(PUBLIC_PAGE_WITH_ID[NewsArticlePage].statements.values())


@pytest.mark.parametrize("version", VERSIONS)
def test_a_known_page_unpublished_or_made_private_is_a_404(client, version):
    first, second = NewsArticlePage.objects.live().filter(locale__language_code="ka")[:2]
    for article in (first, second):
        url = f"/api/{version}/pages/{article.pk}/"
        assert client.get(url).status_code == 200
        assert KNOWN_TYPES[article.pk] is NewsArticlePage
    first.unpublish()
    PageViewRestriction.objects.create(page=second, restriction_type="password", password="x")
    for article in (first, second):
        response = client.get(f"/api/{version}/pages/{article.pk}/")
        assert response.status_code == 404, article


@pytest.mark.parametrize("version", VERSIONS)
def test_a_known_page_answers_the_same_as_the_first_time(client, version):
    for article in NewsArticlePage.objects.live():
        url = f"/api/{version}/pages/{article.pk}/"
        KNOWN_TYPES.clear()
        first = client.get(url).json()
        assert KNOWN_TYPES[article.pk] is NewsArticlePage
        assert client.get(url).json() == first


def test_on_another_site_only_that_sites_pages_are_found():
    """A second site rooted at the English newsroom: its articles are found on its host,
    the mission pages (outside its tree) are not, whatever their known type."""
    news = NewsIndexPage.objects.get(locale__language_code="en")
    Site.objects.create(hostname="news.example", port=80, root_page=news)
    article = NewsArticlePage.objects.live().child_of(news).first()
    mission = MissionPage.objects.live().filter(locale=news.locale).first()
    for page in (article, mission):
        remember_type(page)
    on_news_site = RequestFactory().get("/api/v3/pages/1/", HTTP_HOST="news.example")
    assert public_page(on_news_site, article.pk) == article
    with pytest.raises(Http404):
        public_page(on_news_site, mission.pk)
    assert public_page(request_for(), mission.pk) == mission
