"""An OpenAPI 3.1 document for Wagtail's v2 API (Wagtail has none: #6209).

Built from the same declarations the API serves: each page model's `api_fields` and
`api_filters`, the StreamField blocks (headless/schema.py), the declared collections
(headless/registry.py) and the viewsets' query parameters. Pages are a `oneOf` of one
schema per page type with a `discriminator` on `type`, so client generators give one typed
class per page type. Served at /api/v2/openapi.json.
"""

from typing import get_type_hints

from django.conf import settings
from django.db import models
from django.http import JsonResponse
from django.utils.translation import gettext as _
from pydantic import TypeAdapter
from wagtail.api import APIField
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models

from . import registry
from .alternates import ALTERNATE_SCHEMA
from .schema import page_stream_schemas
from .site import Navigation, SiteSettings

STRING = {"type": "string"}
NULLABLE_STRING = {"type": ["string", "null"]}
INTEGER = {"type": "integer"}
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


def _json(schema, description):
    return {"description": description, "content": {"application/json": {"schema": schema}}}


LIMIT_MAX = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20) or 1000
LOCALE = _param(
    "locale",
    "Language code.",
    {"type": "string", "enum": [code for code, _name in settings.LANGUAGES]},
)
COMMON_LISTING_PARAMETERS = [
    _param(
        "limit",
        f"How many items (default 20, at most {LIMIT_MAX}).",
        {"type": "integer", "minimum": 0, "maximum": LIMIT_MAX},
    ),
    _param("offset", "How many items to skip.", {"type": "integer", "minimum": 0}),
    _param("fields", "Fields to add or remove, e.g. `*`, `body,-title`, `_,title`."),
    _param(
        "order",
        "Order by a field, `-field` for descending (e.g. `-date` with "
        "`type=newsroom.NewsArticlePage`), or `random`.",
    ),
    _param("search", "Full-text search."),
    _param("search_operator", "`and` or `or`.", {"type": "string", "enum": ["and", "or"]}),
]
PAGE_ID_OR_ROOT = {"anyOf": [{"type": "integer", "minimum": 1}, {"const": "root"}]}
PAGE_LISTING_PARAMETERS = [
    _param("type", "Page type, e.g. `newsroom.NewsArticlePage`."),
    {**LOCALE, "description": "Language code: only pages of that language."},
    _param("child_of", "Id of the parent page, or `root`.", PAGE_ID_OR_ROOT),
    _param("descendant_of", "Id of an ancestor page, or `root`.", PAGE_ID_OR_ROOT),
    _param("ancestor_of", "Id of a descendant page.", {"type": "integer", "minimum": 1}),
    _param("translation_of", "Id of a page: its translations.", PAGE_ID_OR_ROOT),
    _param("site", "Hostname (and port) of the site."),
    _param("slug", "Only the pages with this slug."),
    _param("title", "Only the pages with this title."),
    _param("show_in_menus", "Only pages in (or out of) menus.", {"type": "boolean"}),
]
FIELDS_PARAMETER = _param("fields", "Fields to add or remove, e.g. `*`, `-body`, `_,title`.")
ID_PATH = _param("id", "The object's id.", {"type": "integer"}, "path", True)
FIELD_FILTER_TYPES = [
    (models.BooleanField, {"type": "boolean"}),
    (models.DateField, {"type": "string", "format": "date"}),
    ((models.AutoField, models.IntegerField), {"type": "integer"}),
    ((models.CharField, models.TextField), STRING),
]
ERRORS = {
    "400": _json(ref("Error"), "A bad query parameter, named in `parameter`."),
    "404": _json(ref("Error"), "Not found."),
    "503": {"description": "The service is unavailable for a moment; try again."},
}
NOT_MODIFIED = {"description": "Not modified: the `ETag` given in `If-None-Match` still holds."}


def type_schema(python_type):
    """A JSON Schema for a Python type annotation, its named parts as components."""
    schema = TypeAdapter(python_type).json_schema(ref_template=REF + "{model}")
    definitions = schema.pop("$defs", {})
    return schema, definitions


def serializer_schema(serializer, components):
    """The schema of an `APIField(serializer=...)`, from `to_representation`'s annotation
    (as Wagtail's v3 types it)."""
    annotation = get_type_hints(serializer.to_representation).get("return")
    if annotation is None:
        return {}
    schema, definitions = type_schema(annotation | None)
    components.update(definitions)
    return schema


def model_field_schema(model, api_field, components, streams):
    if api_field.serializer is not None:
        return serializer_schema(api_field.serializer, components)
    try:
        field = model._meta.get_field(api_field.name)
    except Exception:  # a property: no declared type
        return {}
    if isinstance(field, StreamField):
        return streams[(model, field.name)]
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


def field_filter_parameters():
    """Query parameters that filter a page type by one of its database fields (with `type`)."""
    parameters = {}
    for model in get_page_models():
        for api_field in APIField.get_fields_for_model(model, db_fields_only=True):
            try:
                field = model._meta.get_field(api_field.name)
            except Exception:
                continue
            for field_classes, schema in FIELD_FILTER_TYPES:
                if isinstance(field, field_classes) and api_field.name not in parameters:
                    parameters[api_field.name] = _param(
                        api_field.name,
                        f"Only pages whose `{api_field.name}` is this value "
                        f"(with `type={model._meta.label}`).",
                        schema,
                    )
                    break
    for name, declared in registry.all_listing_filters().items():
        model, api_filter = declared[0]
        parameters[name] = _param(
            name, f"{api_filter.description} (with `type={model._meta.label}`)."
        )
    return list(parameters.values())


def page_components(components):
    """One schema per page type, and `Page`: their union, discriminated by `type`."""
    streams, block_components = page_stream_schemas()
    components.update(block_components)
    mapping = {}
    for model in [Page, *get_page_models()]:
        if model._meta.abstract:
            continue
        label = model._meta.label
        name = "BasePage" if model is Page else model.__name__
        properties = {
            "id": INTEGER,
            "type": {"type": "string", "const": label},
            "title": STRING,
            "meta": ref("PageMeta"),
        }
        if model is not Page:
            for api_field in APIField.get_fields_for_model(model):
                properties[api_field.name] = model_field_schema(
                    model, api_field, components, streams
                )
        components[name] = {
            "type": "object",
            "description": f"A page of type `{label}`.",
            "properties": properties,
            "required": ["id", "type"],
        }
        mapping[label] = REF + name
    components["Page"] = {
        "oneOf": [{"$ref": target} for target in mapping.values()],
        "discriminator": {"propertyName": "type", "mapping": mapping},
    }
    return list(mapping)


def collection_paths(components):
    paths = {}
    for name, (_model, declaration, schema) in registry.collections().items():
        item_schema, definitions = type_schema(schema)
        components.update(definitions)
        components[schema.__name__] = item_schema
        if declaration.single:
            response = ref(schema.__name__)
        else:
            response_name = f"{schema.__name__}List"
            components[response_name] = {
                "type": "object",
                "properties": {
                    "locale": STRING,
                    "items": {"type": "array", "items": ref(schema.__name__)},
                },
                "required": ["locale", "items"],
            }
            response = ref(response_name)
        paths[f"/api/v2/{name}/"] = {
            "get": {
                "operationId": f"{name}_get",
                "summary": declaration.description,
                "parameters": [LOCALE],
                "responses": {"200": _json(response, declaration.description)},
            }
        }
    return paths


def site_paths(components):
    paths = {}
    for name, schema, summary in (
        ("navigation", Navigation, "A language's menu tree in one request."),
        ("site", SiteSettings, "The site's name, languages and default language."),
    ):
        item_schema, definitions = type_schema(schema)
        components.update(definitions)
        components[schema.__name__] = item_schema
        paths[f"/api/v2/{name}/"] = {
            "get": {
                "operationId": f"{name}_get",
                "summary": summary,
                "parameters": [LOCALE],
                "responses": {"200": _json(ref(schema.__name__), summary)},
            }
        }
    return paths


def build_document():
    components = {
        "Error": {
            "type": "object",
            "properties": {"message": STRING, "parameter": NULLABLE_STRING},
            "required": ["message"],
        },
        "Alternate": ALTERNATE_SCHEMA,
        "ParentPage": {
            "type": "object",
            "properties": {
                "id": INTEGER,
                "title": STRING,
                "meta": {
                    "title": "ParentPageMeta",
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
                "html_path": NULLABLE_STRING,
                "slug": STRING,
                "show_in_menus": {"type": "boolean"},
                "seo_title": STRING,
                "search_description": STRING,
                "first_published_at": {"type": ["string", "null"], "format": "date-time"},
                "alias_of": {"anyOf": [ref("ParentPage"), {"type": "null"}]},
                "parent": {"anyOf": [ref("ParentPage"), {"type": "null"}]},
                "locale": STRING,
                "alternates": {"type": "array", "items": ref("Alternate")},
            },
        },
    }
    types = page_components(components)
    components["PageMeta"]["properties"]["type"] = {"type": "string", "enum": types}
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
            "id": INTEGER,
            "meta": ref("ObjectMeta"),
            "title": STRING,
            "width": INTEGER,
            "height": INTEGER,
        },
        "required": ["id"],
    }
    components["Document"] = {
        "type": "object",
        "properties": {"id": INTEGER, "meta": ref("ObjectMeta"), "title": STRING},
        "required": ["id"],
    }
    for name in ("Page", "Image", "Document"):
        components[f"{name}Listing"] = {
            "type": "object",
            "properties": {
                "meta": {
                    "title": "ListingMeta",
                    "type": "object",
                    "properties": {"total_count": INTEGER},
                    "required": ["total_count"],
                },
                "items": {"type": "array", "items": ref(name)},
            },
            "required": ["meta", "items"],
        }

    paths = {}
    for endpoint, schema, extra in (
        ("pages", "Page", PAGE_LISTING_PARAMETERS + field_filter_parameters()),
        ("images", "Image", [_param("title", "Only the images with this title.")]),
        ("documents", "Document", [_param("title", "Only the documents with this title.")]),
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
        description = "Find an object by id: redirects (302) to its detail URL."
        found = {"302": {"description": "The object's detail URL, in `Location`."}}
        if endpoint == "pages":
            find_parameters.insert(
                0,
                _param(
                    "html_path",
                    "The page's public path with its language prefix, e.g. `/ka/siakhleebi/`,"
                    " raw or percent-encoded.",
                ),
            )
            find_parameters.append(_param("site", "Hostname (and port) of the site."))
            description = (
                "Find a page by its public path in any language (or by id). Answers with "
                "the page itself; `Content-Location` gives its detail URL."
            )
            found = {"200": _json(ref(schema), "The page.")}
        paths[f"/api/v2/{endpoint}/find/"] = {
            "get": {
                "operationId": f"{endpoint}_find",
                "summary": f"Find {endpoint}",
                "description": description,
                "parameters": find_parameters,
                "responses": found,
            }
        }
    paths.update(site_paths(components))
    paths.update(collection_paths(components))
    for item in paths.values():
        item["get"]["responses"].update(ERRORS)
        item["get"]["responses"]["304"] = NOT_MODIFIED
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
                "400": ERRORS["400"],
                "403": _json(ref("Error"), "A bad or expired token."),
                "503": ERRORS["503"],
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
