"""Wagtail 8's v3 API, extended through public extension points of Wagtail and django-ninja.

Run from `HeadlessConfig.ready()` (`extend()`), after headless/v3_schemas.py has typed the
page read schemas and before the URLconf reads `api.urls`:
- `api.add_router`: the site around the pages (navigation, site settings, the declared
  collections such as the footer and topics), anonymous reads;
- `api.renderer`: JSON in UTF-8, as v2 and the rest of the site answer (ninja's default
  escapes every non-ASCII character: a Georgian answer twice the bytes);
- `api.add_exception_handler`: errors as problem+json in the request's language, a bad
  query parameter of a read as a 400 that names it (Wagtail answers 422, or 404 for an
  unknown locale); writes keep Wagtail's statuses;
- the page listing (`listing_view`) and find (`find_view`) are our own views, routed
  before Wagtail's in config/api.py: the listing filters with the same code as v2
  (declared filters such as `topic`, `order=-date`, every field filter; an unknown
  parameter is a 400) and returns each page with `meta.alternates` and `meta.html_path`;
  the detail (`detail_view`) answers an anonymous read of a live page itself, with
  Wagtail's registered read schema, in fewer queries, and hands anything else to Wagtail's;
- `OpenAPIDocument` (the one adapter: ninja has no hook to post-process its document)
  declares what the above adds. tests/test_api_v3_adapter.py fails when Wagtail changes
  what it relies on.
"""

from typing import Literal, get_args

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.http import Http404, JsonResponse
from django.shortcuts import redirect
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from ninja import Router, Schema
from ninja.errors import HttpError
from ninja.errors import ValidationError as NinjaValidationError
from ninja.renderers import JSONRenderer
from pydantic import ValidationError as PydanticValidationError
from pydantic import create_model
from rest_framework.request import Request
from wagtail.api.rich_text import RichTextOutputFormat
from wagtail.api.v2.utils import BadRequestError
from wagtail.api.v3.api import api
from wagtail.api.v3.querysets import get_pages_queryset
from wagtail.api.v3.registry import registry as v3_registry
from wagtail.api.v3.schemas import BasePageSchema
from wagtail.api.v3.schemas.pages import BasePageMetaSchema
from wagtail.utils.forms import FormValidationError

from . import registry, site
from .alternates import fetch_alternates, html_path
from .errors import BadParameter, problem, problem_400
from .paths import find_page_by_html_path
from .querysets import public_page, public_pages
from .v2 import DIGITS, HeadlessPagesAPIViewSet, HeadlessPagination, guess_parameter
from .v3_document import OpenAPIDocument
from .v3_schemas import AlternateSchema

LocaleCode = Literal[tuple(code for code, _name in settings.LANGUAGES)]


# Errors ----------------------------------------------------------------------------------


def query_parameter(request, errors):
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


def validation_errors(exc):
    """Wagtail's own list of validation errors (wagtail.api.v3.errors), for any kind."""
    if isinstance(exc, FormValidationError):
        return [
            {"type": code, "loc": list(path), "msg": message}
            for path, coded_messages in exc.loc_errors
            for message, code in coded_messages
        ]
    if isinstance(exc, DjangoValidationError):
        return [{"msg": message} for message in exc.messages]
    if isinstance(exc, NinjaValidationError):
        return exc.errors
    return [{k: v for k, v in error.items() if k != "input"} for error in exc.errors()]


def on_validation_error(request, exc):
    errors = validation_errors(exc)
    parameter = query_parameter(request, errors)
    if parameter is not None:
        return problem_400(parameter, errors)
    if request.method in ("GET", "HEAD"):  # a read has no body: its query is what is bad
        return problem(400, _("Validation failed."), errors=errors)
    return problem(422, _("Validation failed."), errors=errors)


def on_not_found(request, exc):
    if "locale" in request.GET and "Locale" in str(exc):
        return problem_400("locale")
    return problem(404, _("Not found."))


def on_http_error(request, exc):
    if exc.status_code == 400:
        parameter = query_parameter(request, [{"msg": str(exc)}])
        if parameter is not None:
            return problem_400(parameter, detail=str(exc))
    if exc.status_code == 401:
        return problem(401, _("Authentication required."))
    return problem(exc.status_code, str(exc))


def on_permission_denied(request, exc):
    if not request.user.is_authenticated:
        return problem(401, _("Authentication required."))
    return problem(403, str(exc) or _("Permission denied."))


def on_bad_parameter(request, exc):
    return problem_400(exc.parameter, detail=exc.message)


# The site around the pages ---------------------------------------------------------------

site_router = Router(tags=["site"])


@site_router.get(
    "/navigation/",
    response=site.Navigation,
    operation_id="navigation_get",
    summary="A language's menu tree in one request",
)
def navigation(request, locale: LocaleCode = settings.LANGUAGE_CODE):
    return site.navigation(request, site.locale_parameter(request))


@site_router.get(
    "/site/",
    response=site.SiteSettings,
    operation_id="site_get",
    summary="The site's name, languages and default language",
)
def site_settings(request, locale: LocaleCode = settings.LANGUAGE_CODE):
    return site.site_settings(request, site.locale_parameter(request))


def add_collection_route(name, declaration, schema):
    if declaration.single:
        response = schema
    else:
        response = create_model(
            f"{schema.__name__}List", locale=(str, ...), items=(list[schema], ...)
        )

    def view(request, locale: LocaleCode = settings.LANGUAGE_CODE):
        page_locale = site.locale_parameter(request)
        data = registry.collection_data(name, page_locale)
        if data is None:
            raise Http404
        if declaration.single:
            return data
        return {"locale": page_locale.language_code, "items": data}

    view.__name__ = f"{name}_get"
    site_router.add_api_operation(
        f"/{name}/",
        ["GET"],
        view,
        response=response,
        operation_id=f"{name}_get",
        summary=declaration.description,
    )


# The page listing ------------------------------------------------------------------------


class ListedPageMetaSchema(BasePageMetaSchema):
    html_path: str | None = None
    alternates: list[AlternateSchema] = []

    @staticmethod
    def resolve_html_path(obj, context):
        return html_path(obj)

    @staticmethod
    def resolve_alternates(obj, context):
        return context["alternates"].get(obj.pk, [])


class ListedPageSchema(BasePageSchema):
    """A page in the listing: id, title, type and meta (fetch its detail for the content)."""

    type: str
    meta: ListedPageMetaSchema

    @staticmethod
    def resolve_type(obj, context):
        return obj.specific_class._meta.label


class PagedListedPageSchema(Schema):
    count: int
    items: list[ListedPageSchema]


# What v2 accepts and v3 does not: v3 pages have no `fields` selection (pitfall 9).
V2_ONLY_PARAMETERS = ("fields", "format", "rich_text_format", "_")


def listing_view(wagtail_view):
    """GET /api/v3/pages/ filtered as v2 filters; other methods (creating a page) go to
    Wagtail's own view."""

    def view(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            return wagtail_view(request, *args, **kwargs)
        for name in request.GET:
            if name in V2_ONLY_PARAMETERS:
                return problem_400(
                    name, detail=_("Unknown query parameter: %(name)s.") % {"name": name}
                )
        query = request.GET.copy()
        if len(query.getlist("type")) > 1:  # v3 repeats it; v2 separates with commas
            query["type"] = ",".join(query.getlist("type"))
        request.GET = query
        pages_view = HeadlessPagesAPIViewSet(
            request=Request(request), args=(), kwargs={}, format_kwarg=None
        )
        pages_view.action = "listing_view"
        try:
            # The listing shows no field of the page type: what v2 prefetches for its fields
            # (renditions) would be queries for nothing.
            queryset = pages_view.get_queryset().prefetch_related(None)
            pages_view.check_query_parameters(queryset)
            queryset = pages_view.filter_queryset(queryset)
            paginator = HeadlessPagination()
            pages = list(paginator.paginate_queryset(queryset, pages_view.request, pages_view))
        except BadParameter as e:
            return problem_400(e.parameter, detail=e.message)
        except BadRequestError as e:
            parameter = guess_parameter(pages_view, str(e)) or "type"
            return problem_400(parameter, detail=str(e))
        context = {"request": request, "alternates": fetch_alternates(pages)}
        items = [
            ListedPageSchema.model_validate(page, context=context).model_dump(mode="json")
            for page in pages
        ]
        return JsonResponse(
            {"count": paginator.total_count, "items": items},
            json_dumps_params={"ensure_ascii": False},
        )

    return csrf_exempt(view)


# The page detail -------------------------------------------------------------------------

LIVE_DETAIL_PARAMETERS = {
    "version": ("live",),
    "rich_text_format": get_args(RichTextOutputFormat),
}


def reads_live_page_anonymously(request):
    """An anonymous GET of a live page, with nothing but parameters whose values are valid:
    the case `detail_view` answers itself. Everything else (a session, a token, a draft, a
    bad or unknown parameter) keeps Wagtail's own handling."""
    if request.method != "GET" or "Authorization" in request.headers:
        return False
    if request.user.is_authenticated:
        return False
    return all(
        set(values) <= set(LIVE_DETAIL_PARAMETERS.get(name, ()))
        for name, values in request.GET.lists()
    )


def detail_view(wagtail_view):
    """GET /api/v3/pages/<id>/ of a live page for an anonymous reader, in few queries.

    Wagtail's view reads every view restriction and the root's translations on each
    request, then fetches the page, its specific row and its locale, a query each; this
    takes the page as its own type with its locale and chosen images in one query, from the
    same public queryset as v2 (headless/querysets.py), and serializes it with the read
    schema Wagtail registered for its type, as Wagtail's view does. Other methods and
    requests go to Wagtail's view.
    """

    def view(request, page_id, *args, **kwargs):
        if not DIGITS.match(page_id) or not reads_live_page_anonymously(request):
            return wagtail_view(request, *args, page_id=page_id, **kwargs)
        try:
            page = public_page(request, int(page_id))
        except Http404:
            return problem(404, _("Not found."))
        registration = v3_registry.get(page.specific_class._meta.label)
        if registration is None:  # a page type Wagtail's v3 does not serve: its answer
            return wagtail_view(request, *args, page_id=page_id, **kwargs)
        schema = registration.read_schema
        context = {"request": request, "response_status": 200}
        data = schema.model_validate(page, context=context).model_dump(context=context)
        return api.create_response(request, data, status=200)

    return csrf_exempt(view)


# Find by path ----------------------------------------------------------------------------

V3_FIND_PARAMETERS = ("html_path", "id")


def find_view(request):
    """GET /api/v3/pages/find/?html_path=/ka/... : a relative redirect to the page's detail."""
    try:
        try:
            if request.user.is_authenticated:  # Wagtail's admin tier: the user's pages
                queryset = get_pages_queryset(request)
            else:  # the same pages as Wagtail's public tier, in fewer queries
                queryset = public_pages(request)
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
        return problem_400(e.parameter, detail=e.message)
    except Http404:
        return problem(404, _("Not found."))
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


# Wiring ----------------------------------------------------------------------------------


class UTF8JSONRenderer(JSONRenderer):
    """ninja's renderer without `ensure_ascii`: each Georgian letter is three bytes of UTF-8,
    not a six-byte `\\u10..` escape (the v3 listing, v2 and the site already answer so)."""

    json_dumps_params = {"ensure_ascii": False}


def extend():
    """Add our routes and error handlers to Wagtail's v3 API (before `api.urls` is read)."""
    api.renderer = UTF8JSONRenderer()
    for name, (_model, declaration, schema) in registry.collections().items():
        add_collection_route(name, declaration, schema)
    api.add_router("/", site_router)
    for exc_class in (NinjaValidationError, PydanticValidationError, DjangoValidationError):
        api.add_exception_handler(exc_class, on_validation_error)
    api.add_exception_handler(Http404, on_not_found)
    api.add_exception_handler(HttpError, on_http_error)
    api.add_exception_handler(PermissionDenied, on_permission_denied)
    api.add_exception_handler(BadParameter, on_bad_parameter)
    OpenAPIDocument(api, PagedListedPageSchema).install()
