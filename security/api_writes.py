"""The v3 write endpoints (create, update, publish, copy, move, delete, upload...) are off
unless `HEADLESS_API_WRITES` turns them on.

Wagtail 8 serves them to any bearer-token holder with the model permission, so a token
meant for reading drafts could publish. With the setting off every non-read request under
/api/v3/ is a 403 before it reaches Wagtail; with it on, the translation rules the admin
applies are applied to the API too (`translating.api_rules`), and Wagtail's own permission
checks do the rest.
"""

from django.conf import settings
from django.http import JsonResponse
from django.utils.translation import gettext as _

from translating.api_rules import refusal

READ_METHODS = ("GET", "HEAD", "OPTIONS")
V3_PREFIX = "/api/v3/"


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
        reason = refusal(request)
        if reason:
            return problem(403, reason)
        return self.get_response(request)
