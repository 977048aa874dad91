"""The editor's side of headless preview: store the draft, sign a token, send the editor to
the client app. No Django REST framework here, so page models can use it while they load
(headless.mixins); headless/preview.py serves the draft behind a token.
"""

import secrets
from urllib.parse import urlencode

from django.conf import settings
from django.core import signing
from django.core.cache import cache
from django.shortcuts import redirect

SALT = "headless.preview"
CACHE_PREFIX = "headless-preview:"


class PreviewTokenError(Exception):
    pass


def max_age():
    return int(getattr(settings, "HEADLESS_PREVIEW_MAX_AGE", 3600))


def store_preview(page):
    """Keep the draft for max_age() seconds; return its signed token."""
    key = secrets.token_urlsafe(24)
    cache.set(CACHE_PREFIX + key, page.to_json(), timeout=max_age())
    return signing.dumps({"key": key, "type": page._meta.label_lower}, salt=SALT)


def client_preview_url(page, token):
    query = urlencode(
        {"content_type": page._meta.label, "token": token, "locale": page.locale.language_code}
    )
    return f"{settings.HEADLESS_PREVIEW_CLIENT_URL}?{query}"


def headless_preview_response(page, request):
    """Store the draft and send the editor to the client app's preview URL."""
    return redirect(client_preview_url(page, store_preview(page)))
