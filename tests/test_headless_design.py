"""One clean design: `headless` knows no content app and no private Wagtail attribute; the
content apps declare what they expose (blocks their API schema, page models their fields
and filters, snippets their collection); the one adapter to Wagtail's v3 document still
fits the Wagtail installed (this fails when Wagtail changes under it)."""

import ast
from pathlib import Path

import pytest
from wagtail.fields import StreamField
from wagtail.models import get_page_models

from headless import registry
from headless.schema import SchemaRegistry

from .test_dependencies import imports

HEADLESS = Path(__file__).resolve().parent.parent / "headless"
CONTENT_APPS = ("home", "newsroom", "config")


@pytest.mark.parametrize("path", sorted(HEADLESS.glob("*.py")), ids=lambda path: path.name)
def test_headless_imports_no_content_app(path):
    for module, _in_function in imports(path):
        assert module.split(".")[0] not in CONTENT_APPS, f"{path.name} imports {module}"


@pytest.mark.parametrize("path", sorted(HEADLESS.glob("*.py")), ids=lambda path: path.name)
def test_no_import_inside_a_function(path):
    """Only `AppConfig.ready()` imports late: Wagtail's v3 modules need the app registry."""
    late = [module for module, in_function in imports(path) if in_function]
    assert late == ([".", "."] if path.name == "apps.py" else [])  # v3_schemas, v3


@pytest.mark.parametrize("path", sorted(HEADLESS.glob("*.py")), ids=lambda path: path.name)
def test_no_private_wagtail_or_ninja_attribute(path):
    tree = ast.parse(path.read_text())
    private = [
        node.attr
        for node in ast.walk(tree)
        if isinstance(node, ast.Attribute)
        and node.attr.startswith("_")
        and not node.attr.startswith("__")
        # Django documents both: the model options and a model's default manager
        and node.attr not in ("_meta", "_default_manager")
    ]
    allowed = {"_raw_data", "_bound_blocks"}
    assert set(private) <= allowed, f"{path.name}: {private}"


def test_every_block_with_its_own_representation_declares_its_schema():
    """A block that overrides `get_api_representation` declares `get_api_schema` beside it,
    and every block of every body gets a named schema."""
    from wagtail import blocks

    checked = 0
    for model in get_page_models():
        for field in model._meta.get_fields():
            if not isinstance(field, StreamField):
                continue
            pending = list(field.stream_block.child_blocks.values())
            while pending:
                block = pending.pop()
                overrides = "get_api_representation" in vars(type(block)) and type(
                    block
                ).__module__.startswith(("home.", "newsroom."))
                if overrides:
                    assert hasattr(block, "get_api_schema"), type(block).__name__
                    checked += 1
                pending += list(getattr(block, "child_blocks", {}).values())
                if isinstance(block, blocks.ListBlock):
                    pending.append(block.child_block)
    assert checked >= 5  # image, document, link card, call to action, latest news
    registry_ = SchemaRegistry()
    for model in get_page_models():
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                registry_.stream_schema(field.stream_block)
    assert {"QuoteBlock", "ContactBlock", "CaptionedImageBlock"} <= set(registry_.components)


def test_collections_are_discovered_from_the_content_apps():
    found = registry.collections()
    assert set(found) >= {"footer", "topics"}
    model, declaration, _schema = found["topics"]
    assert model._meta.label == "newsroom.Topic"
    assert declaration.computed == {"article_count": int}
    filters = registry.all_listing_filters()
    assert [model._meta.label for model, _f in filters["topic"]] == ["newsroom.NewsArticlePage"]


def test_the_v3_adapter_still_fits_wagtail():
    """What headless/v3_document.py and headless/v3_schemas.py rely on in Wagtail and
    ninja: when one of these fails after an upgrade, check those two modules."""
    import inspect

    from ninja import NinjaAPI
    from wagtail.api.v3.api import api
    from wagtail.api.v3.auth import AllowAnonymous
    from wagtail.api.v3.registry import registry as wagtail_registry
    from wagtail.api.v3.schemas.generators.read import read_generator

    # The public method the adapter wraps, with the keywords it passes on.
    parameters = inspect.signature(NinjaAPI.get_openapi_schema).parameters
    assert {"path_prefix", "path_params"} <= set(parameters)
    assert api.get_openapi_schema.__name__ == "get_openapi_schema"  # ours, installed
    # Wagtail still marks anonymous reads with the scheme the adapter replaces.
    assert AllowAnonymous().openapi_type == "http"
    # The read-schema hooks v3_schemas.py uses.
    assert callable(read_generator.register_field_schema)
    assert callable(read_generator.generate_schema)
    assert wagtail_registry.get("newsroom.NewsArticlePage").read_schema is not None
    # Our read schemas are the ones Wagtail serves: the typed `type` is there.
    schema = wagtail_registry.get("newsroom.NewsArticlePage").read_schema
    assert "type" in schema.model_fields and "body" in schema.model_fields


@pytest.mark.django_db
def test_the_adapted_v3_document_has_no_anonymous_scheme_and_typed_unions(client):
    document = client.get("/api/v3/openapi.json").json()
    assert "AllowAnonymous" not in document["components"]["securitySchemes"]
    detail = document["paths"]["/api/v3/pages/{page_id}/"]["get"]
    union = detail["responses"]["200"]["content"]["application/json"]["schema"]
    assert union["discriminator"]["propertyName"] == "type"
    assert union["discriminator"]["mapping"]["newsroom.NewsArticlePage"].endswith(
        "/NewsArticlePageSchema"
    )
    assert {"400", "404", "503"} <= set(detail["responses"])
    assert {"401", "403"} <= set(document["paths"]["/api/v3/sites/"]["get"]["responses"])
