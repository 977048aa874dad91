"""The headless API under /api/: Wagtail's v2 router (pages, images, documents) and Wagtail
8's v3. Page fields come from each model's `api_fields`, which both versions read.

The v2 endpoints are subclasses of Wagtail's (headless/v2.py) that add translations,
find-by-path in any language, language activation and parameter validation; v3 is extended
through Wagtail's and ninja's public hooks (headless/v3.py). v2's OpenAPI document is ours
(headless/openapi.py): Wagtail has none (#6209). Both versions serve the site around the
pages too: navigation, site settings and the collections content apps declare (footer,
topics), from headless/site.py and headless/registry.py.
"""

from django.urls import path, re_path
from wagtail.api.v2.router import WagtailAPIRouter
from wagtail.api.v3.urls import api as api_v3

from headless import openapi, registry, site_views, v3
from headless.preview import PreviewAPIViewSet
from headless.v2 import (
    HeadlessDocumentsAPIViewSet,
    HeadlessImagesAPIViewSet,
    HeadlessPagesAPIViewSet,
)
from home.views import api_not_found

# Read once: ninja builds its URL patterns from the routers registered so far.
v3_urls = api_v3.urls

v2_router = WagtailAPIRouter("wagtailapi")
v2_router.register_endpoint("pages", HeadlessPagesAPIViewSet)
v2_router.register_endpoint("images", HeadlessImagesAPIViewSet)
v2_router.register_endpoint("documents", HeadlessDocumentsAPIViewSet)

# Included by config/urls.py at "api/".
urlpatterns = [
    path("v2/openapi.json", openapi.v2_openapi_view, name="api_v2_openapi"),
    # Headless preview: the editor's draft by signed, expiring token (headless/preview.py).
    path(
        "v2/preview/",
        PreviewAPIViewSet.as_view({"get": "preview_view"}, router=v2_router),
        name="api_v2_preview",
    ),
    path("v2/navigation/", site_views.navigation_view, name="api_v2_navigation"),
    path("v2/site/", site_views.site_view, name="api_v2_site"),
    *[
        path(f"v2/{name}/", site_views.collection_view(name), name=f"api_v2_{name}")
        for name in registry.collections()
    ],
    path("v2/", v2_router.urls),
    # Before Wagtail's own v3 find, which ignores the language prefix (Wagtail #6679).
    path("v3/pages/find/", v3.find_view, name="api_v3_find"),
    # Our listing, filtered as v2 filters, with translations and paths (headless/v3.py).
    path(
        "v3/pages/",
        v3.listing_view(v3.wagtail_view(v3_urls, "list_pages")),
        name="api_v3_pages_listing",
    ),
    # Our detail for an anonymous reader of a live page, in fewer queries (headless/v3.py).
    path(
        "v3/pages/<str:page_id>/",
        v3.detail_view(v3.wagtail_view(v3_urls, "detail_page")),
        name="api_v3_page_detail",
    ),
    path("v3/", v3_urls),
    # Anything else under /api/ is a JSON 404, never a page lookup.
    re_path(r"", api_not_found),
]
