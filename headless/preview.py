"""Headless preview on Wagtail's own preview machinery.

wagtail-headless-preview 0.9 needs a mixin on every page model plus its own table; this does
the same with no table: the editor's draft (Wagtail's in-memory preview object) is stored in
the cache under a random key, and the client gets a signed, expiring token for it.

- `headless.mixins.HeadlessPreviewMixin` (in every page model's bases) makes the admin's
  Preview redirect to `HEADLESS_PREVIEW_CLIENT_URL?content_type=...&token=...&locale=...`
  when that setting is set, and show the server-rendered preview otherwise.
- `GET /api/v2/preview/?token=...` (`preview_view`) gives the app the draft in the page
  detail format; it answers 403 for a bad or expired token and never serves a draft without
  one. Tokens live `HEADLESS_PREVIEW_MAX_AGE` seconds.
"""

from django.apps import apps
from django.core import signing
from django.core.cache import cache
from django.utils.translation import gettext as _
from rest_framework.response import Response
from wagtail.models import Page

from .preview_tokens import CACHE_PREFIX, SALT, PreviewTokenError, max_age
from .v2 import HeadlessPagesAPIViewSet, ParameterErrorsMixin


def load_preview(token):
    """The draft page for a token; PreviewTokenError when it is bad, expired or gone."""
    try:
        data = signing.loads(token, salt=SALT, max_age=max_age())
        model = apps.get_model(data["type"])
        key = str(data["key"])
    except (signing.BadSignature, LookupError, KeyError, TypeError, ValueError) as e:
        raise PreviewTokenError from e
    if not issubclass(model, Page):  # a signed token naming another model is still no draft
        raise PreviewTokenError
    content = cache.get(CACHE_PREFIX + key)
    if content is None:
        raise PreviewTokenError
    return model.from_json(content)


class PreviewAPIViewSet(HeadlessPagesAPIViewSet):
    """GET /api/v2/preview/?token=...: the draft, in the page detail format."""

    preview_query_parameters = frozenset(["token"])
    router = None  # the v2 router, given by config/api.py (its detail URLs)

    def preview_view(self, request):
        request.wagtailapi_router = self.router
        self.check_detail_parameters(self.detail_query_parameters | self.preview_query_parameters)
        token = request.GET.get("token", "")
        try:
            page = load_preview(token)
        except PreviewTokenError:
            return Response(
                {
                    "message": _("The preview token is invalid or has expired."),
                    "parameter": "token",
                },
                status=403,
                headers={"Cache-Control": "private, no-store"},
            )
        self.cached_object = page
        self.kwargs["pk"] = page.pk
        # Wagtail's own detail view (ours rejects `token` as an unknown parameter).
        response = super(ParameterErrorsMixin, self).detail_view(request, page.pk)
        response["Cache-Control"] = "private, no-store"
        return response
