"""`manage.py benchmark` prints its table for every main page and API call. Its figures are
for people comparing runs; this test checks only that each row answered 200 and how many
queries it took, never a time."""

from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from home.management.commands.benchmark import comparison_row

pytestmark = pytest.mark.django_db

# The most queries any one page or API call of the demo site may make (the home page, with
# its menu, featured pages, latest news and translations, makes 37).
QUERY_BUDGET = 50


def test_every_benchmarked_request_answers_within_the_query_budget():
    out = StringIO()
    call_command("benchmark", requests=1, warmup=0, stdout=out)
    lines = out.getvalue().splitlines()
    header = [cell.strip() for cell in lines[1].split("|")]
    assert header == ["request", "status", "queries", "p50 ms", "p95 ms", "max ms", "req/s"]
    rows = [[cell.strip() for cell in line.split("|")] for line in lines[3:]]
    labels = [row[0] for row in rows]
    for language in ("en", "ka"):
        for kind in ("home", "mission page", "news index", "article", "search", "RSS feed"):
            assert f"{language} {kind}" in labels
    assert "sitemap.xml" in labels and "API v3 OpenAPI" in labels
    for label, status, queries, *_times in rows:
        assert status == "200", label
        assert int(queries) <= QUERY_BUDGET, (label, queries)


def test_bad_arguments_are_refused():
    with pytest.raises(CommandError):
        call_command("benchmark", requests=0, stdout=StringIO())


def test_a_comparison_row_gives_both_medians_and_their_ratio():
    here = [(200, 10.0, [10.0, 12.0]), (200, 10.0, [11.0])]
    there = [(200, 10.0, [20.0, 24.0]), (200, 10.0, [22.0])]
    assert comparison_row("en home", here, there) == [
        "en home", "10", "11.0", "10", "22.0", "2.00x",
    ]  # fmt: skip
    assert comparison_row("sitemap", here, [None] * 2)[3:] == ["-", "-", "-"]
    failed = [(404, 3.0, [1.0])]
    assert comparison_row("v3", failed, there)[0] == "v3 (status 200/404)"
