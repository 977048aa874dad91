"""Item 6 of the editor's day: the English editor sees the Georgian side, and the Georgian
tree follows moves, deletions and unpublishing of the English one."""

import pytest
from django.urls import reverse
from wagtail.models import Page

from home.models import MissionPage
from newsroom.models import Topic
from translating.roles import EDITORS

from .editing import make_user

pytestmark = pytest.mark.django_db


@pytest.fixture
def editor(db):
    return make_user("versions-editor", EDITORS)


@pytest.fixture
def editor_client(client, editor):
    client.force_login(editor)
    return client


def mission(slug, locale):
    return MissionPage.objects.get(slug=slug, locale=locale)


def test_status_panel_lists_the_georgian_version_for_an_english_editor(
    editor_client, editor, en_locale, ka_locale
):
    who = MissionPage.objects.filter(locale=en_locale, depth=3).order_by("path").first()
    georgian = who.get_translation(ka_locale)
    assert not georgian.permissions_for_user(editor).can_edit()
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[who.pk])).content.decode()
    assert "No other translations" not in html
    assert "Also in one other language" in html
    assert "data-language-versions" in html
    assert georgian.title in html
    assert f'href="{georgian.url}"' in html
    assert "Live" in html


def test_status_panel_states_draft_and_in_review(editor_client, en_locale, ka_locale):
    who = MissionPage.objects.filter(locale=en_locale, depth=3).order_by("path").first()
    georgian = who.get_translation(ka_locale)
    georgian.unpublish()
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[who.pk])).content.decode()
    assert "Draft, not live" in html
    translator = make_user("versions-translator", "Translators")
    georgian.refresh_from_db()
    from wagtail.models import Workflow

    Workflow.objects.get(name="Georgian review").start(georgian, translator)
    html = editor_client.get(reverse("wagtailadmin_pages:edit", args=[who.pk])).content.decode()
    assert "In review" in html


def test_snippet_status_panel_lists_the_georgian_topic(editor_client, en_locale):
    topic = Topic.objects.filter(locale=en_locale).first()
    url = reverse(topic.snippet_viewset.get_url_name("edit"), args=[topic.pk])
    html = editor_client.get(url).content.decode()
    assert "data-language-versions" in html
    assert topic.get_translation(Topic.objects.exclude(locale=en_locale).first().locale).name in (
        html
    )


def test_moving_an_english_page_moves_its_georgian_version(editor_client, en_locale, ka_locale):
    pages = MissionPage.objects.filter(locale=en_locale, depth=3).order_by("path")
    who, work = pages[0], pages[1]
    child = who.get_children().first().specific
    ka_child = child.get_translation(ka_locale)
    url = reverse("wagtailadmin_pages:move_confirm", args=[child.pk, work.pk])
    confirm = editor_client.get(url).content.decode()
    assert "This will also move one translation" in confirm
    response = editor_client.post(url)
    assert response.status_code == 302
    ka_child.refresh_from_db()
    assert ka_child.get_parent().pk == work.get_translation(ka_locale).pk
    assert Page.find_problems() == ([], [], [], [], [])


def test_unpublishing_an_english_page_says_and_unpublishes_the_georgian(
    editor_client, en_locale, ka_locale
):
    page = MissionPage.objects.filter(locale=en_locale, depth=4).live().first()
    georgian = page.get_translation(ka_locale)
    assert georgian.live
    url = reverse("wagtailadmin_pages:unpublish", args=[page.pk])
    assert "translation" in editor_client.get(url).content.decode()
    editor_client.post(url)
    georgian.refresh_from_db()
    assert not georgian.live
