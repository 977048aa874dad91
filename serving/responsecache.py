"""A response cache for anonymous readers, in Django's cache, purged by a generation marker.

What Django's own cache middleware (`UpdateCacheMiddleware` / `FetchFromCacheMiddleware`)
lacks, and this adds:
- it serves logged-in users and requests with a session from the cache, and stores their
  answers; here any request with a session (or messages) cookie or an `Authorization`
  header, the admin and previews are never served from it nor stored in it;
- it ties the server-side lifetime to the browser's `max-age` (the API says `max-age=0`, so
  it would never be stored); here the two are separate settings;
- it has no purge: an entry lives until it expires. Here every key carries the cache's
  current *generation*, a random token kept in the same cache. `purge.purge_everything()`
  replaces it after every content change, so every entry of every app server that shares
  the cache is unreachable at once (they then expire on their own). Purging everything on any
  change is deliberate: menus, footer, listings, feeds, the sitemap, hreflang links and the API
  make exact per-URL purging uncertain, and a stale page after a publish is a defect.

The key is the method-independent absolute URL (scheme, host, path, query) plus the active
language, so the API's Accept-Language and the two site languages never mix. Only complete 200
answers that set no cookie, used no CSRF token and are not marked private are stored.

Sits after `SiteLocaleMiddleware` (the language is active) and below
`HeadlessAPIMiddleware`, so a cached API answer still gets its ETag, `If-None-Match` -> 304
and CORS headers per request. A hit runs no SQL query: sessions and users are loaded lazily,
and neither is touched before this middleware answers.
"""

import hashlib
import secrets

from django.conf import settings
from django.core.cache import caches
from django.dispatch import receiver
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from .rediscache import redis_recovered

GENERATION_KEY = "responsecache:generation"
HIT_HEADER = "X-Response-Cache"

# Paths whose answers are personal or drafts, never cached: the admin (and its previews), the
# headless preview, document downloads (Wagtail checks collection privacy on each one) and the
# authenticated v3 tier.
PERSONAL_PATHS = ("/admin/", "/api/v2/preview/", "/documents/", "/api/v3/schema/")


def response_cache():
    return caches[getattr(settings, "RESPONSE_CACHE_ALIAS", "default")]


def personal_cookie_names():
    return {settings.SESSION_COOKIE_NAME, getattr(settings, "MESSAGE_COOKIE_NAME", "messages")}


def is_personal(request):
    """A request whose answer may depend on who asks: never cached, marked private."""
    return (
        request.path_info.startswith(PERSONAL_PATHS)
        or "Authorization" in request.headers
        or not personal_cookie_names().isdisjoint(request.COOKIES)
    )


def current_generation(cache=None):
    """The cache's generation token, created when missing; None when the cache is unusable."""
    cache = cache or response_cache()
    generation = cache.get(GENERATION_KEY)
    if generation is None:
        cache.add(GENERATION_KEY, secrets.token_hex(8), timeout=None)
        generation = cache.get(GENERATION_KEY)
    return generation


def new_generation(cache=None):
    """Make every stored answer unreachable; True when the cache took the new token.

    A random token, not a counter: a cache that evicted or lost the key can never come back
    to an old generation whose entries are still stored.
    """
    cache = cache or response_cache()
    # locmem and file caches return None from set(); ResilientRedisCache returns False when
    # Redis could not be reached.
    return cache.set(GENERATION_KEY, secrets.token_hex(8), timeout=None) is not False


def cache_key(request, generation):
    url = request.build_absolute_uri()
    digest = hashlib.sha256(url.encode("utf-8", "surrogateescape")).hexdigest()
    return f"responsecache:{generation}:{get_language()}:{digest}"


def is_storable(request, response):
    cache_control = response.get("Cache-Control", "")
    return (
        request.method == "GET"
        and response.status_code == 200
        and not response.streaming
        and not response.cookies
        and not request.META.get("CSRF_COOKIE_USED")
        and "private" not in cache_control
        and "no-store" not in cache_control
    )


def shared_cache_control(request, response):
    """Public pages may sit in a shared cache (Varnish, a CDN) for SHARED_CACHE_SECONDS.

    Browsers revalidate (max-age=0); the API's own Cache-Control (headless/middleware.py, with
    ETags) is left to it.
    """
    if response.has_header("Cache-Control") or request.path_info.startswith("/api/"):
        return
    patch_cache_control(
        response, public=True, max_age=0, s_maxage=getattr(settings, "SHARED_CACHE_SECONDS", 300)
    )


class ResponseCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_personal(request):
            response = self.get_response(request)
            if "no-store" not in response.get("Cache-Control", ""):
                patch_cache_control(response, private=True)
            return response

        cache, key = self.lookup(request)
        if key is not None:
            cached = cache.get(key)
            if cached is not None:
                cached[HIT_HEADER] = "hit"
                return cached
        response = self.get_response(request)
        if is_storable(request, response):
            # Shared caches may keep it whether or not this cache is on or reachable.
            shared_cache_control(request, response)
            if key is not None:
                timeout = getattr(settings, "RESPONSE_CACHE_SECONDS", 600)
                cache.set(key, response, timeout=timeout)
                response[HIT_HEADER] = "miss"
        return response

    @staticmethod
    def lookup(request):
        """The cache and this request's key in it; no key when the cache is off or down."""
        if request.method not in ("GET", "HEAD") or not getattr(
            settings, "RESPONSE_CACHE_ENABLED", True
        ):
            return None, None
        cache = response_cache()
        retry_pending_purge(cache)
        generation = current_generation(cache)
        if generation is None:  # cache unreachable: a slower site, never an error
            return cache, None
        return cache, cache_key(request, generation)


# A purge that could not reach the cache (Redis down) is retried by the next request of the
# same process, before it reads anything from the cache. A process that saw Redis fail also
# purges when it is back: a publish elsewhere may have been unable to purge meanwhile.
_pending_purge = False


@receiver(redis_recovered)
def note_failed_purge(**kwargs):
    global _pending_purge
    _pending_purge = True


def retry_pending_purge(cache):
    global _pending_purge
    if _pending_purge and new_generation(cache):
        _pending_purge = False
