"""API fields that page models declare in `api_fields` (Wagtail's `APIField(serializer=...)`).

Wagtail's v2 serializes with them; its v3 types each one from the return annotation of
`to_representation` (a TypedDict here), so both versions and both OpenAPI documents get the
same typed value from one declaration.
"""

from rest_framework import serializers
from typing_extensions import TypedDict
from wagtail.api.utils import get_full_url
from wagtail.images.api.fields import ImageRenditionField
from wagtail.images.models import SourceImageIOError
from wagtail.images.utils import to_svg_safe_spec

from security.images import public_image

from .dates import date_display
from .representations import renditions_without_rewrites, summary_representation


class Rendition(TypedDict):
    url: str
    full_url: str
    width: int
    height: int
    alt: str


class PageSummary(TypedDict):
    id: int
    title: str
    locale: str
    html_url: str | None
    html_path: str | None


class TranslatedAltRenditionField(ImageRenditionField):
    """Wagtail's rendition field, with the alternative text the page gives its image.

    Wagtail's own field takes `alt` from the image's `default_alt_text`, which is one text for
    every language: the Georgian article would describe its picture in English. An image is
    shared by both languages (synchronised), so its description lives on the page, where
    wagtail-localize translates it. `source="*"` hands the field the page, not the image.
    Its `url` is absolute too (Wagtail's is relative to the media host, its `full_url` not).
    """

    def __init__(self, filter_spec, *, image_field, alt_field, **kwargs):
        self.image_field = image_field
        self.alt_field = alt_field
        super().__init__(filter_spec, source="*", **kwargs)

    def to_representation(self, page) -> Rendition:
        image = public_image(getattr(page, self.image_field))  # never a restricted one
        if image is None:
            return None
        spec = self.filter_spec
        if self.preserve_svg and image.is_svg():
            spec = to_svg_safe_spec(spec)
        try:
            # Wagtail's field calls `image.get_rendition()`, which writes the rendition to
            # Wagtail's rendition cache on every call (a file write, or a Redis SET), even
            # when it comes from the renditions a listing prefetched or from that cache.
            (rendition,) = renditions_without_rewrites(image, [spec]).values()
        except SourceImageIOError:
            return {"error": "SourceImageIOError"}  # as Wagtail's field answers
        url = get_full_url(self.context.get("request"), rendition.url)
        return {
            "url": url,
            "full_url": url,
            "width": rendition.width,
            "height": rendition.height,
            # The page's text, else the image's own description, as in the page's HTML.
            "alt": getattr(page, self.alt_field) or image.description or "",
        }


class DateDisplayField(serializers.Field):
    """A date field of the page as its language writes it: "16 მარტი, 2021"."""

    def __init__(self, date_field, **kwargs):
        self.date_field = date_field
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page) -> str:
        return date_display(getattr(page, self.date_field), page.locale.language_code)


# The columns of a page's summary (`summary_representation`), in its order.
SUMMARY_COLUMNS = ("pk", "title", "url_path", "locale__language_code")


class RelatedPagesField(serializers.Field):
    """Pages a page model method gives as rows of the columns it is asked for (e.g. its
    related articles): id, title, paths. In page details; null in v2 listings (`fields=*`)."""

    def __init__(self, method, **kwargs):
        self.method = method
        super().__init__(source="*", read_only=True, **kwargs)

    def to_representation(self, page) -> list[PageSummary]:
        view = self.context.get("view")
        if getattr(view, "action", None) == "listing_view":
            # With an article's detail only: in a listing it would cost queries per item.
            return None
        rows = getattr(page, self.method)(SUMMARY_COLUMNS)
        return [summary_representation(*row) for row in rows]
