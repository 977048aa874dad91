"""A page of a long, ordered listing without sorting every row's full width.

`queryset[9990:10000]` makes the database sort every matching row, all columns, to skip
9,990 of them. `window()` asks first for the primary keys of the wanted rows (an index on the
ordering serves it: newsroom's `date, id`), then for those rows, in one statement:
`... WHERE id IN (SELECT id ... ORDER BY ... LIMIT 10 OFFSET 9990) ORDER BY ...`.
"""

from django.core.paginator import Paginator


def window(queryset, start, stop):
    """`queryset[start:stop]`, in the same order, selected by primary key in a subquery."""
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
        return self._get_page(window(self.object_list, bottom, top), number, self)
