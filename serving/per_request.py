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
from django.core.signals import request_finished, request_started
from django.db.models import Q
from django.db.models.signals import post_delete, post_save
from wagtail.models import Locale, PageViewRestriction, Site

_state = Local()


def _start(**kwargs):
    _state.values = {}


def _finish(**kwargs):
    _state.values = None


request_started.connect(_start, dispatch_uid="serving.per_request.start")
request_finished.connect(_finish, dispatch_uid="serving.per_request.finish")


def per_request(function):
    """Memoise `function(*args)` until the end of the current request."""

    @functools.wraps(function)
    def memoised(*args):
        values = getattr(_state, "values", None)
        if values is None:
            return function(*args)
        key = (function.__module__, function.__qualname__, args)
        if key not in values:
            values[key] = function(*args)
        return values[key]

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


def keep_site_root_paths_per_request():
    """Make `Site.get_site_root_paths()` a per-request lookup in front of Wagtail's cache.

    What Wagtail lacks: it keeps the root paths on the request only when a URL is built with
    `get_url(request)`; `page.url`, `Site.get_site_root_paths()` (the API's tree filter, the
    redirects) and a page's first URL each go to Django's cache again: a page read about
    ten times per request, each a Redis round trip or a file read, and two queries each when
    the cache is cold or off. `Site.clear_site_root_paths_cache()` (Wagtail calls it when a
    site or a page's path changes) also drops what this request kept. Called once, from
    `ServingConfig.ready()`.
    """
    read, clear = Site.get_site_root_paths, Site.clear_site_root_paths_cache
    if getattr(read, "kept_per_request", False):
        return

    @functools.wraps(clear)
    def clear_everywhere():
        forget()
        clear()

    kept = per_request(read)
    kept.kept_per_request = True
    Site.get_site_root_paths = staticmethod(kept)
    Site.clear_site_root_paths_cache = staticmethod(clear_everywhere)
