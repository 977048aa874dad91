"""What keeps the v2 API's answers cheap to make (headless/v2.py), pinned without timing:
compact JSON unless a client asks for indentation, and serializers built once per shape."""

import json

import pytest
import wagtail_factories
from django.conf import settings
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation
from rest_framework.serializers import ModelSerializer
from wagtail.api.v2.serializers import BaseSerializer

from headless import v2
from headless.representations import among_prefetched, image_filter
from newsroom.models import NewsArticlePage

pytestmark = pytest.mark.django_db

LISTING = "/api/v2/pages/?type=newsroom.NewsArticlePage&locale=ka&fields=*"


def v2_urls():
    article = NewsArticlePage.objects.live().filter(locale__language_code="ka").first()
    return [f"/api/v2/pages/{article.pk}/", LISTING, "/api/v2/images/", "/api/v2/documents/"]


def test_v2_answers_are_compact_json(client):
    # Indented JSON needs Python's pure-Python encoder, several times slower than its C one.
    for url in v2_urls():
        response = client.get(url)
        assert response.status_code == 200, url
        compact = json.dumps(response.json(), ensure_ascii=False, separators=(",", ":"))
        assert response.content == compact.encode(), url


def test_a_client_can_still_ask_for_indented_json(client):
    for url in v2_urls():
        compact = client.get(url)
        pretty = client.get(url, HTTP_ACCEPT="application/json; indent=4")
        assert pretty.json() == compact.json(), url
        assert (
            pretty.content == json.dumps(compact.json(), ensure_ascii=False, indent=4).encode()
        ), url


def test_serializer_fields_are_built_once_per_shape(client, monkeypatch):
    # DRF's build_field (each model field's serializer field) costs more than serializing a
    # detail; the serializer classes and their fields are made once per shape of answer.
    built = []
    original = ModelSerializer.build_field

    def counting_build_field(self, *args, **kwargs):
        built.append(type(self))
        return original(self, *args, **kwargs)

    monkeypatch.setattr(ModelSerializer, "build_field", counting_build_field)
    for url in v2_urls()[:2]:
        client.get(url)  # the first answer of its shape builds them
        built.clear()
        response = client.get(url)
        assert response.status_code == 200 and response.json()["meta"]
        assert built == [], url


@pytest.mark.parametrize("filtered_on", [None, "date", "topic"])
def test_a_page_types_listing_is_counted_on_the_page_table(client, filtered_on):
    # Filters on page columns only (live, site, language, type): counted without the join
    # to the type's own table, a lookup there for every article counted. A filter on the
    # type's own columns (date) or a subquery (topic) keeps Django's count.
    articles = NewsArticlePage.objects.live().filter(locale__language_code="ka")
    url = "/api/v2/pages/?type=newsroom.NewsArticlePage&locale=ka"
    if filtered_on == "date":
        date = articles.first().date
        articles, url = articles.filter(date=date), f"{url}&date={date}"
    elif filtered_on == "topic":
        articles = articles.filter(article_topics__topic__slug="diaspora").distinct()
        url = f"{url}&topic=diaspora"
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200
    (count,) = [q["sql"] for q in queries.captured_queries if "COUNT(" in q["sql"]]
    assert ("newsroom_newsarticlepage" in count) is bool(filtered_on), count
    assert response.json()["meta"]["total_count"] == articles.count() > 0


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_related_articles_read_only_what_their_summary_shows(client, version):
    # The model's related_articles() fetches what the HTML page's cards show (the picture);
    # a summary needs the id, title, language and url_path.
    article = next(a for a in NewsArticlePage.objects.live() if a.related_articles())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(f"/api/{version}/pages/{article.pk}/")
    assert response.status_code == 200 and response.json()["related_articles"]
    (related,) = [
        q["sql"]
        for q in queries.captured_queries
        if "newsroom_articletopic" in q["sql"] and "EXISTS" in q["sql"]
    ]
    assert "wagtailimages" not in related and '"summary"' not in related, related


def test_detail_urls_are_reversed_once_per_page_type(client, monkeypatch):
    """Every item's meta.detail_url (and its parent's) is Wagtail's, from one reverse per
    page type and request."""
    calls = []
    original = v2.get_object_detail_url

    def counted(router, request, model, pk):
        calls.append(model)
        return original(router, request, model, pk)

    monkeypatch.setattr(v2, "get_object_detail_url", counted)
    items = client.get("/api/v2/pages/?fields=*&limit=20").json()["items"]
    assert len(items) > 3 and len({item["meta"]["type"] for item in items}) > 1
    for item in items:
        path = reverse("wagtailapi:pages:detail", args=[item["id"]])
        assert item["meta"]["detail_url"] == f"{settings.WAGTAILAPI_BASE_URL}{path}"
    assert sorted(calls, key=str) == sorted(set(calls), key=str)  # once per type
    parent = client.get(f"/api/v2/pages/{items[-1]['id']}/").json()["meta"]["parent"]
    path = reverse("wagtailapi:pages:detail", args=[parent["id"]])
    assert parent["meta"]["detail_url"] == f"{settings.WAGTAILAPI_BASE_URL}{path}"


def wagtails_representations(client, url, monkeypatch):
    """The items of a v2 answer as Wagtail's own `BaseSerializer.to_representation` makes
    them, each in its page's language (what `HeadlessPageSerializer.fields_of` stands for)."""

    def wagtails(self, instance):
        with translation.override(instance.locale.language_code):
            data = BaseSerializer.to_representation(self, instance)
        data["type"] = instance.specific_class._meta.label
        return data

    monkeypatch.setattr(v2.HeadlessPageSerializer, "to_representation", wagtails)
    try:
        return client.get(url).content
    finally:
        monkeypatch.undo()


@pytest.mark.parametrize(
    "url",
    [
        LISTING,
        "/api/v2/pages/?fields=*",  # every type and both languages in one page of results
        "/api/v2/pages/?fields=_,title,html_url",  # no id: Wagtail puts none first
        "/api/v2/pages/?locale=en&fields=-title,-slug",
    ],
)
def test_items_are_what_wagtails_serializer_makes(client, monkeypatch, url):
    # The meta and core fields are sorted once per serializer, not for each item, and a page
    # of results in one language switches to it once: the same JSON, byte for byte.
    ours = client.get(url)
    assert ours.status_code == 200
    assert ours.content == wagtails_representations(client, url, monkeypatch)


def test_a_details_item_is_what_wagtails_serializer_makes(client, monkeypatch):
    for url in v2_urls()[:1] + [f"/api/v2/pages/{NewsArticlePage.objects.first().pk}/"]:
        assert client.get(url).content == wagtails_representations(client, url, monkeypatch)


def test_a_prefetched_rendition_is_the_one_wagtail_chooses():
    image = wagtail_factories.ImageFactory()
    small, large = image_filter("fill-100x100"), image_filter("max-200x200")
    image.get_renditions(small, large)  # made and stored

    def fetched():
        again = type(image).objects.get(pk=image.pk)
        again.prefetched_renditions = list(again.renditions.all())
        return again

    found = among_prefetched(fetched(), [small, large])
    expected = fetched().get_renditions(small, large)
    assert {spec: r.pk for spec, r in found.items()} == {s: r.pk for s, r in expected.items()}
    assert list(found) == list(expected) == [small.spec, large.spec]  # in the filters' order
    reversed_order = among_prefetched(fetched(), [large, small])
    assert list(reversed_order) == [large.spec, small.spec]
    # Moved focal point: the stored renditions no longer fit; Wagtail makes new ones.
    moved = fetched()
    moved.focal_point_x, moved.focal_point_y, moved.focal_point_width = 5, 5, 10
    moved.focal_point_height = 10
    assert among_prefetched(moved, [small]) is None
    assert among_prefetched(fetched(), [image_filter("max-300x300")]) is None  # not made yet
    assert among_prefetched(fetched(), [image_filter("max-200x200|preserve-svg")]) is None
    assert among_prefetched(image_without_prefetch := fetched(), [small]) is not None
    del image_without_prefetch.prefetched_renditions
    assert among_prefetched(image_without_prefetch, [small]) is None
