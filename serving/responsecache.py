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

What a hit costs (measured through gunicorn, README "Speed"), and what keeps it small:
- An answer is stored as plain data (status, headers, the body as one byte string, its
  SHA-256), not as the response object: a pickled DRF response also carries its data, and a
  feed's body is hundreds of small chunks (Django's feed generator writes piece by piece),
  which the server sent one `send()` each. The joined body goes out in one.
- Each app process keeps the answers it served in memory (`MemoryLayer`), bounded by
  `RESPONSE_CACHE_MEMORY_BYTES`, under the same keys, so a purge reaches them too: every
  request still reads the shared generation first (one small read), and a new generation
  empties the layer. A repeated hit then skips reading, decompressing and unpickling the
  body from the shared cache (the file cache zlib-compresses every entry: milliseconds for
  a sitemap section). An entry keeps the expiry of the shared one.
- The body's SHA-256 is computed once, when stored, and handed to the API's ETag
  (`CachedResponse.content_sha256`, read by headless/middleware.py) instead of hashing the
  body on every hit.
"""

import hashlib
import secrets
import threading
import time
from collections import OrderedDict

from django.conf import settings
from django.core.cache import caches
from django.dispatch import receiver
from django.http import HttpResponse
from django.utils.cache import patch_cache_control
from django.utils.translation import get_language

from .rediscache import redis_recovered

GENERATION_KEY = "responsecache:generation"
HIT_HEADER = "X-Response-Cache"

# Paths whose answers are personal or drafts, never cached: the admin (and its previews), the
# headless preview, document downloads (Wagtail checks collection privacy on each one) and the
# authenticated v3 tier.
PERSONAL_PATHS = ("/admin/", "/api/v2/preview/", "/documents/", "/api/v3/schema/")

# The first item of a stored answer: anything else under a key (an older release's pickled
# response, another format) is a miss, never an error.
ANSWER_FORMAT = "responsecache-answer-1"
# Counted per memory entry besides its body and headers (the objects around them).
ENTRY_OVERHEAD_BYTES = 512


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


class Answer:
    """A stored answer: what a hit needs to build its response, and nothing else."""

    __slots__ = ("status", "headers", "body", "digest", "expires", "size")

    def __init__(self, status, headers, body, digest, expires):
        self.status = status
        self.headers = headers  # ((name, value), ...), as the response had them
        self.body = body
        self.digest = digest  # hex SHA-256 of body
        self.expires = expires  # time.time() after which it is gone from the shared cache
        self.size = len(body) + sum(len(n) + len(v) for n, v in headers) + ENTRY_OVERHEAD_BYTES

    @classmethod
    def of(cls, response, timeout):
        body = response.content
        return cls(
            response.status_code,
            tuple(response.items()),
            body,
            hashlib.sha256(body).hexdigest(),
            time.time() + timeout,
        )

    def stored(self):
        """The value kept in the shared cache: builtins only, so that it unpickles in any
        release (an `Answer` pickled by class would fail if this class changed)."""
        return (ANSWER_FORMAT, self.status, self.headers, self.body, self.digest, self.expires)

    @classmethod
    def from_stored(cls, value):
        """The answer in a shared cache value; None for anything else (a miss)."""
        if not (isinstance(value, tuple) and len(value) == 6 and value[0] == ANSWER_FORMAT):
            return None
        _format, status, headers, body, digest, expires = value
        return cls(status, headers, body, digest, expires)

    def expired(self, now=None):
        return (now or time.time()) >= self.expires

    def response(self):
        response = CachedResponse(self.body, status=self.status, headers=dict(self.headers))
        response.content_sha256 = self.digest
        return response


class CachedResponse(HttpResponse):
    """A response served from the cache, with the SHA-256 of its body already known.

    `content_sha256` is dropped as soon as anything changes the content, so a layer above
    never takes it for a different body.
    """

    content_sha256 = None

    def _set_content(self, value):
        HttpResponse.content.fset(self, value)
        self.content_sha256 = None

    content = property(HttpResponse.content.fget, _set_content)

    def write(self, content):
        super().write(content)
        self.content_sha256 = None


class MemoryLayer:
    """This process's copies of answers it served, at most `max_bytes` of them (least
    recently used first out).

    Keys are response cache keys, which carry the shared generation; the layer remembers the
    generation it holds and empties itself when asked under another one, so a purge made by
    any process reaches it with the next request. Django's locmem cache would need the same
    bookkeeping and pickles every value on each get; this hands out the stored `Answer`.
    """

    def __init__(self, max_bytes):
        self.max_bytes = max_bytes
        self.generation = None
        self.entries = OrderedDict()
        self.bytes = 0
        self._lock = threading.Lock()  # threaded servers (runserver, gthread workers)

    def _switch(self, generation):
        if generation != self.generation:
            self.entries.clear()
            self.bytes = 0
            self.generation = generation

    def get(self, generation, key):
        with self._lock:
            self._switch(generation)
            answer = self.entries.get(key)
            if answer is None:
                return None
            if answer.expired():
                self._remove(key)
                return None
            self.entries.move_to_end(key)
            return answer

    def put(self, generation, key, answer):
        # One answer may take at most a quarter of the layer, so one huge body cannot empty it.
        if answer.size * 4 > self.max_bytes:
            return
        with self._lock:
            self._switch(generation)
            self._remove(key)
            self.entries[key] = answer
            self.bytes += answer.size
            while self.bytes > self.max_bytes:
                self._remove(next(iter(self.entries)))

    def _remove(self, key):
        answer = self.entries.pop(key, None)
        if answer is not None:
            self.bytes -= answer.size

    def clear(self):
        with self._lock:
            self._switch(None)


_memory = MemoryLayer(0)


def memory_layer():
    """The process's memory layer, sized by RESPONSE_CACHE_MEMORY_BYTES (0: none)."""
    _memory.max_bytes = getattr(settings, "RESPONSE_CACHE_MEMORY_BYTES", 32 * 1024 * 1024)
    return _memory


class ResponseCacheMiddleware:
    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if is_personal(request):
            response = self.get_response(request)
            if "no-store" not in response.get("Cache-Control", ""):
                patch_cache_control(response, private=True)
            return response

        cache, generation, key = self.lookup(request)
        if key is not None:
            answer = self.fetch(cache, generation, key)
            if answer is not None:
                response = answer.response()
                response[HIT_HEADER] = "hit"
                return response
        response = self.get_response(request)
        if is_storable(request, response):
            # Shared caches may keep it whether or not this cache is on or reachable.
            shared_cache_control(request, response)
            if key is not None:
                timeout = getattr(settings, "RESPONSE_CACHE_SECONDS", 600)
                answer = Answer.of(response, timeout)
                # The body in one piece: sent in one write instead of one per chunk.
                response.content = answer.body
                cache.set(key, answer.stored(), timeout=timeout)
                memory_layer().put(generation, key, answer)
                response[HIT_HEADER] = "miss"
        return response

    @staticmethod
    def fetch(cache, generation, key):
        """The stored answer: from this process's memory, else from the shared cache."""
        memory = memory_layer()
        answer = memory.get(generation, key)
        if answer is None:
            answer = Answer.from_stored(cache.get(key))
            if answer is None or answer.expired():
                return None
            memory.put(generation, key, answer)
        return answer

    @staticmethod
    def lookup(request):
        """The cache, its generation and this request's key in it; no key when the cache is off
        or down."""
        if request.method not in ("GET", "HEAD") or not getattr(
            settings, "RESPONSE_CACHE_ENABLED", True
        ):
            return None, None, None
        cache = response_cache()
        retry_pending_purge(cache)
        generation = current_generation(cache)
        if generation is None:  # cache unreachable: a slower site, never an error
            return cache, None, None
        return cache, generation, cache_key(request, generation)


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
