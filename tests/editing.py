"""Helpers for the editor tests: admin users and the form data the page editor submits.

The form data is built with Wagtail's own `wagtail.test.utils.form_data` helpers, so a test
posts exactly what the editor's browser posts: every block of a page type's StreamField, or
only the required fields.
"""

from unittest import mock

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from wagtail.blocks import ChooserBlock, ListBlock, StreamBlock, StructBlock
from wagtail.documents.models import Document
from wagtail.images.models import Image
from wagtail.test.utils.form_data import inline_formset, nested_form_data, rich_text, streamfield

from newsroom.models import Topic

EMBED_URL = "https://www.youtube.com/watch?v=dQw4w9WgXcQ"


def unreachable_embeds():
    """No network in tests: every embed provider is out of reach (no finder accepts a URL)."""
    return mock.patch("wagtail.embeds.embeds.get_finders", return_value=[])


def reachable_embeds():
    """An embed provider that answers every URL with a small player, without the network."""

    class Finder:
        def accept(self, url):
            return True

        def find_embed(self, url, max_width=None, max_height=None):
            return {
                "title": "A video",
                "author_name": "IOM",
                "provider_name": "Video host",
                "type": "video",
                "thumbnail_url": "",
                "width": 480,
                "height": 270,
                "html": f'<iframe title="A video" src="{url}"></iframe>',
            }

    return mock.patch("wagtail.embeds.embeds.get_finders", return_value=[Finder()])


def make_user(username, group_name=None, superuser=False):
    users = get_user_model().objects
    if superuser:
        return users.create_superuser(username, f"{username}@example.org", "x")
    user = users.create_user(username, f"{username}@example.org", "x")
    if group_name:
        user.groups.add(Group.objects.get(name=group_name))
    return user


def demo_image():
    return Image.objects.order_by("pk").first()


def demo_document():
    from django.core.files.base import ContentFile

    document = Document.objects.order_by("pk").first()
    if document is None:
        document = Document(title="Annual report")
        document.file.save("annual-report.pdf", ContentFile(b"%PDF-1.4 test"), save=False)
        document.save()
    return document


def facts():
    return {
        "heading": "IOM in numbers",
        "facts": {
            "count": "1",
            "0": {
                "value": {"figure": "175", "label": "member states"},
                "deleted": "",
                "order": "0",
                "id": "",
            },
        },
    }


def link_cards(page):
    return {
        "heading": "Read more",
        "cards": {
            "count": "1",
            "0": {
                "value": {"page": str(page.pk), "heading": "", "text": ""},
                "deleted": "",
                "order": "0",
                "id": "",
            },
        },
    }


def shared_blocks(link_target):
    image = demo_image()
    return {
        "heading": {"text": "A bad heading", "level": "h2"},
        "paragraph": rich_text("<p>IOM has had a presence in Georgia since 1993.</p>"),
        "quote": {"text": "We rethink the way we operate.", "attribution": "A. Person", "role": ""},
        "image": {"image": str(image.pk), "alt_text": "", "caption": ""},
        "facts": facts(),
        "link_cards": link_cards(link_target),
        "call_to_action": {
            "title": "Take action",
            "text": "",
            "button_label": "Find out how",
            "page": "",
            "url": "https://www.iom.int/",
        },
        "embed": EMBED_URL,
        "contact": {"name": "Joe Lowry", "office": "", "phone": "", "email": ""},
        "document": {"document": str(demo_document().pk), "title": ""},
        "featured_pages": link_cards(link_target),
        "latest_news": {"heading": "Latest news", "count": "3"},
    }


def body(block_types, link_target):
    blocks = shared_blocks(link_target)
    return streamfield([(name, blocks[name]) for name in block_types])


def page_form_data(model, link_target, full=True, **extra):
    """The editor's POST for a new page of `model`: with every block and optional field
    (`full`), or with the required fields only."""
    data = {"title": f"New {model._meta.model_name}", "slug": "", "comments": inline_formset([])}
    name = model._meta.label_lower
    if name == "home.homepage":
        data["hero_title"] = "Welcome"
        blocks = ["featured_pages", "latest_news", "facts", "call_to_action", "paragraph"]
        data["body"] = body(blocks if full else [], link_target)
        if full:
            data["intro"] = "An introduction."
    elif name == "home.missionpage":
        blocks = [
            "heading",
            "paragraph",
            "quote",
            "image",
            "facts",
            "link_cards",
            "call_to_action",
            "embed",
        ]
        data["body"] = body(blocks if full else [], link_target)
        if full:
            data.update(intro="An introduction.", hero_image=str(demo_image().pk))
    elif name == "newsroom.newsindexpage":
        if full:
            data["intro"] = "News."
    elif name == "newsroom.newsarticlepage":
        blocks = ["paragraph", "heading", "quote", "image", "embed", "contact", "document"]
        data.update(
            date="2026-01-15",
            summary="A summary.",
            body=body(blocks if full else ["paragraph"], link_target),
        )
        topics = []
        if full:
            topic = Topic.objects.filter(locale__language_code="en").first()
            topics = [{"topic": str(topic.pk), "id": ""}]
            data.update(dateline="Tbilisi", featured_image=str(demo_image().pk))
        data["article_topics"] = inline_formset(topics)
    data.update(extra)
    return nested_form_data(data)


def stream_form_data(stream_block, value, prefix):
    """The POST fields the browser's StreamField sends for `value`, built from Wagtail's own
    form state of the value (what the page editor draws its blocks from)."""
    data = {}

    def add(block, state, name):
        if isinstance(block, StreamBlock):
            data[f"{name}-count"] = str(len(state))
            for index, child in enumerate(state):
                child_name = f"{name}-{index}"
                data.update(
                    {
                        f"{child_name}-type": child["type"],
                        f"{child_name}-id": child["id"] or "",
                        f"{child_name}-deleted": "",
                        f"{child_name}-order": str(index),
                    }
                )
                add(block.child_blocks[child["type"]], child["value"], f"{child_name}-value")
        elif isinstance(block, ListBlock):
            data[f"{name}-count"] = str(len(state))
            for index, item in enumerate(state):
                data.update(
                    {
                        f"{name}-{index}-id": item["id"] or "",
                        f"{name}-{index}-deleted": "",
                        f"{name}-{index}-order": str(index),
                    }
                )
                add(block.child_block, item["value"], f"{name}-{index}-value")
        elif isinstance(block, StructBlock):
            for child_name, child_block in block.child_blocks.items():
                add(child_block, state.get(child_name), f"{name}-{child_name}")
        elif isinstance(block, ChooserBlock):
            data[name] = str(state["id"]) if state else ""
        else:
            data[name] = "" if state is None else str(state)

    add(stream_block, stream_block.get_form_state(value), prefix)
    return data
