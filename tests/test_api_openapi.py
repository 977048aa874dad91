"""The OpenAPI documents of /api/v2/ (ours) and /api/v3/ (Wagtail's, extended): typed
StreamField bodies, and real responses for every page type validate against them."""

import jsonschema
import pytest
from wagtail.documents import get_document_model
from wagtail.images import get_image_model
from wagtail.models import Page

from home.models import HomePage, MissionPage
from newsroom.models import NewsArticlePage, NewsIndexPage

pytestmark = pytest.mark.django_db

PAGE_MODELS = [HomePage, MissionPage, NewsIndexPage, NewsArticlePage]


@pytest.fixture
def v2_doc(client):
    response = client.get("/api/v2/openapi.json")
    assert response.status_code == 200
    return response.json()


@pytest.fixture
def v3_doc(client):
    response = client.get("/api/v3/openapi.json")
    assert response.status_code == 200
    return response.json()


def response_schema(doc, path, status="200"):
    operation = doc["paths"][path]["get"]
    return operation["responses"][status]["content"]["application/json"]["schema"]


def validate(doc, schema, instance):
    """Validate `instance` against `schema`, resolving #/components/... inside `doc`."""
    root = {**doc, **schema}
    jsonschema.Draft202012Validator(root).validate(instance)


def schema_ref_parts(ref):
    return ref.lstrip("#/").split("/")


def deref(doc, schema):
    while isinstance(schema, dict) and "$ref" in schema:
        node = doc
        for part in schema_ref_parts(schema["$ref"]):
            node = node[part]
        schema = node
    return schema


def test_v2_document_is_openapi_3_1_with_every_endpoint_and_parameter(v2_doc):
    assert v2_doc["openapi"].startswith("3.1")
    for endpoint in ("pages", "images", "documents"):
        for suffix in ("", "{id}/", "find/"):
            assert f"/api/v2/{endpoint}/{suffix}" in v2_doc["paths"]
    listing = {p["name"] for p in v2_doc["paths"]["/api/v2/pages/"]["get"]["parameters"]}
    assert {"type", "locale", "fields", "limit", "offset", "translation_of", "child_of"} <= listing
    find = {p["name"] for p in v2_doc["paths"]["/api/v2/pages/find/"]["get"]["parameters"]}
    assert {"html_path", "fields"} <= find
    jsonschema.Draft202012Validator.check_schema(v2_doc["components"]["schemas"]["Page"])


def body_schema_v2(doc, model):
    # One schema per page type, named after it (a member of the discriminated `Page` union).
    return doc["components"]["schemas"][model.__name__]["properties"]["body"]


def body_schema_v3(doc, model):
    schema = deref(doc, doc["components"]["schemas"][f"{model.__name__}Schema"])
    return deref(doc, schema["properties"]["body"])


@pytest.mark.parametrize("model", [HomePage, MissionPage, NewsArticlePage], ids=str)
@pytest.mark.parametrize("version", ["v2", "v3"])
def test_every_block_type_has_its_own_schema(v2_doc, v3_doc, model, version):
    doc = v2_doc if version == "v2" else v3_doc
    body = body_schema_v2(doc, model) if version == "v2" else body_schema_v3(doc, model)
    assert body["type"] == "array"
    members = [deref(doc, member) for member in body["items"]["oneOf"]]
    block_types = {member["properties"]["type"]["const"] for member in members}
    assert block_types == set(model.body.field.stream_block.child_blocks)
    for member in members:
        assert member["required"] == ["type", "value", "id"]
        assert member["properties"]["value"] != {}, member["title"]


@pytest.mark.parametrize("model", PAGE_MODELS, ids=str)
@pytest.mark.parametrize("language", ["en", "ka"])
def test_v2_responses_for_every_page_type_match_the_document(client, v2_doc, model, language):
    pages = model.objects.live().filter(locale__language_code=language)
    assert pages.exists()
    listing = client.get(
        f"/api/v2/pages/?type={model._meta.label}&locale={language}&fields=*&limit=100"
    ).json()
    validate(v2_doc, response_schema(v2_doc, "/api/v2/pages/"), listing)
    for page in pages:
        detail = client.get(f"/api/v2/pages/{page.pk}/").json()
        validate(v2_doc, response_schema(v2_doc, "/api/v2/pages/{id}/"), detail)
        found = client.get("/api/v2/pages/find/", {"html_path": page.url}).json()
        validate(v2_doc, response_schema(v2_doc, "/api/v2/pages/find/"), found)


def test_v2_document_rejects_a_wrong_block(client, v2_doc):
    """The schemas are strict enough to catch a block that is not what the API promises."""
    page = NewsArticlePage.objects.live().first()
    detail = client.get(f"/api/v2/pages/{page.pk}/").json()
    schema = response_schema(v2_doc, "/api/v2/pages/{id}/")
    validate(v2_doc, schema, detail)
    image = next(block for block in detail["body"] if block["type"] == "image")
    image["value"] = image["value"]["id"]  # a bare image id, as Wagtail gives by default
    with pytest.raises(jsonschema.ValidationError):
        validate(v2_doc, schema, detail)


def test_v2_images_documents_and_errors_match_the_document(client, v2_doc):
    document = get_document_model().objects.create(title="Report", file="documents/r.pdf")
    for endpoint, model in (("images", get_image_model()), ("documents", None)):
        listing = client.get(f"/api/v2/{endpoint}/").json()
        validate(v2_doc, response_schema(v2_doc, f"/api/v2/{endpoint}/"), listing)
        pk = model.objects.first().pk if model else document.pk
        detail = client.get(f"/api/v2/{endpoint}/{pk}/").json()
        validate(v2_doc, response_schema(v2_doc, f"/api/v2/{endpoint}/{{id}}/"), detail)
    error = client.get("/api/v2/pages/?limit=x")
    assert error.status_code == 400
    validate(v2_doc, response_schema(v2_doc, "/api/v2/pages/", "400"), error.json())


@pytest.mark.parametrize("model", PAGE_MODELS, ids=str)
def test_v3_responses_for_every_page_type_match_the_document(client, v3_doc, model):
    pages = model.objects.live()
    assert {page.locale.language_code for page in pages} == {"en", "ka"}
    schema = response_schema(v3_doc, "/api/v3/pages/{page_id}/")
    for page in pages:
        detail = client.get(f"/api/v3/pages/{page.pk}/").json()
        validate(v3_doc, schema, detail)
    listing = client.get(f"/api/v3/pages/?type={model._meta.label}").json()
    validate(v3_doc, response_schema(v3_doc, "/api/v3/pages/"), listing)


def test_every_live_page_is_covered(client):
    """The page types tested above are all the page types with content."""
    labels = {page.specific_class for page in Page.objects.live().filter(depth__gt=1)}
    assert labels == set(PAGE_MODELS)
