"""Every query parameter of every public HTML and API URL, with bad values: quotes, NUL,
invalid UTF-8 and percent-encoding, 10,000 characters, negative, huge and non-numeric numbers,
repeated parameters. Each answers 200, a redirect or a 4xx, never a 5xx. Runs in `make test`
on SQLite and again on PostgreSQL in CI (schemathesis on the OpenAPI documents is in
test_api_schemathesis.py, marked slow)."""

import pytest

from newsroom.models import NewsArticlePage

pytestmark = pytest.mark.django_db


BAD_VALUES = [
    '"',
    "'",
    '"unbalanced',
    "%00",
    "a%00b",
    "%ff%fe",  # not UTF-8
    "%",  # broken percent-encoding
    "%zz",
    "x" * 10_000,
    "-1",
    "99999999999999999999999",
    "abc",
    "null",
    "1.5",
    "",
]

PAGE_FILTERS = ["type", "locale", "translation_of", "child_of", "descendant_of", "ancestor_of"]
LISTING = ["search", "search_operator", "order", "limit", "offset", "title", "slug"]
# {article} and {page} are filled in with a live article's path and a live page's id.
URLS = {
    "/en/": ["q", "page"],
    "/ka/": ["page"],
    "/en/news/": ["topic", "year", "page"],
    "/ka/news/": ["topic", "year", "page"],
    "{article}": ["page"],
    "/en/search/": ["q", "page"],
    "/ka/search/": ["q", "page"],
    "/en/feeds/news/": ["page"],
    "/ka/feeds/news/diaspora/": ["page"],
    "/sitemap.xml": ["p", "page"],
    "/api/v2/pages/": PAGE_FILTERS + LISTING + ["fields", "show_in_menus", "site"],
    "/api/v2/pages/{page}/": ["fields", "rich_text_format"],
    "/api/v2/pages/find/": ["html_path", "id", "fields", "site"],
    "/api/v2/images/": LISTING + ["fields"],
    "/api/v2/images/find/": ["id"],
    "/api/v2/documents/": LISTING + ["fields"],
    "/api/v2/documents/find/": ["id"],
    "/api/v2/preview/": ["token"],
    "/api/v3/pages/": PAGE_FILTERS + LISTING + ["ordering"],
    "/api/v3/pages/{page}/": ["version", "rich_text_format"],
    "/api/v3/pages/find/": ["html_path", "id", "site"],
    "/api/v3/images/": ["search", "limit", "offset", "ordering"],
    "/api/v3/redirects/": ["limit", "offset", "ordering", "old_path"],
    "/api/v3/redirects/find/": ["html_path", "id"],
    "/api/v2/navigation/": ["locale"],
    "/api/v3/navigation/": ["locale"],
    "/api/v2/footer/": ["locale"],
    "/api/v2/topics/": ["locale"],
    "/api/v3/topics/": ["locale"],
    "/api/v2/site/": ["locale"],
}


def fuzz_queries(parameters):
    """Each bad value in each parameter, once alone and once repeated."""
    for name in parameters:
        for value in BAD_VALUES:
            yield f"{name}={value}"
        yield f"{name}=1&{name}=2&{name}=%22"


@pytest.mark.parametrize("url", list(URLS))
def test_no_bad_query_parameter_is_a_server_error(client, url, en_locale):
    article = NewsArticlePage.objects.live().filter(locale=en_locale).first()
    path = url.format(article=article.url, page=article.pk)
    failures = []
    for query in fuzz_queries(URLS[url]):
        response = client.get(f"{path}?{query}")
        if not (response.status_code == 200 or 300 <= response.status_code < 500):
            failures.append((query[:40], response.status_code))
    assert not failures, failures
