"""The pages the public API may show, and one page of them as its own type, in few queries."""

import functools
import operator

from django.http import Http404
from wagtail.api.querysets import get_public_pages_queryset
from wagtail.api.validators import SiteFilterValidator
from wagtail.models import Page

from serving.per_request import per_request, restricted_paths
from serving.specific import as_specific, with_specific
from serving.tree import descendants_q


def public_pages(request, model=Page):
    """Wagtail's `get_public_pages_queryset`: live pages of the request's site, in every
    language, outside restricted sections.

    Wagtail reads every view restriction on each call to test it against the request; when
    the site has none (read once per request, shared with every `public()` listing), there
    is nothing to test, and this builds the same queryset without that query. With any
    restriction, Wagtail's own function runs. Raises ValueError for an ambiguous `?site=`,
    as Wagtail's does.
    """
    if restricted_paths():
        return get_public_pages_queryset(request, model)
    queryset = model._default_manager.all().live()
    site = SiteFilterValidator(site=request.GET.get("site"), request=request).site_obj
    if not site:
        return queryset.none()
    paths = tree_paths(site.root_page.translation_key)
    return queryset.filter(functools.reduce(operator.or_, map(descendants_q, paths)))


@per_request
def tree_paths(root_translation_key):
    """The paths of a site's root page and of its translations (each language's tree)."""
    return tuple(
        Page.objects.filter(translation_key=root_translation_key).values_list("path", flat=True)
    )


def specific_page(queryset, pk):
    """The page `pk` of `queryset`, as its own type, in one query; Http404 if absent."""
    if queryset.model is Page:
        found = with_specific(queryset.filter(pk=pk)).first()
        page = found and as_specific(found)
    else:
        page = queryset.select_related("locale").filter(pk=pk).first()
    if page is None:
        raise Http404
    return page
