"""The language versions of pages, fetched for a whole page of API results in one query.

`meta.alternates` lists every live, public version of a page, the page itself included (as
a page's `hreflang` links do), and an `x-default` entry for the default language's version:
what an app needs to write the same `<link rel="alternate">` tags as the public site.
"""

from django.conf import settings
from django.utils.translation import get_language
from wagtail.coreutils import get_supported_content_language_variant
from wagtail.models import Page, Site

from serving.per_request import per_request, public

X_DEFAULT = "x-default"


@per_request
def _urls_this_request():
    return {}


def _language_key():
    """What of the active language can change a page's URL: Wagtail reverses a page's URL in
    the active language instead of the page's own only when the active one is a variant of
    it (`en-gb` for an `en` page); an active content language itself changes nothing."""
    active = get_language()
    try:
        return None if get_supported_content_language_variant(active) == active else active
    except LookupError:
        return None  # not a content language: Wagtail keeps the page's own


def page_urls(page):
    """(html_url, html_path): the page's `full_url` and `url`, or (None, None) when it has none.

    Kept for the rest of the request by page and path: an API item shows its page's URLs as
    `html_url`, `meta.html_path` and again in `meta.alternates` (its own language and
    `x-default`), and Wagtail computes them afresh each time (a `get_url_parts()` each, a URL
    reversed in the page's language). The page's type is not part of the key: a page fetched
    as `Page` (the alternates) has the URLs of the same page fetched as its own type (no model
    here overrides `get_url_parts`).
    """
    key = (page.pk, page.url_path, _language_key())
    kept = _urls_this_request()
    if key not in kept:
        kept[key] = _urls(page)
    return kept[key]


def _urls(page):
    # Wagtail's `get_full_url()` and `get_url()` (without a request) from one `get_url_parts()`:
    # the full URL is the site's root URL and the path; the path alone when there is one site.
    parts = page.get_url_parts()
    if parts is None or (parts[1] is None and parts[2] is None):
        return None, None
    _site_id, root_url, page_path = parts
    full_url = root_url + page_path
    sites = {root.site_id for root in Site.get_site_root_paths()}
    return full_url, page_path if len(sites) == 1 else full_url


def html_path(page):
    """The page's public path with its language prefix, or None when it has none."""
    return page_urls(page)[1]


def alternate_entry(page, locale=None):
    html_url, path = page_urls(page)
    return {
        "locale": locale or page.locale.language_code,
        "id": page.pk,
        "title": page.title,
        "html_url": html_url,
        "html_path": path,
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
