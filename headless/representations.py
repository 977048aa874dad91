"""The API representation of chosen objects inside StreamField blocks.

Used by the blocks' `get_api_representation` (home/blocks.py, newsroom/blocks.py): an image,
a document or a page becomes what an external app can use directly, never a bare database id.
"""

from django.urls.exceptions import NoReverseMatch
from wagtail.api.utils import get_full_url

from home.renditions import API_SIZES as IMAGE_RENDITIONS


def _request(context):
    return (context or {}).get("request")


def image_representation(image, alt, context=None):
    """id, title, alt, width, height and renditions at IMAGE_RENDITIONS' sizes."""
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
        for key, rendition in image.get_renditions(*IMAGE_RENDITIONS.values()).items()
    }
    renditions = {}
    for name, spec in IMAGE_RENDITIONS.items():
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


def document_representation(document, title, context=None):
    if document is None:
        return {"id": None, "title": title or "", "url": None, "file_extension": ""}
    return {
        "id": document.pk,
        "title": title or document.title,
        "url": get_full_url(_request(context), document.url),
        "file_extension": document.file_extension,
    }


def page_representation(page):
    """A chosen page, in the active language when it has a live translation."""
    from home.blocks import localized_page

    page = localized_page(page)
    if page is None:
        return None
    try:
        html_url = page.full_url
    except NoReverseMatch:
        html_url = None
    return {
        "id": page.pk,
        "title": page.title,
        "locale": page.locale.language_code,
        "html_url": html_url,
    }
