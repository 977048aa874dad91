"""Timed requests for `manage.py benchmark`, in its own process or in a child on another
checkout.

`measure()` times requests through Django's test client. Run as a script, in a checkout's
directory (`manage.py benchmark --checkout DIR` starts it so), it answers `measure()` for
each JSON line `[url, requests, warm-up, cold]` of its standard input with one JSON line,
running that checkout's code: two commits compared in turns on one database, a row at a time,
so that a machine whose speed drifts slows both alike. It imports Django only, nothing of the
project, so that it can measure a checkout older than itself.
"""

import contextlib
import gc
import json
import os
import sys
import time
from importlib import import_module

from django.conf import settings
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext, override_settings

# benchmark_server's cold mode: nothing answered from any cache (responses, Wagtail's
# renditions and site root paths).
COLD_CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}


def measure(client, url, requests, warmup, cold=False):
    """(status, queries of one request, [milliseconds of each timed request]).

    The queries are counted on one more request, untimed: Django records each query's SQL
    while it counts (and whenever DEBUG is on, as in the development settings), a cost a
    production server does not pay, so the timed requests run with DEBUG off."""
    caches = override_settings(CACHES=COLD_CACHES) if cold else contextlib.nullcontext()
    with caches, override_settings(RESPONSE_CACHE_ENABLED=False):
        for _ in range(warmup):
            client.get(url)
        with CaptureQueriesContext(connection) as queries:
            client.get(url)
        query_count = len(queries)  # before the next request empties Django's query log
        timings = []
        with override_settings(DEBUG=False):
            for _ in range(requests):
                started = time.perf_counter()
                response = client.get(url)
                timings.append((time.perf_counter() - started) * 1000)
    return response.status_code, query_count, timings


@contextlib.contextmanager
def loaded_set_aside():
    """What is loaded before the first request set aside from Python's full collections while
    requests are measured, as the production server's processes do (config/wsgi.py, there
    for good): the URLconf imported, a collection, then `gc.freeze()`; `gc.unfreeze()` after,
    so that a process that goes on (a test) collects as before."""
    import_module(settings.ROOT_URLCONF)
    gc.collect()
    gc.freeze()
    try:
        yield
    finally:
        gc.unfreeze()


def serve(host):
    """Answer `measure()` for each line of standard input, as JSON lines."""
    client = Client(HTTP_HOST=host)
    with loaded_set_aside():
        for line in sys.stdin:
            url, requests, warmup, cold = json.loads(line)
            print(json.dumps(measure(client, url, requests, warmup, cold)), flush=True)


if __name__ == "__main__":
    # The checkout measured is the working directory, not this file's (the script's own
    # directory would otherwise come first on sys.path).
    sys.path[0] = os.getcwd()
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings.dev")
    import django

    django.setup()
    serve(sys.argv[1])
