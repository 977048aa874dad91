"""The headless API: /api/v2/ (Django REST framework) and /api/v3/ (Wagtail 8, django-ninja)."""

import re

import pytest

from home.models import MissionPage
from newsroom.models import NewsArticlePage

pytestmark = pytest.mark.django_db

GEORGIAN_LETTER = re.compile("[\u10d0-\u10ff]")
ARTICLES = "/api/v2/pages/?type=newsroom.NewsArticlePage&fields=*"


def is_georgian(text):
    return bool(GEORGIAN_LETTER.search(text or ""))


def strings_under(value, key=None):
    """Every string in a JSON value (only those stored under `key`, when given)."""
    if isinstance(value, dict):
        for name, item in value.items():
            if isinstance(item, str) and (key is None or name == key):
                yield item
            elif not isinstance(item, str):
                yield from strings_under(item, key)
    elif isinstance(value, list):
        for item in value:
            yield from strings_under(item, key)
    elif isinstance(value, str) and key is None:
        yield value


def get_json(client, url, **headers):
    response = client.get(url, **headers)
    assert response.status_code == 200, (url, response.status_code, response.content[:500])
    assert response["Content-Type"].startswith("application/json")
    return response, response.json()


class TestArticlesByLocale:
    def test_georgian_articles(self, client, ka_locale):
        response, data = get_json(client, ARTICLES + "&locale=ka")
        expected = NewsArticlePage.objects.filter(locale=ka_locale)
        assert data["meta"]["total_count"] == 2
        assert {item["id"] for item in data["items"]} == {page.pk for page in expected}
        for item in data["items"]:
            assert item["meta"]["locale"] == "ka"
            assert is_georgian(item["title"]), item["title"]
            assert is_georgian(item["summary"]), item["summary"]
        assert "linktype=" not in response.content.decode()

    def test_english_articles(self, client, en_locale):
        response, data = get_json(client, ARTICLES + "&locale=en")
        expected = NewsArticlePage.objects.filter(locale=en_locale)
        assert {item["id"] for item in data["items"]} == {page.pk for page in expected}
        for item in data["items"]:
            assert item["meta"]["locale"] == "en"
            assert not is_georgian(item["title"]), item["title"]
        assert "linktype=" not in response.content.decode()

    @pytest.mark.parametrize("language", ["en", "ka"])
    def test_body_is_a_list_of_typed_blocks(self, client, language):
        _, data = get_json(client, ARTICLES + f"&locale={language}")
        for item in data["items"]:
            body = item["body"]
            assert isinstance(body, list) and body
            for block in body:
                assert set(block) == {"type", "value", "id"}, block
            types = [block["type"] for block in body]
            assert {"paragraph", "quote", "image"} <= set(types)
            for block in body:
                if block["type"] == "paragraph":
                    assert isinstance(block["value"], str)
                    assert block["value"].startswith("<p>"), block["value"]
                if block["type"] == "quote":
                    assert block["value"]["attribution"], block

    @pytest.mark.parametrize("language", ["en", "ka"])
    def test_featured_image_is_a_rendition(self, client, language):
        _, data = get_json(client, ARTICLES + f"&locale={language}")
        for item in data["items"]:
            image = item["featured_image"]
            assert isinstance(image, dict), image
            # Absolute, as every image URL of the API (Wagtail's own `url` is relative).
            assert re.match(
                r"^https?://[^/]+/media/images/.+\.fill-1200x630\.format-webp\.webp$", image["url"]
            )
            assert (image["width"], image["height"]) == (1200, 630)
            assert item["featured_image_alt"]
            # The description in the page's own language, not the image's one default alt text.
            assert image["alt"] == item["featured_image_alt"]
            assert any("\u10d0" <= letter <= "\u10ff" for letter in image["alt"]) == (
                language == "ka"
            )

    @pytest.mark.parametrize("language", ["en", "ka"])
    def test_image_blocks_in_the_body_carry_rendition_urls(self, client, language):
        """DESIGN.md: the API gives "images as rendition URLs", not bare image ids; the alt
        text is the block's own, in the page's language."""
        _, data = get_json(client, ARTICLES + f"&locale={language}")
        checked = 0
        for item in data["items"]:
            page = NewsArticlePage.objects.get(pk=item["id"])
            stored = {block.id: block.value for block in page.body if block.block_type == "image"}
            for block in item["body"]:
                if block["type"] != "image":
                    continue
                value = block["value"]
                assert isinstance(value, dict), value
                assert not isinstance(value.get("image"), int), f"bare image id: {value}"
                urls = [url for url in strings_under(value, "url") if "/media/images/" in url]
                assert urls, f"no rendition URL in {value}"
                assert stored[block["id"]]["alt_text"] in strings_under(value), value
                checked += 1
        assert checked == 2

    def test_topics_are_in_the_articles_language(self, client):
        _, data = get_json(client, ARTICLES + "&locale=ka")
        topics = [topic for item in data["items"] for topic in item["topics"]]
        assert topics
        assert {"migration-governance", "civil-society", "diaspora"} <= {t["slug"] for t in topics}
        assert any(is_georgian(topic["name"]) for topic in topics)


@pytest.mark.parametrize("article", ["first", "last"])
def test_translation_of_returns_exactly_the_georgian_translation(
    client, en_locale, ka_locale, article
):
    english = NewsArticlePage.objects.filter(locale=en_locale).order_by("date")
    english = english.first() if article == "first" else english.last()
    georgian = english.get_translation(ka_locale)

    _, data = get_json(client, f"/api/v2/pages/?translation_of={english.pk}&locale=ka")
    assert [item["id"] for item in data["items"]] == [georgian.pk]
    assert data["items"][0]["title"] == georgian.title


def test_list_mission_pages_by_type(client, en_locale):
    _, data = get_json(client, "/api/v2/pages/?type=home.MissionPage&locale=en&limit=50")
    assert data["meta"]["total_count"] == 8
    assert len(data["items"]) == 8
    assert {item["id"] for item in data["items"]} == set(
        MissionPage.objects.filter(locale=en_locale).values_list("pk", flat=True)
    )
    assert all(item["meta"]["type"] == "home.MissionPage" for item in data["items"])


@pytest.mark.parametrize("language", ["en", "ka"])
def test_mission_hero_image_is_a_rendition_described_in_the_pages_language(client, language):
    _, data = get_json(
        client, f"/api/v2/pages/?type=home.MissionPage&locale={language}&fields=*&limit=50"
    )
    heroes = [item for item in data["items"] if item["hero_image"]]
    assert len(heroes) == 2  # "Who We Are" and "Our Work"
    for item in heroes:
        hero = item["hero_image"]
        # Absolute, as every image URL of the API.
        assert re.match(
            r"^https?://[^/]+/media/images/.+\.fill-1600x600\.format-webp\.webp$", hero["url"]
        )
        assert (hero["width"], hero["height"]) == (1600, 600)
        assert hero["alt"] == item["hero_image_alt"]
        assert is_georgian(hero["alt"]) == (language == "ka")
    assert all(item["hero_image_alt"] == "" for item in data["items"] if not item["hero_image"])


def paragraph_html(client, locale, slug, **headers):
    response, data = get_json(
        client,
        f"/api/v2/pages/?type=home.MissionPage&locale={locale}&slug={slug}&fields=body",
        **headers,
    )
    assert "linktype=" not in response.content.decode()
    (item,) = data["items"]
    return " ".join(block["value"] for block in item["body"] if block["type"] == "paragraph")


def test_rich_text_links_are_resolved(client):
    html = paragraph_html(client, "en", "who-we-are")
    assert 'href="/en/who-we-are/about/"' in html
    assert 'href="/en/who-we-are/iom-global/"' in html


def test_georgian_rich_text_links_go_to_georgian_pages(client, ka_locale):
    """DESIGN.md pitfall 6: links inside a Georgian page must lead to the Georgian pages,
    whatever language the API request itself negotiated."""
    about = MissionPage.objects.get(locale=ka_locale, slug="chvens-shesakheb")
    home = about.get_parent()
    html = paragraph_html(client, "ka", home.slug, HTTP_ACCEPT_LANGUAGE="en")
    assert f'href="{about.url}"' in html, html
    assert 'href="/en/' not in html, html


@pytest.mark.parametrize("url", ["/api/v2/images/", "/api/v2/documents/", "/api/v2/pages/"])
def test_v2_endpoints_answer(client, url):
    _, data = get_json(client, url)
    assert "items" in data


def test_v2_images_lists_the_demo_images(client):
    _, data = get_json(client, "/api/v2/images/")
    assert data["meta"]["total_count"] >= 2


def test_v3_openapi_document(client):
    _, data = get_json(client, "/api/v3/openapi.json")
    assert data["openapi"].startswith("3.")
    assert any(path.startswith("/api/v3/pages") for path in data["paths"])


def test_v3_pages_in_georgian(client, ka_locale):
    _, data = get_json(client, "/api/v3/pages/?locale=ka")
    assert data["items"]
    assert all(item["meta"]["locale"] == "ka" for item in data["items"])
    assert any(is_georgian(item["title"]) for item in data["items"])


@pytest.mark.parametrize("url", ["/api/nope/", "/api/v2/nope/", "/api/v2/pages/999999/"])
def test_unknown_api_urls_are_json_404s(client, url):
    response = client.get(url)
    assert response.status_code == 404, (response.status_code, response.get("Location"))
    assert response["Content-Type"].startswith("application/json")
    assert isinstance(response.json(), dict)
