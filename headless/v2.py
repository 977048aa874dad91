"""Wagtail's v2 endpoints, subclassed for the headless contract.

What Wagtail 8 lacks and this adds:
- `meta.alternates`: the live translations of each page (one query per page of results);
- the page's own language is active while it is serialized, so rich-text links in Georgian
  content resolve to Georgian URLs whatever the request's Accept-Language (pitfall 6);
- `find/?html_path=` routes from the locale's own root (Wagtail #6679), accepts raw or
  percent-encoded paths, and answers with the page itself, keeping every other query
  parameter (#6577) instead of an absolute redirect built from WAGTAILAPI_BASE_URL
  (pitfall 5); `Content-Location` names the page's detail URL, relative to the host;
- every bad parameter is a 400 whose JSON body names the parameter.
"""

import copy
import functools
import re

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist, ValidationError
from django.db import models
from django.http import Http404
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from rest_framework import status
from rest_framework.fields import Field, SkipField
from rest_framework.response import Response
from wagtail.api.v2.pagination import WagtailPagination
from wagtail.api.v2.serializers import (
    DetailUrlField,
    PageHtmlUrlField,
    PageParentField,
    PageSerializer,
    get_serializer_class,
)
from wagtail.api.v2.utils import BadRequestError, get_object_detail_url, page_models_from_string
from wagtail.api.v2.views import PagesAPIViewSet
from wagtail.blocks import StreamValue
from wagtail.documents.api.v2.views import DocumentsAPIViewSet
from wagtail.fields import StreamField
from wagtail.images import get_image_model
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.api.v2.views import ImagesAPIViewSet
from wagtail.images.utils import to_svg_safe_spec
from wagtail.models import Locale, Page

from serving.paging import window

from .alternates import fetch_alternates, html_path, page_urls
from .errors import BadParameter
from .middleware import OFFSET_MAX
from .paths import find_page_by_html_path
from .querysets import (
    PARENT_SUMMARY_COLUMNS,
    count_pages,
    in_some_site,
    parent_url_path,
    public_page,
    public_pages,
    specific_page,
)
from .registry import listing_filters
from .renderers import JSONRenderer

DIGITS = re.compile(r"^[0-9]{1,9}$")
# Query parameters of a page detail that filter nothing (Wagtail's detail applies its
# listing filters, `type`, `locale` and the rest, to the queryset it takes the page from).
DETAIL_WITHOUT_FILTERS = {"fields"}
# Serializer classes by shape of answer (HeadlessPagesAPIViewSet.get_serializer_class); the
# shapes come from the query's `fields`, hence the bound.
SERIALIZER_CLASSES = {}
SERIALIZER_CLASSES_MAX = 256


def parse_non_negative(request, name, default):
    raw = request.GET.get(name)
    if raw is None:
        return default
    if not DIGITS.match(raw):
        raise BadParameter(name, _("%(name)s must be a non-negative integer.") % {"name": name})
    return int(raw)


class HeadlessPagination(WagtailPagination):
    """Wagtail's limit/offset pagination with messages that name the parameter."""

    def paginate_queryset(self, queryset, request, view=None):
        limit_max = getattr(settings, "WAGTAILAPI_LIMIT_MAX", 20)
        limit = parse_non_negative(request, "limit", 20)
        offset = parse_non_negative(request, "offset", 0)
        if limit_max and limit > limit_max:
            raise BadParameter(
                "limit", _("limit cannot be higher than %(max)d.") % {"max": limit_max}
            )
        if offset > OFFSET_MAX:
            raise BadParameter(
                "offset", _("offset cannot be higher than %(max)d.") % {"max": OFFSET_MAX}
            )
        if isinstance(queryset, models.QuerySet):  # not search results: fetched by key window
            # Wagtail's count (`queryset.count()`), on the page table where it can be.
            self.view = view
            self.total_count = count_pages(queryset)
            return window(queryset, offset, offset + limit, self.total_count)
        return super().paginate_queryset(queryset, request, view)  # the count, the slice


def guess_parameter(view, message):
    """The query parameter a Wagtail error message is about (its messages start with it)."""
    names = sorted(set(view.request.GET.keys()), key=len, reverse=True)
    if message.startswith(("unknown fields", "fields error")) or "nested fields" in message:
        return "fields"
    if message.startswith("query parameter is not"):
        return message.rsplit(":", 1)[-1].strip()
    if "order" in message and "order" in view.request.GET:
        return "order"
    lowered = message.lower()
    for name in names:
        if name in lowered:
            return name
    for name in ("child_of", "descendant_of", "ancestor_of", "translation_of", "search"):
        if name in view.request.GET:
            return name
    return None


class CompactJSONMixin:
    """Compact JSON unless the client asks for indentation.

    Wagtail's views always indent by 4: a 20-item listing of articles is about 45% larger
    (97,834 bytes against 66,861), and Python's JSON encoder falls back from its C
    implementation to the pure-Python one, which cannot skip the indentation (1.4 ms of
    that listing's 24 ms). Whitespace carries no meaning in JSON;
    `Accept: application/json; indent=4` still gets the indented answer (DRF's renderer
    reads the media type's `indent` parameter before the context's).
    """

    def get_renderer_context(self):
        context = super().get_renderer_context()
        context["indent"] = None
        return context


class ParameterErrorsMixin(CompactJSONMixin):
    """400s name their parameter; 404s stay JSON."""

    # Wagtail's renderers (JSON, then DRF's browsable API), the JSON one encoding with orjson.
    renderer_classes = [JSONRenderer, *PagesAPIViewSet.renderer_classes[1:]]

    pagination_class = HeadlessPagination
    detail_query_parameters = frozenset(["fields", "rich_text_format", "format", "_"])

    def handle_exception(self, exc):
        if isinstance(exc, BadParameter):
            return Response(exc.as_data(), status=status.HTTP_400_BAD_REQUEST)
        if isinstance(exc, BadRequestError):
            data = {"message": str(exc), "parameter": guess_parameter(self, str(exc))}
            return Response(data, status=status.HTTP_400_BAD_REQUEST)
        return super().handle_exception(exc)

    def check_detail_parameters(self, allowed):
        unknown = sorted(set(self.request.GET.keys()) - set(allowed))
        if unknown:
            raise BadParameter(
                unknown[0],
                _("Unknown query parameter: %(name)s.") % {"name": ", ".join(unknown)},
            )

    def check_query_parameters(self, queryset):
        super().check_query_parameters(queryset)
        self.check_field_filters(queryset.model)

    def check_field_filters(self, model):
        """A filter value the field cannot hold is a 400, not a database error (500)."""
        fields = set(self.get_available_fields(model, db_fields_only=True)) - {"locale"}
        for name, value in self.request.GET.items():
            if name not in fields:
                continue
            try:
                field = model._meta.get_field(name)
            except FieldDoesNotExist:
                continue
            if isinstance(field, models.BooleanField):
                continue  # Wagtail's filter parses booleans itself and says so
            target = getattr(field, "target_field", field)
            try:
                if "\x00" in value:
                    raise ValueError
                target.to_python(value)
            except (ValidationError, ValueError, TypeError) as e:
                raise BadParameter(
                    name,
                    _("%(value)s is not a valid value for %(name)s.")
                    % {"value": value, "name": name},
                ) from e

    def detail_view(self, request, pk):
        self.check_detail_parameters(self.detail_query_parameters)
        return super().detail_view(request, pk)


def prefetch_for_api(queryset):
    """Fetch the chosen images a specific page type's api_fields show with the pages
    (`prefetch_renditions` then adds the renditions they ask for), for the whole page of
    results, so a listing does not grow in queries with its length. (A field that loads
    more, an article's topics, declares `prefetch_listing`.)"""
    model = queryset.model
    if model is Page:
        return queryset
    names = image_fields(model)
    # Of each image, only what the API reads of it (its collection, focal point, alt text):
    # a listing's twenty images were a quarter of what making its rows cost.
    unread = [f"{name}__{column}" for name in names for column in unread_image_columns()]
    return queryset.select_related(*names).defer(*unread)


# What the API fields read of a chosen image: its collection (`public_image`), its focal
# point (the key of a cropped rendition) and its description (the alt text's fallback). Its
# file, read only to make a missing rendition, is then loaded as Django loads a deferred field.
API_IMAGE_COLUMNS = {
    "id",
    "collection",
    "description",
    "focal_point_x",
    "focal_point_y",
    "focal_point_width",
    "focal_point_height",
}


@functools.cache
def unread_image_columns():
    """The image model's other columns (a custom image model's own ones too)."""
    return tuple(
        field.name
        for field in get_image_model()._meta.concrete_fields
        if field.name not in API_IMAGE_COLUMNS
    )


@functools.cache  # one per page model
def image_fields(model):
    """The names of the model's foreign keys to images."""
    return tuple(
        field.name
        for field in model._meta.get_fields()
        if field.many_to_one and field.related_model is get_image_model()
    )


def prefetch_renditions(pages):
    """The renditions the API fields show of the pages' chosen images (`rendition_specs`),
    in one query, in each image's `prefetched_renditions` list, where Wagtail's
    `get_renditions()` (and `among_prefetched`) look first.

    Django's `prefetch_related` with a `Prefetch(to_attr=...)` did the same, with its
    bookkeeping for each image and rendition: three times the cost of this for twenty
    articles. What Django lacks: prefetching into a plain list without it."""
    images = {}  # image id -> [the instances of it (one per page), the specs shown of it]
    for page in pages:
        for name, specs in rendition_specs(type(page)).items():
            image = getattr(page, name, None) if name in image_fields(type(page)) else None
            if image is not None:
                image.prefetched_renditions = []
                entry = images.setdefault(image.pk, ([], set()))
                entry[0].append(image)
                entry[1].update(specs)
    if not images:
        return
    rendition_model = get_image_model().get_rendition_model()
    wanted = set().union(*(specs for _instances, specs in images.values()))
    renditions = rendition_model.objects.filter(image_id__in=images, filter_spec__in=wanted)
    image_key = rendition_model._meta.get_field("image")
    for rendition in renditions:
        instances, specs = images[rendition.image_id]
        if rendition.filter_spec in specs:
            image_key.set_cached_value(rendition, instances[0])  # as Django's prefetch does
            for image in instances:  # (pages that share a picture share its renditions)
                image.prefetched_renditions.append(rendition)


@functools.cache  # one per page model
def rendition_specs(model):
    """{image field name: the rendition specs (and their SVG-safe forms) that the model's
    api_fields show of it} (Wagtail's `ImageRenditionField` and its subclasses)."""
    specs = {}
    for api_field in getattr(model, "api_fields", []):
        serializer = getattr(api_field, "serializer", None)
        if not isinstance(serializer, ImageRenditionField):
            continue
        image_field = getattr(serializer, "image_field", None) or serializer.source
        spec = serializer.filter_spec
        specs.setdefault(image_field or api_field.name, set()).update(
            {spec, to_svg_safe_spec(spec)}
        )
    return specs


def prefetch_stream_blocks(pages, field_names):
    """Convert the StreamField blocks of a whole page of results with one query per block type.

    Wagtail batches chooser lookups (`bulk_to_python`) per stream value, i.e. per page; this
    batches them across the pages and gives each page a converted StreamValue, through
    public API only (`raw_data`, `bulk_to_python`, the StreamValue constructor).
    """
    field_names = tuple(field_names)
    streams = [
        (page, name, value)
        for page in pages
        for name in stream_field_names(type(page), field_names)
        if isinstance(value := getattr(page, name, None), StreamValue)
    ]
    pending = {}  # id(child block) -> (child block, [(stream number, index, raw value)])
    converted = []  # per stream: [(type, value, id) or None, ...]
    for number, (_page, _name, stream) in enumerate(streams):
        children = stream.stream_block.child_blocks
        raw_data = stream.raw_data
        # By index: iterating the view (a Sequence) ends on an IndexError, costlier than this.
        raws = [raw_data[index] for index in range(len(raw_data))]
        converted.append([None] * len(raws))
        for index, raw in enumerate(raws):
            if raw.get("type") in children:
                child_block = children[raw["type"]]
                entry = pending.setdefault(id(child_block), (child_block, []))
                entry[1].append((number, index, raw))
    for child_block, items in pending.values():
        values = child_block.bulk_to_python([raw["value"] for _number, _index, raw in items])
        for (number, index, raw), value in zip(items, values, strict=True):
            converted[number][index] = (raw["type"], value, raw.get("id"))
    for (page, name, stream), children in zip(streams, converted, strict=True):
        blocks = [child for child in children if child is not None]
        setattr(page, name, StreamValue(stream.stream_block, blocks, is_lazy=False))


@functools.lru_cache(maxsize=256)  # by page type and the answer's fields (a few shapes)
def stream_field_names(model, field_names):
    """Those of `field_names` that are StreamFields of `model`."""
    streams = {field.name for field in model._meta.fields if isinstance(field, StreamField)}
    return [name for name in field_names if name in streams]


def run_listing_prefetches(pages, fields):
    """Fields that load what they show for a whole page of results declare
    `prefetch_listing(pages)` (headless/declarations.py); Wagtail serializes item by item."""
    for field in fields:
        prefetch = getattr(field, "prefetch_listing", None)
        if prefetch is not None and pages:
            prefetch(pages)


class AlternatesField(Field):
    """meta.alternates: locale, id, title and html_url of each live translation."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        view = self.context.get("view")
        cache = getattr(view, "alternates_cache", None)
        if cache is None:
            cache = {}
            if view is not None:
                view.alternates_cache = cache
        if page.pk not in cache:
            cache.update(fetch_alternates([page]))
        return cache[page.pk]


class FieldsBuiltOnce:
    """DRF builds the fields of a model serializer anew for each instance, from the model's
    fields (`build_field`, the costliest part of a detail's serialization); they depend on
    the class alone (its model, field names and declared fields), so they are built once per
    class and each instance gets fresh copies, as DRF does for declared fields."""

    def get_fields(self):
        built = type(self).__dict__.get("built_fields")
        if built is None:
            built = super().get_fields()
            type(self).built_fields = built
        return copy.deepcopy(built)


class DetailUrlOncePerType(DetailUrlField):
    """Wagtail's `detail_url`, reversed once per request and page type: Wagtail looks up
    the type's endpoint and reverses its URL for each item of a listing, the same URL but
    for the id at its end."""

    def get_attribute(self, instance):
        prefixes = self.context.setdefault("detail_url_prefixes", {})
        model = type(instance)
        if model not in prefixes:
            url = get_object_detail_url(self.context["router"], self.context["request"], model, 0)
            prefixes[model] = url[: -len("0/")] if url and url.endswith("/0/") else None
        if prefixes[model] is None:  # no endpoint for the type, or a URL of another shape
            return super().get_attribute(instance)
        return f"{prefixes[model]}{instance.pk}/"


class ParentPageSerializer(FieldsBuiltOnce, PageSerializer):
    detail_url = DetailUrlOncePerType(read_only=True)


@functools.cache  # one per page model
def parent_serializer_class(model):
    """The serializer of meta.parent, as Wagtail's `PageParentField` makes it on each call."""
    return get_serializer_class(
        model,
        ["id", "type", "detail_url", "html_url", "title"],
        meta_fields=["type", "detail_url", "html_url"],
        base=ParentPageSerializer,
    )


class HeadlessPageParentField(PageParentField):
    """meta.parent, when the API shows it, in one query (Wagtail's makes two: the parent,
    then whether the base queryset holds it), and none for a site's root page (its parent,
    Wagtail's root, is never public)."""

    def get_attribute(self, instance):
        if not in_some_site(parent_url_path(instance)):
            return None
        parent_path = instance.path[: -Page.steplen]
        parents = self.context["base_queryset"].filter(path=parent_path)
        return parents.only(*PARENT_SUMMARY_COLUMNS).first()

    def to_representation(self, value):
        serializer = parent_serializer_class(value.__class__)(context=self.context)
        return serializer.to_representation(value)


class HtmlPathField(Field):
    """meta.html_path: the page's public path with its language prefix (`/ka/siakhleebi/`),
    for an app that serves the pages under its own host."""

    def __init__(self, **kwargs):
        kwargs["read_only"] = True
        super().__init__(**kwargs)

    def get_attribute(self, instance):
        return instance

    def to_representation(self, page):
        return html_path(page)


class HtmlUrlField(PageHtmlUrlField):
    """Wagtail's `html_url` (the page's `full_url`), from the URLs the page's `meta.html_path`
    and `meta.alternates` show too, computed once per request (headless/alternates.py)."""

    def to_representation(self, page):
        return page_urls(page.url_path)[0]


class HeadlessPageSerializer(FieldsBuiltOnce, PageSerializer):
    detail_url = DetailUrlOncePerType(read_only=True)
    html_url = HtmlUrlField(read_only=True)
    alternates = AlternatesField()
    parent = HeadlessPageParentField(read_only=True)
    html_path = HtmlPathField()

    def to_representation(self, instance):
        # Links inside the page's content resolve in the page's own language (pitfall 6).
        language = instance.locale.language_code
        if translation.get_language() == language:  # a listing's items share one, often
            data = self.fields_of(instance)
        else:
            with translation.override(language):
                data = self.fields_of(instance)
        # The page type at the top level too, whatever `fields` asks: the discriminator of
        # the OpenAPI document's page union (generators ignore a nested one, meta.type).
        data["type"] = instance.specific_class._meta.label
        return data

    @functools.cached_property
    def meta_and_core_fields(self):
        """(meta fields, core fields, whether `id` is among the core ones)."""
        fields = [field for field in self.fields.values() if not field.write_only]
        meta = [field for field in fields if field.field_name in self.meta_fields]
        core = [field for field in fields if field.field_name not in self.meta_fields]
        return meta, core, any(field.field_name == "id" for field in core)

    def fields_of(self, instance):
        """Wagtail's `BaseSerializer.to_representation`: `id` first, then `meta` (the meta
        fields), then the others; a None attribute is None without `to_representation`.

        Wagtail sorts the serializer's fields into meta and core ones again for every item
        (three passes over DRF's field mapping, which iterates through `collections.abc`, a
        fifth of a listing item's serialization); they depend on the serializer alone, so
        they are sorted once per serializer (`meta_and_core_fields`)."""
        meta_fields, core_fields, id_first = self.meta_and_core_fields
        data = {"id": None} if id_first else {}
        meta = {}
        for field in meta_fields:
            try:
                attribute = field.get_attribute(instance)
            except SkipField:
                continue
            meta[field.field_name] = (
                None if attribute is None else field.to_representation(attribute)
            )
        if meta:
            data["meta"] = meta
        for field in core_fields:
            try:
                if field.field_name == "admin_display_title":
                    instance = instance.specific_deferred
                attribute = field.get_attribute(instance)
            except SkipField:
                continue
            data[field.field_name] = (
                None if attribute is None else field.to_representation(attribute)
            )
        return data


class HeadlessPagesAPIViewSet(ParameterErrorsMixin, PagesAPIViewSet):
    base_serializer_class = HeadlessPageSerializer
    meta_fields = PagesAPIViewSet.meta_fields + ["html_path", "alternates"]
    listing_default_fields = PagesAPIViewSet.listing_default_fields + ["html_path", "alternates"]
    find_query_parameters = PagesAPIViewSet.find_query_parameters.union(["site"])

    def get_serializer_class(self):
        # Wagtail makes a serializer class for every request; the class depends on the code
        # alone and on what Wagtail reads to make it (the page type, `fields`, listing or
        # detail), so one per shape of answer is kept.
        listing = self.action == "listing_view"
        model = self.get_queryset().model if listing else type(self.get_object())
        key = (type(self), self.request.wagtailapi_router, model, self.request.GET.get("fields"))
        key += (listing,)
        if key not in SERIALIZER_CLASSES:
            serializer_class = super().get_serializer_class()  # raises on a bad `fields`
            if len(SERIALIZER_CLASSES) >= SERIALIZER_CLASSES_MAX:
                return serializer_class
            SERIALIZER_CLASSES[key] = serializer_class
        return SERIALIZER_CLASSES[key]

    def get_base_queryset(self):
        # Wagtail builds it for the results and again for meta.parent, three queries each.
        if not hasattr(self, "public_base_queryset"):
            try:
                self.public_base_queryset = public_pages(self.request)
            except ValueError as e:
                raise BadRequestError(str(e)) from e
        return self.public_base_queryset

    def get_queryset(self):
        # Asked for by the listing and again by Wagtail's `get_serializer_class` (for its
        # model); built once per request. Never evaluated: each use filters a clone of it.
        if not hasattr(self, "built_queryset"):
            self.built_queryset = self.build_queryset()
        return self.built_queryset

    def build_queryset(self):
        self.check_type_and_locale()
        queryset = super().get_queryset()
        if queryset.model is not Page:
            # One page type: Wagtail filters it by `pk IN (the base queryset)`; filtering the
            # type's own queryset the same way needs no subquery over every page.
            try:
                queryset = public_pages(self.request, queryset.model)
            except ValueError as e:
                raise BadRequestError(str(e)) from e
            # The same rows (a page of the type has its content type), stated on the page
            # table, where newsroom/0005's index (content type, language, path) gives the
            # count and the window's keys without reading rows or sorting every page.
            queryset = queryset.type(queryset.model)
        return prefetch_for_api(queryset.select_related("locale"))

    def get_object(self):
        """The page as its own type in one query (Wagtail: the page, then `.specific`)."""
        if not hasattr(self, "cached_object"):
            try:
                if set(self.request.GET) <= DETAIL_WITHOUT_FILTERS:
                    # No filter to apply: the public pages, `public_page` knows them.
                    page = public_page(self.request, int(self.kwargs["pk"]))
                else:
                    queryset = self.filter_queryset(self.get_queryset())
                    page = specific_page(queryset, self.kwargs["pk"])
                    prefetch_renditions([page])
            except Http404 as e:
                raise Http404(_("Not found.")) from e
            self.check_object_permissions(self.request, page)
            self.cached_object = page
        return self.cached_object

    def check_query_parameters(self, queryset):
        # The filters the page type declares (`api_filters`, e.g. an article's `topic`) are
        # parameters too; Wagtail knows only fields and its own operations.
        declared = {api_filter.name for api_filter in listing_filters(queryset.model)}
        saved = self.known_query_parameters
        self.known_query_parameters = saved.union(declared)
        try:
            super().check_query_parameters(queryset)
        finally:
            self.known_query_parameters = saved

    def filter_queryset(self, queryset):
        # Before Wagtail's filters: its search returns results, not a queryset.
        return super().filter_queryset(apply_declared_filters(self.request, queryset))

    def check_type_and_locale(self):
        if getattr(self, "type_and_locale_checked", False):
            return  # get_queryset() runs more than once per request
        self.type_and_locale_checked = True
        request = self.request
        if "type" in request.GET:
            try:
                models = page_models_from_string(request.GET["type"])
            except (LookupError, ValueError):
                models = None
            if not models or not all(issubclass(model, Page) for model in models):
                raise BadParameter(
                    "type",
                    _("Unknown page type: %(type)s.") % {"type": request.GET["type"]},
                )
        if "locale" in request.GET:
            if not Locale.objects.filter(language_code=request.GET["locale"]).exists():
                raise BadParameter(
                    "locale",
                    _("Unknown locale: %(locale)s.") % {"locale": request.GET["locale"]},
                )

    def listing_view(self, request):
        queryset = self.get_queryset()
        self.check_query_parameters(queryset)
        queryset = self.filter_queryset(queryset)
        pages = list(self.paginate_queryset(queryset))
        prefetch_renditions(pages)
        # Every translation of the whole page of results, in one query.
        self.alternates_cache = fetch_alternates(pages)
        serializer = self.get_serializer(pages, many=True)
        prefetch_stream_blocks(pages, serializer.child.fields.keys())
        run_listing_prefetches(pages, serializer.child.fields.values())
        # Each item is serialized in its page's language (HeadlessPageSerializer); a page of
        # results in one language switches once, not for each item.
        languages = {page.locale.language_code for page in pages}
        if len(languages) != 1:
            return self.get_paginated_response(serializer.data)
        with translation.override(languages.pop()):
            return self.get_paginated_response(serializer.data)

    def find_view(self, request):
        self.check_detail_parameters(self.detail_query_parameters | self.find_query_parameters)
        queryset = self.get_base_queryset()
        if "html_path" in request.GET:
            try:
                page = find_page_by_html_path(request, request.GET["html_path"], queryset)
            except Http404 as e:
                raise Http404(_("Not found.")) from e
        elif "id" in request.GET:
            raw = request.GET["id"]
            if not DIGITS.match(raw):
                raise BadParameter("id", _("id must be a non-negative integer."))
            page = queryset.filter(pk=int(raw)).first()
            if page is None:
                raise Http404(_("Not found."))
        else:
            raise BadParameter("html_path", _("Give html_path or id."))
        self.cached_object = page.specific
        self.kwargs["pk"] = page.pk
        response = super(ParameterErrorsMixin, self).detail_view(request, page.pk)
        query = request.GET.copy()
        for name in self.find_query_parameters:
            query.pop(name, None)
        location = reverse("wagtailapi:pages:detail", args=[page.pk])
        response["Content-Location"] = f"{location}?{query.urlencode()}" if query else location
        return response


def apply_declared_filters(request, queryset):
    """The page type's `api_filters` (headless/declarations.py) that the query names."""
    for api_filter in listing_filters(queryset.model):
        value = request.GET.get(api_filter.name)
        if value is None:
            continue
        if len(value) > 255:
            raise BadParameter(api_filter.name, _("Value too long."))
        queryset = queryset.filter(**{api_filter.lookup: value})
        if api_filter.distinct:
            queryset = queryset.distinct()
    return queryset


class FindByIdMixin:
    """Wagtail's images and documents find views look `?id=` up as given: `?id=abc` was a
    ValueError (500); it is a 400 naming the parameter."""

    def find_view(self, request):
        raw = request.GET.get("id")
        if raw is not None and not DIGITS.match(raw):
            raise BadParameter("id", _("id must be a non-negative integer."))
        return super().find_view(request)


class HeadlessImagesAPIViewSet(ParameterErrorsMixin, FindByIdMixin, ImagesAPIViewSet):
    pass


class HeadlessDocumentsAPIViewSet(ParameterErrorsMixin, FindByIdMixin, DocumentsAPIViewSet):
    pass
