"""The language versions of pages, fetched for a whole page of API results in one query.

`meta.alternates` lists every live, public version of a page, the page itself included (as
a page's `hreflang` links do), and an `x-default` entry for the default language's version:
what an app needs to write the same `<link rel="alternate">` tags as the public site.
"""

from django.conf import settings
from django.urls.exceptions import NoReverseMatch
from wagtail.models import Page

from serving.per_request import public

X_DEFAULT = "x-default"


def html_path(page):
    """The page's public path with its language prefix, or None when it has none."""
    try:
        return page.url
    except NoReverseMatch:
        return None


def alternate_entry(page, locale=None):
    try:
        html_url = page.full_url
    except NoReverseMatch:
        html_url = None
    return {
        "locale": locale or page.locale.language_code,
        "id": page.pk,
        "title": page.title,
        "html_url": html_url,
        "html_path": html_path(page),
    }


def fetch_alternates(pages):
    """{page id: [its live, public versions in every locale, then x-default]}, one query."""
    pages = [page for page in pages if page is not None]
    keys = {page.translation_key for page in pages}
    if not keys:
        return {}
    by_key = {}
    translations = (
        public(Page.objects.live())
        .filter(translation_key__in=keys)
        .select_related("locale")
        .only("id", "title", "url_path", "translation_key", "locale", "depth", "path")
        .order_by("locale__language_code", "pk")
    )
    for translation in translations:
        by_key.setdefault(translation.translation_key, []).append(translation)
    result = {}
    for page in pages:
        versions = by_key.get(page.translation_key, [])
        entries = [alternate_entry(version) for version in versions]
        default = next(
            (v for v in versions if v.locale.language_code == settings.LANGUAGE_CODE), None
        )
        if default is not None:
            entries.append(alternate_entry(default, locale=X_DEFAULT))
        result[page.pk] = entries
    return result


ALTERNATE_SCHEMA = {
    "type": "object",
    "properties": {
        "locale": {
            "type": "string",
            "description": "A language code, or `x-default` for the default language's version.",
        },
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "html_url": {"type": ["string", "null"]},
        "html_path": {"type": ["string", "null"]},
    },
    "required": ["locale", "id", "title", "html_url", "html_path"],
}
