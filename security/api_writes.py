"""The v3 write endpoints (create, update, publish, copy, move, delete, upload...) are off
unless `HEADLESS_API_WRITES` turns them on.

Wagtail 8 serves them to any bearer-token holder with the model permission, so a token
meant for reading drafts could publish. With the setting off every non-read request under
/api/v3/ is a 403 before it reaches Wagtail; with it on, the translation rules the admin
applies are applied to the API too (`translating.api_rules`), and Wagtail's own permission
checks do the rest.

Snippets: Wagtail's permissions are per model, not per language, so a translator (who needs
"change" on topics and the footer to translate them) could change the English ones, and an
English editor the Georgian ones, which the admin refuses (`translating/wagtail_hooks.py`,
`translating/snippet_languages.py`). `snippet_refusal` applies the admin's per-language rule
to the v3 snippet writes. Wagtail 8 serves them only for snippet models registered with its
v3 registry, which none of ours is today (every such write is a 4xx); the rule is here so that
registering one cannot open English snippets to a translator's token.
"""

import json
import re

from django.apps import apps
from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _
from wagtail.api.v3.auth import BearerTokenAuth
from wagtail.models import TranslatableMixin
from wagtail.snippets.models import get_snippet_models

from translating.api_rules import refusal
from translating.roles import SOURCE_LANGUAGE, TARGET_LANGUAGE, is_translator_only
from translating.snippet_languages import is_english_editor

READ_METHODS = ("GET", "HEAD", "OPTIONS")
V3_PREFIX = "/api/v3/"
SNIPPET_WRITE = re.compile(
    r"^/api/v3/snippets/(?P<type>[^/]+)/(?:(?P<pk>[^/]+)/(?:actions/(?P<action>[a-z_]+)/)?)?$"
)


def problem(status, detail):
    return JsonResponse(
        {"type": "about:blank", "title": "Forbidden", "status": status, "detail": str(detail)},
        status=status,
        content_type="application/problem+json",
        json_dumps_params={"ensure_ascii": False},
    )


class APIWriteGateMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.method in READ_METHODS or not request.path_info.startswith(V3_PREFIX):
            return self.get_response(request)
        if not getattr(settings, "HEADLESS_API_WRITES", False):
            return problem(
                403,
                _("Writing through the API is turned off on this site (HEADLESS_API_WRITES)."),
            )
        reason = refusal(request) or snippet_refusal(request)
        if reason:
            return problem(403, reason)
        return self.get_response(request)


def translatable_snippet_model(label):
    try:
        model = apps.get_model(label)
    except (LookupError, ValueError):
        return None
    if model in get_snippet_models() and issubclass(model, TranslatableMixin):
        return model
    return None


def token_user(request):
    """The account of the request's bearer token (Wagtail's own resolution), or None."""
    token = BearerTokenAuth()(request)
    return token.user if token else None


def body(request):
    try:
        data = json.loads(request.body or b"{}")
    except (ValueError, UnicodeDecodeError):
        return {}
    return data if isinstance(data, dict) else {}


def written_language(request, model, match):
    """The language a snippet write changes: the snippet's own, the target of a
    copy_for_translation, the `locale` of a new one (English when it names none, as in
    the admin)."""
    if match["pk"] is None:
        return str(body(request).get("locale") or SOURCE_LANGUAGE)
    if match["action"] == "copy_for_translation":
        return str(body(request).get("locale") or "")
    instance = model.objects.filter(pk=match["pk"]).select_related("locale").first()
    return instance.locale.language_code if instance else None


def snippet_refusal(request):
    match = SNIPPET_WRITE.match(request.path_info)
    model = match and translatable_snippet_model(match["type"])
    if not model:
        return None
    user = token_user(request)
    if user is None:
        return None  # Wagtail answers 401
    language = written_language(request, model, match)
    if language is None:
        return None  # Wagtail answers 404
    deleting = request.method == "DELETE" or match["action"] == "delete"
    if is_translator_only(user) and language != TARGET_LANGUAGE:
        return _("Translators change only the Georgian version of a snippet.")
    if is_english_editor(user) and language == TARGET_LANGUAGE and not deleting:
        return _("The Georgian version of a snippet is translated and published by translators.")
    return None
