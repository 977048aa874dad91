"""The API representation of chosen objects inside StreamField blocks, and its JSON Schemas.

Used by the content apps' blocks (`get_api_representation` and `get_api_schema`, declared
next to each block): an image, a document or a page becomes what an external app can use
directly, never a bare database id. Nothing here knows a content app: the blocks pass in
what is theirs (the rendition sizes, the page in the right language).
"""

import re

from django.urls.exceptions import NoReverseMatch
from wagtail.api.utils import get_full_url

from serving.per_request import page_language_code

NULLABLE_STRING = {"type": ["string", "null"]}
NULLABLE_INTEGER = {"type": ["integer", "null"]}
# Wagtail's editor stores a `data-block-key` on every paragraph and heading of rich text
# edited in the admin (Draftail's block ids); it means nothing outside the editor, and the
# demo loader's HTML has none. Stripped, so the HTML is the same however it was written.
BLOCK_KEY = re.compile(r'\s+data-block-key="[^"]*"')


def clean_rich_text(html):
    return BLOCK_KEY.sub("", html or "")


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
        for key, rendition in image.get_renditions(*sizes.values()).items()
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
    try:
        html_url = page.full_url
        html_path = page.url
    except NoReverseMatch:
        html_url = html_path = None
    return {
        "id": page.pk,
        "title": page.title,
        "locale": page_language_code(page),
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
