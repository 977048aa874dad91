"""Wagtail 8's v3 API, extended through its own hooks (`read_generator`, `registry`).

What Wagtail 8 lacks and this adds:
- StreamField bodies typed as a union of their block types, not `list[Any]` (pitfall 9);
- the page's own language active while its body is serialized (pitfall 6);
- `meta.alternates` on page details, as in v2;
- `find/?html_path=` in any language, keeping the query string, with a relative redirect
  (`find_view`, routed before Wagtail's in config/api.py).
"""

import functools
import inspect
import json
from typing import Any

from django.core.serializers.json import DjangoJSONEncoder
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja.errors import HttpError
from pydantic.fields import FieldInfo
from wagtail.fields import StreamField

from .alternates import ALTERNATE_SCHEMA, fetch_alternates
from .errors import BadParameter, json_error
from .paths import find_page_by_html_path
from .querysets import public_pages, specific_page
from .schema import stream_schema

_installed = False


def typed_streamfield_schema(generator, field):
    field_name = field.name

    def resolve(obj, context):
        value = getattr(obj, field_name)
        with translation.override(obj.locale.language_code):
            return value.stream_block.get_api_representation(value, context)

    # The annotation stays permissive (the blocks shape the data); the OpenAPI document
    # gets the typed union.
    default = FieldInfo(default=[], json_schema_extra=stream_schema(field.stream_block))
    return list[Any], default, staticmethod(resolve)


def install():
    """Typed StreamFields and alternates for every page type's v3 read schema."""
    global _installed
    if _installed:
        return
    _installed = True

    from ninja import Schema
    from wagtail.api.v3.registry import registry
    from wagtail.api.v3.schemas import PageMetaSchema, PageSchema
    from wagtail.api.v3.schemas.generators.read import read_generator
    from wagtail.models import get_page_models

    read_generator.register_field_schema(StreamField, typed_streamfield_schema)

    class AlternateSchema(Schema):
        locale: str
        id: int
        title: str
        html_url: str | None = None

    class HeadlessPageMetaSchema(PageMetaSchema):
        alternates: list[AlternateSchema] = []

        @staticmethod
        def resolve_alternates(obj, context):
            return fetch_alternates([obj]).get(obj.pk, [])

    class HeadlessPageSchema(PageSchema):
        meta: HeadlessPageMetaSchema

    for model in get_page_models():
        registration = registry.get(model._meta.label)
        if registration is not None:
            registration.read_schema = read_generator.generate_schema(
                model, base_class=HeadlessPageSchema
            )

    # Only now (the schemas replaced) may Wagtail's v3 routers be imported.
    from ninja.errors import HttpError
    from ninja.errors import ValidationError as NinjaValidationError
    from pydantic import ValidationError as PydanticValidationError
    from wagtail.api.v3.api import api

    # A bad query parameter is a 400 that names it (Wagtail answers 422, or 404 for an
    # unknown locale); everything else keeps Wagtail's handler.
    def query_error_handler(exc_class):
        wagtail_handler = api._exception_handlers[exc_class]

        def handler(request, exc):
            if isinstance(exc, (NinjaValidationError, PydanticValidationError)):
                errors = exc.errors if isinstance(exc.errors, list) else exc.errors()
                parameter = bad_query_parameter(request, errors)
            elif isinstance(exc, Http404):
                errors = None
                parameter = "locale" if "Locale" in str(exc) and "locale" in request.GET else None
            else:
                errors = None
                parameter = None
                if exc.status_code == 400:
                    parameter = bad_query_parameter(request, [{"msg": str(exc)}])
            if parameter is None:
                return wagtail_handler(request, exc)
            return problem_400(parameter, errors, detail=str(exc) if errors is None else None)

        api.add_exception_handler(exc_class, handler)

    for exc_class in (NinjaValidationError, PydanticValidationError, Http404, HttpError):
        query_error_handler(exc_class)


def bad_query_parameter(request, errors):
    """The query parameter a GET's validation errors are about, or None (not a query error).

    Ninja reports query errors at ("query", [schema name,] parameter, ...); a few model
    validators report at (), naming the bad value in their message.
    """
    if request.method not in ("GET", "HEAD") or not errors:
        return None
    for error in errors:
        loc = [part for part in error.get("loc", ()) if isinstance(part, str)]
        if loc[:1] == ["query"]:
            named = [part for part in loc[1:] if part in request.GET]
            return named[0] if named else loc[-1]
    for error in errors:
        message = str(error.get("msg", ""))
        for name, value in request.GET.items():
            if (value and value in message) or name in message:
                return name
    return None


def problem_400(parameter, errors=None, detail=None):
    payload = {
        "type": "about:blank",
        "title": "Bad Request",
        "status": 400,
        "detail": detail or _("Bad value for the query parameter %(name)s.") % {"name": parameter},
        "parameter": parameter,
    }
    if errors:
        payload["errors"] = [
            {key: value for key, value in error.items() if key in ("type", "loc", "msg")}
            for error in errors
        ]
    return JsonResponse(
        payload,
        status=400,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False, "default": str},
    )


V3_FIND_PARAMETERS = ("html_path", "id")


def find_view(request):
    """GET /api/v3/pages/find/?html_path=/ka/... : a relative redirect to the page's detail."""
    from ninja.errors import HttpError
    from wagtail.api.v3.querysets import get_pages_queryset

    try:
        try:
            queryset = get_pages_queryset(request)
        except (HttpError, ValueError) as e:  # a ?site= that names no single site
            raise BadParameter(
                "site", _("Unknown site: %(site)s.") % {"site": request.GET.get("site", "")}
            ) from e
        if request.GET.get("html_path"):
            page = find_page_by_html_path(request, request.GET["html_path"], queryset)
        elif request.GET.get("id"):
            raw = request.GET["id"]
            if not raw.isascii() or not raw.isdigit() or len(raw) > 9:
                raise BadParameter("id", _("id must be a non-negative integer."))
            page = queryset.filter(pk=int(raw)).first()
            if page is None:
                raise Http404
        else:
            raise BadParameter("html_path", _("Give html_path or id."))
    except BadParameter as e:
        return json_error(400, e.message, e.parameter)
    except Http404:
        return json_error(404, _("Not found."))
    query = request.GET.copy()
    for name in V3_FIND_PARAMETERS:
        query.pop(name, None)
    url = reverse("wagtailapi_v3:detail_page", kwargs={"page_id": page.pk})
    return redirect(f"{url}?{query.urlencode()}" if query else url)


def wagtail_view(v3_urls, name):
    """Wagtail's own view for the v3 URL named `name` (from `api.urls`, read once)."""
    for pattern in v3_urls[0]:
        if getattr(pattern, "name", None) == name:
            return pattern.callback
    raise LookupError(name)


def fast_page_detail(v3_urls):
    """Wagtail's v3 page detail, with the page found as its own type in one query.

    Wagtail's `get_page` fetches the page, then makes it specific, and reads every view
    restriction first (`public_pages` says when it need not). Ninja calls the operation's
    `view_func` (its schema and parameters stay Wagtail's), so ours takes its place for
    anonymous reads of the live version; signed-in requests (drafts, the admin tier's
    permissions) keep Wagtail's function.
    """
    # Ninja's URL callback is a closure over its PathView, which holds the operations.
    path_view = inspect.getclosurevars(wagtail_view(v3_urls, "detail_page")).nonlocals["self"]
    (operation,) = [op for op in path_view.operations if "GET" in op.methods]
    wagtail_get_page = operation.view_func

    def get_page(request, page_id, version="live", rich_text_format=None):
        if request.user.is_authenticated:
            return wagtail_get_page(
                request, page_id=page_id, version=version, rich_text_format=rich_text_format
            )
        try:
            queryset = public_pages(request)
        except ValueError as e:  # ?site= matches several sites, as Wagtail answers it
            raise HttpError(400, str(e)) from e
        return specific_page(queryset, page_id)

    functools.update_wrapper(get_page, wagtail_get_page)
    operation.view_func = get_page


def listing_with_alternates(wagtail_list_view):
    """Wagtail's v3 page listing (reads and writes alike), with `meta.alternates` added to
    each listed page, fetched for the whole page of results in one query.

    Wagtail builds the listing's response schema (`BasePageSchema`) when its router is
    imported and offers no hook for it, so the alternates go in after rendering.
    """
    from wagtail.models import Page

    def view(request, *args, **kwargs):
        if request.method in ("GET", "HEAD"):
            unknown = unknown_listing_parameter(request)
            if unknown is not None:
                return problem_400(
                    unknown,
                    detail=_("Unknown query parameter: %(name)s.") % {"name": unknown},
                )
        response = wagtail_list_view(request, *args, **kwargs)
        if request.method not in ("GET", "HEAD") or response.status_code != 200:
            return response
        data = json.loads(response.content)
        items = data.get("items", [])
        pages = Page.objects.filter(pk__in=[item["id"] for item in items]).only(
            "id", "translation_key"
        )
        alternates = fetch_alternates(list(pages))
        for item in items:
            item["meta"]["alternates"] = alternates.get(item["id"], [])
        response.content = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
        return response

    return csrf_exempt(view)


def unknown_listing_parameter(request):
    """The first query parameter the v3 listing does not know, or None.

    Wagtail's v3 listing silently ignores a parameter that is neither one of its own nor a
    filterable field of the requested type (`skip_invalid=True`), so a typo'd filter returns
    every page; v2 refuses it, and so do we. An unknown `type` is left to Wagtail's own 400.
    """
    from wagtail.api.conf import APIField
    from wagtail.api.v3.pagination import WagtailLimitOffsetPagination
    from wagtail.api.v3.routers.pages import BASE_PAGE_READ_FIELDS, PageFilterSchema
    from wagtail.api.v3.schemas.params import OrderingSchema, SearchSchema
    from wagtail.coreutils import resolve_model_string
    from wagtail.models import Page

    types = request.GET.getlist("type")
    model = Page
    if len(types) == 1:
        try:
            model = resolve_model_string(types[0])
        except (LookupError, ValueError):
            return None
    known = (
        set(PageFilterSchema.model_fields)
        | set(OrderingSchema.model_fields)
        | set(SearchSchema.model_fields)
        | set(WagtailLimitOffsetPagination.Input.model_fields)
        | set(BASE_PAGE_READ_FIELDS)
        | {field.name for field in APIField.get_fields_for_model(model, db_fields_only=True)}
    )
    for name in request.GET:
        if name not in known:
            return name
    return None


def document_listing_alternates(api):
    """Say in v3's OpenAPI document what we add: `meta.alternates` on listed pages, and
    how find answers."""
    original = api.get_openapi_schema
    # Ninja builds the document afresh on every request (half a second here: see `manage.py
    # benchmark`); it changes only when the code does, so each process builds it once.
    built = {}

    def get_openapi_schema(*, path_prefix=None, path_params=None):
        key = (path_prefix, tuple(sorted((path_params or {}).items())))
        if key not in built:
            built[key] = with_alternates(original(path_prefix=path_prefix, path_params=path_params))
        return built[key]

    def with_alternates(schema):
        meta = schema.get("components", {}).get("schemas", {}).get("BasePageMetaSchema")
        if meta is not None:
            meta.setdefault("properties", {})["alternates"] = {
                "type": "array",
                "items": ALTERNATE_SCHEMA,
                "title": "Alternates",
            }
        find = schema.get("paths", {}).get("/api/v3/pages/find/", {}).get("get")
        if find is not None:
            find["description"] = (
                "Find a page by its public path in any language, e.g. `/ka/siakhleebi/` "
                "(raw or percent-encoded), or by id. Redirects (302, relative) to the page's "
                "detail, keeping the other query parameters."
            )
            error = {"description": "Bad parameter or not found."}
            find["responses"].update(
                {"302": {"description": "The page's detail URL."}, "400": error, "404": error}
            )
        return schema

    api.get_openapi_schema = get_openapi_schema
