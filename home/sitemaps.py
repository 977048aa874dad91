"""/sitemap.xml and /robots.txt.

Wagtail's own sitemap (`wagtail.contrib.sitemaps`) lists only the descendants of the site's
root page, which is one language's home page here, and has no hreflang alternates; this one
lists the live, public pages of every language, each with `<xhtml:link rel="alternate">` to
its live translations and an `x-default` pointing at the English version. `/sitemap.xml` is a
sitemap index of sections of at most SECTION_SIZE pages each, so no file grows with the site.

A section is a range of page ids, not a page of an offset: section n lists the pages whose id
is in ((n - 1) × SECTION_SIZE, n × SECTION_SIZE]. So the index finds its sections without
counting every page (a skip scan of the id index, `section_numbers()`), a section is read by
key with nothing to skip, and a page stays in its section for life, so a new page changes the
last section only instead of shifting every page after it into the next file. Ranges that hold
no listed page (drafts, deleted or private pages only) are left out of the index.
"""

import datetime
from collections import defaultdict

from django.conf import settings
from django.db import connection
from django.db.models import DateField, F, Value
from django.db.models.expressions import RawSQL
from django.db.models.functions import Coalesce
from django.http import Http404, HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils.html import escape
from django.utils.safestring import mark_safe
from django.utils.timezone import template_localtime
from django.views.decorators.http import require_GET
from wagtail.models import Page, get_page_models

from serving.page_urls import PageURLs
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


# What a sitemap entry needs of a page, read as plain rows: a section is thousands of pages
# and their translations, and a Page instance (modelcluster, revisions' bookkeeping) costs more
# to build than its URL.
ROW_FIELDS = ("pk", "url_path", "translation_key", "locale__language_code")


def sitemap_pages():
    """Every live, public page below the root that a reader can reach, in path order, as
    rows of ROW_FIELDS with its publication dates and own date (`content_date`)."""
    pages = listed_pages()
    fields = content_date_fields()
    if fields:
        date = Coalesce(*map(F, fields)) if len(fields) > 1 else F(fields[0])
        pages = pages.annotate(content_date=date)
    else:
        pages = pages.annotate(content_date=Value(None, output_field=DateField()))
    return pages.order_by("path").values(
        *ROW_FIELDS, "first_published_at", "last_published_at", "content_date"
    )


def last_modified(page):
    """A page's last published date; for a page with its own date (an article) that was
    published once and never edited since, that date: a site loaded or migrated in one go
    would otherwise give every URL the same moment."""
    content_date = page["content_date"]
    if content_date and page["first_published_at"] == page["last_published_at"]:
        return content_date
    return page["last_published_at"]


def sitemap_entries(request, pages):
    """The `<url>` elements (`url_element()`) of `pages` (rows of `sitemap_pages()`), each
    with its live translations as hreflang alternates (one query for all of them) and
    `x-default` pointing at the English version."""
    keys = {page["translation_key"] for page in pages}
    translations = (
        public(Page.objects.live().filter(translation_key__in=keys))
        .order_by("path")
        .values(*ROW_FIELDS)
    )
    page_urls = PageURLs(request)
    urls = {}  # page id -> absolute URL, each worked out once

    def absolute_url(page):
        if page["pk"] not in urls:
            relative = page_urls.url(page["url_path"])
            urls[page["pk"]] = relative and request.build_absolute_uri(relative)
        return urls[page["pk"]]

    by_key = defaultdict(list)
    for other in translations:
        url = absolute_url(other)
        if url:
            by_key[other["translation_key"]].append(
                {"lang": other["locale__language_code"], "url": url}
            )
    entries = []
    for page in pages:
        location = absolute_url(page)
        if location is None:
            continue
        alternates = list(by_key[page["translation_key"]])
        defaults = [alt["url"] for alt in alternates if alt["lang"] == settings.LANGUAGE_CODE]
        if len(alternates) > 1 and defaults:
            alternates.append({"lang": "x-default", "url": defaults[0]})
        entries.append(
            url_element(location, last_modified(page), alternates if len(alternates) > 1 else [])
        )
    return entries


def url_element(location, lastmod, alternates):
    """One `<url>` of a section, written here rather than in the template: a section has
    thousands, and Django's template engine spent half a section's time on their few tags
    (a lookup, an escape and, for the date, a localized format call each). The same bytes:
    each value escaped as the template's autoescaping did, the date as its `date:"c"` filter
    wrote it (ISO 8601, in the current time zone)."""
    lines = [f"  <url>\n    <loc>{escape(location)}</loc>"]
    if lastmod:
        if isinstance(lastmod, datetime.datetime):
            lastmod = template_localtime(lastmod)
        lines.append(f"\n    <lastmod>{lastmod.isoformat()}</lastmod>")
    lines += [
        f'\n    <xhtml:link rel="alternate" hreflang="{escape(alternate["lang"])}" '
        f'href="{escape(alternate["url"])}"/>'
        for alternate in alternates
    ]
    lines.append("\n  </url>\n")
    return mark_safe("".join(lines))  # every value in it escaped above


def section_ids(section):
    """The (lowest, highest) page id of a sitemap section."""
    return (section - 1) * SECTION_SIZE + 1, section * SECTION_SIZE


def section_numbers():
    """The numbers of the sections that hold at least one listed page, in one query.

    Counting the listed pages read every page row (20,000 with the benchmark corpus); this is
    a skip scan of the id index instead: the first listed page, then the first listed page of
    the next section up, and so on, a few rows read per section. Django's ORM has no
    recursive query, so the statement is written around the ORM's SQL for "the first listed
    page with an id from the recursion's bound on"."""
    size = int(SECTION_SIZE)  # written into the SQL: an integer, so integer division
    # The first id of the section after the one holding `found.page` (1 after page 0).
    next_start = f"(found.page + {size - 1}) / {size} * {size} + 1"
    first, params = (
        listed_pages()
        .filter(pk__gte=RawSQL(next_start, ()))
        .order_by("pk")
        .values("pk")[:1]
        .query.sql_with_params()
    )
    sql = (
        f"WITH RECURSIVE found(page) AS (SELECT 0 UNION ALL SELECT ({first}) "
        "FROM found WHERE found.page IS NOT NULL) "
        f"SELECT (page + {size - 1}) / {size} FROM found WHERE page > 0"
    )
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return [number for (number,) in cursor.fetchall()]


@require_GET
def sitemap_index(request):
    """/sitemap.xml: the index of the sitemap sections (section 1 alone on an empty site)."""
    locations = [
        request.build_absolute_uri(reverse("sitemap_section", args=[number]))
        for number in section_numbers() or [1]
    ]
    return TemplateResponse(
        request,
        "seo/sitemap_index.xml",
        {"locations": locations},
        content_type="application/xml; charset=utf-8",
    )


@require_GET
def sitemap(request, section):
    """/sitemap-<n>.xml: the listed pages of the section's id range, in path order."""
    pages = []
    if section >= 1:
        pages = list(sitemap_pages().filter(pk__range=section_ids(section)))
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
