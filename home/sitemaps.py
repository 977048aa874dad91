"""/sitemap.xml and /robots.txt.

Wagtail's own sitemap (`wagtail.contrib.sitemaps`) lists only the descendants of the site's
root page, which is one language's home page here, and has no hreflang alternates; this one
lists the live, public pages of every language, each with `<xhtml:link rel="alternate">` to
its live translations and an `x-default` pointing at the English version. `/sitemap.xml` is a
sitemap index of sections of SECTION_SIZE pages each, so no file grows with the site.
"""

import math
from collections import defaultdict

from django.conf import settings
from django.db.models import F
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.models import Page, get_page_models

from serving.per_request import public

# URLs per sitemap file: the protocol allows 50,000, but a file of a few thousand stays small
# (about 1 MB with its alternates) and quick to build; /sitemap.xml is the index of them.
SECTION_SIZE = 2000


def content_date_fields():
    """`page__<model>__<field>` for each page model that names its own date
    (`sitemap_date_field`, e.g. an article's publication date), to read it in the same query."""
    return [
        f"{model._meta.model_name}__{model.sitemap_date_field}"
        for model in get_page_models()
        if getattr(model, "sitemap_date_field", None) and list(model._meta.parents) == [Page]
    ]


def listed_pages():
    """Every live, public page below the root."""
    return public(Page.objects.live().filter(depth__gt=1))


def sitemap_pages():
    """Every live, public page below the root that a reader can reach, in path order."""
    pages = listed_pages()
    fields = content_date_fields()
    if fields:
        date = Coalesce(*map(F, fields)) if len(fields) > 1 else F(fields[0])
        pages = pages.annotate(content_date=date)
    return pages.select_related("locale").order_by("path").defer_streamfields()


def last_modified(page):
    """A page's last published date; for a page with its own date (an article) that was
    published once and never edited since, that date: a site loaded or migrated in one go
    would otherwise give every URL the same moment."""
    content_date = getattr(page, "content_date", None)
    if content_date and page.first_published_at == page.last_published_at:
        return content_date
    return page.last_published_at


def sitemap_entries(request, pages):
    """<url> entries for `pages`, each with its live translations as hreflang alternates
    (one query for all of them) and `x-default` pointing at the English version."""
    keys = {page.translation_key for page in pages}
    translations = (
        public(Page.objects.live().filter(translation_key__in=keys))
        .select_related("locale")
        .order_by("path")
        .defer_streamfields()
    )
    urls = {}  # page id -> absolute URL, each worked out once

    def absolute_url(page):
        if page.pk not in urls:
            relative = page.get_url(request)
            urls[page.pk] = relative and request.build_absolute_uri(relative)
        return urls[page.pk]

    by_key = defaultdict(list)
    for translation in translations:
        if absolute_url(translation):
            by_key[translation.translation_key].append(translation)
    entries = []
    for page in pages:
        location = absolute_url(page)
        if location is None:
            continue
        alternates = [
            {"lang": other.locale.language_code, "url": absolute_url(other)}
            for other in by_key[page.translation_key]
        ]
        defaults = [alt["url"] for alt in alternates if alt["lang"] == settings.LANGUAGE_CODE]
        if len(alternates) > 1 and defaults:
            alternates.append({"lang": "x-default", "url": defaults[0]})
        entries.append(
            {
                "location": location,
                "lastmod": last_modified(page),
                "alternates": alternates if len(alternates) > 1 else [],
            }
        )
    return entries


@require_GET
def sitemap_index(request):
    """/sitemap.xml: the index of the sitemap sections."""
    sections = max(1, math.ceil(listed_pages().count() / SECTION_SIZE))
    locations = [
        request.build_absolute_uri(reverse("sitemap_section", args=[number]))
        for number in range(1, sections + 1)
    ]
    return TemplateResponse(
        request,
        "seo/sitemap_index.xml",
        {"locations": locations},
        content_type="application/xml; charset=utf-8",
    )


@require_GET
def sitemap(request, section):
    """/sitemap-<n>.xml: SECTION_SIZE pages, in path order."""
    start = (section - 1) * SECTION_SIZE
    pages = list(sitemap_pages()[start : start + SECTION_SIZE]) if section >= 1 else []
    if not pages and section != 1:
        raise Http404
    return TemplateResponse(
        request,
        "seo/sitemap.xml",
        {"entries": sitemap_entries(request, pages)},
        content_type="application/xml; charset=utf-8",
    )


@require_GET
def robots_txt(request):
    lines = [
        "User-agent: *",
        "Disallow: /admin/",
        "Disallow: /api/",
        *(f"Disallow: /{code}/search/" for code, _name in settings.LANGUAGES),
        "",
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap_index'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
