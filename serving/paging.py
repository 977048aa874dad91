"""A page of a long, ordered listing without sorting every row's full width.

`queryset[9990:10000]` makes the database sort every matching row, all columns, to skip
9,990 of them. `window()` asks first for the primary keys of the wanted rows (an index on the
ordering serves it: newsroom's `date, id`), then for those rows, in one statement:
`... WHERE id IN (SELECT id ... ORDER BY ... LIMIT 10 OFFSET 9990) ORDER BY ...`.

An OFFSET still walks every row it skips. Where the total is known and the window lies in the
second half, `window()` walks from the other end instead (the same keys, in the reversed
order, at the smaller offset): the last page of 10,000 articles skips none, the middle one
is the farthest from both ends.

The rows themselves are selected by those keys alone (`rows_by_key()`): repeating the
listing's filters around the keys let SQLite walk the language's whole index in order to
test each row against the twenty keys, instead of looking the twenty up.
"""

from django.core.paginator import Paginator
from django.db.models.query import ModelIterable


def window(queryset, start, stop, total=None):
    """`queryset[start:stop]`, in the same order, selected by primary key in a subquery;
    from the end of the ordering when `total` (the number of rows) says that is nearer."""
    if total is not None and start >= total:
        return queryset.none()  # past the end (an API offset beyond the count)
    if total is not None and start > total - stop and queryset.ordered:
        keys = queryset.reverse().values("pk")[max(0, total - stop) : total - start]
    else:
        keys = queryset.values("pk")[start:stop]
    return rows_by_key(queryset, keys)


def rows_by_key(queryset, keys):
    """`queryset.filter(pk__in=keys)` where `keys` (a subquery of the same queryset) already
    applied its filters: the same rows, order, related rows, prefetches and deferred fields,
    without its filters, so the database looks the keys up by primary key.

    What Django lacks: a copy of a queryset without its WHERE clause. This builds one from
    the model, taking over what shapes the rows; a queryset with anything else (annotations,
    DISTINCT, extra(), values(), specific(), a union) keeps its filters, as before.
    """
    query = queryset.query
    if (
        query.annotations
        or query.distinct
        or query.extra
        or query.extra_order_by
        or query.combinator
        or query.values_select
        or query.group_by is not None
        or query.select_for_update
        or query.is_sliced
        or queryset._iterable_class is not ModelIterable
    ):
        return queryset.filter(pk__in=keys)
    rows = type(queryset)(model=queryset.model, using=queryset.db).filter(pk__in=keys)
    rows.query.select_related = query.select_related
    rows.query.deferred_loading = query.deferred_loading
    rows.query.default_ordering = query.default_ordering
    rows.query.standard_ordering = query.standard_ordering  # reverse()
    if query.order_by:
        rows = rows.order_by(*query.order_by)
    return rows.prefetch_related(*queryset._prefetch_related_lookups)


class WindowPaginator(Paginator):
    """Django's Paginator, each page fetched through `window()`."""

    def page(self, number):
        # As Django's Paginator.page(), with window() for the slice.
        number = self.validate_number(number)
        bottom = (number - 1) * self.per_page
        top = bottom + self.per_page
        if top + self.orphans >= self.count:
            top = self.count
        return self._get_page(window(self.object_list, bottom, top, self.count), number, self)
