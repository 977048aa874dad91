"""Both OpenAPI documents are valid OpenAPI 3.1 (openapi-spec-validator), and live answers
of every read endpoint, successes and errors, validate against them (openapi-core)."""

import json
import re

import pytest
from django.core.files.base import ContentFile
from openapi_core import Config, OpenAPI
from openapi_core.contrib.django import DjangoOpenAPIRequest, DjangoOpenAPIResponse
from openapi_spec_validator import validate
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

pytestmark = pytest.mark.django_db

DOCUMENTS = ["/api/v2/openapi.json", "/api/v3/openapi.json"]


@pytest.fixture
def report(db):
    document = get_document_model()(title="Annual report")
    document.file.save("openapi-check-report.pdf", ContentFile(b"%PDF-1.4 report"), save=True)
    return document


@pytest.mark.parametrize("url", DOCUMENTS)
def test_documents_are_valid_openapi(client, url):
    document = client.get(url).json()
    validate(document)  # raises on any violation of the OpenAPI 3.1 specification
    security = document.get("components", {}).get("securitySchemes", {})
    assert all("scheme" in scheme for scheme in security.values() if scheme["type"] == "http")


@pytest.mark.parametrize("url", DOCUMENTS)
def test_component_names_are_readable(client, url):
    """No numbered collisions (`Body13`): every schema is named after what it is."""
    names = client.get(url).json()["components"]["schemas"]
    assert not [name for name in names if re.search(r"\d+$", name)]


def numbered_union_members(node, path=""):
    """Where a union (`anyOf` / `oneOf`) has an inline member that generators make a class of
    (an enum or an object): openapi-python-client names those by position (`..._type_0`)."""
    found = []
    if isinstance(node, dict):
        for keyword in ("anyOf", "oneOf"):
            for index, member in enumerate(node.get(keyword) or []):
                if "$ref" not in member and ("enum" in member or member.get("type") == "object"):
                    found.append(f"{path}/{keyword}/{index}")
        for key, value in node.items():
            found += numbered_union_members(value, f"{path}/{key}")
    elif isinstance(node, list):
        for index, value in enumerate(node):
            found += numbered_union_members(value, f"{path}/{index}")
    return found


@pytest.mark.parametrize("url", DOCUMENTS)
def test_no_union_member_would_get_a_numbered_name(client, url):
    """A nullable choice (`rich_text_format`, `version`, ...) refers to a named component,
    so that generated clients say `RichTextFormat`, not `PagesDetailRichTextFormatType0`."""
    assert not numbered_union_members(client.get(url).json())


def requests(version, report):
    """(path template, concrete URL) for each read the document describes."""
    image = get_image_model().objects.first()
    article = Page.objects.live().filter(locale__language_code="ka").order_by("-depth").first()
    if version == "v2":
        listing = "/api/v2/pages/?type=newsroom.NewsArticlePage&locale=ka&fields=*"
        return [
            ("/api/v2/pages/", listing),
            ("/api/v2/pages/", listing + "&topic=diaspora&order=-date"),
            ("/api/v2/pages/", "/api/v2/pages/?locale=ka&limit=50"),
            ("/api/v2/pages/", "/api/v2/pages/?limit=abc"),
            ("/api/v2/pages/{id}/", f"/api/v2/pages/{article.pk}/"),
            ("/api/v2/pages/{id}/", "/api/v2/pages/999999/"),
            ("/api/v2/pages/find/", f"/api/v2/pages/find/?html_path={article.url}"),
            ("/api/v2/pages/find/", "/api/v2/pages/find/?html_path=/ka/nothing/"),
            ("/api/v2/images/", "/api/v2/images/"),
            ("/api/v2/images/{id}/", f"/api/v2/images/{image.pk}/"),
            ("/api/v2/images/find/", f"/api/v2/images/find/?id={image.pk}"),
            ("/api/v2/images/find/", "/api/v2/images/find/?id=999999"),
            ("/api/v2/documents/", "/api/v2/documents/"),
            ("/api/v2/documents/{id}/", f"/api/v2/documents/{report.pk}/"),
            ("/api/v2/documents/find/", f"/api/v2/documents/find/?id={report.pk}"),
            ("/api/v2/navigation/", "/api/v2/navigation/?locale=ka"),
            ("/api/v2/site/", "/api/v2/site/?locale=ka"),
            ("/api/v2/footer/", "/api/v2/footer/?locale=ka"),
            ("/api/v2/topics/", "/api/v2/topics/?locale=ka"),
            ("/api/v2/topics/", "/api/v2/topics/?locale=fr"),
            ("/api/v2/preview/", "/api/v2/preview/?token=forged"),
        ]
    return [
        ("/api/v3/pages/", "/api/v3/pages/?type=newsroom.NewsArticlePage&locale=ka"),
        ("/api/v3/pages/", "/api/v3/pages/?type=newsroom.NewsArticlePage&topic=diaspora"),
        ("/api/v3/pages/", "/api/v3/pages/?order=-date&type=newsroom.NewsArticlePage"),
        ("/api/v3/pages/", "/api/v3/pages/?locale=fr"),
        ("/api/v3/pages/{page_id}/", f"/api/v3/pages/{article.pk}/"),
        ("/api/v3/pages/{page_id}/", "/api/v3/pages/999999/"),
        ("/api/v3/pages/find/", f"/api/v3/pages/find/?html_path={article.url}"),
        ("/api/v3/pages/{page_id}/revisions/", f"/api/v3/pages/{article.pk}/revisions/"),
        ("/api/v3/images/", "/api/v3/images/"),
        ("/api/v3/images/{image_id}/", f"/api/v3/images/{image.pk}/"),
        ("/api/v3/documents/", "/api/v3/documents/"),
        ("/api/v3/documents/{document_id}/", f"/api/v3/documents/{report.pk}/"),
        ("/api/v3/sites/", "/api/v3/sites/"),
        ("/api/v3/navigation/", "/api/v3/navigation/?locale=ka"),
        ("/api/v3/site/", "/api/v3/site/?locale=en"),
        ("/api/v3/footer/", "/api/v3/footer/?locale=ka"),
        ("/api/v3/topics/", "/api/v3/topics/?locale=ka"),
        ("/api/v3/topics/", "/api/v3/topics/?locale=fr"),
    ]


@pytest.mark.parametrize("version", ["v2", "v3"])
def test_live_answers_of_every_read_endpoint_match_the_document(client, version, report):
    document = client.get(f"/api/{version}/openapi.json").json()
    # v3's errors are problem+json, JSON by another name.
    problem_json = {"application/problem+json": json.loads}
    spec = OpenAPI.from_dict(document, config=Config(extra_media_type_deserializers=problem_json))
    reads = {path for path, item in document["paths"].items() if "get" in item}
    checked = set()
    for template, url in requests(version, report):
        response = client.get(url, HTTP_ACCEPT_LANGUAGE="ka")
        assert response.status_code < 500, (url, response.content[:300])
        spec.validate_response(
            DjangoOpenAPIRequest(response.wsgi_request), DjangoOpenAPIResponse(response)
        )
        checked.add(template)
    # Every anonymous read is checked (v3's token-only reads answer 401, checked for sites).
    anonymous = {
        path
        for path in reads
        if {} in document["paths"][path]["get"].get("security", [{}]) and "redirect" not in path
    }
    assert anonymous <= checked, anonymous - checked
