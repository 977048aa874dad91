"""Public pages found in one query, where Wagtail's router makes one or two per path segment.

Wagtail's `serve` finds a page by walking the tree from the site's root: the root in the
active language, then each child by slug, each made specific (two queries per level: an
article costs seven before it renders). Every page stores its full `url_path`, and each
language's home page sits under the tree's root, so the page behind `/<lang>/a/b/` is the live
page whose `url_path` is the localized root's `url_path` + `a/b/`: one query, which also joins
the specific page's table (and what `serve_select_related` on the model names). The answer is
handed to Wagtail's own `serve` as its cached route (`request._wagtail_route_for_request`, the
attribute `Page.route_for_request` reads), so every hook, view restriction and `serve()`
override runs as before. Anything this does not find (a draft, an unknown path, a page whose
model overrides `route()`) goes through Wagtail's router unchanged.
"""

from django.db.models import Subquery, Value
from django.db.models.functions import Concat
from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from serving.specific import as_specific, with_specific

from .lookups import active_language


def find_page(request, path):
    """The live, specific page at `path` in the active language, or None."""
    site = Site.find_for_request(request)
    if site is None:
        return None
    components = [component for component in path.split("/") if component]
    suffix = "".join(f"{component}/" for component in components)
    root_key = Page.objects.filter(pk=site.root_page_id).order_by().values("translation_key")
    localized_root = (
        Page.objects.filter(
            translation_key=Subquery(root_key), locale__language_code=active_language(), live=True
        )
        .order_by()  # one translation per language
        .values("url_path")[:1]
    )
    # Unordered: one page has this url_path, and Django's ORDER BY (even by the primary key)
    # costs it more to compile over the joined columns than SQLite takes to run the query.
    found = with_specific(
        Page.objects.filter(url_path=Concat(Subquery(localized_root), Value(suffix)), live=True),
        depth=root_depth(site, len(components)),
    ).order_by()[:1]
    page = next(iter(found), None)
    if page is None or page.specific_class is None or page.specific_class.route is not Page.route:
        return None
    return as_specific(page)


def root_depth(site, below=0):
    """The tree depth `below` levels under the site's root page (each language's root is at
    the same depth), from Wagtail's site root paths, which the page's URLs read anyway: a
    root `url_path` of n segments is at depth n + 1. None where the site has no root path."""
    for root in Site.get_site_root_paths():
        if root.site_id == site.pk:
            return root.root_path.count("/") + below
    return None


def serve(request, path):
    """Wagtail's `serve` view, with the route found by `find_page` where it can."""
    if not hasattr(request, "_wagtail_route_for_request"):
        page = find_page(request, path)
        if page is not None:
            request._wagtail_route_for_request = RouteResult(page)
    return wagtail_views.serve(request, path)
