"""The live translations of pages, fetched for a whole page of API results in one query."""

from django.urls.exceptions import NoReverseMatch
from wagtail.models import Page

from config.per_request import public


def alternate_entry(page):
    try:
        html_url = page.full_url
    except NoReverseMatch:
        html_url = None
    return {
        "locale": page.locale.language_code,
        "id": page.pk,
        "title": page.title,
        "html_url": html_url,
    }


def fetch_alternates(pages):
    """{page id: [its live, public translations in other locales]} with one query."""
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
    return {
        page.pk: [
            alternate_entry(other)
            for other in by_key.get(page.translation_key, [])
            if other.pk != page.pk
        ]
        for page in pages
    }


ALTERNATE_SCHEMA = {
    "type": "object",
    "properties": {
        "locale": {"type": "string"},
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "html_url": {"type": ["string", "null"]},
    },
    "required": ["locale", "id", "title", "html_url"],
}
