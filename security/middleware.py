"""Requests the site refuses before any view sees them."""

from django.conf import settings
from django.http import HttpResponseBadRequest
from django.utils.translation import gettext as _

API_PREFIX = "/api/"


class BadQueryMiddleware:
    """A NUL character in the query string of a page is a 400.

    PostgreSQL refuses NUL in any string, so `?topic=%00` on the news index was a 500; no
    page parameter can hold one. The API answers the same in its own JSON format
    (headless/middleware.py), so it is left to that.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if not request.path_info.startswith(API_PREFIX) and any(
            "\x00" in name or any("\x00" in value for value in values)
            for name, values in request.GET.lists()
        ):
            return HttpResponseBadRequest(
                _("Null characters are not allowed in the address."),
                content_type="text/plain; charset=utf-8",
            )
        return self.get_response(request)


class PermissionsPolicyMiddleware:
    """`Permissions-Policy` on every response (Django has no setting for it)."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        response = self.get_response(request)
        policy = getattr(settings, "PERMISSIONS_POLICY", "")
        if policy and not response.has_header("Permissions-Policy"):
            response["Permissions-Policy"] = policy
        return response
