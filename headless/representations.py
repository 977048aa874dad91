"""The API representation of chosen objects inside StreamField blocks, and its JSON Schemas.

Used by the content apps' blocks (`get_api_representation` and `get_api_schema`, declared
next to each block): an image, a document or a page becomes what an external app can use
directly, never a bare database id. Nothing here knows a content app: the blocks pass in
what is theirs (the rendition sizes, the page in the right language).
"""

import functools
import re

from wagtail.api.utils import get_full_url
from wagtail.images.models import Filter

from serving.per_request import page_language_code

from .alternates import page_urls

NULLABLE_STRING = {"type": ["string", "null"]}
NULLABLE_INTEGER = {"type": ["integer", "null"]}
# Wagtail's editor stores a `data-block-key` on every paragraph and heading of rich text
# edited in the admin (Draftail's block ids); it means nothing outside the editor, and the
# demo loader's HTML has none. Stripped, so the HTML is the same however it was written.
BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')


def clean_rich_text(html):
    if not html or "data-block-key" not in html:  # (a scan, a fraction of the regex's cost)
        return html or ""
    return BLOCK_KEY.sub("", html)


def ref(name):
    return {"$ref": f"#/components/schemas/{name}"}


def _request(context):
    return (context or {}).get("request")


def image_representation(image, alt, sizes, context=None):
    """id, title, alt, width, height and renditions at `sizes` ({name: filter spec}),
    with absolute URLs."""
    if image is None:
        return {
            "id": None,
            "title": "",
            "alt": alt or "",
            "width": None,
            "height": None,
            "renditions": {},
        }
    request = _request(context)
    found = {
        getattr(key, "spec", key): rendition
        for key, rendition in renditions_without_rewrites(image, list(sizes.values())).items()
    }
    renditions = {}
    for name, spec in sizes.items():
        rendition = found.get(spec) or image.get_rendition(spec)
        renditions[name] = {
            "url": get_full_url(request, rendition.url),
            "width": rendition.width,
            "height": rendition.height,
        }
    return {
        "id": image.pk,
        "title": image.title,
        "alt": alt or image.default_alt_text or "",
        "width": image.width,
        "height": image.height,
        "renditions": renditions,
    }


@functools.lru_cache(maxsize=64)
def image_filter(spec):
    """Wagtail's `Filter` for a spec, made once: a filter parses its spec into operations
    (through every registered image operation) the first time it is used, e.g. for each
    rendition's cache key; Wagtail's `{% image %}` tag keeps one per template node for the
    same reason. The specs are the code's own (the API's sizes)."""
    return Filter(spec=spec)


def among_prefetched(image, filters):
    """What Wagtail's `get_renditions()` returns from the renditions prefetched for `image`
    ({spec: rendition}), found by Wagtail's own `find_existing_renditions()`, or None where
    `get_renditions()` would do more: a size missing (it creates it) or a `preserve-svg`
    spec (it changes the filter first). The rest of `get_renditions()` (cleaning each filter
    for SVG, deduplicating them, the renditions to create and to cache: none here) cost
    more than the finding: a third of an API listing item's picture."""
    if getattr(image, "prefetched_renditions", None) is None:
        return None  # (find_existing_renditions would ask the cache and the database)
    if any("preserve-svg" in spec_filter.spec for spec_filter in filters):
        return None
    found = image.find_existing_renditions(*filters)
    if any(spec_filter not in found for spec_filter in filters):
        return None
    return {spec_filter.spec: found[spec_filter] for spec_filter in filters}  # in their order


def renditions_without_rewrites(image, specs):
    """`image.get_renditions(*specs)`, without writing back what it read from the cache.

    Wagtail's `get_renditions()` skips the cache write only for renditions it found among
    prefetched ones; those it found in its rendition cache it sets there again, on every
    call (a file write each with the file-based cache, a Redis SET in production). A body's
    chosen image comes without prefetched renditions; when the cache holds every size asked
    for, they are handed to Wagtail as this image's prefetched renditions for the one call,
    which then uses them and writes nothing. Otherwise Wagtail does as it always does (the
    database, creating what is missing, caching what it found there).
    """
    filters = [image_filter(spec) for spec in dict.fromkeys(specs)]
    found = among_prefetched(image, filters)
    if found is not None:
        return found
    prefetched = getattr(image, "_prefetched_objects_cache", {})
    if "renditions" in prefetched or hasattr(image, "prefetched_renditions"):
        return image.get_renditions(*filters)
    rendition_model = image.get_rendition_model()
    keys = [
        rendition_model.construct_cache_key(image, f.get_cache_key(image), f.spec) for f in filters
    ]
    cached = rendition_model.cache_backend.get_many(keys)
    if len(cached) < len(keys):  # (a `preserve-svg` spec is cached under another key)
        return image.get_renditions(*filters)
    for rendition in cached.values():
        rendition.image = image  # as Wagtail does with what it reads from the cache
    image.prefetched_renditions = list(cached.values())
    try:
        return among_prefetched(image, filters) or image.get_renditions(*filters)
    finally:
        del image.prefetched_renditions


def image_schema(sizes):
    """The schema of `image_representation` (plus the block's caption)."""
    return {
        "type": "object",
        "properties": {
            "id": NULLABLE_INTEGER,
            "title": {"type": "string"},
            "alt": {"type": "string"},
            "caption": {"type": "string"},
            "width": NULLABLE_INTEGER,
            "height": NULLABLE_INTEGER,
            "renditions": {
                "title": "ImageRenditions",
                "type": "object",
                "properties": {name: ref("BlockRendition") for name in sizes},
                "additionalProperties": False,
            },
        },
        "required": ["id", "title", "alt", "caption", "width", "height", "renditions"],
        "additionalProperties": False,
    }


def document_representation(document, title, context=None):
    if document is None:
        return {"id": None, "title": title or "", "url": None, "file_extension": ""}
    return {
        "id": document.pk,
        "title": title or document.title,
        "url": get_full_url(_request(context), document.url),
        "file_extension": document.file_extension,
    }


DOCUMENT_SCHEMA = {
    "type": "object",
    "properties": {
        "id": NULLABLE_INTEGER,
        "title": {"type": "string"},
        "url": NULLABLE_STRING,
        "file_extension": {"type": "string"},
    },
    "required": ["id", "title", "url", "file_extension"],
    "additionalProperties": False,
}


def page_representation(page):
    """A chosen page (already in the language it should be shown in), or None."""
    if page is None:
        return None
    return summary_representation(page.pk, page.title, page.url_path, page_language_code(page))


def summary_representation(pk, title, url_path, language_code):
    """A page's summary (a `PageLink`) from its columns."""
    html_url, html_path = page_urls(url_path)
    return {
        "id": pk,
        "title": title,
        "locale": language_code,
        "html_url": html_url,
        "html_path": html_path,
    }


# Shared schemas the blocks' schemas refer to: registered once in each OpenAPI document.
SHARED_SCHEMAS = {
    "BlockRendition": {
        "type": "object",
        "properties": {
            "url": {"type": "string"},
            "width": {"type": "integer"},
            "height": {"type": "integer"},
        },
        "required": ["url", "width", "height"],
    },
    "PageLink": {
        "type": "object",
        "properties": {
            "id": {"type": "integer"},
            "title": {"type": "string"},
            "locale": {"type": "string"},
            "html_url": NULLABLE_STRING,
            "html_path": NULLABLE_STRING,
        },
        "required": ["id", "title", "locale", "html_url", "html_path"],
    },
}
NULLABLE_PAGE_LINK = {"anyOf": [ref("PageLink"), {"type": "null"}]}
