"""Tree filters that the index on `wagtailcore_page.path` serves, on SQLite too.

Treebeard (Wagtail's page tree) selects a page's descendants with `path LIKE 'prefix%'`
(`child_of`, `descendant_of`). SQLite's LIKE ignores case, so its planner cannot use the
case-sensitive unique index on `path` and reads every page of the site instead: 20,000 rows
for each newsroom query with 10,000 articles per language. (PostgreSQL serves LIKE from the
`varchar_pattern_ops` index Django adds.) The same pages are a range of paths: a descendant's
path is the prefix followed by characters of the tree's alphabet, so it sorts from the prefix
up to, not including, the prefix with its last character incremented; both databases read a
range from the index.
"""

from django.db.models import Exists, OuterRef, Q
from wagtail.models import Page


def next_prefix(path):
    """The smallest path after every path that starts with `path`; None when there is none
    (`path` is all the alphabet's last character)."""
    alphabet = Page.alphabet
    digits = list(path)
    for position in reversed(range(len(digits))):
        place = alphabet.index(digits[position])
        if place + 1 < len(alphabet):
            digits[position] = alphabet[place + 1]
            return "".join(digits[: position + 1])
    return None


def descendants_q(path, field="path"):
    """`Q(<field>__startswith=path)` (the page at `path` and all below it), as a range."""
    return range_q(path, next_prefix(path), field)


def range_q(lower, upper, field="path"):
    """Paths from `lower` up to, not including, `upper` (None: no end)."""
    q = Q(**{f"{field}__gte": lower})
    return q & Q(**{f"{field}__lt": upper}) if upper else q


def children_q(page):
    """Treebeard's `child_of(page)` filter, as a range of paths."""
    return descendants_q(page.path) & Q(depth=page.depth + 1)


def children_of(page, queryset):
    """`queryset.child_of(page)` for an ordered listing, as a correlated EXISTS on the page
    table. A plain filter makes the database collect and sort every child (10,000 articles)
    before it can return the newest ten; with EXISTS it walks the listing's own index (an
    article's `date, id`) in order, checks each row by primary key and stops when it has
    enough. Counts and aggregates over all the children are quicker with `children_q`."""
    return queryset.filter(Exists(Page.objects.filter(children_q(page), pk=OuterRef("pk"))))
