"""Discovery of what the content apps declare (headless/declarations.py), as typed schemas.

`headless` never imports a content app: it finds the models that carry an `api_collection`
or `api_filters` through Django's app registry, and builds one pydantic schema per
collection, which v3 serves and both OpenAPI documents describe.
"""

from functools import cache

from django.apps import apps
from django.db import models
from pydantic import create_model
from wagtail.models import get_page_models

PYTHON_TYPES = [
    (models.BooleanField, bool),
    ((models.AutoField, models.IntegerField), int),
    ((models.CharField, models.TextField), str),
]


def python_type(model, name):
    field = model._meta.get_field(name)
    for field_classes, python in PYTHON_TYPES:
        if isinstance(field, field_classes):
            return python | None if field.null else python
    raise TypeError(f"{model.__name__}.{name}: no API type for {type(field).__name__}")


@cache
def collections():
    """{name: (model, declaration, pydantic schema)} for every model with `api_collection`."""
    found = {}
    for model in apps.get_models():
        declaration = getattr(model, "api_collection", None)
        if declaration is None:
            continue
        annotations = {name: (python_type(model, name), ...) for name in declaration.fields}
        annotations.update({name: (python, ...) for name, python in declaration.computed.items()})
        schema_name = declaration.name.title().replace("_", "").rstrip("s")
        schema = create_model(schema_name, __doc__=declaration.description, **annotations)
        found[declaration.name] = (model, declaration, schema)
    return found


def collection_objects(name, locale):
    model, declaration, _schema = collections()[name]
    if declaration.queryset:
        return getattr(model, declaration.queryset)(locale)
    return model.objects.filter(locale=locale)


def collection_data(name, locale):
    """The collection's objects in `locale` as JSON-ready dicts (one dict for a single)."""
    _model, declaration, schema = collections()[name]
    names = [*declaration.fields, *declaration.computed]
    items = [
        schema.model_validate({key: getattr(obj, key) for key in names}).model_dump()
        for obj in collection_objects(name, locale)
    ]
    if declaration.single:
        return items[0] if items else None
    return items


def listing_filters(model):
    """The `APIFilter`s a page model declares (none for the generic Page)."""
    return list(getattr(model, "api_filters", []))


def all_listing_filters():
    """{name: [APIFilter, ...]} over every page model, for documentation."""
    found = {}
    for model in get_page_models():
        for api_filter in listing_filters(model):
            found.setdefault(api_filter.name, []).append((model, api_filter))
    return found
