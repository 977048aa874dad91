"""An OpenAPI 3.1 document for Wagtail's v2 API (Wagtail has none: #6209).

Built from the same declarations the API serves: each page model's `api_fields`, the
StreamField block definitions (a named schema per block type, a typed union per stream) and
the viewsets' query parameters. Served at /api/v2/openapi.json.
"""

from django.conf import settings
from django.db import models
from django.http import JsonResponse
from django.utils.translation import gettext as _
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.images.api.fields import ImageRenditionField
from wagtail.models import get_page_models

from .alternates import ALTERNATE_SCHEMA
from .schema import stream_schema

STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
REF = "#/components/schemas/"


def ref(name):
    return {"$ref": REF + name}


def _param(name, description, schema=None, location="query", required=False):
    return {
        "name": name,
        "in": location,
        "required": required,
        "description": description,
        "schema": schema or STRING,
    }


LIMIT_MAX = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20) or 1000

COMMON_LISTING_PARAMETERS = [
    _param("limit", "How many items (default 20).", {"type": "integer", "minimum": 0}),
    _param("offset", "How many items to skip.", {"type": "integer", "minimum": 0}),
    _param("fields", "Fields to add or remove, e.g. `*`, `body,-title`, `_,title`."),
    _param("order", "Order by a field, `-field` for descending, or `random`."),
    _param("search", "Full-text search."),
    _param("search_operator", "`and` or `or`.", {"type": "string", "enum": ["and", "or"]}),
]
PAGE_LISTING_PARAMETERS = [
    _param("type", "Page type, e.g. `newsroom.NewsArticlePage`."),
    _param("locale", "Language code: `en` or `ka`."),
    _param("child_of", "Id of the parent page, or `root`."),
    _param("descendant_of", "Id of an ancestor page, or `root`."),
    _param("ancestor_of", "Id of a descendant page."),
    _param("translation_of", "Id of a page: its translations."),
    _param("site", "Hostname (and port) of the site."),
]
FIELDS_PARAMETER = _param("fields", "Fields to add or remove, e.g. `*`, `-body`, `_,title`.")
ID_PATH = _param("id", "The object's id.", {"type": "integer"}, "path", True)


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


ERROR_RESPONSES = {
    "400": _json(ref("Error"), "A bad query parameter, named in `parameter`."),
    "404": _json(ref("Error"), "Not found."),
}


def model_field_schema(model, api_field, components):
    serializer = api_field.serializer
    if isinstance(serializer, ImageRenditionField):
        return {"anyOf": [ref("Rendition"), {"type": "null"}]}
    if serializer is not None:
        if type(serializer).__name__ == "TopicNameField":
            return {"type": "array", "items": ref("TopicName")}
        return {}
    try:
        field = model._meta.get_field(api_field.name)
    except Exception:  # a property: no declared type
        return {}
    if isinstance(field, StreamField):
        return stream_schema(field.stream_block, components)
    if isinstance(field, models.DateTimeField):
        return {"type": ["string", "null"], "format": "date-time"}
    if isinstance(field, models.DateField):
        return {"type": ["string", "null"], "format": "date"}
    if isinstance(field, models.BooleanField):
        return {"type": ["boolean", "null"]}
    if isinstance(field, (models.IntegerField, models.AutoField)):
        return {"type": ["integer", "null"]}
    if isinstance(field, (models.CharField, models.TextField)):
        return NULLABLE_STRING
    return {}


def page_type_schemas(components):
    """Per page type: its fields; and the union of page items, keyed by meta.type."""
    conditions = []
    types = []
    for model in get_page_models():
        if model._meta.abstract or not getattr(model, "api_fields", None):
            continue
        label = f"{model._meta.app_label}.{model.__name__}"
        types.append(label)
        properties = {
            field.name: model_field_schema(model, field, components)
            for field in APIField.get_fields_for_model(model)
        }
        name = label.replace(".", "_") + "_fields"
        components[name] = {"type": "object", "properties": properties}
        conditions.append(
            {
                "if": {
                    "properties": {"meta": {"properties": {"type": {"const": label}}}},
                    "required": ["meta"],
                },
                "then": ref(name),
            }
        )
    return types, conditions


def build_document():
    components = {
        "Error": {
            "type": "object",
            "properties": {"message": STRING, "parameter": NULLABLE_STRING},
            "required": ["message"],
        },
        "Alternate": ALTERNATE_SCHEMA,
        "Rendition": {
            "type": "object",
            "properties": {
                "url": STRING,
                "full_url": STRING,
                "width": {"type": "integer"},
                "height": {"type": "integer"},
                "alt": STRING,
            },
            "required": ["url", "width", "height"],
        },
        "TopicName": {
            "type": "object",
            "properties": {"slug": STRING, "name": STRING},
            "required": ["slug", "name"],
        },
        "PageLink": {
            "type": "object",
            "properties": {
                "id": {"type": "integer"},
                "title": STRING,
                "meta": {
                    "type": "object",
                    "properties": {"type": STRING, "detail_url": STRING, "html_url": STRING},
                },
            },
            "required": ["id", "title"],
        },
        "PageMeta": {
            "type": "object",
            "properties": {
                "type": STRING,
                "detail_url": STRING,
                "html_url": NULLABLE_STRING,
                "slug": STRING,
                "show_in_menus": {"type": "boolean"},
                "seo_title": STRING,
                "search_description": STRING,
                "first_published_at": {"type": ["string", "null"], "format": "date-time"},
                "alias_of": {"anyOf": [ref("PageLink"), {"type": "null"}]},
                "parent": {"anyOf": [ref("PageLink"), {"type": "null"}]},
                "locale": STRING,
                "alternates": {"type": "array", "items": ref("Alternate")},
            },
        },
    }
    types, conditions = page_type_schemas(components)
    components["PageMeta"]["properties"]["type"] = {"type": "string", "enum": types}
    components["Page"] = {
        "type": "object",
        "properties": {"id": {"type": "integer"}, "title": STRING, "meta": ref("PageMeta")},
        "required": ["id"],
        "allOf": conditions,
    }
    components["ObjectMeta"] = {
        "type": "object",
        "properties": {
            "type": STRING,
            "detail_url": STRING,
            "tags": {"type": "array", "items": STRING},
            "download_url": STRING,
        },
    }
    components["Image"] = {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "meta": ref("ObjectMeta"),
            "title": STRING,
            "width": {"type": "integer"},
            "height": {"type": "integer"},
        },
        "required": ["id"],
    }
    components["Document"] = {
        "type": "object",
        "properties": {"id": {"type": "integer"}, "meta": ref("ObjectMeta"), "title": STRING},
        "required": ["id"],
    }
    for name in ("Page", "Image", "Document"):
        components[f"{name}Listing"] = {
            "type": "object",
            "properties": {
                "meta": {
                    "type": "object",
                    "properties": {"total_count": {"type": "integer"}},
                    "required": ["total_count"],
                },
                "items": {"type": "array", "items": ref(name)},
            },
            "required": ["meta", "items"],
        }

    paths = {}
    for endpoint, schema, extra in (
        ("pages", "Page", PAGE_LISTING_PARAMETERS),
        ("images", "Image", []),
        ("documents", "Document", []),
    ):
        paths[f"/api/v2/{endpoint}/"] = {
            "get": {
                "operationId": f"{endpoint}_list",
                "summary": f"List {endpoint}",
                "parameters": COMMON_LISTING_PARAMETERS + extra,
                "responses": {"200": _json(ref(f"{schema}Listing"), "A page of results.")},
            }
        }
        paths[f"/api/v2/{endpoint}/{{id}}/"] = {
            "get": {
                "operationId": f"{endpoint}_detail",
                "summary": f"One of the {endpoint}",
                "parameters": [ID_PATH, FIELDS_PARAMETER],
                "responses": {"200": _json(ref(schema), "The object.")},
            }
        }
        find_parameters = [
            _param("id", "The object's id.", {"type": "integer", "minimum": 0}),
            FIELDS_PARAMETER,
        ]
        description = "Find an object by id; answers with the object itself."
        if endpoint == "pages":
            find_parameters.insert(
                0,
                _param(
                    "html_path",
                    "The page's public path with its language prefix, e.g. `/ka/siakhleebi/`,"
                    " raw or percent-encoded.",
                ),
            )
            description = (
                "Find a page by its public path in any language (or by id). Answers with "
                "the page itself; `Content-Location` gives its detail URL."
            )
        paths[f"/api/v2/{endpoint}/find/"] = {
            "get": {
                "operationId": f"{endpoint}_find",
                "summary": f"Find {endpoint}",
                "description": description,
                "parameters": find_parameters,
                "responses": {"200": _json(ref(schema), "The object.")},
            }
        }
    for item in paths.values():
        item["get"]["responses"].update(ERROR_RESPONSES)
    paths["/api/v2/preview/"] = {
        "get": {
            "operationId": "preview",
            "summary": "A page's draft, for headless preview",
            "description": (
                "The draft an editor is previewing, in the page detail format. The token "
                "comes with the client app's preview URL and expires."
            ),
            "parameters": [
                _param("token", "The preview token.", required=True),
                FIELDS_PARAMETER,
            ],
            "responses": {
                "200": _json(ref("Page"), "The draft."),
                "400": ERROR_RESPONSES["400"],
                "403": _json(ref("Error"), "A bad or expired token."),
            },
        }
    }

    return {
        "openapi": "3.1.0",
        "info": {
            "title": "IOM Georgia API v2",
            "version": "2",
            "description": str(_("Pages, images and documents in English and Georgian.")),
        },
        "paths": paths,
        "components": {"schemas": components},
    }


def v2_openapi_view(request):
    return JsonResponse(build_document(), json_dumps_params={"ensure_ascii": False})
