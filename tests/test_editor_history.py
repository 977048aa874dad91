"""Item 8 of the editor's day: the demo's first version is offered in History and can be
restored after an edit, as an editor does it (History, "Review this version", the revert
form, Publish)."""

import re

import pytest
from django.urls import reverse
from wagtail.models import Page, PageLogEntry

from home.demo.loader import DemoLoader
from home.models import MissionPage
from translating.roles import EDITORS

from .editing import make_user, page_form_data, stream_form_data

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor_client(client):
    client.force_login(make_user("history-editor", EDITORS))
    return client


@pytest.fixture
def demo_page(en_locale):
    return MissionPage.objects.filter(locale=en_locale, depth=3, hero_image__isnull=False).first()


def revert_links(client, page):
    html = client.get(reverse("wagtailadmin_pages:history", args=[page.pk])).content.decode()
    return re.findall(rf'href="/admin/pages/{page.pk}/revisions/(\d+)/revert/"', html)


def rendered(body):
    """Each block as readers see it; the rich-text editor adds its block keys to paragraphs."""
    return [re.sub(r' data-block-key="[^"]*"', "", str(block.render())) for block in body]


def form_data_of(page, **extra):
    """The revert form's POST as the editor sends it: the revision's content, unchanged."""
    body = MissionPage._meta.get_field("body").stream_block
    data = {
        "title": page.title,
        "slug": page.slug,
        "intro": page.intro,
        "hero_image": str(page.hero_image_id or ""),
        "hero_image_alt": page.hero_image_alt,
        "seo_title": page.seo_title,
        "search_description": page.search_description,
        "comments-TOTAL_FORMS": "0",
        "comments-INITIAL_FORMS": "0",
        "comments-MIN_NUM_FORMS": "0",
        "comments-MAX_NUM_FORMS": "1000",
        **stream_form_data(body, page.body, "body"),
        **extra,
    }
    if page.show_in_menus:
        data["show_in_menus"] = "on"
    return data


def first_revisions_logged_as_edits():
    """Per demo page (both languages), how many edit entries its first revision has."""
    return {
        page.pk: PageLogEntry.objects.filter(
            page=page,
            action="wagtail.edit",
            revision=page.revisions.order_by("created_at", "pk").first(),
            content_changed=True,
        ).count()
        for page in Page.objects.filter(depth__gte=2)
    }


def test_every_demo_page_logs_its_first_revision_as_an_edit():
    logged = first_revisions_logged_as_edits()
    assert len(logged) > 20 and set(logged.values()) == {1}
    # An older demo database (first revisions not logged) is completed by the next run, once.
    PageLogEntry.objects.filter(action="wagtail.edit").delete()
    DemoLoader().log_first_versions()
    DemoLoader().log_first_versions()
    assert first_revisions_logged_as_edits() == logged


def test_an_editor_restores_the_demo_pages_first_version(editor_client, demo_page):
    first = demo_page.revisions.order_by("created_at", "pk").first()
    original = first.as_object()
    assert revert_links(editor_client, demo_page) == []  # nothing older than the current one

    edit_url = reverse("wagtailadmin_pages:edit", args=[demo_page.pk])
    edited = page_form_data(
        MissionPage,
        demo_page,
        full=False,
        title="Edited",
        slug=demo_page.slug,
        **{"action-publish": "1"},
    )
    assert editor_client.post(edit_url, edited).status_code == 302
    demo_page.refresh_from_db()
    assert demo_page.title == "Edited" and not demo_page.body

    assert revert_links(editor_client, demo_page) == [str(first.pk)]
    revert_url = reverse("wagtailadmin_pages:revisions_revert", args=[demo_page.pk, first.pk])
    review = editor_client.get(revert_url)
    assert review.status_code == 200
    html = review.content.decode()
    assert "You are viewing a previous version of this page" in html
    assert f'value="{original.title}"' in html
    assert f'action="{revert_url}"' in html

    response = editor_client.post(revert_url, form_data_of(original, **{"action-publish": "1"}))
    assert response.status_code == 302, response.context["form"].errors
    demo_page.refresh_from_db()
    assert demo_page.live and demo_page.title == original.title
    assert demo_page.intro == original.intro
    assert [(b.block_type, b.id) for b in demo_page.body] == [
        (b.block_type, b.id) for b in original.body
    ]
    assert rendered(demo_page.body) == rendered(original.body)
    assert PageLogEntry.objects.filter(page=demo_page, action="wagtail.revert").exists()
