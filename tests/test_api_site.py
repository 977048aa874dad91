"""The whole site from the API, anonymously, in both languages and both versions:
navigation, footer, topics, site settings, topic filter and date order, related articles,
paths, alternates, absolute image URLs, display dates, clean rich text, localized errors."""

import re

import pytest
from wagtail.blocks import StreamValue

from home.models import MissionPage
from newsroom.models import NewsArticlePage, Topic

pytestmark = pytest.mark.django_db

VERSIONS = ["v2", "v3"]


def get_json(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    return response.json()


def walk(items):
    for item in items:
        yield item
        yield from walk(item["children"])


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("language", ["en", "ka"])
def test_navigation_is_the_whole_menu_tree_in_one_request(client, version, language):
    data = get_json(client, f"/api/{version}/navigation/?locale={language}")
    assert data["locale"] == language
    assert data["home"]["html_path"] == f"/{language}/"
    top = {item["html_path"] for item in data["items"]}
    expected_top = set()
    for page in data["items"]:
        assert page["html_path"].startswith(f"/{language}/")
    menu_pages = MissionPage.objects.live().filter(
        locale__language_code=language, show_in_menus=True
    )
    by_path = {item["html_path"]: item for item in walk(data["items"])}
    for page in menu_pages:
        assert page.url in by_path, page.url
        assert by_path[page.url]["title"] == page.title
        if page.depth == 3:
            expected_top.add(page.url)
    assert expected_top <= top
    # The sub-pages of "Who We Are" and "Our Work" hang under them.
    slugs = {"en": ("who-we-are", "our-work"), "ka": ("vin-vart-chven", "chveni-sakmianoba")}
    for slug in slugs[language]:
        (section,) = [item for item in data["items"] if item["html_path"] == f"/{language}/{slug}/"]
        children = (
            MissionPage.objects.live()
            .filter(locale__language_code=language, url_path__endswith=f"/{slug}/")
            .get()
            .get_children()
            .live()
        )
        assert [child["id"] for child in section["children"]] == [c.pk for c in children]
        assert section["children"]


@pytest.mark.parametrize("version", VERSIONS)
def test_georgian_footer_and_site_settings(client, version):
    footer = get_json(client, f"/api/{version}/footer/?locale=ka")
    assert re.search("[\u10d0-\u10ff]", footer["organisation"])
    assert footer["facebook_url"].startswith("https://")
    english = get_json(client, f"/api/{version}/footer/?locale=en")
    assert english["organisation"] != footer["organisation"]
    settings = get_json(client, f"/api/{version}/site/?locale=ka")
    assert settings["default_language"] == "en"
    languages = {language["code"]: language for language in settings["languages"]}
    assert languages["ka"]["name"] == "ქართული"
    assert languages["en"]["site_name"] == "IOM Georgia"
    assert settings["site_name"] == languages["ka"]["site_name"] != "IOM Georgia"
    assert languages["ka"]["home_path"] == "/ka/"


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("language", ["en", "ka"])
def test_topics_with_article_counts(client, version, language):
    data = get_json(client, f"/api/{version}/topics/?locale={language}")
    topics = Topic.objects.filter(locale__language_code=language)
    assert {topic["slug"] for topic in data["items"]} == {topic.slug for topic in topics}
    for item in data["items"]:
        expected = (
            NewsArticlePage.objects.live()
            .filter(locale__language_code=language, article_topics__topic__slug=item["slug"])
            .count()
        )
        assert item["article_count"] == expected
    assert sum(item["article_count"] for item in data["items"]) > 0


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("url", ["navigation/?locale=fr", "topics/?locale=", "footer/?x=1"])
def test_bad_parameters_of_the_site_endpoints_are_named_400s(client, version, url):
    data = get_json(client, f"/api/{version}/{url}", status=400)
    assert data["parameter"] in ("locale", "x")


@pytest.mark.parametrize("version", VERSIONS)
@pytest.mark.parametrize("language", ["en", "ka"])
def test_topic_filter_and_date_order(client, version, language):
    base = f"/api/{version}/pages/?type=newsroom.NewsArticlePage&locale={language}"
    data = get_json(client, base + "&topic=diaspora")
    expected = NewsArticlePage.objects.live().filter(
        locale__language_code=language, article_topics__topic__slug="diaspora"
    )
    assert [item["id"] for item in data["items"]] == [page.pk for page in expected]
    assert data["items"]
    newest = get_json(client, base + "&order=-date")["items"]
    oldest = get_json(client, base + "&order=date")["items"]
    articles = NewsArticlePage.objects.live().filter(locale__language_code=language)
    assert [item["id"] for item in newest] == [p.pk for p in articles.order_by("-date")]
    assert [item["id"] for item in oldest] == [p.pk for p in articles.order_by("date")]
    assert get_json(client, base + "&topic=no-such-topic")["items"] == []


@pytest.mark.parametrize("version", VERSIONS)
def test_an_article_has_related_articles_a_path_and_a_display_date(client, version):
    article = NewsArticlePage.objects.live().get(
        locale__language_code="ka", date__year=2021, date__month=3
    )
    data = get_json(client, f"/api/{version}/pages/{article.pk}/")
    assert data["date"] == "2021-03-16"
    assert data["date_display"] == "16 მარტი, 2021"
    assert data["meta"]["html_path"] == article.url
    assert data["meta"]["html_path"].startswith("/ka/siakhleebi/")
    related = {item["id"] for item in data["related_articles"]}
    assert related == {page.pk for page in article.related_articles()}
    assert all(item["html_path"].startswith("/ka/") for item in data["related_articles"])
    assert data["featured_image"]["url"].startswith("http")
    for block in data["body"]:
        if block["type"] == "image":
            for rendition in block["value"]["renditions"].values():
                assert rendition["url"].startswith("http")


@pytest.mark.parametrize("version", VERSIONS)
def test_listed_pages_carry_their_path(client, version):
    data = get_json(client, f"/api/{version}/pages/?locale=ka&limit=50")
    for item in data["items"]:
        assert item["meta"]["html_path"].startswith("/ka/")
        assert item["meta"]["html_url"].endswith(item["meta"]["html_path"])


def test_rich_text_from_the_admin_is_as_clean_as_the_demo(client):
    page = MissionPage.objects.live().get(locale__language_code="en", slug="who-we-are")
    paragraph = '<p data-block-key="k3x9a">Edited <b>in</b> the admin.</p>'
    page.body = StreamValue(page.body.stream_block, [("paragraph", paragraph)], is_lazy=False)
    page.save_revision().publish()
    for version in VERSIONS:
        body = get_json(client, f"/api/{version}/pages/{page.pk}/")["body"]
        assert body[0]["value"] == "<p>Edited <b>in</b> the admin.</p>"


def test_v3_errors_follow_the_request_language(client):
    data = get_json(client, "/api/v3/pages/999999/", status=404, HTTP_ACCEPT_LANGUAGE="ka")
    assert data["title"] == "ვერ მოიძებნა"
    data = get_json(client, "/api/v3/pages/?locale=xx", status=400, HTTP_ACCEPT_LANGUAGE="ka")
    assert data["title"] == "არასწორი მოთხოვნა"
    assert data["parameter"] == "locale"
    assert re.search("[\u10d0-\u10ff]", data["detail"])
    english = get_json(client, "/api/v3/pages/?locale=xx", status=400, HTTP_ACCEPT_LANGUAGE="en")
    assert english["title"] == "Bad Request"
