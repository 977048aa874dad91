"""serving/tree.py (children by a range of paths) and serving/paging.py (key windows, read
from the nearer end): the same rows as treebeard's filters and Django's slices."""

import pytest
from wagtail.models import Page

from newsroom.models import NewsIndexPage
from serving.paging import WindowPaginator, window
from serving.tree import children_of, children_q, descendants_q, next_prefix

pytestmark = pytest.mark.django_db


def test_next_prefix_carries_over_the_alphabet():
    assert next_prefix("0001") == "0002"
    assert next_prefix("000Z") == "001"
    assert next_prefix("00019") == "0001A"
    assert next_prefix("ZZZZ") is None


def test_ranges_select_what_treebeard_selects():
    for page in Page.objects.filter(depth__lte=3):
        assert set(Page.objects.filter(children_q(page))) == set(page.get_children())
        assert set(Page.objects.filter(descendants_q(page.path))) == set(
            Page.objects.descendant_of(page, inclusive=True)
        )
        assert set(children_of(page, Page.objects.all())) == set(page.get_children())


@pytest.mark.parametrize("ordering", [("path",), ("-first_published_at", "-pk")])
def test_windows_from_either_end_are_the_slices(ordering):
    pages = Page.objects.order_by(*ordering)
    expected = list(pages.values_list("pk", flat=True))
    total = len(expected)
    assert total >= 6
    windows = [(0, 3), (1, total - 1), (total - 3, total), (total - 2, total + 5)]
    for start, stop in [*windows, (total, total + 5), (total + 100, total + 120)]:
        got = [page.pk for page in window(pages, start, stop, total)]
        assert got == expected[start:stop], (start, stop)


@pytest.mark.parametrize("code", ["en", "ka"])
def test_the_last_page_is_the_last_article(code):
    articles = NewsIndexPage.objects.get(locale__language_code=code).articles()
    expected = list(articles.values_list("pk", flat=True))
    paginator = WindowPaginator(articles, 1)
    assert [page.pk for page in paginator.page(paginator.num_pages)] == expected[-1:]
    assert [page.pk for page in paginator.page(1)] == expected[:1]
