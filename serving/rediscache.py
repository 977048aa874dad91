"""The shared Redis cache, for a site that must keep answering when Redis does not.

django-redis with `IGNORE_EXCEPTIONS` turns a Redis failure into a cache miss, but it either
logs a full traceback on every failed call (`DJANGO_REDIS_LOG_IGNORED_EXCEPTIONS`) or nothing
at all, and it tries to connect again on every call, so an unreachable host costs a connect
timeout per cache call. What this backend adds:
- one warning when Redis becomes unreachable, and one when it is back (per process);
- while it is down, calls answer at once as misses (reads) or failures (writes, `False`)
  without touching the network, and only one call every RETRY_SECONDS tries Redis again;
- the `redis_recovered` signal when it is back, so that what was written meanwhile (a purge)
  can be written again.
"""

import logging
import threading
import time
from urllib.parse import urlsplit

from django.dispatch import Signal
from django_redis.cache import RedisCache
from django_redis.exceptions import ConnectionInterrupted
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

logger = logging.getLogger(__name__)

# Sent (with the cache as sender) when Redis answers again after this process saw it fail.
redis_recovered = Signal()

MISSING = object()  # a failed get, told apart from a stored None
FAILURES = (ConnectionInterrupted, RedisConnectionError, RedisTimeoutError, OSError)


def _guarded(name, fallback=None):
    def method(self, *args, **kwargs):
        if not self._may_try():
            return fallback() if callable(fallback) else fallback
        try:
            result = getattr(RedisCache, name)(self, *args, **kwargs)
        except FAILURES as error:
            self._failed(error)
            return fallback() if callable(fallback) else fallback
        self._succeeded()
        return result

    method.__name__ = name
    return method


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        # Raise from django-redis's methods, so that the wrappers below see the failure.
        self._ignore_exceptions = False
        self._retry_seconds = float(params.get("OPTIONS", {}).get("RETRY_SECONDS", 5.0))
        self._down_since = None
        self._next_try = 0.0
        self._lock = threading.Lock()

    def _where(self):
        parts = urlsplit(self._server if isinstance(self._server, str) else self._server[0])
        return f"{parts.hostname}:{parts.port or 6379}{parts.path}"

    def _may_try(self):
        if self._down_since is None:
            return True
        with self._lock:
            now = time.monotonic()
            if now >= self._next_try:
                self._next_try = now + self._retry_seconds
                return True
            return False

    def _failed(self, error):
        with self._lock:
            self._next_try = time.monotonic() + self._retry_seconds
            if self._down_since is None:
                self._down_since = time.monotonic()
                logger.warning(
                    "Redis cache at %s unreachable (%s); serving without it, retrying every %gs.",
                    self._where(),
                    str(error).splitlines()[0] if str(error) else type(error).__name__,
                    self._retry_seconds,
                )

    def _succeeded(self):
        if self._down_since is None:
            return
        with self._lock:
            recovered = self._down_since is not None
            if recovered:
                logger.warning(
                    "Redis cache at %s reachable again after %.0fs.",
                    self._where(),
                    time.monotonic() - self._down_since,
                )
                self._down_since = None
        if recovered:
            redis_recovered.send(sender=self)

    _get_or_fail = _guarded("get", lambda: MISSING)

    def get(self, key, default=None, version=None, client=None):
        value = self._get_or_fail(key, default=default, version=version, client=client)
        return default if value is MISSING else value

    get_many = _guarded("get_many", dict)
    has_key = _guarded("has_key", False)
    set = _guarded("set", False)
    add = _guarded("add", False)
    set_many = _guarded("set_many", list)
    touch = _guarded("touch", False)
    delete = _guarded("delete", False)
    delete_many = _guarded("delete_many", False)
    clear = _guarded("clear", False)
    incr = _guarded("incr")
    decr = _guarded("decr")
    ttl = _guarded("ttl")
    expire = _guarded("expire", False)
