"""Fuzzing both OpenAPI documents with schemathesis, all its checks: bounded, deterministic
examples for every public read operation; no 5xx, no response that breaks its documented
schema, no undocumented status code, content type or header. Slow (a few minutes): run by
`make test-slow`."""

import pytest
import schemathesis
from django.core.wsgi import get_wsgi_application
from hypothesis import HealthCheck, given, settings
from schemathesis.specs.openapi.checks import negative_data_rejection, positive_data_acceptance

pytestmark = [pytest.mark.slow, pytest.mark.usefixtures("keep_test_connection")]

EXAMPLES = 25


def read_operations(document_url):
    schema = schemathesis.openapi.from_wsgi(document_url, get_wsgi_application())
    operations = []
    for result in schema.get_all_operations():
        operation = result.ok()
        if operation.method.upper() != "GET":
            continue  # writes need a bearer token; this fuzzes the public read API
        security = operation.definition.raw.get("security")
        if security and not any(
            requirement == {} or "AllowAnonymous" in requirement for requirement in security
        ):
            continue  # needs a bearer token
        operations.append(operation)
    return operations


def fuzz(operation):
    @given(case=operation.as_strategy())
    @settings(
        max_examples=EXAMPLES,
        derandomize=True,
        database=None,
        deadline=None,
        suppress_health_check=list(HealthCheck),
    )
    def run(case):
        response = case.call()
        # Every check schemathesis has, but the two that judge which inputs the server should
        # accept: a well-formed id of no page (`ancestor_of=405`) is a documented 400 here.
        case.validate_response(
            response, excluded_checks=[positive_data_acceptance, negative_data_rejection]
        )

    run()


@pytest.mark.parametrize("document", ["/api/v2/openapi.json", "/api/v3/openapi.json"])
def test_fuzz_read_operations(document):
    operations = read_operations(document)
    paths = {operation.path for operation in operations}
    version = document.split("/")[2]
    assert f"/api/{version}/pages/" in paths or "/pages/" in paths, paths
    assert len(operations) >= 3
    for operation in operations:
        fuzz(operation)


# Every query parameter of every public HTML and API URL, with bad values ------------------

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
}


def fuzz_queries(parameters):
    """Each bad value in each parameter, once alone and once repeated."""
    for name in parameters:
        for value in BAD_VALUES:
            yield f"{name}={value}"
        yield f"{name}=1&{name}=2&{name}=%22"


@pytest.mark.parametrize("url", list(URLS))
def test_no_bad_query_parameter_is_a_server_error(client, url, en_locale):
    from newsroom.models import NewsArticlePage

    article = NewsArticlePage.objects.live().filter(locale=en_locale).first()
    path = url.format(article=article.url, page=article.pk)
    failures = []
    for query in fuzz_queries(URLS[url]):
        response = client.get(f"{path}?{query}")
        if not (response.status_code == 200 or 300 <= response.status_code < 500):
            failures.append((query[:40], response.status_code))
    assert not failures, failures
