"""The response cache for anonymous readers (serving/responsecache.py)."""

import pytest
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory

from newsroom.models import NewsArticlePage
from serving.responsecache import HIT_HEADER, ResponseCacheMiddleware, current_generation

pytestmark = pytest.mark.django_db


@pytest.fixture
def response_cache(settings):
    """The response cache on, empty before and after the test."""
    settings.RESPONSE_CACHE_ENABLED = True
    cache.clear()
    yield cache
    cache.clear()


def article(code):
    return (
        NewsArticlePage.objects.live().filter(locale__language_code=code).order_by("-date").first()
    )


def reader_urls():
    """One of everything an anonymous reader or app reads, in both languages."""
    en, ka = article("en"), article("ka")
    return [
        "/en/",
        "/ka/",
        en.url,
        ka.url,
        en.get_parent().url,
        ka.get_parent().url,
        "/en/feeds/news/",
        "/ka/feeds/news/",
        "/sitemap.xml",
        "/sitemap-1.xml",
        "/robots.txt",
        "/api/v2/pages/?locale=ka&fields=*&limit=20",
        f"/api/v2/pages/{en.pk}/",
        f"/api/v2/pages/{ka.pk}/",
        "/api/v3/pages/?locale=en",
        f"/api/v3/pages/{ka.pk}/",
    ]


def test_a_hit_runs_no_query_in_both_languages_and_the_api(
    client, response_cache, django_assert_num_queries
):
    for url in reader_urls():
        first = client.get(url)
        assert first.status_code == 200, url
        assert first[HIT_HEADER] == "miss", url
        with django_assert_num_queries(0):
            again = client.get(url)
        assert again.status_code == 200, url
        assert again[HIT_HEADER] == "hit", url
        assert again.content == first.content, url
        assert again["Content-Type"] == first["Content-Type"], url


def test_languages_and_hosts_never_mix(client, response_cache):
    english = client.get("/api/v2/pages/?limit=1", HTTP_ACCEPT_LANGUAGE="en")
    georgian = client.get("/api/v2/pages/?limit=1", HTTP_ACCEPT_LANGUAGE="ka")
    assert georgian[HIT_HEADER] == "miss"
    assert english.content == georgian.content  # same data; two entries, one per language
    other_host = client.get("/robots.txt", HTTP_HOST="other.example")
    assert b"http://other.example/sitemap.xml" in other_host.content
    assert b"http://other.example" not in client.get("/robots.txt").content


def test_api_etag_and_304_on_a_cached_answer(client, response_cache, django_assert_num_queries):
    url = f"/api/v2/pages/{article('ka').pk}/"
    etag = client.get(url)["ETag"]
    with django_assert_num_queries(0):
        cached = client.get(url)
        not_modified = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert cached[HIT_HEADER] == "hit" and cached["ETag"] == etag
    assert not_modified.status_code == 304
    assert not_modified["ETag"] == etag
    # CORS is added per request, also to cached answers.
    cors = client.get(url, HTTP_ORIGIN="https://app.example.org")
    assert cors[HIT_HEADER] == "hit"
    assert cors["Access-Control-Allow-Origin"] == "*"


def test_public_pages_carry_a_shared_cache_lifetime(client, response_cache, settings):
    settings.SHARED_CACHE_SECONDS = 123
    for url in ("/en/", "/ka/", "/sitemap.xml", "/ka/feeds/news/"):
        cache_control = client.get(url)["Cache-Control"]
        assert "public" in cache_control and "s-maxage=123" in cache_control, url
    # The API keeps its revalidated ETag policy (headless/middleware.py).
    assert client.get("/api/v2/pages/")["Cache-Control"] == settings.HEADLESS_API_CACHE_CONTROL


class TestNeverCachedNorServed:
    def warm(self, client, url="/en/"):
        client.get(url)
        assert client.get(url)[HIT_HEADER] == "hit"

    def test_logged_in_editor(self, client, response_cache, django_user_model):
        self.warm(client)
        editor = django_user_model.objects.create_user("reader-editor", password="x")
        client.force_login(editor)
        for _ in range(2):
            response = client.get("/en/")
            assert response.status_code == 200
            assert HIT_HEADER not in response
            assert "private" in response["Cache-Control"]
            assert "public" not in response["Cache-Control"]
            api = client.get("/api/v2/pages/")
            assert HIT_HEADER not in api and "private" in api["Cache-Control"]

    def test_a_session_cookie_alone(self, client, response_cache, settings):
        self.warm(client)
        client.cookies[settings.SESSION_COOKIE_NAME] = "not-even-a-valid-session"
        response = client.get("/en/")
        assert HIT_HEADER not in response
        assert "private" in response["Cache-Control"]

    def test_other_cookies_do_not_split_or_skip_the_cache(self, client, response_cache):
        self.warm(client)
        client.cookies["csrftoken"] = "abc"
        client.cookies["django_language"] = "ka"
        assert client.get("/en/")[HIT_HEADER] == "hit"

    def test_non_get(self, client, response_cache):
        self.warm(client, "/en/search/?q=migration")
        response = client.post("/en/search/?q=migration")
        assert HIT_HEADER not in response

    def test_admin_and_preview(self, client, response_cache):
        for url in ("/admin/login/", "/api/v2/preview/?token=bad"):
            client.get(url)
            response = client.get(url)
            assert HIT_HEADER not in response, url
            assert "private" in response["Cache-Control"], url

    def test_authorization_header(self, client, response_cache):
        self.warm(client, "/api/v2/pages/")
        response = client.get("/api/v2/pages/", HTTP_AUTHORIZATION="Bearer x")
        assert HIT_HEADER not in response

    def test_responses_that_set_cookies_or_use_csrf_or_are_private(self, response_cache):
        factory = RequestFactory()

        def sets_cookie(request):
            response = HttpResponse("personal")
            response.set_cookie("token", "secret")
            return response

        def uses_csrf(request):
            request.META["CSRF_COOKIE_USED"] = True
            return HttpResponse("form")

        def private(request):
            response = HttpResponse("mine")
            response["Cache-Control"] = "private"
            return response

        def not_found(request):
            return HttpResponse("missing", status=404)

        for view in (sets_cookie, uses_csrf, private, not_found):
            middleware = ResponseCacheMiddleware(view)
            path = f"/en/{view.__name__}/"
            first = middleware(factory.get(path))
            second = middleware(factory.get(path))
            assert HIT_HEADER not in first and HIT_HEADER not in second, view.__name__

    def test_switched_off(self, client, response_cache, settings):
        settings.RESPONSE_CACHE_ENABLED = False
        client.get("/en/")
        response = client.get("/en/")
        assert HIT_HEADER not in response
        assert "s-maxage" in response["Cache-Control"]  # a shared cache in front still may


def test_generation_is_created_once(response_cache):
    first = current_generation()
    assert first and current_generation() == first
