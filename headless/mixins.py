from django.conf import settings

from .preview_tokens import headless_preview_response


class HeadlessPreviewMixin:
    """For page models: the admin's Preview opens the client app, when one is configured
    (HEADLESS_PREVIEW_CLIENT_URL); Wagtail's own server-rendered preview otherwise."""

    def serve_preview(self, request, mode_name):
        if getattr(settings, "HEADLESS_PREVIEW_CLIENT_URL", ""):
            return headless_preview_response(self, request)
        return super().serve_preview(request, mode_name)
