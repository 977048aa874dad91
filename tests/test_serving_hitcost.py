"""What a response cache hit costs (serving/responsecache.py): the answer kept as plain data,
each process's memory layer under the shared generation, the body's hash handed to the API's
ETag. The guarantees stay: a purge by any process reaches every memory layer, a hit runs no
SQL, the layer is bounded."""

import hashlib
import os
import time
import uuid

import pytest
import redis
from django.core.cache import cache
from django.http import HttpResponse
from django.test import RequestFactory, override_settings

from newsroom.models import NewsArticlePage
from serving import responsecache
from serving.rediscache import ResilientRedisCache
from serving.responsecache import (
    GENERATION_KEY,
    HIT_HEADER,
    Answer,
    CachedResponse,
    MemoryLayer,
    ResponseCacheMiddleware,
    cache_key,
    current_generation,
    memory_layer,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def response_cache(settings):
    """The response cache on, empty (shared cache and this process's memory) before and after."""
    settings.RESPONSE_CACHE_ENABLED = True
    cache.clear()
    memory_layer().clear()
    yield cache
    cache.clear()
    memory_layer().clear()


def newest_article(code="en"):
    return (
        NewsArticlePage.objects.live().filter(locale__language_code=code).order_by("-date").first()
    )


def answer(body=b"x", expires=None):
    return Answer(
        200,
        (("Content-Type", "text/plain"),),
        body,
        hashlib.sha256(body).hexdigest(),
        time.time() + 600 if expires is None else expires,
    )


class CountingGets:
    """The shared cache's reads, counted (monkeypatched onto the cache object)."""

    def __init__(self, monkeypatch, shared):
        self.keys = []
        original = shared.get

        def get(key, *args, **kwargs):
            self.keys.append(key)
            return original(key, *args, **kwargs)

        monkeypatch.setattr(shared, "get", get)


def test_a_purge_by_another_process_reaches_this_processs_memory(client, response_cache):
    """Another app server replaces the generation in the shared cache (its purge); this
    process's next request must render anew although its memory holds the old answer."""
    page = newest_article("ka")
    url = page.url
    client.get(url)
    assert client.get(url)[HIT_HEADER] == "hit"
    # A change that this process's signals never saw (an update without signals, as if made
    # by another server), followed by that server's purge: only the shared generation changes.
    NewsArticlePage.objects.filter(pk=page.pk).update(title="Changed on another server")
    assert "Changed on another server" not in client.get(url).content.decode()  # still cached
    cache.set(GENERATION_KEY, "generation-of-another-server", timeout=None)
    fresh = client.get(url)
    assert fresh[HIT_HEADER] == "miss"
    assert "Changed on another server" in fresh.content.decode()
    assert memory_layer().generation == "generation-of-another-server"
    assert client.get(url)[HIT_HEADER] == "hit"


def test_a_repeated_hit_reads_only_the_generation_from_the_shared_cache(
    client, response_cache, monkeypatch, django_assert_num_queries
):
    url = "/en/feeds/news/"
    first = client.get(url)
    counted = CountingGets(monkeypatch, responsecache.response_cache())
    with django_assert_num_queries(0):
        again = client.get(url)
    assert again[HIT_HEADER] == "hit" and again.content == first.content
    assert counted.keys == [GENERATION_KEY]


def test_a_hit_from_the_shared_cache_alone_runs_no_sql(
    client, response_cache, monkeypatch, django_assert_num_queries
):
    """What another process stored (this process's memory is empty) is a hit without SQL, and
    then kept in memory."""
    urls = ["/ka/", "/en/feeds/news/", "/sitemap-1.xml", "/api/v2/pages/?locale=ka&limit=20"]
    first = {url: client.get(url) for url in urls}
    memory_layer().clear()
    counted = CountingGets(monkeypatch, responsecache.response_cache())
    for url in urls:
        with django_assert_num_queries(0):
            response = client.get(url)
        assert response[HIT_HEADER] == "hit", url
        assert response.content == first[url].content, url
        assert response["Content-Type"] == first[url]["Content-Type"], url
    assert len(counted.keys) == 2 * len(urls)  # the generation and the answer, once each
    assert len(memory_layer().entries) == len(urls)


def test_the_memory_layer_is_bounded(client, response_cache, settings):
    client.get("/robots.txt?n=first")
    (size,) = [entry.size for entry in memory_layer().entries.values()]  # as the layer counts
    settings.RESPONSE_CACHE_MEMORY_BYTES = 10 * size
    urls = [f"/robots.txt?n={n}" for n in range(40)]
    for url in urls:
        client.get(url)
    layer = memory_layer()
    assert layer.bytes <= settings.RESPONSE_CACHE_MEMORY_BYTES
    assert layer.bytes == sum(entry.size for entry in layer.entries.values())
    assert len(layer.entries) == 10
    # The newest are kept; the others are still hits, from the shared cache.
    assert list(layer.entries) == [cache_key_of(url) for url in urls[-10:]]
    for url in urls[:3]:
        assert client.get(url)[HIT_HEADER] == "hit", url


def cache_key_of(url):
    return cache_key(RequestFactory().get(url), current_generation())


def test_no_memory_layer_when_switched_off(client, response_cache, settings):
    settings.RESPONSE_CACHE_MEMORY_BYTES = 0
    client.get("/en/")
    assert client.get("/en/")[HIT_HEADER] == "hit"
    assert not memory_layer().entries


class TestMemoryLayer:
    def test_least_recently_used_goes_first(self):
        answers = {name: answer(name.encode() * 100) for name in ("a", "b", "c", "d", "e")}
        layer = MemoryLayer(4 * answers["a"].size)  # room for four
        for name in "abcd":
            layer.put("g", name, answers[name])
        assert layer.get("g", "a") is answers["a"]  # now the most recently used
        layer.put("g", "e", answers["e"])
        assert layer.bytes <= layer.max_bytes
        assert layer.get("g", "b") is None
        assert [layer.get("g", name) for name in "acde"] == [answers[n] for n in "acde"]

    def test_an_answer_larger_than_a_quarter_is_not_kept(self):
        layer = MemoryLayer(4000)
        layer.put("g", "small", answer(b"s" * 100))
        layer.put("g", "large", answer(b"l" * 1000))
        assert layer.get("g", "large") is None
        assert layer.get("g", "small") is not None

    def test_another_generation_empties_it(self):
        layer = MemoryLayer(10**6)
        layer.put("old", "key", answer())
        assert layer.get("new", "key") is None
        assert not layer.entries and layer.bytes == 0

    def test_an_expired_answer_is_not_served(self):
        layer = MemoryLayer(10**6)
        layer.put("g", "key", answer(expires=time.time() - 1))
        assert layer.get("g", "key") is None
        assert layer.bytes == 0

    def test_replacing_a_key_counts_it_once(self):
        layer = MemoryLayer(10**6)
        layer.put("g", "key", answer(b"a" * 100))
        layer.put("g", "key", answer(b"b" * 100))
        assert len(layer.entries) == 1
        assert layer.bytes == layer.entries["key"].size


def test_an_older_stored_value_is_a_miss_not_an_error(response_cache):
    """After an upgrade the shared cache may hold what an older release stored (a pickled
    response) under the current generation."""
    factory = RequestFactory()
    request = factory.get("/en/legacy/")
    cache.set(cache_key(request, current_generation()), HttpResponse("old format"))
    middleware = ResponseCacheMiddleware(lambda request: HttpResponse("rendered now"))
    response = middleware(factory.get("/en/legacy/"))
    assert response[HIT_HEADER] == "miss" and response.content == b"rendered now"
    again = middleware(factory.get("/en/legacy/"))
    assert again[HIT_HEADER] == "hit" and again.content == b"rendered now"


def test_a_feed_goes_out_as_one_piece(client, response_cache):
    """Django's feed generator writes hundreds of pieces; each was one write to the socket."""
    miss = client.get("/en/feeds/news/")
    hit = client.get("/en/feeds/news/")
    assert hit[HIT_HEADER] == "hit"
    assert len(list(miss)) == 1 and len(list(hit)) == 1
    assert hit.content == miss.content and b"<item>" in hit.content


def test_the_api_etag_of_a_hit_is_the_hash_of_its_body(client, response_cache):
    url = f"/api/v2/pages/?locale=ka&fields=*&limit=20&type={NewsArticlePage._meta.label}"
    miss = client.get(url)
    hit = client.get(url)
    assert hit[HIT_HEADER] == "hit" and hit["ETag"] == miss["ETag"]
    assert hit["ETag"] == f'"{hashlib.sha256(hit.content).hexdigest()[:32]}"'
    assert client.get(url, HTTP_IF_NONE_MATCH=miss["ETag"]).status_code == 304


def test_a_changed_cached_response_forgets_its_hash():
    response = answer(b"stored").response()
    assert isinstance(response, CachedResponse)
    assert response.content_sha256 == hashlib.sha256(b"stored").hexdigest()
    response.content = b"changed"
    assert response.content_sha256 is None
    written = answer(b"stored").response()
    written.write(b" and more")
    assert written.content_sha256 is None


# Slow: .ci/run's slow suite runs on PostgreSQL and Redis, with REDIS_URL set.
@pytest.mark.slow
@pytest.mark.skipif(not os.environ.get("REDIS_URL"), reason="needs REDIS_URL (a Redis server)")
def test_with_redis_a_purge_by_another_server_reaches_every_memory(client, settings):
    """The same through Redis: another server (its own client and connections) replaces the
    generation; this process's memory copy is not served again."""
    settings.RESPONSE_CACHE_ENABLED = True
    shared = {
        "BACKEND": "serving.rediscache.ResilientRedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": f"hitcost-test-{uuid.uuid4().hex[:8]}",
        "OPTIONS": {"SOCKET_CONNECT_TIMEOUT": 0.5, "SOCKET_TIMEOUT": 0.5},
    }
    other_server = ResilientRedisCache(shared["LOCATION"], shared)
    memory_layer().clear()
    with override_settings(CACHES={"default": shared}):
        try:
            url = "/ka/feeds/news/"
            first = client.get(url)
            assert first[HIT_HEADER] == "miss"
            assert client.get(url)[HIT_HEADER] == "hit"
            assert memory_layer().entries
            other_server.set(GENERATION_KEY, "purged-by-the-other-server", timeout=None)
            assert client.get(url)[HIT_HEADER] == "miss"
            assert memory_layer().generation == "purged-by-the-other-server"
            assert client.get(url)[HIT_HEADER] == "hit"
        finally:
            # This test's keys only, every version (clear() would empty the whole database).
            client = redis.Redis.from_url(shared["LOCATION"])
            for key in client.scan_iter(match=f"{shared['KEY_PREFIX']}:*", count=500):
                client.delete(key)
            memory_layer().clear()
