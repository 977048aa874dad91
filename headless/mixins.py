from django.conf import settings


class HeadlessPreviewMixin:
    """For page models: the admin's Preview opens the client app, when one is configured
    (HEADLESS_PREVIEW_CLIENT_URL); Wagtail's own server-rendered preview otherwise."""

    def serve_preview(self, request, mode_name):
        if getattr(settings, "HEADLESS_PREVIEW_CLIENT_URL", ""):
            # Imported here: the preview view pulls in the API, which imports the page models.
            from .preview import headless_preview_response

            return headless_preview_response(self, request)
        return super().serve_preview(request, mode_name)
