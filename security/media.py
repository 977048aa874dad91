"""Uploaded media in development, without the documents.

Django's `static()` helper would serve all of MEDIA_ROOT, and with it every document at
`/media/documents/<file>`, past the view restrictions of its collection (DESIGN.md pitfall
15). Documents are served by Wagtail's own view only (`WAGTAILDOCS_SERVE_METHOD =
"serve_view"`, `/documents/<id>/<file>`), which checks them; this serves the rest.
"""

from django.conf import settings
from django.http import Http404
from django.urls import re_path
from django.views.static import serve

# Folders of MEDIA_ROOT that only an application view may serve (README "Security").
PRIVATE_MEDIA_FOLDERS = ("documents",)


def serve_public_media(request, path):
    if path.replace("\\", "/").lstrip("/").split("/", 1)[0] in PRIVATE_MEDIA_FOLDERS:
        raise Http404
    return serve(request, path, document_root=settings.MEDIA_ROOT)


def media_urlpatterns():
    """MEDIA_URL served by the development server (DEBUG only; a web server does it in
    production)."""
    if not settings.DEBUG:
        return []
    prefix = settings.MEDIA_URL.lstrip("/")
    return [re_path(rf"^{prefix}(?P<path>.*)$", serve_public_media)]
