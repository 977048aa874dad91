"""Wagtail 8's v3 page read schemas, extended through its own hooks (`read_generator`,
`registry`): run from `HeadlessConfig.ready()`, before Wagtail's v3 routers are imported
(they build their unions from these schemas).

What Wagtail 8 lacks and this adds:
- StreamField bodies typed as a union of their block types, not `list[Any]` (pitfall 9),
  serialized with the page's own language active (pitfall 6);
- `meta.alternates` and `meta.html_path` on every page, as in v2;
- a top-level `type` (the page type's label), the discriminator of the page union, since
  generators ignore Wagtail's nested `meta.type`.
"""

from typing import Any, Literal

from django.utils import translation
from ninja import Schema
from pydantic.fields import FieldInfo
from wagtail.api.v3.registry import registry
from wagtail.api.v3.schemas import PageMetaSchema, PageSchema
from wagtail.api.v3.schemas.generators.read import read_generator
from wagtail.fields import StreamField
from wagtail.models import Page, get_page_models

from serving.prepared import PreparedQuery

from .alternates import fetch_alternates, html_path
from .querysets import PARENT_SUMMARY_COLUMNS
from .schema import SchemaRegistry

# The block schemas the v3 document refers to, filled as the read schemas are built and
# merged into the document's components (headless/v3_document.py).
block_schemas = SchemaRegistry()
# Pydantic follows every "$ref" in a field's extra schema and fails on one it did not make;
# the references go in under this key, and the document adapter turns them back.
COMPONENT_REF = "x-component-ref"


def hide_refs(node):
    if isinstance(node, dict):
        return {(COMPONENT_REF if k == "$ref" else k): hide_refs(v) for k, v in node.items()}
    if isinstance(node, list):
        return [hide_refs(v) for v in node]
    return node


def typed_streamfield_schema(generator, field):
    field_name = field.name

    def resolve(obj, context):
        value = getattr(obj, field_name)
        with translation.override(obj.locale.language_code):
            return value.stream_block.get_api_representation(value, context)

    # The annotation stays permissive (the blocks shape the data); the OpenAPI document
    # gets the typed union, its block schemas as named components.
    schema = hide_refs(block_schemas.stream_schema(field.stream_block))
    return list[Any], FieldInfo(default=[], json_schema_extra=schema), staticmethod(resolve)


def page_at_path(path):
    return Page.objects.filter(path=path).order_by()


PAGE_AT_PATH = PreparedQuery(page_at_path)
# `Model.from_db` takes a subset of the columns in the model's order.
PARENT_COLUMNS = tuple(
    field.attname for field in Page._meta.concrete_fields if field.attname in PARENT_SUMMARY_COLUMNS
)


class AlternateSchema(Schema):
    locale: str
    id: int
    title: str
    html_url: str | None = None
    html_path: str | None = None


class HeadlessPageMetaSchema(PageMetaSchema):
    html_path: str | None = None
    alternates: list[AlternateSchema] = []

    @staticmethod
    def resolve_html_path(obj, context):
        return html_path(obj)

    @staticmethod
    def resolve_alternates(obj, context):
        return fetch_alternates([obj]).get(obj.pk, [])

    @staticmethod
    def resolve_parent(obj, context):
        # Wagtail's `obj.get_parent()` (any parent, public or not, as Wagtail shows it), with
        # only the columns the parent's summary reads, from prepared SQL.
        if obj.depth <= 1:
            return None
        (row,) = PAGE_AT_PATH.values_list(PARENT_COLUMNS, path=obj.path[: -Page.steplen])
        return Page.from_db("default", PARENT_COLUMNS, row)


class HeadlessPageSchema(PageSchema):
    meta: HeadlessPageMetaSchema


def with_type(schema, model):
    """`schema` with a constant top-level `type`. Added to the generated schema, not its
    base: ninja caches the intermediate classes Wagtail's generator makes by name."""
    label = model._meta.label
    return type(schema)(
        schema.__name__,
        (schema,),
        {
            "__annotations__": {"type": Literal[label]},
            "__module__": __name__,
            "resolve_type": staticmethod(lambda obj, context: obj.specific_class._meta.label),
        },
    )


def install():
    read_generator.register_field_schema(StreamField, typed_streamfield_schema)
    for model in get_page_models():
        registration = registry.get(model._meta.label)
        if registration is not None:
            schema = read_generator.generate_schema(model, base_class=HeadlessPageSchema)
            registration.read_schema = with_type(schema, model)
