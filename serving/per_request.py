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
from django.db import connection
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


def _site_table_sql():
    """Every site with the url_path, language and tree path of each version of its root page
    (the root itself included; with i18n off, the root alone), in the order of Wagtail's site
    root paths: by the root's `url_path` (descending), the default site first, then by
    hostname; each site's versions in tree order (Wagtail's page ordering)."""
    quote = connection.ops.quote_name
    site, page, locale = (quote(m._meta.db_table) for m in (Site, Page, Locale))
    columns = ", ".join(f"s.{quote(Site._meta.get_field(name).column)}" for name in SITE_FIELDS)
    versions = (
        "v.translation_key = r.translation_key"
        if getattr(settings, "WAGTAIL_I18N_ENABLED", False)
        else "v.id = r.id"
    )
    # CROSS JOIN: SQLite then joins in the order written, from the few sites to their root
    # pages and those pages' versions by index; without statistics it read every page first
    # (14 ms with 20,000 pages). PostgreSQL plans CROSS JOINs with conditions as any join.
    return (
        f"SELECT {columns}, v.url_path, l.language_code, v.path "
        f"FROM {site} s CROSS JOIN {page} r CROSS JOIN {page} v CROSS JOIN {locale} l "
        f"WHERE r.id = s.root_page_id AND {versions} AND l.id = v.locale_id "
        "ORDER BY r.url_path DESC, s.is_default_site DESC, s.hostname, s.id, v.path"
    )


@per_request
def site_table():
    """[(site, [(url_path, language code, tree path) of each version of its root page])] for
    every site (a handful of rows), in the order of Wagtail's site root paths, in one
    statement: what `find_site` chooses from, the trees the API's public pages lie in
    (`site_tree_paths`) and, when Wagtail's cache does not have them, the site root paths.
    The site's root page is not fetched (`site.root_page` is a query when asked).

    What Wagtail lacks: it reads the sites three times on an uncached request, its lookup by
    hostname (a CASE ranking), the sites with their root pages' thirty columns, then each
    root's translations as whole pages. Django's ORM cannot join a page to its translations
    (they share a `translation_key`, not a relation), hence SQL, from the models' names."""
    table = {}
    with connection.cursor() as cursor:
        cursor.execute(_site_table_sql())
        for *values, url_path, language_code, path in cursor.fetchall():
            values[-1] = bool(values[-1])  # is_default_site: 0 or 1 on SQLite
            if values[0] not in table:
                table[values[0]] = (Site.from_db(connection.alias, SITE_FIELDS, values), [])
            table[values[0]][1].append((url_path, language_code, path))
    return list(table.values())


def site_tree_paths(site_id):
    """The tree paths of a site's root page and of its translations (each language's tree),
    read with the sites (no query of its own)."""
    return [
        path
        for site, versions in site_table()
        if site.pk == site_id
        for _url_path, _language_code, path in versions
    ]


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
    """Wagtail's choice of site for a request (`Site._find_for_request`, its CASE ranking by
    hostname and port), made by the same rules among the rows of `site_table()`; installed in
    its place by `keep_site_lookups_per_request`, so every `Site.find_for_request(request)`
    (the router, `page.url`, the API's site filter, the feeds) uses it, and Wagtail keeps the
    answer on the request as before."""
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
    else from `site_table()` (no query of its own), and cached as Wagtail caches it, in
    Wagtail's order."""
    result = cache.get(SITE_ROOT_PATHS_CACHE_KEY, version=SITE_ROOT_PATHS_CACHE_VERSION)
    if result is not None:
        # As in Wagtail: some cache backends (Redis) return the named tuples as plain tuples.
        return [SiteRootPath(*root) for root in result]
    result = [
        SiteRootPath(site.pk, url_path, site.root_url, language_code)
        for site, versions in site_table()
        for url_path, language_code, _path in versions
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
