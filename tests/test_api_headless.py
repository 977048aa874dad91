"""The headless API contract (headless/, config/api.py): parity between v2 and v3,
translations in meta, find by path in any language, block JSON, CORS, HTTP caching and
parameter errors."""

import json
from urllib.parse import quote

import pytest
from django.core.files.base import ContentFile
from django.test import override_settings
from wagtail.documents import get_document_model
from wagtail.models import Page

from home.models import HomePage, MissionPage
from newsroom.models import NewsArticlePage, NewsIndexPage

pytestmark = pytest.mark.django_db

PAGE_MODELS = [HomePage, MissionPage, NewsIndexPage, NewsArticlePage]


def get_json(client, url, status=200, **headers):
    response = client.get(url, **headers)
    assert response.status_code == status, (url, response.status_code, response.content[:500])
    # v3's errors are problem+json (RFC 9457), everything else plain JSON.
    assert response["Content-Type"].split(";")[0] in (
        "application/json",
        "application/problem+json",
    ), response["Content-Type"]
    return response.json()


def live_pages(model, language):
    return model.objects.live().filter(locale__language_code=language).order_by("pk")


def expected_alternates(page):
    """Every live version, the page itself included, and x-default: the English one."""
    versions = Page.objects.live().filter(translation_key=page.translation_key)
    entries = [(v.locale.language_code, v.pk, v.title, v.full_url) for v in versions]
    entries += [("x-default", *entry[1:]) for entry in entries if entry[0] == "en"]
    return sorted(entries)


def as_tuples(alternates):
    return sorted((a["locale"], a["id"], a["title"], a["html_url"]) for a in alternates)


# 1. Parity -------------------------------------------------------------------------------


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model.__name__)
@pytest.mark.parametrize("language", ["en", "ka"])
def test_v2_and_v3_details_expose_the_same_fields(client, model, language):
    page = live_pages(model, language).first()
    v2 = get_json(client, f"/api/v2/pages/{page.pk}/")
    v3 = get_json(client, f"/api/v3/pages/{page.pk}/")
    assert set(v2) == set(v3)
    assert set(v2["meta"]) == set(v3["meta"])
    # `type` (the page type, as in meta) at the top: the discriminator of the page union.
    expected = {"id", "type", "meta", "title"} | {field.name for field in model.api_fields}
    assert set(v2) == expected
    assert v2["meta"]["locale"] == v3["meta"]["locale"] == language
    assert v2["id"] == v3["id"] == page.pk
    assert v2["title"] == v3["title"] == page.title
    assert v2["meta"]["alternates"] == v3["meta"]["alternates"]
    if "body" in v2:
        assert v2["body"] == v3["body"]


# 2. Alternates ---------------------------------------------------------------------------


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_every_listed_page_carries_its_live_translations(client, version):
    data = get_json(client, f"/api/{version}/pages/?limit=100")
    assert data["items"]
    for item in data["items"]:
        page = Page.objects.get(pk=item["id"])
        assert item["meta"]["locale"] == page.locale.language_code
        assert as_tuples(item["meta"]["alternates"]) == expected_alternates(page)
        assert item["meta"]["alternates"], f"{page} has no translation in the demo content"


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_a_detail_carries_its_translations(client, version):
    page = live_pages(MissionPage, "ka").get(slug="vin-vart-chven")
    data = get_json(client, f"/api/{version}/pages/{page.pk}/")
    assert data["meta"]["locale"] == "ka"
    english = page.get_translation(page.locale.__class__.objects.get(language_code="en"))
    english_entry = {
        "locale": "en",
        "id": english.pk,
        "title": english.title,
        "html_url": english.full_url,
        "html_path": english.url,
    }
    # The page itself too, and the default language's version as x-default (as hreflang).
    assert data["meta"]["alternates"] == [
        english_entry,
        {
            "locale": "ka",
            "id": page.pk,
            "title": page.title,
            "html_url": page.full_url,
            "html_path": "/ka/vin-vart-chven/",
        },
        {**english_entry, "locale": "x-default"},
    ]
    assert english_entry["html_path"] == "/en/who-we-are/"


def test_an_unpublished_translation_is_not_an_alternate(client):
    english = live_pages(MissionPage, "en").get(slug="who-we-are")
    georgian = english.get_translations().get()
    georgian.specific.unpublish()
    data = get_json(client, f"/api/v2/pages/{english.pk}/")
    only_english = ["en", "x-default"]
    assert [alternate["locale"] for alternate in data["meta"]["alternates"]] == only_english
    listing = get_json(client, "/api/v2/pages/?type=home.MissionPage&locale=en&limit=100")
    by_id = {item["id"]: item for item in listing["items"]}
    alternates = by_id[english.pk]["meta"]["alternates"]
    assert [alternate["locale"] for alternate in alternates] == only_english


# 3. Find by path, in any language --------------------------------------------------------


@pytest.mark.parametrize("model", PAGE_MODELS, ids=lambda model: model.__name__)
@pytest.mark.parametrize("language", ["en", "ka"])
def test_find_by_path_returns_the_page_of_that_language(client, model, language):
    for page in live_pages(model, language):
        path = page.url  # /<language>/.../
        assert path.startswith(f"/{language}/")
        data = get_json(client, f"/api/v2/pages/find/?html_path={quote(path)}")
        assert data["id"] == page.pk
        assert data["meta"]["locale"] == language


def test_find_keeps_the_other_query_parameters(client):
    page = live_pages(NewsArticlePage, "ka").first()
    url = f"/api/v2/pages/find/?html_path={quote(page.url)}&fields=_,id,title,date"
    response = client.get(url)
    assert response.status_code == 200
    data = response.json()
    assert set(data) == {"id", "type", "title", "date"}  # `type` always: the discriminator
    assert data["title"] == page.title
    # Where the page lives, relative to the host the client called.
    assert response["Content-Location"] == f"/api/v2/pages/{page.pk}/?fields=_%2Cid%2Ctitle%2Cdate"
    assert client.get(response["Content-Location"]).json() == data


@pytest.fixture
def georgian_slug_page(ka_locale):
    """A Georgian page whose slug is in Georgian letters (an editor may choose one)."""
    page = live_pages(MissionPage, "ka").get(slug="vin-vart-chven")
    page.slug = "ვინ-ვართ-ჩვენ"
    page.save()
    return page


def test_find_accepts_raw_and_percent_encoded_georgian_paths(client, georgian_slug_page):
    raw = "/ka/ვინ-ვართ-ჩვენ/"
    for html_path in (raw, quote(raw)):
        # Once encoded for the query string: the server sees the raw or the encoded path.
        data = get_json(client, "/api/v2/pages/find/?" + f"html_path={quote(html_path)}")
        assert data["id"] == georgian_slug_page.pk
        data = get_json(client, "/api/v2/pages/find/", data={"html_path": html_path})
        assert data["id"] == georgian_slug_page.pk
    child = georgian_slug_page.get_children().live().first()
    data = get_json(client, "/api/v2/pages/find/", data={"html_path": raw + child.slug + "/"})
    assert data["id"] == child.pk


@pytest.mark.parametrize("version", ["v2", "v3"])
@pytest.mark.parametrize("html_path", ["/ka/no-such-page/", "/en/who-we-are/nothing/", "/fr/"])
def test_find_an_unknown_path_is_a_404(client, version, html_path):
    data = get_json(client, f"/api/{version}/pages/find/?html_path={html_path}", status=404)
    assert data["message" if version == "v2" else "detail"]


@pytest.mark.parametrize("version", ["v2", "v3"])
@pytest.mark.parametrize("html_path", ["ka/no-slash", "/ka/<script>/", "/ka/../en/", "%E1%83"])
def test_find_a_malformed_path_is_a_400(client, version, html_path):
    data = get_json(client, f"/api/{version}/pages/find/?html_path={quote(html_path)}", status=400)
    assert data["parameter"] == "html_path"


def test_v3_find_redirects_relatively_and_keeps_the_query(client):
    page = live_pages(NewsArticlePage, "ka").first()
    response = client.get(
        "/api/v3/pages/find/", {"html_path": page.url, "rich_text_format": "html"}
    )
    assert response.status_code == 302
    assert response["Location"] == f"/api/v3/pages/{page.pk}/?rich_text_format=html"
    data = get_json(client, response["Location"])
    assert data["id"] == page.pk
    assert data["meta"]["locale"] == "ka"


def test_find_with_no_path_is_a_400(client):
    assert get_json(client, "/api/v2/pages/find/", status=400)["parameter"] == "html_path"


# 4. Block JSON ---------------------------------------------------------------------------


def bodies(client, model, language):
    url = f"/api/v2/pages/?type={model._meta.label}&locale={language}&fields=*&limit=100"
    return [(item, item["body"]) for item in get_json(client, url)["items"]]


@pytest.mark.parametrize("model", [HomePage, MissionPage, NewsArticlePage], ids=str)
@pytest.mark.parametrize("language", ["en", "ka"])
def test_every_block_is_type_value_id_and_nothing_internal_leaks(client, model, language):
    for item, body in bodies(client, model, language):
        page = model.objects.get(pk=item["id"])
        assert [block["id"] for block in body] == [block.id for block in page.body]
        for block in body:
            assert set(block) == {"type", "value", "id"}
        dumped = json.dumps(body)
        assert "linktype" not in dumped and 'embedtype="' not in dumped


def test_quote_contact_and_image_blocks(client):
    seen = set()
    for _item, body in bodies(client, NewsArticlePage, "ka"):
        for block in body:
            value = block["value"]
            if block["type"] == "quote":
                assert set(value) == {"text", "attribution", "role"}
            elif block["type"] == "contact":
                assert set(value) == {"name", "office", "phone", "email"}
                assert "@" in value["email"]
            elif block["type"] == "image":
                image = get_json(client, f"/api/v2/images/{value['id']}/")
                assert value["title"] == image["title"]
                assert (value["width"], value["height"]) == (image["width"], image["height"])
                assert value["alt"]
                assert set(value["renditions"]) == {"thumbnail", "medium", "large"}
                for rendition in value["renditions"].values():
                    assert rendition["url"].startswith("http://testserver/media/images/")
                    assert rendition["url"].endswith(".webp")
                assert value["renditions"]["thumbnail"]["width"] == 400
            seen.add(block["type"])
    assert {"quote", "contact", "image"} <= seen


def test_document_and_embed_blocks(client):
    document = get_document_model().objects.create(title="Annual report")
    document.file.save("report.pdf", ContentFile(b"%PDF-1.4 demo"), save=True)
    article = live_pages(NewsArticlePage, "ka").first()
    article.body.append(("document", {"document": document, "title": "ანგარიში"}))
    article.body.append(("embed", "https://www.youtube.com/watch?v=dQw4w9WgXcQ"))
    article.save()
    body = get_json(client, f"/api/v2/pages/{article.pk}/")["body"]
    assert body[-2]["type"] == "document"
    assert body[-2]["value"] == {
        "id": document.pk,
        "title": "ანგარიში",
        "url": f"http://testserver/documents/{document.pk}/report.pdf",
        "file_extension": "pdf",
    }
    assert body[-1] == {
        "type": "embed",
        "value": "https://www.youtube.com/watch?v=dQw4w9WgXcQ",
        "id": article.body[-1].id,
    }


@pytest.mark.parametrize("version", ["v2", "v3"])
@pytest.mark.parametrize("accept_language", ["en", "ka"])
def test_links_in_georgian_content_are_georgian_whatever_the_request_language(
    client, version, accept_language
):
    page = live_pages(MissionPage, "ka").get(slug="vin-vart-chven")
    data = get_json(
        client, f"/api/{version}/pages/{page.pk}/", HTTP_ACCEPT_LANGUAGE=accept_language
    )
    links = [block["value"] for block in data["body"] if 'href="' in str(block["value"])]
    assert links
    for html in links:
        assert 'href="/ka/' in html and 'href="/en/' not in html
    english = page.get_translation(page.locale.__class__.objects.get(language_code="en"))
    data = get_json(
        client, f"/api/{version}/pages/{english.pk}/", HTTP_ACCEPT_LANGUAGE=accept_language
    )
    html = " ".join(str(block["value"]) for block in data["body"])
    assert 'href="/en/' in html and 'href="/ka/' not in html


def test_link_cards_and_call_to_action_point_to_pages_of_the_same_language(client):
    for language in ("en", "ka"):
        for _item, body in bodies(client, HomePage, language):
            pages = [
                target
                for block in body
                for target in (
                    [card["page"] for card in block["value"]["cards"]]
                    if block["type"] == "featured_pages"
                    else [block["value"]["page"]]
                    if block["type"] == "call_to_action"
                    else []
                )
                if target
            ]
            assert pages
            for target in pages:
                assert target["locale"] == language
                assert f"/{language}/" in target["html_url"]


# 6. CORS ---------------------------------------------------------------------------------


def test_read_endpoints_answer_any_origin_by_default(client):
    for url in ("/api/v2/pages/", "/api/v3/pages/", "/api/v2/openapi.json"):
        response = client.get(url, HTTP_ORIGIN="https://app.example.org")
        assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v2/pages/",
        HTTP_ORIGIN="https://app.example.org",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert "GET" in preflight["Access-Control-Allow-Methods"]


@override_settings(CORS_ALLOWED_ORIGINS=["https://app.example.org"])
def test_cors_allowed_origins_limits_the_origins(client):
    allowed = client.get("/api/v2/pages/", HTTP_ORIGIN="https://app.example.org")
    assert allowed["Access-Control-Allow-Origin"] == "https://app.example.org"
    assert "Origin" in allowed["Vary"]
    other = client.get("/api/v2/pages/", HTTP_ORIGIN="https://evil.example.com")
    assert other.status_code == 200
    assert "Access-Control-Allow-Origin" not in other


def test_admin_and_writes_never_get_cors(client):
    origin = {"HTTP_ORIGIN": "https://app.example.org"}
    assert "Access-Control-Allow-Origin" not in client.get("/admin/login/", **origin)
    write = client.post("/api/v3/pages/", data="{}", content_type="application/json", **origin)
    assert "Access-Control-Allow-Origin" not in write
    preflight = client.options(
        "/api/v3/pages/1/", HTTP_ACCESS_CONTROL_REQUEST_METHOD="PATCH", **origin
    )
    assert "Access-Control-Allow-Methods" not in preflight
    assert "Access-Control-Allow-Origin" not in preflight


# 7. HTTP caching -------------------------------------------------------------------------


@pytest.mark.parametrize("url", ["/api/v2/pages/?locale=ka", "/api/v3/pages/16/"])
def test_etag_and_304(client, url):
    page = live_pages(MissionPage, "ka").first()
    url = url.replace("16", str(page.pk))
    response = client.get(url)
    assert response.status_code == 200
    etag = response["ETag"]
    assert etag.startswith('"') and response["Cache-Control"]
    again = client.get(url, HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 304
    assert again.content == b""
    assert again["ETag"] == etag
    assert client.get(url, HTTP_IF_NONE_MATCH='"something-else"').status_code == 200


@pytest.mark.parametrize("language", ["en", "ka"])
def test_publishing_and_unpublishing_change_the_next_answer(client, language):
    page = live_pages(NewsArticlePage, language).first()
    url = f"/api/v2/pages/{page.pk}/"
    listing = f"/api/v2/pages/?type=newsroom.NewsArticlePage&locale={language}"
    before, before_listing = client.get(url), client.get(listing)
    page.title = page.title + " (updated)"
    page.save_revision().publish()
    after = client.get(url, HTTP_IF_NONE_MATCH=before["ETag"])
    assert after.status_code == 200 and after["ETag"] != before["ETag"]
    assert after.json()["title"].endswith("(updated)")
    after_listing = client.get(listing, HTTP_IF_NONE_MATCH=before_listing["ETag"])
    assert after_listing.status_code == 200
    page.refresh_from_db()
    page.unpublish()
    gone = client.get(url, HTTP_IF_NONE_MATCH=after["ETag"])
    assert gone.status_code == 404
    ids = [item["id"] for item in client.get(listing).json()["items"]]
    assert page.pk not in ids


# 9. Errors -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    "query,parameter",
    [
        ("type=nosuch.Page", "type"),
        ("type=wagtailimages.Image", "type"),
        ("locale=fr", "locale"),
        ("fields=nosuchfield", "fields"),
        ("nosuchparameter=1", "nosuchparameter"),
        ("limit=abc", "limit"),
        ("limit=-1", "limit"),
        ("limit=1000", "limit"),
        ("limit=1.5", "limit"),
        ("offset=abc", "offset"),
        ("offset=-5", "offset"),
        ("offset=99999999", "offset"),
        ("child_of=abc", "child_of"),
        ("descendant_of=999999", "descendant_of"),
        ("translation_of=x", "translation_of"),
        ("order=nosuchfield", "order"),
        ("type=newsroom.NewsArticlePage&date=yesterday", "date"),
        ("search=a%00b", "search"),
        ("title=a%00b", "title"),
    ],
)
def test_bad_listing_parameters_are_400s_that_name_the_parameter(client, query, parameter):
    data = get_json(client, f"/api/v2/pages/?{query}", status=400)
    assert data["parameter"] == parameter
    assert data["message"]


@pytest.mark.parametrize("endpoint", ["images", "documents"])
@pytest.mark.parametrize("query,parameter", [("limit=x", "limit"), ("offset=-1", "offset")])
def test_bad_parameters_on_images_and_documents(client, endpoint, query, parameter):
    assert get_json(client, f"/api/v2/{endpoint}/?{query}", status=400)["parameter"] == parameter


def test_bad_detail_parameters(client):
    page = live_pages(MissionPage, "en").first()
    assert get_json(client, f"/api/v2/pages/{page.pk}/?fields=nosuch", status=400)["parameter"] == (
        "fields"
    )
    data = get_json(client, f"/api/v2/pages/{page.pk}/?bogus=1", status=400)
    assert data["parameter"] == "bogus"
    assert get_json(client, "/api/v2/pages/find/?id=abc", status=400)["parameter"] == "id"


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/999999/",
        "/api/v2/images/999999/",
        "/api/v2/documents/999999/",
        "/api/v2/pages/99999999999999999999999/",
        "/api/v3/pages/999999/",
        "/api/v2/pages/find/?id=999999",
        "/api/nothing-here/",
    ],
)
def test_unknown_ids_are_404s(client, url):
    assert client.get(url).status_code == 404


@pytest.mark.parametrize(
    "query,parameter",
    [
        ("type=nosuch.Page", "type"),
        ("locale=fr", "locale"),
        ("limit=abc", "limit"),
        ("limit=-1", "limit"),
        ("limit=1000", "limit"),
        ("offset=-5", "offset"),
        ("child_of=abc", "child_of"),
        ("order=nosuchfield", "order"),
        ("search=a%00b", "search"),
        # Unknown to the listing: Wagtail's v3 would ignore them and return every page.
        ("nosuchfilter=1", "nosuchfilter"),
        ("fields=*", "fields"),
        # A field of articles, but not of every page: unknown without type=.
        ("dateline=Tbilisi", "dateline"),
        ("type=home.MissionPage&dateline=Tbilisi", "dateline"),
    ],
)
def test_bad_v3_parameters_are_400s_that_name_the_parameter(client, query, parameter):
    response = client.get(f"/api/v3/pages/?{query}")
    assert response.status_code == 400, response.content
    assert response["Content-Type"] == "application/problem+json"
    assert response.json()["parameter"] == parameter


def test_v3_listing_still_filters_by_the_types_fields(client):
    article = live_pages(NewsArticlePage, "en").first()
    query = f"type=newsroom.NewsArticlePage&locale=en&date={article.date.isoformat()}&limit=5"
    data = get_json(client, f"/api/v3/pages/?{query}&order=-date")
    assert [item["id"] for item in data["items"]] == [article.pk]


@override_settings(HEADLESS_API_WRITES=True)  # off by default: a 403 (security/api_writes.py)
def test_v3_write_validation_keeps_wagtails_422(client):
    """Only query parameters of reads become 400s; the write API keeps its own errors."""
    response = client.post("/api/v3/pages/", data="{}", content_type="application/json")
    assert response.status_code in (401, 422)
