"""A page and its specific row in one query.

Wagtail makes a page specific with a second query (`page.specific`), or two for a queryset
(`.specific()`). Every page model here is a direct subclass of `Page`, whose row Django can
join from the page's own (`select_related("<model name>")`, multi-table inheritance), so one
query brings the page as its own type, with whatever its model lists in
`serve_select_related` (a featured image, say). Deeper subclasses fall back to Wagtail.

Where the page's depth in the tree is known (a path's number of segments), only the models
that may stand at that depth (by their `parent_page_types`) are joined: building and compiling
a query costs Django time per joined column, more than SQLite takes to run it. A page at a
depth its model's rules do not allow (made outside the admin) is still found, and made
specific by Wagtail's second query.
"""

import functools

from wagtail.models import Page, get_page_models


def own_relations(model):
    """The foreign keys a page of `model` is fetched with: its locale and what the model
    lists in `serve_select_related`."""
    return ["locale", *getattr(model, "serve_select_related", ())]


def _relations(model):
    name = model._meta.model_name
    return [name] + [f"{name}__{field}" for field in getattr(model, "serve_select_related", ())]


@functools.cache
def joinable_models():
    """Page models whose row can be joined from the page's (direct subclasses of `Page`)."""
    return tuple(model for model in get_page_models() if list(model._meta.parents) == [Page])


@functools.cache
def specific_relations(depth=None):
    """select_related() names that bring each page type's own row along with the page: every
    joinable type's, or those that may stand at `depth` (the tree's root is at depth 1)."""
    models = joinable_models()
    if depth is not None:
        models = [model for model in models if model in models_at_depth(depth)]
    return tuple(name for model in models for name in _relations(model))


@functools.cache
def models_at_depth(depth):
    """The page models whose `parent_page_types` allow them at `depth` (Wagtail's rule: a
    model may stand under a parent of exactly one of those types), below the tree's root
    (a plain `Page` at depth 1) and only through types an editor can create."""
    if depth <= 1:
        return (Page,)
    parents = models_at_depth(depth - 1)
    return tuple(
        model
        for model in get_page_models()
        if model.is_creatable
        and any(parent in model.allowed_parent_page_models() for parent in parents)
    )


def with_specific(queryset, depth=None):
    """The queryset (of `Page`), joining each page's specific row and its locale; with a
    `depth`, only the rows of the types that may stand there."""
    return queryset.select_related("locale", *specific_relations(depth))


# The type each page turned out to be, by id, per process. A page's type is fixed when it is
# made (Wagtail cannot change it), so a page fetched again by id needs its own type's row
# alone: joining every type's costs Django most of a detail's page query (2.1 against 1.3 ms
# for an article). Only a hint: were it wrong (an id reused, as SQLite's are after a test's
# rollback), the page's own row is missing, and `as_specific` falls back to Wagtail's query.
KNOWN_TYPES = {}
KNOWN_TYPES_MAX = 20_000  # ids; then the map starts again


def known_type(pk):
    """The page model a fetch has shown page `pk` to be (`remember_type`), if it is one whose
    row can be joined; else None. Only a hint (see KNOWN_TYPES)."""
    model = KNOWN_TYPES.get(pk)
    return model if model in joinable_models() else None


def with_specific_by_id(queryset, pk):
    """`with_specific(queryset.filter(pk=pk))`, joining only the row of the page's own type
    once a fetch has shown it (`remember_type`)."""
    model = known_type(pk)
    queryset = queryset.filter(pk=pk)
    if model is None:
        return with_specific(queryset)
    return queryset.select_related("locale", *_relations(model))


def remember_type(page):
    """Note the specific page's type for `with_specific_by_id`."""
    if len(KNOWN_TYPES) >= KNOWN_TYPES_MAX:
        KNOWN_TYPES.clear()
    KNOWN_TYPES[page.pk] = type(page)


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
