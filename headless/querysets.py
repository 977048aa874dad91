"""The pages the public API may show, and one page of them as its own type, in few queries."""

import functools
import operator

from django.db.models import Exists, Subquery
from django.db.models.expressions import Col, ResolvedOuterRef
from django.db.models.sql import Query
from django.db.models.sql.where import WhereNode
from django.http import Http404
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Page, Site

from serving.per_request import restricted_paths, site_tree_paths
from serving.prepared import PreparedQuery
from serving.specific import (
    as_specific,
    known_type,
    own_relations,
    remember_type,
    with_specific_by_id,
)
from serving.tree import descendants_q, next_prefix, range_q


def public_pages(request, model=Page):
    """Wagtail's `get_public_pages_queryset`: live pages of the request's site, in every
    language, outside restricted sections.

    Wagtail reads every view restriction on each call to test it against the request; when
    the site has none (read once per request, shared with every `public()` listing), there
    is nothing to test, and this builds the same queryset without that query. It also
    finds each language's tree (the tree paths of the site's root page and of its
    translations) among the sites read once per request, where Wagtail queries the
    translations. With any restriction, Wagtail's own function runs. Raises ValueError for
    an ambiguous `?site=`, as Wagtail's does.
    """
    roots = public_roots(request)
    if roots is None:
        return get_public_pages_queryset(request, model)
    queryset = model._default_manager.all().live()
    if not roots:
        return queryset.none()
    # Wagtail's `descendant_of(root, inclusive=True)` for each language's root, as ranges of
    # the tree path (serving/tree.py): newsroom/0005's index holds `path` right after the
    # type and language, so a range is read from it, where a `LIKE` on `path` or `url_path`
    # is tested row by row (at 10,000 articles: the listing's count of one language, 1.4 ms
    # on SQLite, takes less than half of that).
    return queryset.filter(functools.reduce(operator.or_, map(descendants_q, roots)))


def public_roots(request):
    """The tree paths of the request's site's root page in each language, below which
    `public_pages` lie; [] for no site (no page is public); None where Wagtail's own function
    must answer: a view restriction to test, or a search (the search backends filter only
    on indexed fields, `path` alone, not its ranges). Raises ValueError for an ambiguous
    `?site=`."""
    if restricted_paths() or "search" in request.GET:
        return None
    site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
    if not site:
        return []
    return site_tree_paths(site.pk) or None


def public_page_with_id(model, pk, lowers, uppers):
    """The live page `pk` of `model` in one of the trees from `lowers` up to `uppers`."""
    ranges = (range_q(lower, upper) for lower, upper in zip(lowers, uppers, strict=True))
    queryset = model._default_manager.live().filter(functools.reduce(operator.or_, ranges), pk=pk)
    return queryset.order_by()


# One prepared query per page model (serving/prepared.py).
PUBLIC_PAGE_WITH_ID = {}


def public_page(request, pk):
    """`specific_page(public_pages(request), pk)`: the public page `pk` as its own type.

    Once a fetch has shown the page's type (serving/specific.py), and with no view
    restriction to test, from SQL prepared once per type (serving/prepared.py): building
    and compiling the query with its joins cost Django 2 ms of an API detail's 10, where
    SQLite runs it in a tenth of one. Otherwise, and where the prepared query finds
    nothing (the page is gone, or the type hint is wrong), `specific_page`.
    """
    model = known_type(pk)
    roots = public_roots(request) if model is not None else None
    if roots:
        if model not in PUBLIC_PAGE_WITH_ID:
            PUBLIC_PAGE_WITH_ID[model] = PreparedQuery(
                functools.partial(public_page_with_id, model)
            )
        found = PUBLIC_PAGE_WITH_ID[model].instances(
            model, own_relations(model), pk=pk, lowers=roots, uppers=list(map(next_prefix, roots))
        )
        if found:
            return found[0]
    return specific_page(public_pages(request), pk)


def in_some_site(url_path):
    """Whether a page at `url_path` is inside a site's tree (in some language), from Wagtail's
    cached site root paths: a site's root page has its parent outside, where no public
    queryset looks."""
    return any(url_path.startswith(root.root_path) for root in Site.get_site_root_paths())


# What meta.parent shows of a page's parent (id, type, detail_url, html_url, title), in v2
# and v3, is read from these columns; the page's thirty cost Django a third more to fetch.
PARENT_SUMMARY_COLUMNS = (
    "id",
    "title",
    "content_type_id",
    "url_path",
    "path",
    "depth",
    "locale_id",
)


def parent_url_path(page):
    """The url_path of the page's parent ('/home/news/' -> '/home/')."""
    return page.url_path.rstrip("/").rsplit("/", 1)[0] + "/"


def specific_page(queryset, pk):
    """The page `pk` of `queryset`, as its own type, in one query; Http404 if absent."""
    if queryset.model is Page:
        found = with_specific_by_id(queryset, int(pk)).first()
        page = found and as_specific(found)
        if page is not None:
            remember_type(page)
    else:
        page = queryset.select_related("locale").filter(pk=pk).first()
    if page is None:
        raise Http404
    return page


def count_pages(queryset):
    """`queryset.count()`; for a page type's queryset filtered on page columns only, counted
    on the page table alone.

    Django counts a page type's rows through the join of its table with Wagtail's page table,
    a lookup in the type's table for each page counted, although every filter is on the page
    table (live, site, language, page type: served by newsroom/0005's index alone) and a
    page of the type has its row there. Counting the same filters on the page table alone
    halves the count of 10,000 articles. Any filter on the type's own columns, a join or a
    subquery keeps Django's count.
    """
    query = queryset.query
    model = queryset.model
    if (
        not issubclass(model, Page)
        or model is Page
        or query.distinct
        or query.combinator
        or query.is_sliced
        or query.annotations
        or query.extra
        or query.group_by is not None
    ):
        return queryset.count()
    if not on_page_table(query.where):
        return queryset.count()
    pages = Page.objects.all()
    pages.query.where = query.where.clone()  # the queryset's own filters
    # Its type stated here too, whatever the filters say: the pages that have a row in the
    # type's table are those of its content type or a subclass's.
    return pages.type(model).count()


def on_page_table(node):
    """Whether a WHERE clause (or a part of it) reads the page table's columns only: no other
    table's column, no subquery."""
    if isinstance(node, WhereNode):
        return all(on_page_table(child) for child in node.children)
    if isinstance(node, Subquery | Exists | ResolvedOuterRef | Query):
        return False
    if isinstance(node, Col):
        return node.alias == Page._meta.db_table
    if hasattr(node, "get_source_expressions"):
        return all(on_page_table(source) for source in node.get_source_expressions() if source)
    return True  # a value
