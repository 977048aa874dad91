"""The language versions of pages, fetched for a whole page of API results in one query.

`meta.alternates` lists every live, public version of a page, the page itself included (as
a page's `hreflang` links do), and an `x-default` entry for the default language's version:
what an app needs to write the same `<link rel="alternate">` tags as the public site.
"""

from django.conf import settings
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page

from serving.page_urls import PageURLs
from serving.per_request import per_request, public

X_DEFAULT = "x-default"


@per_request
def _page_urls(language_key):
    # URLs as `page.url` and `page.full_url` give them (no request), and those worked out.
    return PageURLs(), {}


def _language_key():
    """What of the active language can change a page's URL: Wagtail reverses a page's URL in
    the active language instead of the page's own only when the active one is a variant of
    it (`en-gb` for an `en` page); an active content language itself changes nothing."""
    active = get_language()
    try:
        return None if get_supported_content_language_variant(active) == active else active
    except LookupError:
        return None  # not a content language: Wagtail keeps the page's own


def page_urls(url_path):
    """(html_url, html_path) of the page at `url_path`: Wagtail's `page.full_url` and
    `page.url`, or (None, None) when it has none.

    An API item shows its page's URLs as `html_url`, `meta.html_path` and again in
    `meta.alternates` (each language version and `x-default`); Wagtail computes them afresh
    each time, a `get_url_parts()` each with a URL reversed in the page's language, and only
    for a `Page` instance. `serving.page_urls.PageURLs` reverses once per site root for the
    request and takes plain rows."""
    return url_finder()(url_path)


def url_finder():
    """`page_urls` for many pages in the active language, which it reads once."""
    urls, found = _page_urls(_language_key())

    def find(url_path):
        if url_path not in found:  # an item's own URLs are shown three times, its versions' twice
            found[url_path] = urls.full_url(url_path), urls.url(url_path)
        return found[url_path]

    return find


def html_path(page):
    """The page's public path with its language prefix, or None when it has none."""
    return page_urls(page.url_path)[1]


def alternate_entry(version, find_urls, locale=None):
    """An entry of `meta.alternates` for a row of `VERSION_FIELDS`."""
    html_url, path = find_urls(version["url_path"])
    return {
        "locale": locale or version["locale__language_code"],
        "id": version["pk"],
        "title": version["title"],
        "html_url": html_url,
        "html_path": path,
    }


# What an alternate shows of a language version, read as plain rows (no Page instances).
VERSION_FIELDS = ("pk", "title", "url_path", "translation_key", "locale__language_code")


def fetch_alternates(pages):
    """{page id: [its live, public versions in every locale, then x-default]}, one query."""
    pages = [page for page in pages if page is not None]
    keys = {page.translation_key for page in pages}
    if not keys:
        return {}
    by_key = {}
    versions = (
        public(Page.objects.live())
        .filter(translation_key__in=keys)
        .order_by("locale__language_code", "pk")
        .values(*VERSION_FIELDS)
    )
    for version in versions:
        by_key.setdefault(version["translation_key"], []).append(version)
    find_urls = url_finder()
    result = {}
    for page in pages:
        versions = by_key.get(page.translation_key, [])
        entries = [alternate_entry(version, find_urls) for version in versions]
        default = next(
            (v for v in versions if v["locale__language_code"] == settings.LANGUAGE_CODE), None
        )
        if default is not None:
            entries.append(alternate_entry(default, find_urls, locale=X_DEFAULT))
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
