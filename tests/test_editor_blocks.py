"""Item 4 of the editor's day: every block in the chooser has a description and a rendered
preview; every page type has a description; every StreamField has help text."""

import pytest
from django.urls import reverse
from wagtail.fields import StreamField

from home.models import HomePage, MissionPage
from newsroom.models import NewsArticlePage, NewsIndexPage

from .editing import make_user, unreachable_embeds

pytestmark = pytest.mark.django_db

PAGE_TYPES = [HomePage, MissionPage, NewsIndexPage, NewsArticlePage]


def chooser_blocks():
    """(page type, block name, block) of every block an editor can choose."""
    for model in PAGE_TYPES:
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                for name, block in field.stream_block.child_blocks.items():
                    yield model.__name__, name, block


def test_every_page_type_describes_itself():
    for model in PAGE_TYPES:
        assert str(model.get_page_description()).strip(), model


def test_every_streamfield_has_help_text():
    for model in PAGE_TYPES:
        for field in model._meta.get_fields():
            if isinstance(field, StreamField):
                assert str(field.help_text).strip(), (model, field.name)


def test_every_block_has_a_description_and_a_rendered_preview(client, en_home):
    client.force_login(make_user("blocks-admin", superuser=True))
    seen = []
    with unreachable_embeds():
        for model_name, name, block in chooser_blocks():
            assert str(block.get_description()).strip(), (model_name, name)
            assert block.is_previewable, (model_name, name)
            response = client.get(
                reverse("wagtailadmin_block_preview"), {"id": block.definition_prefix}
            )
            assert response.status_code == 200, (model_name, name)
            html = response.content.decode()
            assert "css/site.css" in html
            assert f"block-{name}" in html
            seen.append(name)
    # Media blocks render their media: an image, a document link, the embed's plain link.
    assert {"image", "embed", "document", "link_cards", "featured_pages"} <= set(seen)


def test_media_block_previews_show_their_media(client):
    client.force_login(make_user("blocks-admin-2", superuser=True))
    blocks = {name: block for _model, name, block in chooser_blocks()}

    def preview(name):
        url = reverse("wagtailadmin_block_preview")
        return client.get(url, {"id": blocks[name].definition_prefix}).content.decode()

    with unreachable_embeds():
        assert '<figure class="image-block">' in preview("image")
        assert 'class="document-link"' in preview("document")
        assert "youtube.com" in preview("embed")
        assert "<a " in preview("link_cards")
