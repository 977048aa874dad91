"""serving.per_request keeps a lookup for one request only; view restrictions count at once."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import Page, PageViewRestriction, Site

from home.models import MissionPage
from serving import per_request as memo
from serving.per_request import page_language_code, per_request, public, restricted_paths

pytestmark = pytest.mark.django_db

calls = []


@per_request
def counted(value):
    calls.append(value)
    return value * 2


def test_a_lookup_is_made_once_per_request_and_again_in_the_next():
    calls.clear()
    assert counted(2) == counted(2) == 4  # outside a request: nothing is kept
    assert calls == [2, 2]
    memo._start()  # what the request_started signal runs
    try:
        assert counted(3) == counted(3) == 6
        assert counted(4) == 8
        assert calls == [2, 2, 3, 4]
    finally:
        memo._finish()
    memo._start()  # what the request_started signal runs
    try:
        counted(3)
        assert calls == [2, 2, 3, 4, 3]
    finally:
        memo._finish()


def test_public_reads_the_restrictions_once_and_sees_a_new_one_at_once(en_home):
    section = MissionPage.objects.child_of(en_home).live().first()
    memo._start()  # what the request_started signal runs
    try:
        with CaptureQueriesContext(connection) as queries:
            assert restricted_paths() == restricted_paths()
        assert len(queries) == 1
        assert public(MissionPage.objects.filter(pk=section.pk)).exists()
        PageViewRestriction.objects.create(page=section, restriction_type="password", password="x")
        assert not public(MissionPage.objects.filter(pk=section.pk)).exists()
        assert not public(MissionPage.objects.child_of(section)).exists()
    finally:
        memo._finish()


def test_pages_without_their_locale_cost_one_query_for_their_language_codes(en_home, ka_home):
    pages = list(Page.objects.filter(pk__in=[en_home.pk, ka_home.pk]).order_by("pk"))
    memo._start()  # what the request_started signal runs
    try:
        with CaptureQueriesContext(connection) as queries:
            codes = [page_language_code(page) for page in pages + pages]
        assert codes == ["en", "ka", "en", "ka"]
        assert len(queries) == 1  # every locale at once, then nothing
    finally:
        memo._finish()
    with_locale = Page.objects.select_related("locale").get(pk=ka_home.pk)
    with CaptureQueriesContext(connection) as queries:
        assert page_language_code(with_locale) == "ka"
    assert len(queries) == 0


def test_site_root_paths_are_read_once_per_request_even_without_a_cache(en_home, settings):
    """Wagtail reads them from Django's cache on every `page.url`; with the cache off (or
    cold) that is a query each time (Wagtail's own read: two). Within a request they are read
    once; a change to a page's path within the request (Wagtail clears its cache) is seen at
    once."""
    settings.CACHES = {"default": {"BACKEND": "django.core.cache.backends.dummy.DummyCache"}}
    section = MissionPage.objects.child_of(en_home).live().first()
    memo._start()  # what the request_started signal runs
    try:
        with CaptureQueriesContext(connection) as queries:
            urls = {section.url, en_home.url, Page.objects.get(pk=section.pk).url}
            Site.get_site_root_paths()
        assert (
            len(queries) == 2
        )  # the root paths (the sites with their roots' versions), the refetch
        assert urls == {section.url, en_home.url, "/en/" + section.slug + "/"}
        en_home.slug = "english"
        en_home.save_revision().publish()
        assert {root.root_path for root in Site.get_site_root_paths()} >= {"/english/"}
    finally:
        memo._finish()
    with CaptureQueriesContext(connection) as queries:  # outside a request: read every time
        Site.get_site_root_paths()
        Site.get_site_root_paths()
    assert len(queries) == 2
