from django.conf import settings


class HeadlessPreviewMixin:
    """For page models: the admin's Preview opens the client app, when one is configured
    (HEADLESS_PREVIEW_CLIENT_URL); Wagtail's own server-rendered preview otherwise."""

    def serve_preview(self, request, mode_name):
        if getattr(settings, "HEADLESS_PREVIEW_CLIENT_URL", ""):
            # Imported when used, not a cycle: page models import this mixin while the app
            # registry loads, and the preview module needs Wagtail's API, which needs it loaded.
            from .preview import headless_preview_response

            return headless_preview_response(self, request)
        return super().serve_preview(request, mode_name)
