from django.middleware.locale import LocaleMiddleware

# Paths that live outside i18n_patterns: never redirected to a language prefix.
UNPREFIXED_PATHS = ("/api/", "/admin/", "/documents/", "/static/", "/media/")


class SiteLocaleMiddleware(LocaleMiddleware):
    """Django's LocaleMiddleware, except that a 404 under /api/ (or the admin) stays a 404.

    Django redirects any 404 to the same path under the default language when that path
    would resolve; with Wagtail's catch-all inside i18n_patterns every path resolves, so an
    unknown /api/... URL became a 302 to /en/api/... (DESIGN.md pitfall 4).
    """

    def process_response(self, request, response):
        if request.path_info.startswith(UNPREFIXED_PATHS):
            return response
        return super().process_response(request, response)
