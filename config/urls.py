from django.conf.urls.i18n import i18n_patterns
from django.urls import include, path, re_path
from wagtail import urls as wagtail_urls
from wagtail.admin import urls as wagtailadmin_urls
from wagtail.documents import urls as wagtaildocs_urls

from home import documents, routing, search, sitemaps, views
from newsroom.feeds import NewsFeed
from security.media import media_urlpatterns

urlpatterns = [
    path("admin/", include(wagtailadmin_urls)),
    # A replaced document's old address redirects to its file (home/documents.py).
    re_path(r"^documents/(\d+)/(.*)$", documents.serve_or_redirect),
    path("documents/", include(wagtaildocs_urls)),
    path("api/", include("config.api")),
    # Public site, outside the language prefix: one sitemap for both languages.
    path("sitemap.xml", sitemaps.sitemap_index, name="sitemap_index"),
    path("sitemap-<int:section>.xml", sitemaps.sitemap, name="sitemap_section"),
    path("robots.txt", sitemaps.robots_txt, name="robots_txt"),
    path("favicon.ico", views.favicon, name="favicon"),
]

# Uploaded media in development, never the documents (security/media.py).
urlpatterns += media_urlpatterns()

urlpatterns += i18n_patterns(
    # Public site, per language; before Wagtail's catch-all, so they shadow any top-level
    # page with the slug "search" or "feeds".
    path("search/", search.search, name="search"),
    path("feeds/news/", NewsFeed(), name="news_feed"),
    path("feeds/news/<slug:topic>/", NewsFeed(), name="news_topic_feed"),
    path("manifest.webmanifest", views.web_manifest, name="web_manifest"),
    # Wagtail's page view, with each page found in one query (home/routing.py).
    re_path(wagtail_urls.serve_pattern, routing.serve, name="wagtail_serve"),
    path("", include(wagtail_urls)),
    prefix_default_language=True,
)

# A server error under /api/ is JSON (503 when the database is unreachable), HTML elsewhere.
handler500 = "security.views.server_error"
