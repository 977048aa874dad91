"""Item 5 of the editor's day: an embed whose provider cannot be reached does not block work.
No network: the embed finders are replaced (tests/editing.py)."""

import re

import pytest
from django.urls import reverse

from home.models import MissionPage

from .editing import EMBED_URL, make_user, page_form_data, reachable_embeds, unreachable_embeds

pytestmark = pytest.mark.django_db


@pytest.fixture
def admin_client(client):
    client.force_login(make_user("embed-admin", superuser=True))
    return client


@pytest.fixture
def mission(en_home):
    return MissionPage.objects.filter(locale=en_home.locale).live().first()


def edit(client, page, **extra):
    data = page_form_data(MissionPage, page, title="With an embed", slug=page.slug, **extra)
    return client.post(reverse("wagtailadmin_pages:edit", args=[page.pk]), data, follow=True)


def test_a_draft_with_an_unreachable_embed_saves_with_a_warning_on_the_block(admin_client, mission):
    with unreachable_embeds():
        response = edit(admin_client, mission)
    assert response.status_code == 200
    assert response.redirect_chain[-1][0] == reverse("wagtailadmin_pages:edit", args=[mission.pk])
    mission.refresh_from_db()
    draft = mission.get_latest_revision_as_object()
    assert draft.title == "With an embed"
    embeds = [block for block in draft.body if block.block_type == "embed"]
    assert [block.value.url for block in embeds] == [EMBED_URL]
    # The warning is tagged with that block's id (the editor's script puts it inside the
    # block, tests/test_editor_browser.py sees it there); no page-level message instead.
    html = response.content.decode()
    warnings = re.findall(r'data-block-warning="([^"]+)">(.*?)</p>', html, re.S)
    assert [block_id for block_id, _ in warnings] == [embeds[0].id]
    assert f"No embed can be fetched for {EMBED_URL}. The draft is saved" in warnings[0][1]
    assert "home/embed_warnings.js" in html
    assert not [str(m) for m in response.context["messages"] if EMBED_URL in str(m)]


def test_no_warning_for_an_embed_that_can_be_fetched(admin_client, mission):
    with reachable_embeds():
        response = edit(admin_client, mission)
    assert "data-block-warning" not in response.content.decode()


def test_publishing_names_the_embed_block_that_is_wrong(admin_client, mission):
    with unreachable_embeds():
        response = edit(admin_client, mission, **{"action-publish": "action-publish"})
    html = response.content.decode()
    assert "The page could not be" in html
    assert f"No embed can be fetched for {EMBED_URL}" in html
    mission.refresh_from_db()
    assert mission.title != "With an embed"


def test_publishing_with_a_reachable_embed_shows_the_player(admin_client, mission, client):
    with reachable_embeds():
        edit(admin_client, mission, **{"action-publish": "action-publish"})
        mission.refresh_from_db()
        assert mission.title == "With an embed"
        html = client.get(mission.url).content.decode()
    assert f'<iframe title="A video" src="{EMBED_URL}">' in html


def test_the_public_page_links_to_an_embed_that_cannot_be_fetched(admin_client, mission, client):
    with reachable_embeds():
        edit(admin_client, mission, **{"action-publish": "action-publish"})
    # Later the provider is gone, and nothing was cached.
    from wagtail.embeds.models import Embed

    Embed.objects.all().delete()
    admin_client.logout()
    with unreachable_embeds():
        html = client.get(mission.url).content.decode()
    assert f'<a href="{EMBED_URL}">{EMBED_URL}</a>' in html
