"""/sitemap.xml and /robots.txt.

Wagtail's own sitemap (`wagtail.contrib.sitemaps`) lists only the descendants of the site's
root page, which is one language's home page here, and has no hreflang alternates; this one
lists the live, public pages of every language, each with `<xhtml:link rel="alternate">` to
its live translations and an `x-default` pointing at the English version.
"""

from collections import defaultdict

from django.conf import settings
from django.http import HttpResponse
from django.template.response import TemplateResponse
from django.urls import reverse
from django.views.decorators.http import require_GET
from wagtail.models import Page


def sitemap_pages():
    """Every live, public page below the root that a reader can reach, in path order."""
    return (
        Page.objects.live()
        .public()
        .filter(depth__gt=1)
        .select_related("locale")
        .order_by("path")
        .defer_streamfields()
    )


def sitemap_entries(request):
    pages = [page for page in sitemap_pages() if page.get_url(request) is not None]
    by_key = defaultdict(list)
    for page in pages:
        by_key[page.translation_key].append(page)
    entries = []
    for page in pages:
        alternates = []
        default_url = None
        for translation in by_key[page.translation_key]:
            url = request.build_absolute_uri(translation.get_url(request))
            code = translation.locale.language_code
            alternates.append({"lang": code, "url": url})
            if code == settings.LANGUAGE_CODE:
                default_url = url
        if len(alternates) > 1 and default_url:
            alternates.append({"lang": "x-default", "url": default_url})
        entries.append(
            {
                "location": request.build_absolute_uri(page.get_url(request)),
                "lastmod": page.last_published_at,
                "alternates": alternates if len(alternates) > 1 else [],
            }
        )
    return entries


@require_GET
def sitemap(request):
    return TemplateResponse(
        request,
        "seo/sitemap.xml",
        {"entries": sitemap_entries(request)},
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
        f"Sitemap: {request.build_absolute_uri(reverse('sitemap'))}",
        "",
    ]
    return HttpResponse("\n".join(lines), content_type="text/plain; charset=utf-8")
