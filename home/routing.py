"""Public pages found in one query, where Wagtail's router makes one or two per path segment.

Wagtail's `serve` finds a page by walking the tree from the site's root: the root in the
active language, then each child by slug, each made specific (two queries per level: an
article costs seven before it renders). Every page stores its full `url_path`, and each
language's home page sits under the tree's root, so the page behind `/<lang>/a/b/` is the live
page whose `url_path` is the localized root's `url_path` (from Wagtail's site root paths) +
`a/b/`: one query, which also joins the specific page's table (and what `serve_select_related`
on the model names). The answer is
handed to Wagtail's own `serve` as its cached route (`request._wagtail_route_for_request`, the
attribute `Page.route_for_request` reads), so every hook, view restriction and `serve()`
override runs as before. Anything this does not find (a draft, an unknown path, a page whose
model overrides `route()`) goes through Wagtail's router unchanged.
"""

from wagtail import views as wagtail_views
from wagtail.models import Page, Site
from wagtail.url_routing import RouteResult

from serving.specific import as_specific, with_specific

from .lookups import active_language


def find_page(request, path):
    """The live, specific page at `path` in the active language, or None."""
    site = Site.find_for_request(request)
    root = localized_root_path(site) if site is not None else None
    if root is None:
        return None
    components = [component for component in path.split("/") if component]
    url_path = root + "".join(f"{component}/" for component in components)
    # The language's root comes along, to tell whether it is live: where it is not, Wagtail
    # routes the path from the site's own root (`Page.localized`), so this router must not
    # answer. Unordered: one page has each url_path, and Django's ORDER BY (even by the
    # primary key) costs it more to compile over the joined columns than SQLite takes to
    # run the query.
    found = with_specific(
        Page.objects.filter(url_path__in=sorted({root, url_path}), live=True),
        depth=root.count("/") + len(components),
    ).order_by()
    pages = {page.url_path: page for page in found}
    page = pages.get(url_path) if root in pages else None
    if page is None or page.specific_class is None or page.specific_class.route is not Page.route:
        return None
    return as_specific(page)


def localized_root_path(site):
    """The `url_path` of the site's root page in the active language, from Wagtail's site root
    paths (which every page's URLs read anyway), or None where it has no such translation."""
    language = active_language()
    for root in Site.get_site_root_paths():
        if root.site_id == site.pk and root.language_code == language:
            return root.root_path
    return None


def serve(request, path):
    """Wagtail's `serve` view, with the route found by `find_page` where it can."""
    if not hasattr(request, "_wagtail_route_for_request"):
        page = find_page(request, path)
        if page is not None:
            request._wagtail_route_for_request = RouteResult(page)
    return wagtail_views.serve(request, path)
