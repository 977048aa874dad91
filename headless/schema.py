"""JSON Schemas for StreamField bodies: a named schema per block type, a typed union per stream.

Wagtail's v3 OpenAPI types every StreamField as `list[Any]` and v2 has no OpenAPI at all;
both documents use these schemas instead. A block whose API representation is not
Wagtail's default declares its schema itself, next to its `get_api_representation`
(`get_api_schema()`); the rest follow from the block types. Every object schema is a named
component (`QuoteBlock`, `ArticleStreamBlockQuote`), so client generators give readable,
stable class names, and every body is a `oneOf` with a `discriminator` on `type`.
"""

import re

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.fields import StreamField
from wagtail.images.blocks import ImageChooserBlock
from wagtail.models import get_page_models

from .representations import NULLABLE_INTEGER, NULLABLE_STRING, SHARED_SCHEMAS, ref


def camel(name):
    return "".join(part[:1].upper() + part[1:] for part in re.split(r"[_\W]+", name) if part)


class SchemaRegistry:
    """Collects the named schemas of every block, for one OpenAPI document."""

    def __init__(self):
        self.components = dict(SHARED_SCHEMAS)

    def register(self, name, schema):
        """Register `schema` under `name` (or a longer unique name) and return a $ref."""
        candidate = name
        counter_free = 0
        while candidate in self.components and self.components[candidate] != schema:
            counter_free += 1
            candidate = f"{name}Variant{counter_free}"
        self.components[candidate] = schema
        return ref(candidate)

    def value_schema(self, block, context_name):
        """The JSON Schema of `block.get_api_representation(value)`."""
        declared = getattr(block, "get_api_schema", None)
        if declared is not None:
            return self.register(type(block).__name__, declared())
        if isinstance(block, blocks.StreamBlock):
            return self.stream_schema(block)
        if isinstance(block, blocks.StructBlock):
            name = type(block).__name__
            if name == "StructBlock":
                name = camel(context_name)
            properties = {
                child_name: self.value_schema(child, f"{name}_{child_name}")
                for child_name, child in block.child_blocks.items()
            }
            schema = {
                "type": "object",
                "properties": properties,
                "required": list(properties),
                "additionalProperties": False,
            }
            return self.register(name, schema)
        if isinstance(block, blocks.ListBlock):
            return {"type": "array", "items": self.value_schema(block.child_block, context_name)}
        if isinstance(block, blocks.RichTextBlock):
            return {"type": "string", "contentMediaType": "text/html"}
        if isinstance(block, EmbedBlock):
            return {"type": ["string", "null"], "description": "The embedded media's URL."}
        if isinstance(block, (ImageChooserBlock, DocumentChooserBlock, blocks.PageChooserBlock)):
            return NULLABLE_INTEGER
        if isinstance(block, blocks.ChoiceBlock):
            choices = [str(value) for value, _label in block.field.choices if value != ""]
            return {"type": "string", "enum": [*choices, ""]}
        if isinstance(block, blocks.IntegerBlock):
            return NULLABLE_INTEGER
        if isinstance(block, (blocks.FloatBlock, blocks.DecimalBlock)):
            return {"type": ["number", "string", "null"]}
        if isinstance(block, blocks.BooleanBlock):
            return {"type": ["boolean", "null"]}
        if isinstance(block, blocks.FieldBlock):
            return NULLABLE_STRING
        return {}

    def stream_schema(self, stream_block):
        """A discriminated union of the stream's block types: `[{type, value, id}, ...]`."""
        stream_name = type(stream_block).__name__
        members = []
        mapping = {}
        for name, child in stream_block.child_blocks.items():
            item_name = f"{stream_name}{camel(name)}"
            schema = {
                "type": "object",
                "properties": {
                    "type": {"type": "string", "const": name},
                    "value": self.value_schema(child, item_name + "Value"),
                    "id": {"type": "string"},
                },
                "required": ["type", "value", "id"],
                "additionalProperties": False,
            }
            member = self.register(item_name, schema)
            members.append(member)
            mapping[name] = member["$ref"]
        return {
            "type": "array",
            "items": {
                "oneOf": members,
                "discriminator": {"propertyName": "type", "mapping": mapping},
            },
        }


def page_stream_schemas():
    """{(model, field name): body schema} for every page type, and the components they use."""
    registry = SchemaRegistry()
    streams = {}
    for model in get_page_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                streams[(model, field.name)] = registry.stream_schema(field.stream_block)
    return streams, registry.components
