"""Lookups that many parts of one page need, made once per request.

A page's header, language switcher, hreflang links, Open Graph tags, breadcrumbs, menu and
footer each need the locales, the page's translations or its ancestors; asked separately they
cost a query each, and Wagtail's `PageQuerySet.public()` reads every view restriction again on
each call. `per_request` keeps a function's answer for the rest of the request, so each is
asked once. Django has no request-scoped cache, hence this: a context-local dict that is
emptied when a request starts and dropped when it ends. Outside a request (management
commands, tests calling a function directly) nothing is kept, so a later call sees changes.
Keys are the functions' arguments, which must be hashable ids, never model instances.
"""

import functools

from asgiref.local import Local
from django.conf import settings
from django.core.cache import cache
from django.core.signals import request_finished, request_started
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from django.http.request import split_domain_port
from wagtail.models import Locale, Page, PageViewRestriction, Site
from wagtail.models.sites import (
    MATCH_DEFAULT,
    MATCH_HOSTNAME,
    MATCH_HOSTNAME_DEFAULT,
    MATCH_HOSTNAME_PORT,
    SITE_ROOT_PATHS_CACHE_KEY,
    SITE_ROOT_PATHS_CACHE_VERSION,
    SiteRootPath,
)

_state = Local()


def _start(**kwargs):
    _state.values = {}


def _finish(**kwargs):
    _state.values = None


request_started.connect(_start, dispatch_uid="serving.per_request.start")
request_finished.connect(_finish, dispatch_uid="serving.per_request.finish")


def per_request(function):
    """Memoise `function(*args)` until the end of the current request."""

    name = (function.__module__, function.__qualname__)  # asked up to a few hundred times

    @functools.wraps(function)
    def memoised(*args):
        values = getattr(_state, "values", None)
        if values is None:
            return function(*args)
        key = (name, args)
        try:
            return values[key]
        except KeyError:
            values[key] = value = function(*args)
            return value

    return memoised


def forget():
    """Drop what this request has kept (after a write that changes what was looked up)."""
    if getattr(_state, "values", None) is not None:
        _state.values = {}


def _restrictions_changed(**kwargs):
    forget()


# A view restriction added or removed within a request (the admin's privacy dialog) counts at
# once for the rest of that request.
for _signal in (post_save, post_delete):
    _signal.connect(
        _restrictions_changed,
        sender="wagtailcore.PageViewRestriction",
        dispatch_uid=f"serving.per_request.restrictions.{_signal is post_save}",
    )


@per_request
def restricted_paths():
    """Tree paths of the pages that carry a view restriction (login, password, groups)."""
    return tuple(PageViewRestriction.objects.values_list("page__path", flat=True))


def private_q():
    """Wagtail's `PageQuerySet.private_q()` (the restricted pages and their descendants),
    with the restrictions read once per request instead of on every call."""
    q = Q()
    for path in restricted_paths():
        q |= Q(path__startswith=path)
    return q if q else Q(pk__in=[])


def public(queryset):
    """`queryset.public()`, without a query for the restrictions each time it is called."""
    paths = restricted_paths()
    return queryset.exclude(private_q()) if paths else queryset


@per_request
def locales():
    """{id: Locale} for every language (a handful of rows), read once per request."""
    return {locale.pk: locale for locale in Locale.objects.all()}


def page_language_code(page):
    """The page's language code: from its locale when the page was fetched with it, else from
    `locales()`, so that pages fetched without their locale (a block's chosen pages) cost one
    query in all, not one each."""
    if type(page).locale.is_cached(page) or page.locale_id not in locales():
        return page.locale.language_code
    return locales()[page.locale_id].language_code


SITE_FIELDS = ("id", "hostname", "port", "site_name", "root_page_id", "is_default_site")
ROOT_PAGE_VALUES = (
    "root_page__translation_key",
    "root_page__url_path",
    "root_page__locale__language_code",
)


@per_request
def site_table():
    """[(site, (root's translation key, url_path, language code))] for every site (a handful
    of rows), in the order of Wagtail's site root paths: by the root's `url_path`
    (descending), the default site first, then by hostname. One plain query for both
    `find_site` and, when Wagtail's cache does not have them, the site root paths."""
    sites = Site.objects.order_by("-root_page__url_path", "-is_default_site", "hostname")
    rows = sites.values_list(*SITE_FIELDS, *ROOT_PAGE_VALUES)
    width = len(SITE_FIELDS)
    return [(Site.from_db(rows.db, SITE_FIELDS, row[:width]), row[width:]) for row in rows]


def _site_match(site, hostname, port):
    """Wagtail's ranking of a site for a request (`wagtail.models.sites.get_site_for_hostname`)."""
    if site.hostname == hostname and site.port == port:
        return MATCH_HOSTNAME_PORT
    if site.hostname == hostname and site.is_default_site:
        return MATCH_HOSTNAME_DEFAULT
    if site.is_default_site:
        return MATCH_DEFAULT
    return MATCH_HOSTNAME


def find_site(request):
    """Wagtail's choice of site for a request (`Site._find_for_request`), made among the few
    rows of `site_table()`; installed in its place by `keep_site_lookups_per_request`, so
    every `Site.find_for_request(request)` (the router, `page.url`, the API's site filter,
    the feeds) uses it, and Wagtail keeps the answer on the request as before.

    What Wagtail lacks: its lookup ranks the sites in SQL (a CASE over hostname and port) and
    joins the root page's thirty columns, which Django spent about as long building as a
    page's other queries; on a cold cache the site root paths then read the site table again.
    The same rules, applied to the rows of `site_table()`. The site's root page is not
    joined: the public pages read its id only (`site.root_page` is a query when asked).
    """
    hostname = split_domain_port(request._get_raw_host())[0]
    try:
        port = int(request.get_port())
    except ValueError:
        return find_site.wagtail_find(request)  # Wagtail's answer (its error) for a bad port
    sites = sorted(
        (site for site, _root in site_table() if site.hostname == hostname or site.is_default_site),
        key=lambda site: _site_match(site, hostname, port),
    )
    if not sites:
        return None
    best = _site_match(sites[0], hostname, port)
    if len(sites) == 1 or best in (MATCH_HOSTNAME_PORT, MATCH_HOSTNAME_DEFAULT):
        return sites[0]
    if best == MATCH_DEFAULT:
        # The default site, unless exactly one other site has the request's hostname.
        return sites[len(sites) == 2]
    return None


def read_site_root_paths():
    """`Site.get_site_root_paths()`'s answer, from Wagtail's cache entry as Wagtail reads it,
    else read from `site_table()` and one plain query, and cached as Wagtail caches it.

    What Wagtail lacks: on a cold cache (or with it off) it reads every site with its root
    page's and locale's thirty-odd columns, then each site's root translations as whole
    pages: Django's cost of building those rows and their SQL was a tenth of an uncached
    page. Only a few values are used, so only those are selected. Same order as Wagtail's:
    `site_table()`'s, then each site's root translations by tree path (Wagtail's page
    ordering).
    """
    result = cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)
    if result is not None:
        # As in Wagtail: some cache backends (Redis) return the named tuples as plain tuples.
        return [SiteRootPath(*root) for root in result]
    sites = site_table()
    roots = {key: [(url_path, code)] for _site, (key, url_path, code) in sites}
    if getattr(settings, "WAGTAIL_I18N_ENABLED", False):
        roots = {}  # translation key -> [(url_path, language code)] of each translation
        translations = Page.objects.filter(translation_key__in=[root[0] for _site, root in sites])
        translations = translations.order_by("path").values_list(
            "translation_key", "url_path", "locale__language_code"
        )
        for key, url_path, language_code in translations:
            roots.setdefault(key, []).append((url_path, language_code))
    result = [
        SiteRootPath(site.pk, url_path, site.root_url, language_code)
        for site, (key, *_root) in sites
        for url_path, language_code in roots.get(key, ())
    ]
    cache.set(SITE_ROOT_PATHS_CACHE_KEY, result, 3600, version=SITE_ROOT_PATHS_CACHE_VERSION)
    return result


def keep_site_lookups_per_request():
    """Make `Site.get_site_root_paths()` a per-request lookup in front of Wagtail's cache, and
    `Site.find_for_request()` a choice among the sites read with them (`find_site`).

    What Wagtail lacks: it keeps the root paths on the request only when a URL is built with
    `get_url(request)`; `page.url`, `Site.get_site_root_paths()` (the API's tree filter, the
    redirects) and a page's first URL each go to Django's cache again: a page read about
    ten times per request, each a Redis round trip or a file read, and two queries each when
    the cache is cold or off. A cold read is `read_site_root_paths` (Wagtail's own read stays
    available as `Site.get_site_root_paths.wagtail_read`, for comparison, and its site lookup
    as `find_site.wagtail_find`). `Site.clear_site_root_paths_cache()` (Wagtail calls it when
    a site or a page's path changes) also drops what this request kept. Called once, from
    `ServingConfig.ready()`.
    """
    wagtail_read, clear = Site.get_site_root_paths, Site.clear_site_root_paths_cache
    if getattr(wagtail_read, "kept_per_request", False):
        return

    @functools.wraps(clear)
    def clear_everywhere():
        forget()
        clear()

    kept = per_request(read_site_root_paths)
    kept.kept_per_request = True
    kept.wagtail_read = wagtail_read
    find_site.wagtail_find = Site._find_for_request
    Site.get_site_root_paths = staticmethod(kept)
    Site.clear_site_root_paths_cache = staticmethod(clear_everywhere)
    Site._find_for_request = staticmethod(find_site)
