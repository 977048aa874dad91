"""JSON Schemas for StreamField bodies: one schema per block type, a typed union per stream.

Wagtail's v3 OpenAPI types every StreamField as `list[Any]` and v2 has no OpenAPI at all;
both documents use these schemas instead. They describe what the blocks'
`get_api_representation` returns (home/blocks.py, newsroom/blocks.py), and the tests validate
real responses against them.
"""

from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock

from .alternates import ALTERNATE_SCHEMA

NULLABLE_STRING = {"type": ["string", "null"]}
NULLABLE_INTEGER = {"type": ["integer", "null"]}

RENDITION_SCHEMA = {
    "type": "object",
    "properties": {
        "url": {"type": "string"},
        "width": {"type": "integer"},
        "height": {"type": "integer"},
    },
    "required": ["url", "width", "height"],
}

PAGE_LINK_SCHEMA = {
    "type": ["object", "null"],
    "properties": {
        "id": {"type": "integer"},
        "title": {"type": "string"},
        "locale": {"type": "string"},
        "html_url": NULLABLE_STRING,
    },
    "required": ["id", "title", "locale", "html_url"],
}


def _object(properties, required=None):
    return {
        "type": "object",
        "properties": properties,
        "required": list(properties) if required is None else required,
        "additionalProperties": False,
    }


def image_value_schema():
    from .representations import IMAGE_RENDITIONS

    return _object(
        {
            "id": NULLABLE_INTEGER,
            "title": {"type": "string"},
            "alt": {"type": "string"},
            "caption": {"type": "string"},
            "width": NULLABLE_INTEGER,
            "height": NULLABLE_INTEGER,
            "renditions": {
                "type": "object",
                "properties": {name: RENDITION_SCHEMA for name in IMAGE_RENDITIONS},
                "additionalProperties": False,
            },
        }
    )


def custom_value_schema(block):
    """Schemas for blocks whose API representation is not Wagtail's default."""
    from home.blocks import (
        CallToActionBlock,
        CaptionedImageBlock,
        LatestNewsBlock,
        LinkCardBlock,
    )
    from newsroom.blocks import DocumentLinkBlock

    if isinstance(block, CaptionedImageBlock):
        return image_value_schema()
    if isinstance(block, DocumentLinkBlock):
        return _object(
            {
                "id": NULLABLE_INTEGER,
                "title": {"type": "string"},
                "url": NULLABLE_STRING,
                "file_extension": {"type": "string"},
            }
        )
    if isinstance(block, LinkCardBlock):
        return _object(
            {"page": PAGE_LINK_SCHEMA, "title": {"type": "string"}, "text": {"type": "string"}}
        )
    if isinstance(block, CallToActionBlock):
        return _object(
            {
                "title": {"type": "string"},
                "text": {"type": "string"},
                "button_label": {"type": "string"},
                "page": PAGE_LINK_SCHEMA,
                "url": {"type": "string"},
            }
        )
    if isinstance(block, LatestNewsBlock):
        article = {
            "type": "object",
            "properties": {**ALTERNATE_SCHEMA["properties"], "date": {"type": "string"}},
            "required": [*ALTERNATE_SCHEMA["required"], "date"],
        }
        return _object(
            {
                "heading": {"type": "string"},
                "count": NULLABLE_INTEGER,
                "articles": {"type": "array", "items": article},
            }
        )
    return None


def value_schema(block):
    """The JSON Schema of `block.get_api_representation(value)`."""
    custom = custom_value_schema(block)
    if custom is not None:
        return custom
    if isinstance(block, blocks.StreamBlock):
        return stream_schema(block)
    if isinstance(block, blocks.StructBlock):
        return _object({name: value_schema(child) for name, child in block.child_blocks.items()})
    if isinstance(block, blocks.ListBlock):
        return {"type": "array", "items": value_schema(block.child_block)}
    if isinstance(block, blocks.RichTextBlock):
        return {"type": "string", "contentMediaType": "text/html"}
    if isinstance(block, EmbedBlock):
        return {"type": ["string", "null"], "description": "The embedded media's URL."}
    if isinstance(block, (ImageChooserBlock, DocumentChooserBlock, blocks.PageChooserBlock)):
        return NULLABLE_INTEGER
    if isinstance(block, blocks.ChoiceBlock):
        choices = [str(value) for value, _label in block.field.choices if value != ""]
        return {"type": ["string", "null"], "enum": [*choices, "", None]}
    if isinstance(block, blocks.IntegerBlock):
        return NULLABLE_INTEGER
    if isinstance(block, (blocks.FloatBlock, blocks.DecimalBlock)):
        return {"type": ["number", "string", "null"]}
    if isinstance(block, blocks.BooleanBlock):
        return {"type": ["boolean", "null"]}
    if isinstance(block, blocks.FieldBlock):
        return NULLABLE_STRING
    return {}


def block_schema(stream_name, name, child):
    """One stream child: {type, value, id}, titled `<Stream>.<name>`."""
    return {
        "title": f"{stream_name}.{name}",
        "type": "object",
        "properties": {
            "type": {"const": name},
            "value": value_schema(child),
            "id": {"type": "string"},
        },
        "required": ["type", "value", "id"],
        "additionalProperties": False,
    }


def stream_schema(stream_block, components=None):
    """A typed union of the stream's block types.

    With `components` (an OpenAPI components/schemas dict), each block type is registered
    there under its own name and referenced; otherwise the schemas are inline.
    """
    stream_name = type(stream_block).__name__
    members = []
    for name, child in stream_block.child_blocks.items():
        schema = block_schema(stream_name, name, child)
        if components is None:
            members.append(schema)
        else:
            key = f"{stream_name}_{name}"
            components[key] = schema
            members.append({"$ref": f"#/components/schemas/{key}"})
    return {"type": "array", "items": {"oneOf": members}}
