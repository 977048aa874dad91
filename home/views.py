from django.conf import settings
from django.http import FileResponse, JsonResponse
from django.templatetags.static import static
from django.utils.translation import get_language
from django.utils.translation import gettext as _
from django.views.decorators.cache import cache_control

from . import seo


def api_not_found(request, *args, **kwargs):
    return JsonResponse({"message": _("Not found.")}, status=404)


# Icons and the web app manifest -------------------------------------------------------------
# Browsers and crawlers ask for /favicon.ico at the site's root whatever the page links, so it
# is answered there (a 404 is a console error on every page); the other icons are static files.
FAVICON = settings.BASE_DIR / "site" / "static" / "icons" / "favicon.ico"
ICON_CACHE_SECONDS = 60 * 60 * 24


@cache_control(public=True, max_age=ICON_CACHE_SECONDS)
def favicon(request):
    return FileResponse(FAVICON.open("rb"), content_type="image/x-icon")


@cache_control(public=True, max_age=ICON_CACHE_SECONDS)
def web_manifest(request):
    """The web app manifest in the request's language (/en/ or /ka/): the name a phone shows
    under the icon when the site is added to its home screen."""
    language = get_language()
    icons = [
        {"src": static("icons/icon-192.png"), "sizes": "192x192", "type": "image/png"},
        {"src": static("icons/icon-512.png"), "sizes": "512x512", "type": "image/png"},
        {"src": static("icons/favicon.svg"), "sizes": "any", "type": "image/svg+xml"},
    ]
    manifest = {
        "name": _("International Organization for Migration (IOM) Georgia"),
        "short_name": _("IOM Georgia"),
        "description": seo.default_description(),
        "lang": language,
        "dir": "ltr",
        "start_url": f"/{language}/",
        "scope": "/",
        "display": "browser",
        "background_color": "#ffffff",
        "theme_color": "#0033a0",
        "icons": icons,
    }
    return JsonResponse(
        manifest,
        content_type="application/manifest+json",
        json_dumps_params={"ensure_ascii": False},
    )
