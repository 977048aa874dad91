"""A page and its specific row in one query.

Wagtail makes a page specific with a second query (`page.specific`), or two for a queryset
(`.specific()`). Every page model here is a direct subclass of `Page`, whose row Django can
join from the page's own (`select_related("<model name>")`, multi-table inheritance), so one
query brings the page as its own type, with whatever its model lists in
`serve_select_related` (a featured image, say). Deeper subclasses fall back to Wagtail.
"""

import functools

from wagtail.models import Page, get_page_models


@functools.cache
def specific_relations():
    """select_related() names that bring each page type's own row along with the page."""
    names = []
    for model in get_page_models():
        if list(model._meta.parents) != [Page]:
            continue  # not a direct subclass: made specific the usual way
        name = model._meta.model_name
        names.append(name)
        names += [f"{name}__{field}" for field in getattr(model, "serve_select_related", ())]
    return tuple(names)


def with_specific(queryset):
    """The queryset (of `Page`), joining each page's specific row and its locale."""
    return queryset.select_related("locale", *specific_relations())


def as_specific(page):
    """The specific page from a page fetched `with_specific` (no query), else `page.specific`."""
    model = page.specific_class
    if model is None:
        return page
    relation = model._meta.model_name
    if relation in specific_relations():
        specific = getattr(page, relation, None)
        if isinstance(specific, model):
            specific.locale = page.locale  # cached, for URLs and the API's meta.locale
            return specific
    return page.specific
