"""A page of a long, ordered listing without sorting every row's full width.

`queryset[9990:10000]` makes the database sort every matching row, all columns, to skip
9,990 of them. `window()` asks first for the primary keys of the wanted rows (an index on the
ordering serves it: newsroom's `date, id`), then for those rows, in one statement:
`... WHERE id IN (SELECT id ... ORDER BY ... LIMIT 10 OFFSET 9990) ORDER BY ...`.

An OFFSET still walks every row it skips. Where the total is known and the window lies in the
second half, `window()` walks from the other end instead (the same keys, in the reversed
order, at the smaller offset): the last page of 10,000 articles skips none, the middle one
is the farthest from both ends.
"""

from django.core.paginator import Paginator


def window(queryset, start, stop, total=None):
    """`queryset[start:stop]`, in the same order, selected by primary key in a subquery;
    from the end of the ordering when `total` (the number of rows) says that is nearer."""
    if total is not None and start >= total:
        return queryset.none()  # past the end (an API offset beyond the count)
    if total is not None and start > total - stop and queryset.ordered:
        keys = queryset.reverse().values("pk")[max(0, total - stop) : total - start]
    else:
        keys = queryset.values("pk")[start:stop]
    return queryset.filter(pk__in=keys)


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
